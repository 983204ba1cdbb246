"""The Excel reports the ward asks for: each a titled, printable sheet (excel_writer).

`export_report(db, report, out)` writes one of REPORTS. Large lists are streamed from the
database into openpyxl's write-only mode, so 80 000 people need little memory. The persons list
uses the columns the import reads back, so exporting and importing again loses nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from greenzone_desktop.exchange.excel_writer import (
    Column,
    ExportCancelled,
    ReportTable,
    write_workbook,
)
from greenzone_desktop.exchange.person_columns import person_export_columns
from greenzone_desktop.models import HealthStatus, Household, Person, Vaccination
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.export_lists import (
    commitment_tables,
    summary_table,
    untested_table,
)
from greenzone_desktop.services.units import home_unit
from greenzone_desktop.vocab import CarePlace, HealthKind, HouseholdKind, Relation, Residency, Sex

__all__ = ["REPORTS", "ExportResult", "export_report", "person_rows", "unit_lines"]

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]

REPORTS: dict[str, str] = {
    "households": "Danh sách hộ gia đình",
    "persons": "Danh sách nhân khẩu",
    "temporary": "Danh sách người tạm trú",
    "f0f1": "Danh sách F0, F1, F2 đang theo dõi",
    "quarantine": "Danh sách cách ly y tế",
    "vaccination": "Danh sách tiêm vắc-xin phòng COVID-19",
    "commitments": "Danh sách ký cam kết",
    "untested": "Danh sách chưa xét nghiệm",
    "summary": "Báo cáo tổng hợp",
}

_SEX = {s.value: s.label for s in Sex}
_RELATION = {r.value: r.label for r in Relation}
_RESIDENCY = {r.value: r.label for r in Residency}
_KIND = {k.value: k.label for k in HouseholdKind}
_HEALTH = {k.value: k.label for k in HealthKind}
_PLACE = {p.value: p.label for p in CarePlace}


@dataclass(frozen=True)
class ExportResult:
    report: str
    title: str
    path: str
    rows: int

    @property
    def summary(self) -> str:
        return f"Đã ghi «{self.title}» ({self.rows} dòng) vào tệp «{Path(self.path).name}»."


def unit_lines(db: Database) -> list[str]:
    """The title block's unit names: the commune's people's committee, then the village."""
    home = home_unit(db)
    lines = []
    if home.commune is not None:
        lines.append(f"UBND {home.commune.name}".upper())
    if home.unit.level == "village":
        lines.append(home.unit.name.upper())
    return lines or [home.unit.name.upper()]


def _birth(birth_date: date | None, birth_year: int | None) -> object:
    return birth_date or birth_year


def _doses() -> tuple[type, type, type]:
    return tuple(aliased(Vaccination, name=f"dose{n}") for n in (1, 2, 3))  # type: ignore[return-value]


def _with_doses(stmt, doses):  # noqa: ANN001, ANN202 - SQLAlchemy select
    for number, dose in enumerate(doses, start=1):
        # "deleted = 0" (not "IS 0") lets SQLite use the partial (person, dose) unique index.
        stmt = stmt.outerjoin(dose, and_(dose.person_id == Person.id, dose.dose_no == number,
                                         dose.deleted == False))  # noqa: E712
    return stmt


def _live() -> list:
    return [Person.deleted.is_(False), Household.deleted.is_(False)]


def _people_order() -> list:
    return [Household.code, Person.id != Household.head_id, Person.birth_year, Person.sort_key]


def person_rows(s: Session, counter: dict[str, int]) -> Iterator[list[object]]:
    """Rows for `person_export_columns`, household by household, head first."""
    d1, d2, d3 = _doses()
    stmt = _with_doses(
        select(Household.code, Person.full_name, Person.birth_date, Person.birth_year, Person.sex,
               Person.cccd, Person.phone, Person.relation, Household.address, Household.area,
               Person.residency, d1.given_on, d2.given_on, d3.given_on, Person.occupation,
               Person.workplace, Person.ethnicity, Person.religion, d1.vaccine, d2.vaccine,
               d3.vaccine, Person.cccd_issued_on, Person.cccd_issued_by, Person.residency_until,
               Person.insurance_no, Household.kind, Person.notes)
        .join(Household, Household.id == Person.household_id), (d1, d2, d3),
    ).where(*_live()).order_by(*_people_order())  # fmt: skip
    count = 0
    for r in s.execute(stmt, execution_options={"yield_per": 2000}):
        count += 1
        vaccines = [v for v in (r[18], r[19], r[20]) if v]
        vaccine = ", ".join(dict.fromkeys(vaccines)) if vaccines else None
        yield [r[0], r[1], r[2] or r[3], _SEX.get(r[4], r[4]), r[5], r[6],
               _RELATION.get(r[7], r[7]), r[8], r[9], _RESIDENCY.get(r[10], r[10]), r[11], r[12],
               r[13], r[14], r[15], r[16], r[17], vaccine, r[21], r[22], r[23], r[24],
               _KIND.get(r[25], r[25]), r[26]]  # fmt: skip
    counter["rows"] = count


