"""Opening spreadsheets: the formats offices use, and a clear message for each bad file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook

from greenzone_desktop.exchange.excel_reader import (
    SpreadsheetError,
    Workbook,
    column_letter,
    list_sheets,
    read_rows,
)


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_libreoffice_files_read_with_sheets_and_typed_cells(data_dir: Path, suffix: str) -> None:
    path = data_dir / f"danh_sach_ho.{suffix}"
    assert list_sheets(path) == ["Hướng dẫn", "Danh sách"]
    rows = read_rows(path, "Danh sách")
    assert rows[0][0] == "UBND XÃ TIÊN PHONG"
    assert rows[6][:3] == ["STT", "Số hộ", "Họ và tên"]
    first = rows[7]
    assert first[0] == 1 and type(first[0]) is int  # whole numbers come back as int
    assert first[3] == "12/3/1985"  # typed as text, kept as text
    assert first[5] == 1085012345  # the CCCD lost its leading zeros in the number cell
    assert first[10] == date(2021, 8, 1)  # a real date cell
    assert first[12] is None  # empty cells are None


def test_rows_are_numbered_as_excel_shows_them_and_start_at_column_a(tmp_path: Path) -> None:
    book = OpenpyxlWorkbook()
    sheet = book.active
    sheet["C3"] = "Họ và tên"
    sheet["D5"] = 1.5
    book.save(tmp_path / "offset.xlsx")
    with Workbook(tmp_path / "offset.xlsx") as workbook:
        rows = dict(workbook.rows())
        assert rows[3][2] == "Họ và tên" and rows[5][3] == 1.5
        assert dict(workbook.rows(limit=3))[3][2] == "Họ và tên"
        assert workbook.sheet_height() == 5


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("mat_khau.xlsx", "Tệp «mat_khau.xlsx» được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu "
                          "rồi lưu lại."),
        ("bi_cat.xlsx", "Tệp «bi_cat.xlsx» bị hỏng hoặc chưa chép hết"),
        ("van_ban.xlsx", "Tệp «van_ban.xlsx» không phải bảng tính Excel (.xlsx, .xls) hay .ods: "
                         "có thể là tệp văn bản (CSV)"),
        ("anh.xlsx", "Tệp «anh.xlsx» là một tệp ảnh (PNG), không phải bảng tính"),
        ("nen_zip.xlsx", "Tệp «nen_zip.xlsx» là tệp nén nhưng không chứa bảng tính"),
    ],
)  # fmt: skip
def test_bad_files_say_what_is_wrong(data_dir: Path, name: str, message: str) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        list_sheets(data_dir / name)
    assert message in caught.value.message
    assert caught.value.file == name


def test_empty_sheet_names_file_and_sheet(data_dir: Path) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_rows(data_dir / "trang_trong.xlsx")
    assert str(caught.value) == "Trang «Sheet1» của tệp «trang_trong.xlsx» trống, không có dữ liệu."
    assert caught.value.sheet == "Sheet1"


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "Không tìm thấy tệp «x.xlsx»."), (b"", "Tệp «x.xlsx» rỗng (0 byte).")],
)
def test_missing_or_empty_file(tmp_path: Path, content: bytes | None, message: str) -> None:
    if content is not None:
        (tmp_path / "x.xlsx").write_bytes(content)
    with pytest.raises(SpreadsheetError, match=re.escape(message)):
        list_sheets(tmp_path / "x.xlsx")


def test_sheet_larger_than_a_ward_is_refused_before_reading_it(data_dir: Path) -> None:
    with Workbook(data_dir / "danh_sach_ho.xlsx") as book, pytest.raises(SpreadsheetError) as c:
        next(book.rows("Danh sách", max_rows=10))
    assert "có 20 dòng, quá nhiều so với danh sách một xã, phường (tối đa 10 dòng)" in str(c.value)


def test_unknown_sheet_lists_the_sheets(data_dir: Path) -> None:
    with pytest.raises(SpreadsheetError, match="không có trang «Tổ 9» .*«Danh sách»"):
        read_rows(data_dir / "danh_sach_ho.xlsx", "Tổ 9")


def test_an_xlsx_saved_under_xls_still_opens(data_dir: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "danh_sach.xls"
    renamed.write_bytes((data_dir / "danh_sach_ho.xlsx").read_bytes())
    assert list_sheets(renamed) == ["Hướng dẫn", "Danh sách"]


@pytest.mark.parametrize(("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"),
                                               (701, "ZZ"), (702, "AAA")])  # fmt: skip
def test_column_letters(index: int, letter: str) -> None:
    assert column_letter(index) == letter
