"""The in/out log of each checkpoint (sổ theo dõi người ra vào): entries, resident lookup,
flags (arrival from a risk area, outsider without a health declaration), the daily summary per
checkpoint and the Excel export. The risk-area list is the `risk_areas` setting."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from greenzone_desktop.exchange.excel_writer import Column, ReportTable, write_report
from greenzone_desktop.idnumbers import normalize_cccd
from greenzone_desktop.models import Checkpoint, GateEntry, HealthStatus, Household, Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.checkpoints import number_key
from greenzone_desktop.services.errors import NotFoundError, ServiceError, ValidationError
from greenzone_desktop.services.print_unit import unit_info
from greenzone_desktop.services.search import find_people
from greenzone_desktop.services.settings import get_setting, set_setting
from greenzone_desktop.services.stats import active_health_clause
from greenzone_desktop.text import TextError, fold, format_date, nfc, normalize_phone
from greenzone_desktop.vocab import CarePlace, HealthKind

CHANGED = Changes(checkpoints=True)
UNDECLARED = "Người ngoài địa bàn chưa khai báo y tế"


def risk_areas(db: Database) -> list[str]:
    """The editable list of areas whose arrivals are flagged (province, district, ward names)."""
    out = []
    for item in get_setting(db, "risk_areas") or []:
        name = item.get("name", "") if isinstance(item, dict) else str(item)
        if nfc(name):
            out.append(nfc(name) or "")
    return out


def set_risk_areas(db: Database, areas: list[str]) -> Changes:
    cleaned = list(dict.fromkeys(a for a in (nfc(x.strip()) for x in areas) if a))
    set_setting(db, "risk_areas", cleaned)
    return Changes(settings=True)


def _words(text: str) -> str:
    """Folded words between spaces: " tp bac giang " (punctuation dropped)."""
    return " " + " ".join(re.split(r"[^0-9a-z]+", fold(text))).strip() + " "


def risk_area_of(place: str, areas: list[str]) -> str | None:
    """The risk area `place` names or lies in ("TP Bắc Giang" is in "Bắc Giang"), if any."""
    key = _words(place)
    if not key.strip():
        return None
    for area in areas:
        a = _words(area)
        if a.strip() and (a in key or (len(key) >= 6 and key in a)):
            return area
    return None


@dataclass(frozen=True)
class ResidentHit:
    person_id: str
    full_name: str
    cccd: str | None
    phone: str | None
    address: str
    birth_text: str

    @property
    def text(self) -> str:
        """What the autocomplete shows: name – birth – CCCD – address."""
        parts = [self.full_name, self.birth_text, self.cccd or "", self.address]
        return " – ".join(p for p in parts if p)


def find_residents(db: Database, query: str, *, limit: int = 12) -> list[ResidentHit]:
    """Residents matching a name, CCCD or phone, for the entry row's autocomplete."""
    if len(fold(query)) < 2:
        return []
    return [ResidentHit(h.person_id, h.full_name, h.cccd, h.phone, h.address, h.birth_text)
            for h in find_people(db, query, limit=limit)]


@dataclass(frozen=True)
class GateEntryInput:
    checkpoint_id: str
    full_name: str
    cccd: str | None = None
    phone: str | None = None
    from_place: str = ""
    to_place: str = ""
    purpose: str = ""
    time_in: datetime | None = None
    time_out: datetime | None = None
    plate: str = ""
    declared: bool = False
    person_id: str | None = None  # a resident picked from the register


@dataclass(frozen=True)
class GateEntryView:
    id: str
    checkpoint_id: str
    person_id: str | None
    full_name: str
    cccd: str | None
    phone: str | None
    from_place: str
    to_place: str
    purpose: str
    time_in: datetime | None
    time_out: datetime | None
    plate: str
    declared: bool
    flagged: bool
    flag_reason: str

    @property
    def resident(self) -> bool:
        return self.person_id is not None


