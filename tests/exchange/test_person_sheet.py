"""Reading person lists as offices keep them: title rows, merged headers, values typed any way."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from greenzone_desktop.exchange.excel_reader import SpreadsheetError
from greenzone_desktop.exchange.person_columns import ColumnMapping, field_for_header, find_header
from greenzone_desktop.exchange.person_sheet import (
    ImportCancelled,
    ParsedSheet,
    parse_person_rows,
    parse_person_sheet,
    preview_sheet,
    read_source_rows,
)
from greenzone_desktop.vocab import Relation, Residency, Sex

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "SĐT", "Quan hệ với chủ hộ"]


def _parse(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> ParsedSheet:
    """Parse rows typed under `header` (row 1) as a sheet would give them."""
    match = find_header([list(header)])
    assert match is not None
    numbered = [(i, list(r)) for i, r in enumerate(rows, start=2)]
    parsed, households, problems = parse_person_rows(numbered, match.mapping, keep_cells=True)
    return ParsedSheet("t.xlsx", "S", 1, match.mapping, households, parsed, problems)


def _by_name(sheet: ParsedSheet) -> dict[str, dict[str, object]]:
    return {str(r.values["full_name"]): r.values for r in sheet.rows}


# --- the LibreOffice-made file: title rows, merged cells, text dates, numeric CCCD, totals ----


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_libreoffice_household_list_parses(data_dir: Path, suffix: str) -> None:
    sheet = parse_person_sheet(data_dir / f"danh_sach_ho.{suffix}")
    assert sheet.sheet == "Danh sách"  # the guide sheet before it is passed over
    assert (sheet.header_row, sheet.first_data_row) == (7, 8)
    assert [r.sheet_row for r in sheet.rows] == [8, 9, 10, 11, 12, 14, 15, 16]  # blank row 13
    people = _by_name(sheet)
    an = people["Nguyễn Văn An"]
    assert an["birth_date"] == date(1985, 3, 12)  # "12/3/1985" typed as text
    assert an["cccd"] == "001085012345"  # the number cell had lost "00"
    assert an["phone"] == "0912345678"  # and this one its "0"
    assert an["relation"] == Relation.HEAD and an["is_head"] is True
    assert an["dose1_date"] == date(2021, 8, 1) and an["dose2_date"] == date(2021, 9, 15)
    assert an["residency"] == Residency.PERMANENT and an["sex"] == Sex.MALE
    binh = people["Trần Thị Bình"]
    assert binh["birth_date"] == date(1987, 3, 12)  # "12-03-87"
    assert binh["cccd"] == "036187012345" and binh["phone"] == "0987654321"
    assert people["Nguyễn Văn Cường"]["birth_year"] == 2010
    assert people["Nguyễn Văn Cường"]["birth_date"] is None
    dung = people["Lê Văn Dũng"]  # typed with trailing spaces
    assert dung["cccd"] == "038090012345" and dung["phone"] == "0904111222"  # "+84 904 111 222"
    assert dung["residency"] == Residency.TEMPORARY
    assert people["Phạm Thị Hoa"]["relation"] == Relation.WIFE  # "vợ"
    assert people["Lê Thị Hương"]["relation"] == Relation.CHILD  # "con gái"
    # Households by the "Số hộ" column; the totals row and the signature under it are not people.
    assert [(h.key, len(h.rows)) for h in sheet.households] == [("1", 3), ("2", 3), ("3", 2)]
    assert sheet.households[1].head is not None
    assert sheet.households[1].head.values["full_name"] == "Lê Văn Dũng"
    messages = [str(p) for p in sheet.problems]
    assert messages == [
        "Dòng 15, cột D (Ngày sinh): Ngày sinh «31/02/1970» không tồn tại (tháng 2 năm 1970 "
        "chỉ có 28 ngày).",
        "Dòng 15, cột F (Số CCCD): Số CCCD «12345» không hợp lệ: cần đủ 12 chữ số (CMND cũ: 9 "
        "chữ số), đang có 5 chữ số.",
        "Dòng 16, cột H (Quan hệ với chủ hộ): Quan hệ với chủ hộ «Hàng xóm» không rõ; hãy ghi "
        "một trong: Chủ hộ, Vợ, Chồng, Con, Bố, Mẹ, Ông, Bà, Cháu, Anh/chị/em, Con dâu/con rể, "
        "Bố/mẹ vợ (chồng), Người ở trọ, Khác.",
        "Dòng 16, cột F (Số CCCD): trùng số CCCD 001085012345 với dòng 8.",
    ]
    duplicate = sheet.problems[-1]
    assert (duplicate.kind, duplicate.other_row) == ("duplicate", 8)
    assert [r.sheet_row for r in sheet.rows if not r.ok] == [15, 16]


def test_two_row_header_with_birth_year_under_nam_or_nu(data_dir: Path) -> None:
    sheet = parse_person_sheet(data_dir / "nam_nu.xlsx")
    assert sheet.header_row == 5 and sheet.first_data_row == 7  # "(1) (2) …" row skipped
    assert sheet.mapping.headers[2:4] == ("Năm sinh / Nam", "Năm sinh / Nữ")
    got = [(v["full_name"], v["sex"], v["birth_year"], v["birth_date"])
           for v in (r.values for r in sheet.rows)]  # fmt: skip
    assert got == [
        ("Đặng Văn Long", Sex.MALE, 1960, None),
        ("Vũ Thị Mai", Sex.FEMALE, 1962, None),
        ("Đặng Thị Ngọc", Sex.FEMALE, 1990, date(1990, 2, 2)),
        ("Bùi Văn Phúc", Sex.MALE, 1975, None),
        ("Đỗ Thị Quỳnh", Sex.FEMALE, 1980, None),
    ]
    assert sheet.rows[0].values["cccd"] == "026060012345"
    # No household column: a "Chủ hộ" / "CH" row starts the next household. "Cộng" ends the list.
    assert [[r.sheet_row for r in h.rows] for h in sheet.households] == [[7, 8, 9], [10, 11]]
    assert sheet.problems == []


def test_no_recognisable_header_is_refused_with_what_was_expected(data_dir: Path) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        parse_person_sheet(data_dir / "khong_tieu_de.xlsx")
    message = str(caught.value)
    assert message.startswith("Không tìm thấy dòng tiêu đề trong 30 dòng đầu của trang «Sheet1»")
    assert "«Họ và tên»" in message and "chọn cột bằng tay" in message


def test_preview_picks_the_person_sheet_and_shows_its_first_rows(data_dir: Path) -> None:
    preview = preview_sheet(data_dir / "danh_sach_ho.xlsx")
    assert preview.sheets == ["Hướng dẫn", "Danh sách"] and preview.sheet == "Danh sách"
    assert preview.match is not None and preview.match.header_row == 7
    assert preview.rows[0][0] == "UBND XÃ TIÊN PHONG"


def test_manual_mapping_overrides_detection(data_dir: Path) -> None:
    detected = preview_sheet(data_dir / "danh_sach_ho.xlsx").match
    assert detected is not None
    columns = dict(detected.mapping.columns)
    columns["notes"] = columns.pop("address")  # the user says column I is a note
    sheet = parse_person_sheet(data_dir / "danh_sach_ho.xlsx", "Danh sách", columns)
    assert sheet.rows[0].values["notes"] == "Xóm 1, thôn Đông"
    assert "address" not in sheet.rows[0].values


def test_mapping_signature_is_stable_across_spelling_and_layout_noise() -> None:
    a = find_header([["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Quan hệ với chủ hộ"]])
    b = find_header([["stt ", "HỌ VÀ TÊN", "Ngày  sinh", "Số CCCD:", "Quan hệ với chủ hộ"]])
    c = find_header([["STT", "Họ và tên", "Năm sinh", "Số CCCD", "Quan hệ với chủ hộ"]])
    assert a and b and c
    assert a.mapping.signature == b.mapping.signature != c.mapping.signature
    assert a.mapping.columns == b.mapping.columns


@pytest.mark.parametrize(
    ("header", "name"),
    [("Họ và tên", "full_name"), ("HỌ TÊN", "full_name"), ("Ngày sinh", "birth_date"),
     ("Ngày, tháng, năm sinh", "birth_date"), ("Năm sinh", "birth_year"), ("Giới tính", "sex"),
     ("Nam/Nữ", "sex"), ("Số CCCD", "cccd"), ("CMND/CCCD", "cccd"), ("Số định danh", "cccd"),
     ("Số CMND/CCCD (nếu có)", "cccd"), ("Số điện thoại", "phone"), ("SĐT", "phone"),
     ("Quan hệ với chủ hộ", "relation"), ("QH với CH", "relation"), ("Chủ hộ", "is_head"),
     ("Họ tên chủ hộ", "head_name"), ("Địa chỉ", "address"), ("Tổ", "area"),
     ("Thôn", "area"), ("Thường trú/Tạm trú", "residency"), ("Mũi 1", "dose1_date"),
     ("Ngày tiêm mũi 2", "dose2_date"), ("Mũi 3", "dose3_date"), ("Nghề nghiệp", "occupation"),
     ("Nơi làm việc", "workplace"), ("Dân tộc", "ethnicity"), ("Tôn giáo", "religion"),
     ("Số hộ", "household_no"), ("Mã hộ", "household_no"), ("STT", "seq"),
     ("Ghi chú", "notes"), ("Nam", "male"), ("Nữ", "female"), ("Tiêm vắc xin / Mũi 1", "dose1_date"),
     ("Quan he voi chu ho", "relation"), ("Lỗi cần sửa", None), ("Chữ ký", None)],
)  # fmt: skip
def test_header_synonyms(header: str, name: str | None) -> None:
    assert field_for_header(header) == name


# --- values as offices type them --------------------------------------------------------------


def test_values_typed_every_which_way() -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Lan")  # as some keyboards and Excel give it
    assert nfd != "Nguyễn Thị Lan"
    sheet = _parse([
        [1, "  Nguyễn   Văn An ", "12/3/1985", "Nam", "001 085.012 345", "0912 345 678", "Chủ hộ"],
        [2, nfd, "12-03-87", "nữ", 36187012345, "+84 987 654 321", "vợ"],
        [3, "Nguyễn Văn Bảo", 2010, "NAM", None, 912345679, "Con trai"],
        [4, "Nguyễn Thị Cúc", date(1950, 1, 1), None, "036150012345", "0987.111.222", "mẹ"],
        [5, "Trần Văn Dư", "1999", None, None, None, "CH"],
    ])  # fmt: skip
    people = _by_name(sheet)
    assert sheet.problems == []
    an = people["Nguyễn Văn An"]
    assert (an["birth_date"], an["cccd"], an["phone"]) == (date(1985, 3, 12), "001085012345",
                                                           "0912345678")  # fmt: skip
    lan = people["Nguyễn Thị Lan"]  # stored NFC
    assert lan["cccd"] == "036187012345" and lan["phone"] == "0987654321"
    assert lan["birth_date"] == date(1987, 3, 12) and lan["sex"] == Sex.FEMALE
    assert people["Nguyễn Văn Bảo"]["birth_year"] == 2010
    assert people["Nguyễn Văn Bảo"]["phone"] == "0912345679"
    assert people["Nguyễn Thị Cúc"]["sex"] == Sex.FEMALE  # from "mẹ", no sex column value
    assert people["Trần Văn Dư"]["birth_year"] == 1999
    assert [len(h.rows) for h in sheet.households] == [4, 1]


@pytest.mark.parametrize(
    ("typed", "relation"),
    [("Chủ hộ", Relation.HEAD), ("CH", Relation.HEAD), ("chu ho", Relation.HEAD),
     ("vợ", Relation.WIFE), ("Chồng", Relation.HUSBAND), ("Con trai", Relation.CHILD),
     ("con gái", Relation.CHILD), ("cháu nội", Relation.GRANDCHILD), ("Cháu ngoại", Relation.GRANDCHILD),
     ("Bố", Relation.FATHER), ("cha", Relation.FATHER), ("Mẹ", Relation.MOTHER),
     ("Bà nội", Relation.GRANDMOTHER), ("bà", Relation.GRANDMOTHER), ("Ông", Relation.GRANDFATHER),
     ("Con dâu", Relation.CHILD_IN_LAW), ("con rể", Relation.CHILD_IN_LAW),
     ("Em trai", Relation.SIBLING), ("Mẹ chồng", Relation.PARENT_IN_LAW),
     ("Người ở trọ", Relation.TENANT), ("ở trọ", Relation.TENANT), ("Khác", Relation.OTHER)],
)  # fmt: skip
def test_relation_words(typed: str, relation: Relation) -> None:
    sheet = _parse([[1, "Nguyễn Văn An", 1980, "Nam", None, None, typed]])
    assert sheet.rows[0].values["relation"] == relation and sheet.problems == []


def test_problems_say_row_column_and_header() -> None:
    sheet = _parse([
        [1, "Nguyễn Văn An", "30/02/1985", "Nam", "0010850123", "012345", "Chủ hộ"],
        [2, "Lê Thị Bình", "1985", "Không rõ", None, None, "Bạn"],
        [3, "Lê Văn C", 1985, "Nam", None, None, "người yêu"],
    ])  # fmt: skip
    texts = [str(p) for p in sheet.problems]
    assert texts[0].startswith("Dòng 2, cột C (Ngày sinh): Ngày sinh «30/02/1985» không tồn tại")
    assert texts[1].startswith("Dòng 2, cột E (Số CCCD): Số CCCD «0010850123» không hợp lệ")
    assert texts[2].startswith("Dòng 2, cột F (SĐT): Số điện thoại «012345» không hợp lệ")
    assert (
        texts[3] == "Dòng 3, cột D (Giới tính): Giới tính «Không rõ» không rõ; hãy ghi Nam hoặc Nữ."
    )
    assert texts[4].startswith("Dòng 4, cột G (Quan hệ với chủ hộ): Quan hệ với chủ hộ «người yêu»")
    assert sheet.rows[1].values["relation"] == Relation.OTHER  # "Bạn" is a known word
    assert sheet.rows[0].error_text.startswith("cột C (Ngày sinh): Ngày sinh «30/02/1985»")


def test_totals_footer_blank_and_numbered_rows_are_not_people() -> None:
    sheet = _parse([
        [1, "Nguyễn Văn An", 1980, "Nam", None, None, "Chủ hộ"],
        [None] * 7,
        ["", "   ", None, None, None, None, None],
        [2, None, None, None, None, None, None],  # a pre-numbered empty line
        [3, "Tống Văn Bình", 1982, "Nam", None, None, "Con"],  # "Tống" is a name, not "Tổng"
        ["Tổng cộng: 2 người", None, None, None, None, None, None],
        [None, "NGƯỜI LẬP BIỂU", None, None, None, None, None],
    ])  # fmt: skip
    assert [r.values["full_name"] for r in sheet.rows] == ["Nguyễn Văn An", "Tống Văn Bình"]
    assert sheet.problems == []


def test_row_without_a_name_between_people_is_a_problem() -> None:
    sheet = _parse([
        [1, "Nguyễn Văn An", 1980, "Nam", None, None, "Chủ hộ"],
        [2, None, 1982, "Nữ", None, None, "Vợ"],
        [3, "Nguyễn Văn Bình", 2005, "Nam", None, None, "Con"],
    ])  # fmt: skip
    assert [str(p) for p in sheet.problems] == ["Dòng 3, cột B (Họ và tên): thiếu họ và tên."]
    assert [r.sheet_row for r in sheet.rows] == [2, 3, 4]
    assert [len(h.rows) for h in sheet.households] == [2]  # the nameless row joins no household


def test_duplicates_within_the_file() -> None:
    sheet = _parse([
        [1, "Nguyễn Văn An", "01/02/1980", "Nam", "001080012345", None, "Chủ hộ"],
        [2, "NGUYEN VAN AN", date(1980, 2, 1), "Nam", None, None, "Con"],
        [3, "Lê Văn Bình", 1980, "Nam", 1080012345, None, "Con"],
        [4, "Lê Văn Bình", 1980, "Nam", None, None, "Con"],  # same name and year: too common
    ])  # fmt: skip
    assert [(p.row, p.kind, p.other_row) for p in sheet.problems] == [
        (3, "duplicate", 2), (4, "duplicate", 2)]  # fmt: skip
    assert "trùng họ tên và ngày sinh (NGUYEN VAN AN, 01/02/1980) với dòng 2" in str(
        sheet.problems[0]
    )
    assert all(r.ok for r in sheet.rows)  # the user decides: update, keep both or skip


def test_grouping_by_household_number_continues_blank_cells() -> None:
    header = ["Số hộ", "Họ và tên", "Năm sinh", "Giới tính", "Quan hệ với chủ hộ"]
    sheet = _parse([
        ["H01", "Nguyễn Văn An", 1980, "Nam", "Chủ hộ"],
        [None, "Lê Thị Bình", 1982, "Nữ", "Vợ"],  # merged cell: the number is on the first row
        ["H02", "Trần Văn Cường", 1970, "Nam", "Chủ hộ"],
        ["H01", "Nguyễn Văn Dũng", 2010, "Nam", "Con"],  # listed apart, same household
    ], header)  # fmt: skip
    assert [(h.key, [r.sheet_row for r in h.rows]) for h in sheet.households] == [
        ("H01", [2, 3, 5]), ("H02", [4])]  # fmt: skip


def test_one_row_per_household_without_number_or_relation() -> None:
    header = ["STT", "Họ tên chủ hộ", "Năm sinh", "Giới tính", "Địa chỉ"]
    sheet = _parse([[1, "Nguyễn Văn An", 1980, "Nam", "Xóm 1"],
                    [2, "Lê Thị Bình", 1982, "Nữ", "Xóm 2"]], header)  # fmt: skip
    assert [len(h.rows) for h in sheet.households] == [1, 1]
    assert sheet.rows[1].values["full_name"] == "Lê Thị Bình"


def test_tick_columns_for_sex_and_residency() -> None:
    header = ["Họ và tên", "Năm sinh", "Nam", "Nữ", "Thường trú", "Tạm trú", "CCCD"]
    sheet = _parse([["Nguyễn Văn An", 1980, "x", None, "x", None, None],
                    ["Lê Thị Bình", 1982, None, "x", None, "x", None],
                    ["Lê Văn Cường", 1990, "x", "x", None, None, None]], header)  # fmt: skip
    values = [r.values for r in sheet.rows]
    assert [(v["sex"], v.get("residency")) for v in values[:2]] == [
        (Sex.MALE, Residency.PERMANENT), (Sex.FEMALE, Residency.TEMPORARY)]  # fmt: skip
    assert [str(p) for p in sheet.problems] == ["Dòng 4, cột D (Nữ): ghi ở cả cột Nam và cột Nữ."]


def test_progress_and_cancel(data_dir: Path) -> None:
    rows = [(i, [i, f"Người {i}", 1980, "Nam", None, None, "Chủ hộ"]) for i in range(2, 5003)]
    mapping = ColumnMapping({"full_name": 1, "birth_year": 2, "sex": 3, "relation": 6})
    seen: list[tuple[int, int]] = []
    parse_person_rows(rows, mapping, progress=lambda d, t: seen.append((d, t)), total=5002)
    assert seen[-1] == (5002, 5002) and len(seen) >= 3
    with pytest.raises(ImportCancelled):
        parse_person_rows(rows, mapping, cancelled=lambda: True)


def test_source_rows_can_be_read_back_for_rows_a_service_refuses(data_dir: Path) -> None:
    cells = read_source_rows(data_dir / "danh_sach_ho.xlsx", "Danh sách", [8, 12])
    assert cells[8][2] == "Nguyễn Văn An" and cells[12][2] == "Phạm Thị Hoa"
