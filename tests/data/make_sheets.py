"""Make the spreadsheets in this folder the way offices make them: with LibreOffice, not openpyxl.

Run from the repository root: `python tests/data/make_sheets.py`. Needs `soffice` on PATH, and
the `msoffcrypto-tool` package for the one password-protected file (LibreOffice's command line
cannot set a password on an .xlsx it writes).

Each sheet is written by hand as a flat OpenDocument file (.fods: title rows, merged cells, dates
typed as text, CCCD typed as numbers that lost their leading zeros, a totals row), then converted
by LibreOffice to .xlsx, .xls and .ods.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
PASSWORD = "matkhau123"

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="N1"><number:day number:style="long"/><number:text>/</number:text>
  <number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>
 </number:date-style>
 <style:style style:name="date" style:family="table-cell" style:data-style-name="N1"/>
 <style:style style:name="bold" style:family="table-cell">
  <style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
"""
TAIL = "</office:spreadsheet></office:body></office:document>\n"


class D(str):
    """An ISO date written as a real date cell (shown dd/mm/yyyy)."""


class Span:
    """A merged cell: `text` spanning `cols` columns and `rows` rows."""

    def __init__(self, text: str, cols: int = 1, rows: int = 1) -> None:
        self.text, self.cols, self.rows = text, cols, rows


def _cell(value: object) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if value is COVERED:
        return "<table:covered-table-cell/>"
    if isinstance(value, Span):
        spans = (
            f' table:number-columns-spanned="{value.cols}" table:number-rows-spanned="{value.rows}"'
        )
        inner = _cell(value.text).replace("<table:table-cell", "<table:table-cell" + spans, 1)
        return inner + "<table:covered-table-cell/>" * (value.cols - 1)
    if isinstance(value, D):
        return (
            f'<table:table-cell table:style-name="date" office:value-type="date" '
            f'office:date-value="{value}"><text:p>{value}</text:p></table:table-cell>'
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
        "</table:table-cell>"
    )


COVERED = object()


def _table(name: str, rows: list[list[object]]) -> str:
    body = "".join(
        "<table:table-row>" + "".join(_cell(v) for v in row) + "</table:table-row>\n"
        for row in rows
    )
    return f'<table:table table:name="{escape(name)}">\n{body}</table:table>\n'


def _fods(tables: dict[str, list[list[object]]]) -> str:
    return HEAD + "".join(_table(n, r) for n, r in tables.items()) + TAIL


# "Trần Thị Bình" decomposed, as some keyboards type it
NFD_BINH = "Tra\u0302\u0300n Thi\u0323 Bi\u0300nh"