def parse_clock(text: str, day: date) -> datetime | None:
    """"7:30", "07h30", "730" or "" (none) on `day`."""
    raw = (text or "").strip().lower().replace("h", ":").replace(".", ":").rstrip(":")
    if not raw:
        return None
    if ":" not in raw and raw.isdigit():
        raw = f"{raw[:-2] or 0}:{raw[-2:]}" if len(raw) > 2 else raw
    hour, _, minute = raw.partition(":")
    try:
        return datetime.combine(day, time(int(hour), int(minute or 0)))
    except ValueError:
        raise ServiceError(f"Giờ «{text}» không hợp lệ (viết dạng 07:30).") from None


def _resident_by_cccd(db: Database, cccd: str | None) -> str | None:
    if not cccd:
        return None
    with db.session() as s:
        return s.scalar(select(Person.id).where(Person.cccd == cccd, Person.deleted.is_(False)))


def _under_watch(db: Database, person_id: str, day: date) -> str | None:
    """Why a resident should not be passing a checkpoint today: an F0 or F1 period, or a
    quarantine, running on `day` (until it is closed, as everywhere in the register)."""
    kinds = (HealthKind.F0.value, HealthKind.F1.value, HealthKind.QUARANTINE.value)
    with db.session() as s:
        row = s.execute(
            select(HealthStatus.kind, HealthStatus.start_date, HealthStatus.place)
            .where(HealthStatus.person_id == person_id, HealthStatus.kind.in_(kinds),
                   active_health_clause(day))
            .order_by(HealthStatus.start_date.desc())).first()
    if row is None:
        return None
    kind, start, place = row
    where = f", {CarePlace(place).label.lower()}" if place in CarePlace.codes() else ""
    return (f"Đang theo dõi {HealthKind(kind).label}{where} từ {format_date(start)}: "
            "báo ngay Tổ Covid cộng đồng")


def flags_for(db: Database, entry: GateEntryInput, areas: list[str] | None = None) -> list[str]:
    """Why this entry needs attention, shown as soon as it is typed ([] when nothing)."""
    areas = risk_areas(db) if areas is None else areas
    out = []
    area = risk_area_of(entry.from_place, areas)
    if area is not None:
        out.append(f"Đến từ vùng có nguy cơ: {area}")
    person_id = entry.person_id
    if person_id is None:
        try:
            person_id = _resident_by_cccd(db, normalize_cccd(entry.cccd))
        except TextError:
            person_id = None
    if person_id is None and not entry.declared:
        out.append(UNDECLARED)
    if person_id is not None:
        day = (entry.time_in or entry.time_out or datetime.now()).date()
        watch = _under_watch(db, person_id, day)
        if watch:
            out.append(watch)
    return out


def _clean(db: Database, entry: GateEntryInput) -> dict:
    errors: dict[str, str] = {}
    name = nfc(entry.full_name) or ""
    if not name:
        errors["full_name"] = "Chưa nhập họ và tên người ra vào."
    cccd = phone = None
    try:
        cccd = normalize_cccd(entry.cccd)
    except TextError as exc:
        errors["cccd"] = str(exc)
    try:
        phone = normalize_phone(entry.phone)
    except TextError as exc:
        errors["phone"] = str(exc)
    if entry.time_in and entry.time_out and entry.time_out < entry.time_in:
        errors["time_out"] = "Giờ ra phải sau giờ vào."
    if errors:
        raise ValidationError(errors)
    person_id = entry.person_id or _resident_by_cccd(db, cccd)
    flags = flags_for(db, GateEntryInput(**{**entry.__dict__, "person_id": person_id,
                                            "cccd": cccd}))
    return {"checkpoint_id": entry.checkpoint_id, "person_id": person_id, "full_name": name,
            "cccd": cccd, "phone": phone, "from_place": nfc(entry.from_place) or "",
            "to_place": nfc(entry.to_place) or "", "purpose": nfc(entry.purpose) or "",
            "time_in": entry.time_in, "time_out": entry.time_out,
            "plate": (nfc(entry.plate) or "").upper(), "declared": bool(entry.declared),
            "flagged": bool(flags), "flag_reason": "; ".join(flags)}


