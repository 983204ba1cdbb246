"""Fonts cover every character we print; the official layout reads back right."""

from __future__ import annotations

import ast
import unicodedata
from datetime import date
from pathlib import Path

import pytest

import greenzone_desktop.printing as printing_pkg
from greenzone_desktop.printing.fonts import (
    FONT_FILES,
    SANS,
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    SERIF_BOLD_ITALIC,
    SERIF_ITALIC,
    missing_glyphs,
)
from greenzone_desktop.printing.layout import place_date, write_table_document
from greenzone_desktop.resources import resource_path
from tests.printing import samples
from tests.printing.pdfutil import fonts, page_texts

ALL_FONTS = [SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC, SANS, SANS_BOLD]
VIETNAMESE = ("aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụ"
              "ưừửữứựvxyỳỷỹýỵ")


def printed_strings() -> list[str]:
    """Every string literal in the printing modules (what the templates can print)."""
    out = []
    for py in Path(printing_pkg.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.append(node.value)
    return out


def test_font_files_and_licence_are_bundled():
    for filename in FONT_FILES.values():
        assert resource_path("fonts", filename).stat().st_size > 100_000
    licence = resource_path("fonts", "LICENSE-Liberation.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Red Hat" in licence


@pytest.mark.parametrize("font", ALL_FONTS)
def test_every_template_character_is_in_the_font(font):
    text = "".join(printed_strings())
    assert "Đ" in text and "ở" in text  # the scan really sees the Vietnamese templates
    assert missing_glyphs(text, font) == set()


@pytest.mark.parametrize("font", ALL_FONTS)
def test_alphabet_and_names_are_in_the_font(font):
    names = " ".join(samples.all_names())
    assert missing_glyphs(VIETNAMESE + VIETNAMESE.upper() + names, font) == set()
    # decomposed input is checked as what gets printed (NFC)
    assert missing_glyphs(unicodedata.normalize("NFD", names), font) == set()


def test_missing_glyphs_reports_what_the_font_lacks():
    assert missing_glyphs("Nguyễn ☐ 漢", SERIF) == {"☐", "漢"}


@pytest.mark.parametrize(("d", "expected"), [
    (date(2021, 9, 5), "Phúc Yên, ngày 05 tháng 9 năm 2021"),
    (date(2020, 1, 5), "Phúc Yên, ngày 05 tháng 01 năm 2020"),
    (date(2021, 2, 28), "Phúc Yên, ngày 28 tháng 02 năm 2021"),
    (date(2021, 12, 15), "Phúc Yên, ngày 15 tháng 12 năm 2021"),
])
def test_place_date_follows_decree_30(d, expected):
    assert place_date("Phúc Yên", d) == expected


def test_table_document_reads_back(tmp_path):
    out = tmp_path / "list.pdf"
    rows = [[samples.nfd(n), "Tổ viên", "0912345678"] for n in samples.all_names(90)[:90]]
    s = write_table_document(out, samples.UNIT, "Danh sách Tổ COVID cộng đồng",
                             ["Họ và tên", "Nhiệm vụ", "Điện thoại"], rows,
                             when=date(2021, 9, 5))
    pages = page_texts(out)
    assert s.pages == len(pages) >= 3
    first = pages[0]
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "UBND PHƯỜNG PHÚC THẮNG", "DANH SÁCH TỔ COVID CỘNG ĐỒNG",
                   "ngày 05 tháng 9 năm 2021", "Số:"):
        assert phrase in " ".join(first.split()), phrase
    text = "".join(pages)
    assert text == unicodedata.normalize("NFC", text)
    assert unicodedata.normalize("NFC", rows[0][0]) in text
    # page numbers from page 2 on, not on page 1
    assert pages[1].split()[0] == "2"
    assert pages[2].split()[0] == "3"
    assert first.split()[0] != "1"
    rows_f = fonts(out)
    assert rows_f and all(r["emb"] == "yes" for r in rows_f), rows_f
