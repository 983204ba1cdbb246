"""Report tables for commitments, the people a testing round has not reached yet, and the
summary the ward asks for (one line per village). Used by `services.exports`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from greenzone_desktop.exchange.excel_writer import Column, ReportTable
from greenzone_desktop.models import (
    Commitment,
    HealthStatus,
    Household,
    Organization,
    Person,
    TestingRound,
    TestResult,
    Unit,
    Vaccination,
)
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.testing import all_settings_in, scope_clauses
from greenzone_desktop.text import format_date
from greenzone_desktop.vocab import (
    CommitmentKind,
    HealthKind,
    OrganizationKind,
    Residency,
    Sex,
)

__all__ = ["commitment_tables", "summary_table", "untested_table"]

_SEX = {s.value: s.label for s in Sex}
_ORG = {k.value: k.label for k in OrganizationKind}
_NOT_SIGNED = "Chưa ký"


def _signed(kind: str, key):  # noqa: ANN001, ANN202 - SQLAlchemy subquery
    """The latest signature per household (or organisation)."""
    return (select(key.label("owner"), func.max(Commitment.signed_on).label("signed_on"),
                   func.max(Commitment.signed_by).label("signed_by"))
            .where(Commitment.deleted.is_(False), Commitment.kind == kind, key.is_not(None))
            .group_by(key).subquery())  # fmt: skip


def commitment_tables(s: Session, units: Sequence[str], today: date) -> list[ReportTable]:
    """Households, then organisations: signed on which day, by whom, or not yet."""
    signed = _signed(CommitmentKind.HOUSEHOLD.value, Commitment.household_id)
    stmt = (select(Household.code, Household.head_name, Household.address, Household.area,
                   signed.c.signed_on, signed.c.signed_by)
            .outerjoin(signed, signed.c.owner == Household.id)
            .where(Household.deleted.is_(False)).order_by(Household.code))  # fmt: skip
    columns = [Column("seq", "STT", width=6), Column("code", "Mã hộ"),
               Column("head", "Họ và tên chủ hộ"), Column("address", "Địa chỉ"),
               Column("area", "Tổ/Thôn"), Column("signed_on", "Ngày ký", "date"),
               Column("signed_by", "Người ký"), Column("state", "Tình trạng")]  # fmt: skip
    totals: dict[str, object] = {"seq": "Tổng cộng"}

    def rows() -> Iterator[list[object]]:
        done = n = 0
        for n, r in enumerate(s.execute(stmt), start=1):
            done += r[4] is not None
            yield [n, r[0], r[1], r[2], r[3], r[4], r[5] or "",
                   "Đã ký" if r[4] is not None else _NOT_SIGNED]  # fmt: skip
        totals["state"] = f"Đã ký {done}/{n} hộ"

    org_signed = _signed(CommitmentKind.ORGANISATION.value, Commitment.organization_id)
    org_stmt = (select(Organization.name, Organization.kind, Organization.address,
                       Organization.contact_person, Organization.phone, org_signed.c.signed_on)
                .outerjoin(org_signed, org_signed.c.owner == Organization.id)
                .where(Organization.deleted.is_(False)).order_by(Organization.name_key))  # fmt: skip
    org_columns = [Column("seq", "STT", width=6), Column("name", "Tên cơ quan, cơ sở"),
                   Column("kind", "Loại"), Column("address", "Địa chỉ"),
                   Column("contact", "Người liên hệ"), Column("phone", "Số điện thoại", "id"),
                   Column("signed_on", "Ngày ký", "date"), Column("state", "Tình trạng")]  # fmt: skip
    org_rows = [[n, r[0], _ORG.get(r[1], r[1]), r[2], r[3], r[4], r[5],
                 "Đã ký" if r[5] is not None else _NOT_SIGNED]
                for n, r in enumerate(s.execute(org_stmt), start=1)]  # fmt: skip
    org_done = sum(1 for r in org_rows if r[6] is not None)
    return [
        ReportTable("Danh sách hộ gia đình ký cam kết", columns, rows(), unit_lines=units,
                    date=today, totals=totals, sheet_name="Hộ gia đình"),
        ReportTable("Danh sách cơ quan, cơ sở ký cam kết", org_columns, org_rows,
                    unit_lines=units, date=today, sheet_name="Cơ quan, cơ sở",
                    totals={"seq": "Tổng cộng", "state": f"Đã ký {org_done}/{len(org_rows)}"}),
    ]  # fmt: skip


def _round_scope(r: TestingRound) -> list:
    """Who a round covers: the testing screen's own rule (one rule, one place)."""
    return list(scope_clauses(r, all_settings_in(Session.object_session(r))))


