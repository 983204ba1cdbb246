"""Ward mode: each village's last package and who is overdue, consolidated figures across
villages, people registered in two villages (same CCCD), and the ward's Excel report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import and_, func, select

from greenzone_desktop.exchange.excel_writer import Column, ReportTable, write_workbook
from greenzone_desktop.models import (
    Commitment,
    HandoffLog,
    HealthStatus,
    Household,
    Person,
    Vaccination,
    utcnow,
)
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.settings import get_setting
from greenzone_desktop.services.stats import active_health_clause
from greenzone_desktop.services.units import UnitInfo, child_units, home_unit
from greenzone_desktop.text import fold


def _natural(name: str) -> tuple:
    """'Thôn 2' before 'Thôn 10': numbers compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"(\d+)", fold(name)) if part)


def villages(db: Database) -> list[UnitInfo]:
    """The ward's villages in the order people expect (numbers as numbers)."""
    return sorted(child_units(db), key=lambda v: _natural(v.name))


def is_ward(db: Database) -> bool:
    """True for a commune/ward database (it merges its villages' packages)."""
    try:
        return home_unit(db).is_ward
    except ServiceError:
        return False


@dataclass(frozen=True)
class VillageStatus:
    unit_id: str
    name: str
    last_received: datetime | None  # on this PC's clock, when the package was imported
    last_created: datetime | None  # as the village PC said (shown, never used for ordering)
    sequence: int
    packages: int
    rows: int  # rows in the last package
    households: int
    persons: int
    overdue: bool
    days_since: int | None


@dataclass(frozen=True)
class VillageFigures:
    unit_id: str
    name: str
    households: int = 0
    persons: int = 0
    vaccinated: int = 0  # at least one dose
    fully_vaccinated: int = 0
    f0: int = 0
    f1: int = 0
    quarantine: int = 0
    households_signed: int = 0

    @property
    def signed_share(self) -> float:
        return self.households_signed / self.households if self.households else 0.0


@dataclass(frozen=True)
class DuplicateEntry:
    unit_id: str
    village: str
    person_id: str
    full_name: str
    birth_year: int | None
    household_code: str


@dataclass(frozen=True)
class DuplicateCccd:
    cccd: str
    entries: tuple[DuplicateEntry, ...] = field(default_factory=tuple)


def _require_ward(db: Database) -> None:
    if not is_ward(db):
        raise ServiceError("Chức năng này chỉ dùng ở cơ sở dữ liệu của xã/phường.")


def _count_by_unit(s, stmt) -> dict[str, int]:  # noqa: ANN001 - session and select
    return {uid: int(n) for uid, n in s.execute(stmt).all()}


def village_status(db: Database, now: datetime | None = None) -> list[VillageStatus]:
    """Every village of the ward with its last package; overdue after the configured days."""
    _require_ward(db)
    now = now or utcnow()
    days = int(get_setting(db, "handoff_overdue_days") or 7)
    units = villages(db)
    with db.session() as s:
        households = _count_by_unit(s, select(Household.unit_id, func.count())
                                    .where(Household.deleted.is_(False))
                                    .group_by(Household.unit_id))
        persons = _count_by_unit(s, select(Person.unit_id, func.count())
                                 .where(Person.deleted.is_(False)).group_by(Person.unit_id))
        logs: dict[str, list[HandoffLog]] = {}
        for log in s.scalars(select(HandoffLog).where(HandoffLog.direction == "in")
                             .order_by(HandoffLog.logged_at)):
            logs.setdefault(log.peer_unit_id or "", []).append(log)
    out = []
    for v in units:
        got = logs.get(v.id, [])
        last = max(got, key=lambda g: g.sequence) if got else None
        received = max((g.logged_at for g in got), default=None)
        since = (now - received).days if received else None
        rows = sum(sum(c.values()) for c in (last.counts or {}).values()) if last else 0
        out.append(VillageStatus(
            v.id, v.name, received, last.created_at if last else None,
            last.sequence if last else 0, len(got), rows, households.get(v.id, 0),
            persons.get(v.id, 0), overdue=received is None or now - received > timedelta(days),
            days_since=since))
    return out


def ward_figures(db: Database, today: date | None = None) -> list[VillageFigures]:
    """The counts a ward reports, per village (totals: `sum_figures`)."""
    _require_ward(db)
    today = today or date.today()
    full = int(get_setting(db, "full_doses") or 2)
    live_person = and_(Person.deleted.is_(False))
    with db.session() as s:
        households = _count_by_unit(s, select(Household.unit_id, func.count())
                                    .where(Household.deleted.is_(False))
                                    .group_by(Household.unit_id))
        persons = _count_by_unit(s, select(Person.unit_id, func.count()).where(live_person)
                                 .group_by(Person.unit_id))
        doses = (select(Vaccination.person_id, func.count(func.distinct(Vaccination.dose_no))
                        .label("n"))
                 .where(Vaccination.deleted.is_(False)).group_by(Vaccination.person_id)
                 .subquery())
        vacc = _count_by_unit(s, select(Person.unit_id, func.count())
                              .join(doses, doses.c.person_id == Person.id)
                              .where(live_person).group_by(Person.unit_id))
        fully = _count_by_unit(s, select(Person.unit_id, func.count())
                               .join(doses, doses.c.person_id == Person.id)
                               .where(live_person, doses.c.n >= full).group_by(Person.unit_id))
        health: dict[tuple[str, str], int] = {}
        for uid, kind, n in s.execute(
            select(Person.unit_id, HealthStatus.kind, func.count(func.distinct(Person.id)))
            .join(Person, Person.id == HealthStatus.person_id)
            .where(active_health_clause(today), live_person)
            .group_by(Person.unit_id, HealthStatus.kind)
        ):
            health[(uid, kind)] = int(n)
        signed = _count_by_unit(s, select(Household.unit_id,
                                          func.count(func.distinct(Household.id)))
                                .join(Commitment, Commitment.household_id == Household.id)
                                .where(Household.deleted.is_(False),
                                       Commitment.deleted.is_(False),
                                       Commitment.kind == "household")
                                .group_by(Household.unit_id))
    return [
        VillageFigures(
            v.id, v.name, households.get(v.id, 0), persons.get(v.id, 0), vacc.get(v.id, 0),
            fully.get(v.id, 0), health.get((v.id, "F0"), 0), health.get((v.id, "F1"), 0),
            health.get((v.id, "quarantine"), 0), signed.get(v.id, 0))
        for v in villages(db)
    ]


