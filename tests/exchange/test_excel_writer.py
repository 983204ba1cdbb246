"""Reports the ward can file and print; rejected rows the user can fix and import again."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenzone_desktop.exchange.excel_writer import (
    Column,
    ExportCancelled,
    ReportTable,
    write_rejected,
    write_report,
    write_workbook,
)
from greenzone_desktop.exchange.person_columns import person_export_columns, person_export_row
from greenzone_desktop.exchange.person_sheet import parse_person_sheet
from greenzone_desktop.text import PROVINCE_CODES
from greenzone_desktop.vocab import Relation, Residency, Sex
from tests.exchange.conftest import ConvertFn, read_csv

COLUMNS = [
    Column("name", "Họ và tên"),
    Column("cccd", "Số CCCD", "id"),
    Column("phone", "Số điện thoại", "id"),
    Column("born", "Ngày sinh", "date"),
    Column("people", "Số nhân khẩu", "int"),
    Column("share", "Tỷ lệ tiêm", "percent"),
]
ROWS = [
    ("Nguyễn Văn An", "001085012345", "0912345678", date(1985, 3, 12), 4, 0.75),
    ("Trần Thị Bình", "036187012345", "0987654321", date(1987, 12, 3), 3, 1.0),
]


def _report(**extra: object) -> ReportTable:
    fields: dict[str, object] = {
        "title": "Danh sách hộ gia đình",
        "columns": COLUMNS,
        "rows": ROWS,
        "unit_lines": ["UBND XÃ TIÊN PHONG", "THÔN ĐÔNG"],
        "date": date(2021, 9, 15),
        "totals": True,
    }
    fields.update(extra)
    return ReportTable(**fields)  # type: ignore[arg-type]


def test_report_layout_for_filing_and_printing(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    assert write_report(path, _report()) == 2
    ws = openpyxl.load_workbook(path).active
    assert [ws.cell(r, 1).value for r in range(1, 6)] == [
        "UBND XÃ TIÊN PHONG", "THÔN ĐÔNG", None, "DANH SÁCH HỘ GIA ĐÌNH", "Ngày 15/09/2021"]  # fmt: skip
    assert ws["A1"].font.b and ws["A4"].font.b
    assert {str(r) for r in ws.merged_cells.ranges} == {"A4:F4", "A5:F5"}
    assert [c.value for c in ws[7]] == [c.header for c in COLUMNS]
    assert all(c.font.b for c in ws[7])
    assert ws.freeze_panes == "A8"
    assert ws.auto_filter.ref == "A7:F10"
    assert ws.print_title_rows == "$7:$7"
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
        "landscape", 9, 1, 0)  # fmt: skip
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert widths["A"] >= len("Nguyễn Văn An") and widths["B"] >= 12 and widths["D"] >= 10
    cccd, phone, born, people, share = ws["B8"], ws["C8"], ws["D8"], ws["E8"], ws["F8"]
    assert (cccd.value, cccd.data_type, cccd.number_format) == ("001085012345", "s", "@")
    assert (phone.value, phone.number_format) == ("0912345678", "@")
    assert born.value.date() == date(1985, 3, 12) and born.number_format == "dd/mm/yyyy"
    assert (people.value, share.number_format) == (4, "0.0%")
    assert [c.value for c in ws[10]][:5] == ["Tổng cộng", None, None, None, 7]
    assert ws["A10"].font.b


def test_totals_given_by_the_caller_and_none(tmp_path: Path) -> None:
    write_report(tmp_path / "a.xlsx", _report(totals={"people": 7, "share": 0.875}))
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx").active
    assert [c.value for c in ws[10]] == ["Tổng cộng", None, None, None, 7, 0.875]
    write_report(tmp_path / "b.xlsx", _report(totals=False, unit_lines=[], date=None))
    ws = openpyxl.load_workbook(tmp_path / "b.xlsx").active
    assert ws["A1"].value == "DANH SÁCH HỘ GIA ĐÌNH" and ws["A3"].value == "Họ và tên"
    assert ws.max_row == 5 and ws.auto_filter.ref == "A3:F5"


def test_several_sheets_and_mapping_rows(tmp_path: Path) -> None:
    vaccinated = ReportTable(
        "Tiêm chủng", [Column("name", "Họ và tên"), Column("dose1", "Mũi 1", "date")],
        [{"name": "Nguyễn Văn An", "dose1": date(2021, 8, 1)}, {"name": "Lê Văn Bình"}],
        sheet_name="Tiêm chủng: mũi 1/2",
    )  # fmt: skip
    assert write_workbook(tmp_path / "w.xlsx", [_report(), vaccinated]) == [2, 2]
    book = openpyxl.load_workbook(tmp_path / "w.xlsx")
    assert book.sheetnames == ["Danh sách hộ gia đình", "Tiêm chủng- mũi 1-2"]
    ws = book["Tiêm chủng- mũi 1-2"]
    assert ws["B4"].number_format == "dd/mm/yyyy" and ws["B5"].value is None


def test_cancel_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"old")
    many = [ROWS[0]] * 5000
    with pytest.raises(ExportCancelled):
        write_report(path, _report(rows=many), cancelled=lambda: True)
    assert path.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_rejected_rows_reimport_with_the_same_mapping(data_dir: Path, tmp_path: Path) -> None:
    sheet = parse_person_sheet(data_dir / "danh_sach_ho.xlsx")
    rejected = tmp_path / "loi.xlsx"
    assert write_rejected(rejected, sheet.rejected(), sheet.header) == 2
    ws = openpyxl.load_workbook(rejected).active
    assert [c.value for c in ws[1]][-2:] == ["Ghi chú", "Lỗi cần sửa"]
    assert ws["N2"].value.startswith("cột D (Ngày sinh): Ngày sinh «31/02/1970» không tồn tại")
    # The user fixes the cells and imports the file again.
    ws["D2"], ws["F2"], ws["H3"] = "28/02/1970", "001070012345", "Em trai"
    ws["F3"] = "001095012346"
    ws["D3"] = "1995"
    ws.parent.save(rejected)
    again = parse_person_sheet(rejected)
    assert again.mapping.columns == sheet.mapping.columns
    assert again.problems == []
    assert again.rows[0].values["birth_date"] == date(1970, 2, 28)
    assert again.rows[1].values["relation"] == Relation.SIBLING


def test_libreoffice_reads_reports_with_cccd_and_dates_intact(
    data_dir: Path, tmp_path: Path, libreoffice: ConvertFn
) -> None:
    report = tmp_path / "bao_cao.xlsx"
    write_report(report, _report())
    rejected = tmp_path / "dong_loi.xlsx"
    write_rejected(rejected, parse_person_sheet(data_dir / "danh_sach_ho.xlsx").rejected(),
                   parse_person_sheet(data_dir / "danh_sach_ho.xlsx").header)  # fmt: skip
    report_csv, rejected_csv = map(read_csv, libreoffice([report, rejected], "csv"))
    assert report_csv[3][0] == "DANH SÁCH HỘ GIA ĐÌNH" and report_csv[4][0] == "Ngày 15/09/2021"
    assert report_csv[7][:4] == ["Nguyễn Văn An", "001085012345", "0912345678", "12/03/1985"]
    assert report_csv[8][:4] == ["Trần Thị Bình", "036187012345", "0987654321", "03/12/1987"]
    assert report_csv[9][0] == "Tổng cộng" and report_csv[9][4] == "7"
    assert rejected_csv[1][2] == "Hoàng Văn Ích" and rejected_csv[1][3] == "31/02/1970"


# --- round trip: export persons, import them back, every field equal -------------------------

_NAMES = st.sampled_from(["Nguyễn Văn An", "Trần Thị Bình", "Đặng Ngọc Ánh", "Lê Hữu Ước",
                          "Phạm Thị Thu Hương", "Hồ Ỷ Lan", "Vũ Đức Dũng"])  # fmt: skip
_TEXT = st.sampled_from([None, "Xóm 1", "Số 5, ngõ 3, thôn Đông", "Kinh", "Tày", "Phật giáo",
                         "Công nhân", "Nông dân", "Học sinh", "Ghi chú: ở nhờ"])  # fmt: skip
_DAYS = st.integers(0, 365 * 100)


@st.composite
def _person(draw: st.DrawFn) -> dict[str, object]:
    born = date(1921, 1, 1) + timedelta(days=draw(_DAYS))
    sex = draw(st.sampled_from(list(Sex)))
    exact = draw(st.booleans())
    century_sex = (born.year - 1900) // 100 * 2 + (sex == Sex.FEMALE)
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    cccd = f"{province}{century_sex}{born.year % 100:02d}{draw(st.integers(0, 999_999)):06d}"
    relation = draw(st.sampled_from(list(Relation)))
    doses = [draw(st.none() | st.dates(date(2021, 3, 1), date(2022, 6, 30))) for _ in range(3)]
    return {
        "household_no": draw(st.sampled_from(["1", "H-02", "17"])),
        "full_name": draw(_NAMES),
        "birth_date": born if exact else None,
        "birth_year": born.year,
        "sex": sex,
        "cccd": draw(st.none() | st.just(cccd)),
        "phone": draw(st.none() | st.integers(0, 10**7 - 1).map(lambda n: f"091{n:07d}")),
        "relation": relation,
        "is_head": relation == Relation.HEAD,
        "address": draw(_TEXT), "area": draw(st.sampled_from([None, "Tổ 3", "Thôn Đông"])),
        "residency": draw(st.sampled_from(list(Residency))),
        "dose1_date": doses[0], "dose2_date": doses[1], "dose3_date": doses[2],
        "occupation": draw(_TEXT), "workplace": draw(_TEXT), "ethnicity": draw(_TEXT),
        "religion": draw(_TEXT), "notes": draw(_TEXT),
        "vaccine": draw(st.sampled_from([None, "AstraZeneca", "Sinopharm (Vero Cell)"])),
        "cccd_issued_on": draw(st.none() | st.dates(date(2016, 1, 1), date(2021, 12, 31))),
        "cccd_issued_by": draw(st.sampled_from([None, "Cục Cảnh sát QLHC về TTXH"])),
        "residency_until": draw(st.none() | st.dates(date(2021, 1, 1), date(2023, 12, 31))),
        "insurance_no": draw(st.sampled_from([None, "DN4010123456789", "GD4262621000123"])),
        "household_kind": draw(st.sampled_from([None, "Hộ gia đình", "Nhà trọ"])),
    }  # fmt: skip


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=st.lists(_person(), min_size=1, max_size=12))
def test_persons_export_round_trips(tmp_path: Path, people: list[dict[str, object]]) -> None:
    path = tmp_path / "persons.xlsx"
    table = ReportTable("Danh sách nhân khẩu", person_export_columns(),
                        [person_export_row(p) for p in people], unit_lines=["THÔN ĐÔNG"],
                        date=date(2021, 9, 15))  # fmt: skip
    write_report(path, table)
    sheet = parse_person_sheet(path)
    assert [str(p) for p in sheet.problems if p.kind == "error"] == []
    assert [r.values for r in sheet.rows] == people