def _persons(db: Database, s: Session, today: date) -> list[ReportTable]:
    totals: dict[str, object] = {"household_no": "Tổng cộng"}
    counter: dict[str, int] = {}

    def rows() -> Iterator[list[object]]:
        yield from person_rows(s, counter)
        totals["full_name"] = f"{counter['rows']} người"

    return [ReportTable(REPORTS["persons"], person_export_columns(), rows(),
                        unit_lines=unit_lines(db), date=today, totals=totals,
                        sheet_name="Nhân khẩu", total_rows=_count_people(s))]  # fmt: skip


def _count_people(s: Session) -> int:
    from sqlalchemy import func

    stmt = select(func.count()).select_from(Person).join(
        Household, Household.id == Person.household_id).where(*_live())  # fmt: skip
    return int(s.scalar(stmt) or 0)


def _households(db: Database, s: Session, today: date) -> list[ReportTable]:
    from sqlalchemy import func

    members = (select(Person.household_id, func.count().label("n"))
               .where(Person.deleted.is_(False)).group_by(Person.household_id).subquery())  # fmt: skip
    stmt = (select(Household.code, Household.head_name, Household.kind, Household.address,
                   Household.area, members.c.n, Household.phone)
            .outerjoin(members, members.c.household_id == Household.id)
            .where(Household.deleted.is_(False)).order_by(Household.code))  # fmt: skip
    columns = [Column("seq", "STT", width=6), Column("code", "Mã hộ"),
               Column("head", "Họ và tên chủ hộ"), Column("kind", "Loại hộ"),
               Column("address", "Địa chỉ"), Column("area", "Tổ/Thôn"),
               Column("members", "Số nhân khẩu", "int"), Column("phone", "Số điện thoại", "id")]  # fmt: skip

    def rows() -> Iterator[list[object]]:
        for n, r in enumerate(s.execute(stmt, execution_options={"yield_per": 2000}), start=1):
            yield [n, r[0], r[1], _KIND.get(r[2], r[2]), r[3], r[4], r[5] or 0, r[6]]

    return [ReportTable(REPORTS["households"], columns, rows(), unit_lines=unit_lines(db),
                        date=today, totals=True, sheet_name="Hộ gia đình")]  # fmt: skip


_PERSON_COLUMNS = [
    Column("seq", "STT", width=6), Column("name", "Họ và tên"), Column("birth", "Ngày sinh", "date"),
    Column("sex", "Giới tính"), Column("cccd", "Số CCCD", "id"),
    Column("phone", "Số điện thoại", "id"), Column("code", "Mã hộ"), Column("address", "Địa chỉ"),
]  # fmt: skip
_PERSON_FIELDS = (Person.full_name, Person.birth_date, Person.birth_year, Person.sex, Person.cccd,
                  Person.phone, Household.code, Household.address)  # fmt: skip


def _person_cells(n: int, r: object) -> list[object]:
    return [n, r[0], _birth(r[1], r[2]), _SEX.get(r[3], r[3]), r[4], r[5], r[6], r[7]]  # type: ignore[index]


def _temporary(db: Database, s: Session, today: date) -> list[ReportTable]:
    stmt = (select(*_PERSON_FIELDS, Person.residency_until, Person.occupation, Person.workplace)
            .join(Household, Household.id == Person.household_id)
            .where(*_live(), Person.residency == Residency.TEMPORARY.value)
            .order_by(*_people_order()))  # fmt: skip
    columns = [*_PERSON_COLUMNS, Column("until", "Tạm trú đến ngày", "date"),
               Column("occupation", "Nghề nghiệp"), Column("workplace", "Nơi làm việc")]  # fmt: skip

    def rows() -> Iterator[list[object]]:
        for n, r in enumerate(s.execute(stmt, execution_options={"yield_per": 2000}), start=1):
            yield [*_person_cells(n, r), r[8], r[9], r[10]]

    return [ReportTable(REPORTS["temporary"], columns, rows(), unit_lines=unit_lines(db),
                        date=today, totals={"seq": "Tổng cộng"}, sheet_name="Tạm trú")]  # fmt: skip


