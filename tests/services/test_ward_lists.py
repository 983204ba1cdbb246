"""Ward lists in: match by CCCD, else name + birth; matched / ambiguous / not found; apply only
what was confirmed, in one transaction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from greenzone_desktop.services import health, ward_lists
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.register import HouseholdInput, PersonInput, create_household
from tests.services.health_helpers import TODAY, village

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Địa chỉ", "Phân loại",
          "Ngày phát hiện", "Nơi cách ly/điều trị", "Ghi chú"]


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "DS F0 F1"
    ws.append(["UBND PHƯỜNG HÙNG VƯƠNG"])
    ws.append(["DANH SÁCH F0, F1 NGÀY 15/09/2021"])
    ws.append([])
    ws.append(HEADER)
    ws.append([f"({i})" for i in range(1, len(HEADER) + 1)])
    for i, r in enumerate(rows, 1):
        ws.append([i, *r])
    ws.append([None, "Tổng cộng: 6 người"])
    wb.save(path)
    return path


@pytest.fixture
def listed(db, tmp_path):  # noqa: ANN001, ANN201
    v = village(db)
    create_household(db, HouseholdInput(code="XM-0009", area="Tổ 2"), [
        PersonInput("Nguyễn Văn Cường", birth="10/05/2006", relation="chu_ho")])
    health.add_period(db, v.people["Lê Văn Dũng"], health.PeriodInput("F1", "12/09/2021"))
    path = _sheet(tmp_path / "ds_phuong.xlsx", [
        # Excel dropped the CCCD's leading zero; matched by CCCD despite a wrong birth year
        ["NGUYỄN VĂN AN", 1961, "Nam", 26060001234, "Xuân Mai", "F0", "10/09/2021",
         "Bệnh viện dã chiến", ""],
        ["Trần Thị Bình", "1965", "Nữ", None, "", "F1", date(2021, 9, 11), "Cách ly tại nhà",
         "Vợ ca F0"],
        ["Nguyễn Văn Cường", "10/05/2006", "Nam", None, "", "F1", "11/09/2021", "Tập trung", ""],
        ["Lê Thị Hoa", None, "Nữ", None, "", "f1", "11/09/2021", "", ""],
        ["Hoàng Văn Tư", "1980", "Nam", None, "", "F1", "11/09/2021", "", ""],
        ["Lê Văn Dũng", "20/09/1971", "Nam", None, "", "F1", "13/09/2021", "Tại nhà", ""],
        ["Phạm Thị Lan", "15/09/1971", "Nữ", None, "", "F9", "11/09/2021", "", ""],
    ])
    return v, path


def test_preview_sorts_rows_into_matched_ambiguous_not_found(db, listed):
    v, path = listed
    p = ward_lists.preview_ward_list(db, path, default_start=TODAY)
    assert (p.sheet, p.header_row) == ("DS F0 F1", 4)
    got = {m.row.full_name: m for m in p.rows}
    assert len(p.rows) == 7  # numbering and totals rows skipped
    an = got["NGUYỄN VĂN AN"]
    assert (an.status, an.by, an.person_id) == ("matched", "CCCD", v.people["Nguyễn Văn An"])
    assert (an.row.kind, an.row.place) == ("F0", "facility")
    binh = got["Trần Thị Bình"]
    assert (binh.status, binh.by, binh.row.place) == ("matched", "họ tên + năm sinh", "home")
    cuong = got["Nguyễn Văn Cường"]
    assert cuong.status == "ambiguous" and len(cuong.candidates) == 2
    assert "2 người cùng họ tên và ngày sinh" in cuong.problem
    hoa = got["Lê Thị Hoa"]
    assert hoa.status == "ambiguous" and hoa.candidates[0].person_id == v.people["Lê Thị Hoa"]
    assert "Chỉ có họ tên" in hoa.problem
    assert got["Hoàng Văn Tư"].status == "not_found"
    dung = got["Lê Văn Dũng"]
    assert dung.status == "matched" and dung.already and "sẽ bỏ qua" in dung.problem
    lan = got["Phạm Thị Lan"]
    assert lan.status == "invalid" and "Phân loại «F9» không rõ" in lan.problem
    assert p.summary == "3 khớp, 2 cần chọn, 1 không tìm thấy, 1 dòng lỗi"
    # the preview wrote nothing
    assert health.person_periods(db, v.people["Nguyễn Văn An"]) == []


def test_apply_writes_the_confirmed_rows_in_one_go(db, listed):
    v, path = listed
    p = ward_lists.preview_ward_list(db, path, default_start=TODAY)
    cuong_row = next(m for m in p.rows if m.row.full_name == "Nguyễn Văn Cường")
    mine = v.people["Nguyễn Văn Cường"]
    done = ward_lists.apply_ward_list(db, p, {cuong_row.row.row: mine})
    assert (done.created, done.skipped) == (3, 1)  # An, Bình, Cường; Dũng already F1
    [f0] = health.person_periods(db, v.people["Nguyễn Văn An"])
    assert (f0.kind, f0.start_date, f0.place) == ("F0", date(2021, 9, 10), "facility")
    assert f0.notes.startswith("Theo danh sách phường gửi (dòng 6)")
    binh = {x.kind: x for x in health.person_periods(db, v.people["Trần Thị Bình"])}
    assert set(binh) == {"F1", "quarantine"} and binh["quarantine"].place == "home"
    assert health.household_flags(db, [v.households["XM-0001"]], TODAY)
    assert {x.kind for x in health.person_periods(db, mine)} == {"F1", "quarantine"}
    assert health.person_periods(db, v.people["Lê Thị Hoa"]) == []  # not confirmed


def test_a_bad_choice_writes_nothing(db, listed):
    v, path = listed
    p = ward_lists.preview_ward_list(db, path, default_start=TODAY)
    cuong_row = next(m for m in p.rows if m.row.full_name == "Nguyễn Văn Cường")
    with pytest.raises(ServiceError, match="Dòng 8: người được chọn không nằm trong"):
        ward_lists.apply_ward_list(db, p, {cuong_row.row.row: v.people["Lê Văn Hùng"]})
    assert health.person_periods(db, v.people["Nguyễn Văn An"]) == []  # row 6 rolled back


def test_default_kind_and_missing_header(db, tmp_path):
    village(db)
    wb = Workbook()
    wb.active.append(["Họ tên", "Năm sinh", "Số CCCD"])
    wb.active.append(["Trần Thị Bình", 1965, None])
    wb.save(tmp_path / "f1.xlsx")
    p = ward_lists.preview_ward_list(db, tmp_path / "f1.xlsx", default_kind="F2",
                                     default_start=TODAY)
    assert [(m.status, m.row.kind, m.row.start) for m in p.rows] == [("matched", "F2", TODAY)]
    missing = ward_lists.preview_ward_list(db, tmp_path / "f1.xlsx")
    assert missing.rows[0].status == "invalid" and "Thiếu ngày" in missing.rows[0].problem
    wb = Workbook()
    wb.active.append(["Số thứ tự", "Tên hàng", "Đơn giá"])
    wb.save(tmp_path / "khac.xlsx")
    from greenzone_desktop.exchange.excel_reader import SpreadsheetError

    with pytest.raises(SpreadsheetError, match="Không tìm thấy dòng tiêu đề"):
        ward_lists.preview_ward_list(db, tmp_path / "khac.xlsx")
