"""Sổ vùng xanh read back: text, fonts, page counts, odd-page starts, booklet, cancel."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest
from reportlab.lib.pagesizes import A4

from greenzone_desktop.printing.data import PrintCancelled, PrintRules
from greenzone_desktop.printing.logbook import booklet_order, count_logbook_pages, write_logbooks
from tests.printing import samples
from tests.printing.pdfutil import flat, fonts, page_count, page_sizes, page_texts

COVER = "GHI CHÉP PHÒNG, CHỐNG DỊCH COVID-19 CỦA HỘ GIA ĐÌNH"


def cover_pages(texts: list[str]) -> list[int]:
    return [i + 1 for i, t in enumerate(texts) if COVER in flat(t)]


def test_batch_pages_text_and_fonts(tmp_path):
    hh = samples.households(3)
    hh[0] = dataclasses.replace(hh[0], head_name=samples.nfd(hh[0].head_name))  # NFD input
    out = tmp_path / "logbooks.pdf"
    s = write_logbooks(out, samples.UNIT, hh, samples.RULES)
    per = 1 + 1 + 1 + 28 // 2 + 1  # cover, household, instructions, daily, inspection
    assert per == 18
    assert s.pages == page_count(out) == 3 * per
    assert s == count_logbook_pages(3, samples.RULES)
    assert s.sheets == s.pages // 2 and s.documents == 3
    texts = page_texts(out)
    assert cover_pages(texts) == [1, 19, 37]
    cover, household, instructions = texts[0], texts[1], texts[2]
    head = unicodedata.normalize("NFC", hh[0].head_name)
    assert head == "Đặng Thị Ỹ"
    assert head in cover and "DD-0001" in cover
    assert "Trạm Y tế phường: 0211 3869 115" in flat(cover)
    for m in hh[0].members:
        assert m.full_name in household
    assert "THÔNG TIN HỘ GIA ĐÌNH" in household
    assert "Khẩu trang – Khử khuẩn – Khoảng cách – Không tụ tập – Khai báo y tế" in flat(
        instructions)
    assert "Cổng nhà văn hóa tổ dân phố Đồng Đầm" in flat(instructions)
    assert "Vùng xanh Đồng Đầm" in flat(instructions)
    daily = texts[3:17]
    assert all(t.count("NGÀY THỨ") == 2 for t in daily)
    assert "NGÀY THỨ 27" in flat(texts[16]) and "NGÀY THỨ 28" in flat(texts[16])
    # personal data only where needed: not on daily or inspection pages
    assert not any(head in t for t in texts[2:18])
    assert "THEO DÕI, KIỂM TRA" in texts[17]
    all_text = "".join(texts)
    assert all_text == unicodedata.normalize("NFC", all_text)
    rows = fonts(out)
    assert rows and all(r["emb"] == "yes" for r in rows), rows
    assert page_sizes(out)[0] == pytest.approx(A4, abs=0.5)


def test_each_logbook_starts_on_an_odd_page(tmp_path):
    rules = PrintRules(logbook_days=26, days_per_page=2)  # 17 pages: one blank page each
    hh = samples.households(4)
    hh[2].members = hh[2].members[:1] * 50  # three household pages of members
    out = tmp_path / "odd.pdf"
    s = write_logbooks(out, samples.UNIT, hh, rules)
    texts = page_texts(out)
    starts = cover_pages(texts)
    assert len(starts) == 4
    assert all(p % 2 == 1 for p in starts), starts
    assert s.pages == len(texts) and s.pages % 2 == 0
    assert s.pages == count_logbook_pages(4, rules).pages + 2  # the big household's extra page
    assert "(tiếp theo 1)" in texts[starts[2] + 1]  # its second household page


def test_daily_pages_follow_rules(tmp_path):
    rules = PrintRules(logbook_days=9, days_per_page=3,
                       logbook_start=samples.RULES.document_date)
    out = tmp_path / "short.pdf"
    s = write_logbooks(out, samples.UNIT, samples.households(1), rules)
    assert s.pages == 1 + 1 + 1 + 3 + 1 + 1  # + 1 notes page to keep the next one odd
    texts = page_texts(out)
    assert texts[3].count("NGÀY THỨ") == 3
    assert "Ngày 05/09/2021" in texts[3] and "Ngày 13/09/2021" in texts[5]
    assert "GHI CHÚ" in texts[-1]


def test_booklet_is_imposed_two_up(tmp_path):
    out = tmp_path / "booklet.pdf"
    s = write_logbooks(out, samples.UNIT, samples.households(2), samples.RULES, booklet=True)
    a5_pages = 1 + 1 + 1 + 28 + 1  # one day per A5 page
    assert a5_pages % 4 == 0
    assert s == count_logbook_pages(2, samples.RULES, booklet=True)
    assert s.pages == page_count(out) == 2 * a5_pages // 2
    assert s.sheets == 2 * a5_pages // 4
    w, h = page_sizes(out)[0]
    assert (w, h) == pytest.approx((A4[1], A4[0]), abs=0.5)
    texts = page_texts(out)
    # first side of a booklet: back cover (inspection) on the left, cover on the right
    assert COVER in flat(texts[0]) and "THEO DÕI, KIỂM TRA" in texts[0]
    assert COVER in flat(texts[a5_pages // 2])
    assert "THÔNG TIN HỘ GIA ĐÌNH" in texts[1]  # back of the first sheet: pages 2 and n-1


def test_booklet_order():
    assert booklet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    with pytest.raises(ValueError):
        booklet_order(6)


def test_progress_and_cancel(tmp_path):
    calls = []
    out = tmp_path / "p.pdf"
    write_logbooks(out, samples.UNIT, samples.households(5), samples.RULES,
                   progress=lambda d, t: calls.append((d, t)))
    assert calls == [(i, 5) for i in range(1, 6)]

    out2 = tmp_path / "cancel.pdf"
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append(done)

    with pytest.raises(PrintCancelled):
        write_logbooks(out2, samples.UNIT, samples.households(10), samples.RULES,
                       progress=progress, cancelled=lambda: len(seen) >= 3)
    assert seen == [1, 2, 3]
    assert not out2.exists()
    assert list(tmp_path.iterdir()) == [out]  # no partial file left behind