def _health(db: Database, s: Session, today: date, report: str) -> list[ReportTable]:
    running = and_(HealthStatus.deleted.is_(False), HealthStatus.start_date <= today,
                   or_(HealthStatus.end_date.is_(None), HealthStatus.end_date >= today))  # fmt: skip
    if report == "f0f1":
        which = HealthStatus.kind.in_([HealthKind.F0.value, HealthKind.F1.value,
                                       HealthKind.F2.value])  # fmt: skip
    else:
        which = or_(HealthStatus.kind == HealthKind.QUARANTINE.value, and_(
            HealthStatus.kind.in_([HealthKind.F1.value, HealthKind.F2.value]),
            HealthStatus.place.in_([CarePlace.HOME.value, CarePlace.CENTRALISED.value])))  # fmt: skip
    stmt = (select(*_PERSON_FIELDS, HealthStatus.kind, HealthStatus.place,
                   HealthStatus.start_date, HealthStatus.planned_end, HealthStatus.notes)
            .join(Person, Person.id == HealthStatus.person_id)
            .join(Household, Household.id == Person.household_id)
            .where(*_live(), running, which)
            .order_by(HealthStatus.kind, HealthStatus.start_date, Person.sort_key))  # fmt: skip
    columns = [*_PERSON_COLUMNS, Column("kind", "Diện"), Column("place", "Nơi cách ly, điều trị"),
               Column("start", "Từ ngày", "date"), Column("end", "Dự kiến kết thúc", "date"),
               Column("notes", "Ghi chú")]  # fmt: skip
    counts: dict[str, object] = {"seq": "Tổng cộng"}

    def rows() -> Iterator[list[object]]:
        tally: dict[str, int] = {}
        for n, r in enumerate(s.execute(stmt), start=1):
            tally[r[8]] = tally.get(r[8], 0) + 1
            yield [*_person_cells(n, r), _HEALTH.get(r[8], r[8]), _PLACE.get(r[9], r[9]),
                   r[10], r[11], r[12]]  # fmt: skip
        counts["kind"] = ", ".join(f"{k}: {v}" for k, v in sorted(tally.items())) or "0"

    name = "F0, F1, F2" if report == "f0f1" else "Cách ly"
    return [ReportTable(REPORTS[report], columns, rows(), unit_lines=unit_lines(db), date=today,
                        totals=counts, sheet_name=name)]  # fmt: skip


def _vaccination(db: Database, s: Session, today: date) -> list[ReportTable]:
    d1, d2, d3 = _doses()
    stmt = _with_doses(
        select(*_PERSON_FIELDS, d1.given_on, d2.given_on, d3.given_on, d1.vaccine)
        .join(Household, Household.id == Person.household_id), (d1, d2, d3),
    ).where(*_live()).order_by(*_people_order())  # fmt: skip
    columns = [*_PERSON_COLUMNS, Column("dose1", "Mũi 1", "date"), Column("dose2", "Mũi 2", "date"),
               Column("dose3", "Mũi 3", "date"), Column("vaccine", "Loại vắc-xin"),
               Column("doses", "Số mũi đã tiêm", "int")]  # fmt: skip
    totals: dict[str, object] = {"seq": "Tổng cộng"}

    def rows() -> Iterator[list[object]]:
        given = [0, 0, 0]
        doses_total = 0
        for n, r in enumerate(s.execute(stmt, execution_options={"yield_per": 2000}), start=1):
            doses = [r[8], r[9], r[10]]
            count = sum(1 for d in doses if d is not None)
            for i, d in enumerate(doses):
                given[i] += d is not None
            doses_total += count
            yield [*_person_cells(n, r), *doses, r[11], count]
        totals.update(dose1=given[0], dose2=given[1], dose3=given[2], doses=doses_total)

    return [ReportTable(REPORTS["vaccination"], columns, rows(), unit_lines=unit_lines(db),
                        date=today, totals=totals, sheet_name="Tiêm vắc-xin",
                        subtitle="Dòng tổng cộng: số người đã tiêm từng mũi")]  # fmt: skip


_BUILDERS: dict[str, Callable[..., list[ReportTable]]] = {
    "households": _households,
    "persons": _persons,
    "temporary": _temporary,
    "f0f1": lambda db, s, today: _health(db, s, today, "f0f1"),
    "quarantine": lambda db, s, today: _health(db, s, today, "quarantine"),
    "vaccination": _vaccination,
    "commitments": lambda db, s, today: commitment_tables(s, unit_lines(db), today),
    "untested": lambda db, s, today: untested_table(s, unit_lines(db), today),
    "summary": lambda db, s, today: summary_table(s, unit_lines(db), today),
}


def export_report(
    db: Database,
    report: str,
    out: str | os.PathLike[str],
    *,
    today: date | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ExportResult:
    """Write one report to an .xlsx file (replacing it only when the whole file is written)."""
    if report not in REPORTS:
        known = ", ".join(REPORTS)
        raise ServiceError(f"Không có báo cáo «{report}»; các báo cáo: {known}.")
    target = Path(out)
    if target.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ServiceError(f"Tệp «{target.name}» cần có đuôi .xlsx (Excel).")
    if not target.parent.is_dir():
        raise ServiceError(f"Không có thư mục «{target.parent}» để ghi tệp «{target.name}».")
    today = today or date.today()
    try:
        with db.session() as s:
            tables = _BUILDERS[report](db, s, today)
            counts = write_workbook(target, tables, progress=progress, cancelled=cancelled)
    except ExportCancelled:
        raise ServiceError("Đã dừng xuất; không ghi tệp nào.") from None
    except OSError as exc:
        raise ServiceError(f"Không ghi được tệp «{target.name}»: {exc.strerror or exc}.") from None
    return ExportResult(report, REPORTS[report], str(target), counts[0])