def sum_figures(rows: list[VillageFigures]) -> VillageFigures:
    def total(name: str) -> int:
        return sum(getattr(r, name) for r in rows)

    return VillageFigures("", "Tổng cộng", *(total(n) for n in (
        "households", "persons", "vaccinated", "fully_vaccinated", "f0", "f1", "quarantine",
        "households_signed")))


def duplicate_cccd(db: Database) -> list[DuplicateCccd]:
    """People registered (alive) in two or more villages of the ward with the same CCCD."""
    _require_ward(db)
    names = {v.id: v.name for v in villages(db)}
    with db.session() as s:
        shared = (select(Person.cccd).where(Person.deleted.is_(False), Person.cccd.is_not(None),
                                            Person.cccd != "")
                  .group_by(Person.cccd).having(func.count(func.distinct(Person.unit_id)) > 1))
        rows = s.execute(
            select(Person.cccd, Person.unit_id, Person.id, Person.full_name, Person.birth_year,
                   Household.code)
            .join(Household, Household.id == Person.household_id)
            .where(Person.deleted.is_(False), Person.cccd.in_(shared))
            .order_by(Person.cccd, Person.unit_id)
        ).all()
    found: dict[str, list[DuplicateEntry]] = {}
    for cccd, uid, pid, name, year, code in rows:
        found.setdefault(cccd, []).append(
            DuplicateEntry(uid, names.get(uid, "?"), pid, name, year, code or ""))
    return [DuplicateCccd(c, tuple(e)) for c, e in found.items()]


def _fmt(moment: datetime | None) -> str:
    return moment.strftime("%d/%m/%Y %H:%M") if moment else "chưa nhận gói nào"


def write_ward_report(db: Database, out: str | Path, today: date | None = None) -> Path:
    """The ward's Excel report: figures per village with totals, packages, duplicate CCCDs."""
    _require_ward(db)
    today = today or date.today()
    home = home_unit(db)
    lines = [u.name.upper() for u in (home.province, home.unit) if u]
    figures = ward_figures(db, today)
    status = village_status(db)
    dups = duplicate_cccd(db)
    fig_cols = [Column("name", "Thôn, tổ dân phố"), Column("households", "Số hộ", "int"),
                Column("persons", "Số nhân khẩu", "int"),
                Column("vaccinated", "Đã tiêm ≥ 1 mũi", "int"),
                Column("fully_vaccinated", "Tiêm đủ liều", "int"),
                Column("f0", "F0 đang điều trị", "int"), Column("f1", "F1 đang cách ly", "int"),
                Column("quarantine", "Đang cách ly", "int"),
                Column("households_signed", "Hộ đã ký cam kết", "int"),
                Column("signed_share", "Tỷ lệ hộ ký cam kết", "percent")]
    fig_rows = [{c.key: getattr(f, c.key) for c in fig_cols} for f in figures]
    total = sum_figures(figures)
    totals = {c.key: getattr(total, c.key) for c in fig_cols}
    status_cols = [Column("name", "Thôn, tổ dân phố"), Column("received", "Nhận gói gần nhất"),
                   Column("sequence", "Số thứ tự gói", "int"),
                   Column("packages", "Số gói đã nhận", "int"),
                   Column("rows", "Số dòng gói cuối", "int"), Column("overdue", "Quá hạn")]
    status_rows = [{"name": v.name, "received": _fmt(v.last_received), "sequence": v.sequence,
                    "packages": v.packages, "rows": v.rows,
                    "overdue": "Quá hạn" if v.overdue else ""} for v in status]
    dup_cols = [Column("cccd", "Số CCCD/CMND", "id"), Column("village", "Thôn, tổ dân phố"),
                Column("full_name", "Họ và tên"), Column("birth_year", "Năm sinh", "id"),
                Column("household", "Mã hộ", "id")]
    dup_rows = [{"cccd": d.cccd, "village": e.village, "full_name": e.full_name,
                 "birth_year": str(e.birth_year or ""), "household": e.household_code}
                for d in dups for e in d.entries]
    path = Path(out)
    write_workbook(path, [
        ReportTable("BẢNG TỔNG HỢP SỐ LIỆU CÁC THÔN, TỔ DÂN PHỐ", fig_cols, fig_rows,
                    unit_lines=lines, date=today, totals=totals, sheet_name="Tổng hợp"),
        ReportTable("TÌNH HÌNH NHẬN GÓI DỮ LIỆU TỪ CÁC THÔN", status_cols, status_rows,
                    unit_lines=lines, date=today, sheet_name="Gói dữ liệu"),
        ReportTable("NGƯỜI ĐĂNG KÝ Ở HAI THÔN TRỞ LÊN (TRÙNG SỐ CCCD)", dup_cols, dup_rows,
                    unit_lines=lines, date=today, sheet_name="Trùng CCCD"),
    ])
    return path
