"""Excel reports for the ward: titled, printable, CCCD as text, real dates, the right rows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from greenzone_desktop.models import HealthStatus, Household, Person, TestingRound, TestResult
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.exports import REPORTS, export_report
from greenzone_desktop.services.stats import register_stats
from tests.conftest import DEMO_TODAY
from tests.exchange.conftest import ConvertFn, libreoffice, read_csv  # noqa: F401 - fixture

HEADER_ROW = 7  # two unit lines, a blank, the title, the date, a blank, then the header


def _sheet(path: Path, index: int = 0):  # noqa: ANN202 - an openpyxl worksheet
    return openpyxl.load_workbook(path).worksheets[index]


def _data(ws, header_row: int = HEADER_ROW) -> list[list[object]]:  # noqa: ANN001
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=header_row + 1)]
    return [r for r in rows if any(v is not None for v in r)]


@pytest.mark.parametrize("report", [r for r in REPORTS if r != "untested"])
def test_every_report_has_its_title_block_header_and_print_setup(
    demo_db: Database, tmp_path: Path, report: str
) -> None:
    with demo_db.session() as s:  # someone in home quarantine today, whatever the demo drew
        person = s.scalars(select(Person.id).order_by(Person.id)).first()
        s.add(HealthStatus(unit_id=demo_db.home_unit_id, person_id=person, kind="F1",
                           start_date=date.today(), place="home"))  # fmt: skip
    out = tmp_path / f"{report}.xlsx"
    result = export_report(demo_db, report, out)
    ws = _sheet(out)
    assert [ws.cell(r, 1).value for r in (1, 2)] == ["UBND PHƯỜNG HÙNG VƯƠNG",
                                                     "TỔ DÂN PHỐ XUÂN MAI"]  # fmt: skip
    assert ws.cell(4, 1).value == REPORTS[report].upper() or report in ("commitments", "summary")
    header_row = HEADER_ROW + (report in ("vaccination", "summary"))  # a subtitle line
    assert all(c.font.b for c in ws[header_row] if c.value)
    assert ws.freeze_panes == f"A{header_row + 1}"
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    rows = _data(ws, header_row)
    assert rows[-1][0] == "Tổng cộng" and len(rows) - 1 == result.rows
    assert result.rows > 0 and "Đã ghi" in result.summary


def test_lists_hold_the_right_people(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.session() as s:
        persons = s.scalar(select(func.count()).select_from(Person).where(~Person.deleted))
        temporary = s.scalar(select(func.count()).select_from(Person).where(
            ~Person.deleted, Person.residency == "tam_tru"))  # fmt: skip
    assert export_report(demo_db, "persons", tmp_path / "p.xlsx").rows == persons
    assert export_report(demo_db, "temporary", tmp_path / "t.xlsx").rows == temporary
    assert export_report(demo_db, "households", tmp_path / "h.xlsx").rows == 300
    ws = _sheet(tmp_path / "p.xlsx")
    header = [c.value for c in ws[HEADER_ROW]]
    first = dict(zip(header, [c for c in ws[HEADER_ROW + 1]], strict=True))
    assert first["Số CCCD"].data_type == "s" and first["Số CCCD"].number_format == "@"
    born = first["Ngày sinh"]
    assert isinstance(born.value, datetime | int) and (
        born.number_format == "dd/mm/yyyy" or isinstance(born.value, int))  # fmt: skip
    households = _data(_sheet(tmp_path / "h.xlsx"))
    assert households[-1][6] == persons  # the totals row sums the members


def test_summary_agrees_with_the_register_counts(demo_db: Database, tmp_path: Path) -> None:
    export_report(demo_db, "summary", tmp_path / "s.xlsx", today=DEMO_TODAY)
    ws = _sheet(tmp_path / "s.xlsx")
    header = [c.value for c in ws[HEADER_ROW + 1]]
    rows = _data(ws, HEADER_ROW + 1)
    total = dict(zip(header, rows[-1], strict=True))
    stats = register_stats(demo_db, DEMO_TODAY)
    assert total["Số hộ"] == stats["households"] == 300
    assert total["Số nhân khẩu"] == stats["persons"]
    assert total["Tạm trú"] == stats["by_residency"]["tam_tru"]
    assert total["F0 đang điều trị"] == stats["health"]["F0"]
    assert total["Hộ đã ký cam kết"] == stats["commitments"]["households_signed"]
    assert total["Tỷ lệ hộ ký"] == pytest.approx(stats["commitments"]["households_percent"] / 100,
                                                  abs=0.001)  # fmt: skip


def test_not_yet_tested_lists_who_the_current_round_has_not_reached(
    demo_db: Database, tmp_path: Path
) -> None:
    with pytest.raises(ServiceError, match="Chưa có đợt xét nghiệm nào đang mở"):
        export_report(demo_db, "untested", tmp_path / "u.xlsx", today=DEMO_TODAY)
    with demo_db.session() as s:
        ids = list(s.scalars(select(Person.id).join(Household, Household.id == Person.household_id)
                             .where(~Person.deleted, Person.residency != "tam_vang")
                             .order_by(Person.id).limit(100)))  # fmt: skip
        round_ = TestingRound(unit_id=demo_db.home_unit_id, name="Đợt 1", held_on=DEMO_TODAY,
                              method="pcr_pooled", pool_size=5, target="everyone")  # fmt: skip
        s.add(round_)
        s.flush()
        for pid in ids:
            s.add(TestResult(unit_id=demo_db.home_unit_id, round_id=round_.id, person_id=pid,
                             tested_on=DEMO_TODAY, outcome="negative"))  # fmt: skip
    result = export_report(demo_db, "untested", tmp_path / "u.xlsx", today=DEMO_TODAY)
    ws = _sheet(tmp_path / "u.xlsx")
    assert ws.cell(5, 1).value == "Đợt 1 — ngày 15/09/2021"
    f0 = select(HealthStatus.person_id).where(
        ~HealthStatus.deleted, HealthStatus.kind == "F0", HealthStatus.start_date <= DEMO_TODAY,
        (HealthStatus.end_date.is_(None)) | (HealthStatus.end_date >= DEMO_TODAY))  # fmt: skip
    with demo_db.session() as s:
        scope = set(s.scalars(select(Person.id).join(Household, Household.id ==
                                                     Person.household_id).where(
            ~Person.deleted, ~Household.deleted, Person.residency != "tam_vang",
            Person.id.not_in(f0))))  # fmt: skip
        tested_cccds = set(s.scalars(select(Person.cccd).where(Person.id.in_(ids))))
    assert result.rows == len(scope - set(ids)) > 0
    listed = {r[4] for r in _data(ws, HEADER_ROW + 1)[:-1] if r[4]}
    assert listed and not listed & tested_cccds


def test_exports_open_in_libreoffice_with_cccd_and_dates_intact(
    demo_db: Database, tmp_path: Path, libreoffice: ConvertFn  # noqa: F811 - fixture
) -> None:
    files = []
    for report in ("persons", "vaccination", "households"):
        files.append(tmp_path / f"{report}.xlsx")
        export_report(demo_db, report, files[-1], today=DEMO_TODAY)
    persons, vaccination, households = (read_csv(p) for p in libreoffice(files, "csv"))
    assert persons[3][0] == "DANH SÁCH NHÂN KHẨU" and persons[4][0] == "Ngày 15/09/2021"
    header = persons[HEADER_ROW - 1]
    cccd, born, dose1 = header.index("Số CCCD"), header.index("Ngày sinh"), header.index("Mũi 1")
    body = persons[HEADER_ROW:-1]
    cccds = [r[cccd] for r in body if r[cccd]]
    assert cccds and all(len(c) == 12 and c.startswith("026") for c in cccds)  # the leading 0
    dates = [r[born] for r in body if "/" in r[born]]
    assert dates and all(datetime.strptime(d, "%d/%m/%Y") for d in dates)
    assert all(datetime.strptime(r[dose1], "%d/%m/%Y").date() <= date(2021, 12, 31)
               for r in body if r[dose1])  # fmt: skip
    assert persons[-1][0] == "Tổng cộng"
    header = vaccination[HEADER_ROW]  # under a subtitle line
    cccd, dose2 = header.index("Số CCCD"), header.index("Mũi 2")
    body = vaccination[HEADER_ROW + 1 : -1]
    assert all(len(r[cccd]) == 12 and r[cccd].startswith("026") for r in body if r[cccd])
    assert [datetime.strptime(r[dose2], "%d/%m/%Y") for r in body if r[dose2]]
    assert households[-1][0] == "Tổng cộng"


def test_bad_report_or_place_is_refused(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ServiceError, match="Không có báo cáo «abc»"):
        export_report(demo_db, "abc", tmp_path / "x.xlsx")
    with pytest.raises(ServiceError, match="cần có đuôi .xlsx"):
        export_report(demo_db, "persons", tmp_path / "x.csv")
    with pytest.raises(ServiceError, match="Không có thư mục"):
        export_report(demo_db, "persons", tmp_path / "khong" / "x.xlsx")