def untested_table(s: Session, units: Sequence[str], today: date) -> list[ReportTable]:
    """People the current testing round covers who have no result yet."""
    current = s.scalars(
        select(TestingRound).where(TestingRound.deleted.is_(False),
                                   TestingRound.closed.is_(False), TestingRound.held_on <= today)
        .order_by(TestingRound.held_on.desc(), TestingRound.created_at.desc()).limit(1)
    ).first()  # fmt: skip
    if current is None:
        raise ServiceError(
            f"Chưa có đợt xét nghiệm nào đang mở (tính đến ngày {format_date(today)}): không có "
            "danh sách chưa xét nghiệm để xuất."
        )
    tested = select(TestResult.person_id).where(TestResult.round_id == current.id,
                                                TestResult.deleted.is_(False))  # fmt: skip
    stmt = (select(Person.full_name, Person.birth_date, Person.birth_year, Person.sex,
                   Person.cccd, Person.phone, Household.code, Household.address, Household.area)
            .select_from(Person).join(Household, Household.id == Person.household_id)
            .where(*_round_scope(current), Person.id.not_in(tested))
            .order_by(Household.area, Household.code, Person.sort_key))  # fmt: skip
    columns = [Column("seq", "STT", width=6), Column("name", "Họ và tên"),
               Column("birth", "Ngày sinh", "date"), Column("sex", "Giới tính"),
               Column("cccd", "Số CCCD", "id"), Column("phone", "Số điện thoại", "id"),
               Column("code", "Mã hộ"), Column("address", "Địa chỉ"), Column("area", "Tổ/Thôn"),
               Column("note", "Ghi chú (lý do chưa xét nghiệm)")]  # fmt: skip
    rows = [[n, r[0], r[1] or r[2], _SEX.get(r[3], r[3]), r[4], r[5], r[6], r[7], r[8], ""]
            for n, r in enumerate(s.execute(stmt), start=1)]  # fmt: skip
    subtitle = f"{current.name} — ngày {format_date(current.held_on)}"
    return [ReportTable("Danh sách chưa xét nghiệm", columns, rows, unit_lines=units, date=today,
                        subtitle=subtitle, sheet_name="Chưa xét nghiệm",
                        totals={"seq": "Tổng cộng", "name": f"{len(rows)} người"})]  # fmt: skip


_SUMMARY = [
    Column("unit", "Đơn vị"), Column("households", "Số hộ", "int"),
    Column("persons", "Số nhân khẩu", "int"), Column("permanent", "Thường trú", "int"),
    Column("temporary", "Tạm trú", "int"), Column("away", "Tạm vắng", "int"),
    Column("f0", "F0 đang điều trị", "int"), Column("f1", "F1 đang cách ly", "int"),
    Column("quarantine", "Cách ly khác", "int"), Column("dose1", "Tiêm ít nhất 1 mũi", "int"),
    Column("dose2", "Tiêm đủ 2 mũi", "int"), Column("dose_share", "Tỷ lệ tiêm 1 mũi", "percent"),
    Column("signed", "Hộ đã ký cam kết", "int"), Column("signed_share", "Tỷ lệ hộ ký", "percent"),
]  # fmt: skip