def _view(e: GateEntry) -> GateEntryView:
    return GateEntryView(e.id, e.checkpoint_id, e.person_id, e.full_name, e.cccd, e.phone,
                         e.from_place, e.to_place, e.purpose, e.time_in, e.time_out, e.plate,
                         e.declared, e.flagged, e.flag_reason)


def save_entry(db: Database, entry: GateEntryInput, entry_id: str | None = None, *,
               now: datetime | None = None) -> GateEntryView:
    """Add a log line (no id; time in defaults to now) or correct one; returns it with its flags."""
    if entry_id is None and entry.time_in is None and entry.time_out is None:
        entry = GateEntryInput(**{**entry.__dict__, "time_in": (now or datetime.now())
                                  .replace(second=0, microsecond=0)})
    values = _clean(db, entry)
    with db.session() as s:
        cp = s.get(Checkpoint, entry.checkpoint_id)
        if cp is None or cp.deleted:
            raise NotFoundError("Không tìm thấy chốt này (có thể đã bị xóa).")
        if entry_id is None:
            row = GateEntry(unit_id=db.home_unit_id, **values)
            s.add(row)
        else:
            row = _entry(s, entry_id)
            for k, v in values.items():
                setattr(row, k, v)
        s.flush()
        return _view(row)


def _entry(s: Session, entry_id: str) -> GateEntry:
    row = s.get(GateEntry, entry_id)
    if row is None or row.deleted:
        raise NotFoundError("Không tìm thấy dòng này trong sổ ra vào.")
    return row


def mark_out(db: Database, entry_id: str, when: datetime | None = None) -> GateEntryView:
    """Note the time someone left (now by default)."""
    when = (when or datetime.now()).replace(second=0, microsecond=0)
    with db.session() as s:
        row = _entry(s, entry_id)
        if row.time_in and when < row.time_in:
            raise ServiceError("Giờ ra phải sau giờ vào.")
        row.time_out = when
        return _view(row)


def delete_entry(db: Database, entry_id: str) -> Changes:
    with db.session() as s:
        _entry(s, entry_id).deleted = True
    return CHANGED


def _day_clause(first: date, last: date):  # noqa: ANN202 - SQLAlchemy clause
    return GateEntry.time_in.between(datetime.combine(first, time()),
                                     datetime.combine(last, time.max))


def entries(db: Database, day: date, checkpoint_id: str | None = None, *,
            last: date | None = None) -> list[GateEntryView]:
    """The log lines of a day (or `day`..`last`), newest first."""
    stmt = (select(GateEntry).where(GateEntry.deleted.is_(False), _day_clause(day, last or day))
            .order_by(GateEntry.time_in.desc(), GateEntry.created_at.desc()))
    if checkpoint_id is not None:
        stmt = stmt.where(GateEntry.checkpoint_id == checkpoint_id)
    with db.session() as s:
        return [_view(e) for e in s.scalars(stmt)]


@dataclass(frozen=True)
class GateSummary:
    checkpoint_id: str
    checkpoint_name: str
    entries: int
    residents: int
    outsiders: int
    still_inside: int  # came in, not yet noted out
    flagged: int
    undeclared: int
    vehicles: int

    @property
    def text(self) -> str:
        return (f"{self.checkpoint_name}: {self.entries} lượt ({self.residents} người trong địa "
                f"bàn, {self.outsiders} người ngoài), {self.flagged} lượt cần chú ý, "
                f"{self.still_inside} lượt chưa ghi giờ ra, {self.vehicles} phương tiện.")