HOUSEHOLDS = [
    [Span("UBND XÃ TIÊN PHONG", 5), "", "", Span("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 6)],
    [Span("THÔN ĐÔNG", 5), "", "", Span("Độc lập - Tự do - Hạnh phúc", 6)],
    [],
    [Span("DANH SÁCH HỘ GIA ĐÌNH VÀ NHÂN KHẨU", 13)],
    [Span("(Kèm theo Kế hoạch số 12/KH-BCĐ ngày 05/8/2021)", 13)],
    [],
    ["STT", "Số hộ", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại",
     "Quan hệ với chủ hộ", "Địa chỉ", "Thường trú/ Tạm trú", "Mũi 1", "Mũi 2", "Ghi chú"],
    [1, 1, "Nguyễn Văn An", "12/3/1985", "Nam", 1085012345, 912345678, "Chủ hộ",
     "Xóm 1, thôn Đông", "Thường trú", D("2021-08-01"), "15/9/2021", ""],
    [2, 1, NFD_BINH, "12-03-87", "Nữ", "036 187 012 345", "0987.654.321", "Vợ",
     "Xóm 1, thôn Đông", "Thường trú", "", "", ""],
    [3, 1, "Nguyễn Văn Cường", 2010, "Nam", "", "", "Con trai", "Xóm 1, thôn Đông",
     "Thường trú", "", "", "Học sinh"],
    [4, 2, "Lê Văn Dũng   ", D("1990-01-05"), "Nam", 38090012345, "+84 904 111 222", "CH",
     "Xóm 2, thôn Đông", "Tạm trú", D("2021-07-20"), D("2021-08-30"), ""],
    [5, 2, "Phạm Thị Hoa", "1992", "Nữ", 38192012345, "", "vợ", "Xóm 2, thôn Đông",
     "Tạm trú", "", "", ""],
    [],
    [6, 2, "Lê Thị Hương", "05/06/2015", "Nữ", "", "", "con gái", "Xóm 2, thôn Đông",
     "Tạm trú", "", "", ""],
    [7, 3, "Hoàng Văn Ích", "31/02/1970", "Nam", "12345", "", "Chủ hộ", "Xóm 3, thôn Đông",
     "Thường trú", "", "", ""],
    [8, 3, "Hoàng Văn Khánh", "1985", "Nam", 1085012345, "", "Hàng xóm", "Xóm 3, thôn Đông",
     "Thường trú", "", "", ""],
    [Span("Tổng cộng", 3), "", "", "", "", "", "", "", 2, 1, ""],
    [],
    ["", "", "", "", "", "", "", "", Span("TRƯỞNG THÔN", 3)],
    ["", "", "", "", "", "", "", "", Span("Nguyễn Văn Trưởng", 3)],
]  # fmt: skip

GUIDE = [["Hướng dẫn"], ["Điền mỗi nhân khẩu một dòng ở trang Danh sách."]]

NAM_NU = [
    [Span("UBND PHƯỜNG HÙNG VƯƠNG", 4)],
    [Span("TỔ DÂN PHỐ XUÂN MAI", 4)],
    [Span("DANH SÁCH NHÂN KHẨU", 8)],
    [Span("STT", 1, 2), Span("Họ và tên", 1, 2), Span("Năm sinh", 2), Span("CMND/CCCD", 1, 2),
     Span("SĐT", 1, 2), Span("QH với CH", 1, 2), Span("Địa chỉ", 1, 2)],
    [COVERED, COVERED, "Nam", "Nữ", COVERED, COVERED, COVERED, COVERED],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
    [1, "Đặng Văn Long", 1960, "", 26060012345, "0912 000 111", "Chủ hộ", "Số 3 ngõ 5"],
    [2, "Vũ Thị Mai", "", 1962, "", "", "Vợ", "Số 3 ngõ 5"],
    [3, "Đặng Thị Ngọc", "", "02/02/1990", "", "", "Con", "Số 3 ngõ 5"],
    [4, "Bùi Văn Phúc", "1975", "", "", "", "CH", "Số 7 ngõ 5"],
    [5, "Đỗ Thị Quỳnh", "", 1980, "", "", "vợ", "Số 7 ngõ 5"],
    ["Cộng", "", 2, 3, "", "", "", ""],
]  # fmt: skip

NO_HEADER = [[1, 2, 3], [4, 5, 6], ["a", "b", "c"]]

SOURCES = {
    "danh_sach_ho": {"Hướng dẫn": GUIDE, "Danh sách": HOUSEHOLDS},
    "nam_nu": {"Tổ 5": NAM_NU},
    "trang_trong": {"Sheet1": [[]]},
    "khong_tieu_de": {"Sheet1": NO_HEADER},
}
CONVERSIONS = {
    "xlsx": ["danh_sach_ho", "nam_nu", "trang_trong", "khong_tieu_de"],
    "xls": ["danh_sach_ho"],
    "ods": ["danh_sach_ho"],
}


def _convert(sources: list[Path], fmt: str, outdir: Path, profile: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", fmt, "--outdir", str(outdir), *map(str, sources)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip


def _encrypt(source: Path, target: Path) -> None:
    import msoffcrypto  # only needed to make this one file

    with source.open("rb") as plain, target.open("wb") as out:
        office = msoffcrypto.OfficeFile(plain)
        office.encrypt(PASSWORD, out)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, tables in SOURCES.items():
            (work / f"{name}.fods").write_text(_fods(tables), encoding="utf-8")
        for fmt, names in CONVERSIONS.items():
            _convert([work / f"{n}.fods" for n in names], fmt, work, work / "profile")
            for n in names:
                shutil.copy(work / f"{n}.{fmt}", HERE / f"{n}.{fmt}")
        _encrypt(HERE / "nam_nu.xlsx", HERE / "mat_khau.xlsx")
    good = (HERE / "danh_sach_ho.xlsx").read_bytes()
    (HERE / "bi_cat.xlsx").write_bytes(good[: len(good) // 2])
    (HERE / "van_ban.xlsx").write_text("Họ và tên,Ngày sinh\nNguyễn Văn An,1985\n", "utf-8")
    # A PNG header and a little noise: an image someone renamed to .xlsx.
    (HERE / "anh.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    # A zip that is not a workbook.
    with zipfile.ZipFile(HERE / "nen_zip.xlsx", "w") as archive:
        archive.writestr("readme.txt", "không phải bảng tính")
    made = [f"{n}.{fmt}" for fmt, names in CONVERSIONS.items() for n in names]
    made += ["mat_khau.xlsx", "bi_cat.xlsx", "van_ban.xlsx", "anh.xlsx", "nen_zip.xlsx"]
    for name in made:
        print(f"{name:24} {(HERE / name).stat().st_size:7} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