def summary_table(s: Session, units: Sequence[str], today: date) -> list[ReportTable]:
    """One line per unit holding households (each village in a ward), with totals."""
    names = {u.id: u.name for u in s.scalars(select(Unit))}
    live_h = Household.deleted.is_(False)
    live_p = and_(Person.deleted.is_(False), live_h)
    data: dict[str, dict[str, float]] = {}

    def add(key: str, rows: object) -> None:
        for unit_id, value in rows:  # type: ignore[attr-defined]
            data.setdefault(unit_id, {})[key] = data.get(unit_id, {}).get(key, 0) + value

    add("households", s.execute(select(Household.unit_id, func.count())
                                .where(live_h).group_by(Household.unit_id)))  # fmt: skip
    people = select(Household.unit_id, func.count()).select_from(Person).join(
        Household, Household.id == Person.household_id).where(live_p)  # fmt: skip
    add("persons", s.execute(people.group_by(Household.unit_id)))
    for key, residency in (("permanent", Residency.PERMANENT), ("temporary", Residency.TEMPORARY),
                           ("away", Residency.AWAY)):  # fmt: skip
        add(key, s.execute(people.where(Person.residency == residency.value)
                           .group_by(Household.unit_id)))  # fmt: skip
    running = and_(HealthStatus.deleted.is_(False), HealthStatus.start_date <= today,
                   or_(HealthStatus.end_date.is_(None), HealthStatus.end_date >= today))  # fmt: skip
    for key, kind in (("f0", HealthKind.F0), ("f1", HealthKind.F1),
                      ("quarantine", HealthKind.QUARANTINE)):  # fmt: skip
        add(key, s.execute(
            select(Household.unit_id, func.count(func.distinct(HealthStatus.person_id)))
            .join(Person, Person.id == HealthStatus.person_id)
            .join(Household, Household.id == Person.household_id)
            .where(live_p, running, HealthStatus.kind == kind.value).group_by(Household.unit_id)))
    for key, number in (("dose1", 1), ("dose2", 2)):
        add(key, s.execute(
            select(Household.unit_id, func.count(func.distinct(Vaccination.person_id)))
            .join(Person, Person.id == Vaccination.person_id)
            .join(Household, Household.id == Person.household_id)
            .where(live_p, Vaccination.deleted.is_(False), Vaccination.dose_no == number,
                   Vaccination.given_on.is_not(None), Vaccination.given_on <= today)
            .group_by(Household.unit_id)))
    add("signed", s.execute(
        select(Household.unit_id, func.count(func.distinct(Commitment.household_id)))
        .join(Household, Household.id == Commitment.household_id)
        .where(live_h, Commitment.deleted.is_(False),
               Commitment.kind == CommitmentKind.HOUSEHOLD.value)
        .group_by(Household.unit_id)))  # fmt: skip
    keys = [c.key for c in _SUMMARY[1:] if c.kind == "int"]
    rows, sums = [], dict.fromkeys(keys, 0.0)
    for unit_id in sorted(data, key=lambda u: names.get(u, "")):
        values = data[unit_id]
        row: dict[str, object] = {"unit": names.get(unit_id, "")}
        for key in keys:
            row[key] = int(values.get(key, 0))
            sums[key] += values.get(key, 0)
        _shares(row)
        rows.append(row)
    totals: dict[str, object] = {"unit": "Tổng cộng", **{k: int(v) for k, v in sums.items()}}
    _shares(totals)
    return [ReportTable("Báo cáo tổng hợp tình hình vùng xanh", _SUMMARY, rows, unit_lines=units,
                        date=today, totals=totals, sheet_name="Tổng hợp",
                        subtitle=f"Số liệu tính đến ngày {format_date(today)}")]  # fmt: skip


def _shares(row: dict[str, object]) -> None:
    persons, households = int(row.get("persons") or 0), int(row.get("households") or 0)
    row["dose_share"] = int(row.get("dose1") or 0) / persons if persons else 0.0
    row["signed_share"] = int(row.get("signed") or 0) / households if households else 0.0