def daily_summary(db: Database, day: date) -> list[GateSummary]:
    """Per checkpoint: the day's entries and those to follow up."""
    with db.session() as s:
        cps = s.execute(select(Checkpoint.id, Checkpoint.name)
                        .where(Checkpoint.deleted.is_(False))).all()
        rows = s.scalars(select(GateEntry).where(GateEntry.deleted.is_(False),
                                                 _day_clause(day, day))).all()
        by: dict[str, list[GateEntry]] = {}
        for e in rows:
            by.setdefault(e.checkpoint_id, []).append(e)
    out = []
    for cid, name in cps:
        mine = by.get(cid, [])
        out.append(GateSummary(
            cid, name, len(mine), sum(e.person_id is not None for e in mine),
            sum(e.person_id is None for e in mine),
            sum(e.time_in is not None and e.time_out is None for e in mine),
            sum(e.flagged for e in mine),
            sum(e.person_id is None and not e.declared for e in mine),
            sum(bool(e.plate) for e in mine)))
    return sorted(out, key=lambda g: number_key(g.checkpoint_name))


EXPORT_COLUMNS = [
    Column("n", "STT", "int", 6), Column("checkpoint", "Chốt", width=16),
    Column("name", "Họ và tên", width=24), Column("cccd", "Số CCCD/CMND", "id"),
    Column("phone", "Số điện thoại", "id", 13), Column("from", "Đi từ", width=20),
    Column("to", "Đến", width=20), Column("purpose", "Mục đích", width=20),
    Column("in", "Giờ vào", "datetime"), Column("out", "Giờ ra", "datetime"),
    Column("plate", "Biển số xe", width=12), Column("declared", "Khai báo y tế", width=10),
    Column("resident", "Trong địa bàn", width=10), Column("flag", "Cần chú ý", width=34),
]


def export_excel(db: Database, out: str | os.PathLike[str], first: date,
                 last: date | None = None, checkpoint_id: str | None = None, *,
                 progress: Callable[[int, int], None] | None = None) -> int:
    """The log of `first`..`last` (one checkpoint or all) as an .xlsx; returns rows written."""
    last = last or first
    rows = sorted(entries(db, first, checkpoint_id, last=last),
                  key=lambda e: (e.time_in or datetime.min))
    with db.session() as s:
        names = dict(s.execute(select(Checkpoint.id, Checkpoint.name)).tuples().all())
    unit = unit_info(db)
    period = format_date(first) if last == first else f"{format_date(first)} – {format_date(last)}"
    where = names.get(checkpoint_id, "") if checkpoint_id else "Tất cả các chốt"
    table = ReportTable(
        title="Sổ theo dõi người ra vào", columns=EXPORT_COLUMNS,
        rows=({"n": n, "checkpoint": names.get(e.checkpoint_id, ""), "name": e.full_name,
               "cccd": e.cccd, "phone": e.phone, "from": e.from_place, "to": e.to_place,
               "purpose": e.purpose, "in": e.time_in, "out": e.time_out, "plate": e.plate,
               "declared": "Có" if e.declared else "Chưa",
               "resident": "Có" if e.resident else "Không", "flag": e.flag_reason}
              for n, e in enumerate(rows, 1)),
        unit_lines=[x for x in (unit.issuing_body, unit.display_name) if x], date=last,
        subtitle=f"{where}, {period}", sheet_name="Sổ ra vào", total_rows=len(rows))
    return write_report(out, table, progress=progress)


def household_address(db: Database, person_id: str) -> str:
    """Where a resident lives, to fill "Đến" when they come home."""
    with db.session() as s:
        row = s.execute(select(Household.address).join(Person, Person.household_id == Household.id)
                        .where(Person.id == person_id)).first()
    return row[0] if row else ""


__all__ = [
    "GateEntryInput", "GateEntryView", "GateSummary", "ResidentHit", "daily_summary",
    "delete_entry", "entries", "export_excel", "find_residents", "flags_for", "mark_out",
    "parse_clock", "risk_area_of", "risk_areas", "save_entry", "set_risk_areas",
    "household_address",
]
