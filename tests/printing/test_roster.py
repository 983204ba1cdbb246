"""The duty roster read back: one landscape page per checkpoint per week, names and phones
exact, fonts embedded; personal slips; the Excel export; `greenzone print roster`."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from reportlab.lib.pagesizes import A4

from greenzone_desktop.cli import main
from greenzone_desktop.printing.data import PrintCancelled, UnitInfo
from greenzone_desktop.printing.roster_doc import RosterCell, RosterSheet, write_roster
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.roster_excel import export_roster_excel
from greenzone_desktop.services.roster_print import (
    duty_slips,
    parse_week,
    print_roster,
    roster_sheets,
)
from tests.printing import samples
from tests.printing.pdfutil import flat, fonts, page_count, page_sizes, page_texts
from tests.printing.roster_data import STAFF, WEEK, plan_week

TITLE = "LỊCH TRỰC CHỐT KIỂM SOÁT DỊCH COVID-19"


def test_one_page_per_checkpoint_with_names_and_phones(db, tmp_path):
    plan_week(db)
    out = tmp_path / "roster.pdf"
    s = print_roster(db, WEEK, out, today=date(2021, 9, 10))
    texts = page_texts(out)
    assert s.pages == len(texts) == page_count(out) == 2  # "Chốt cũ" closed before the week
    assert all(TITLE in flat(t) for t in texts)
    first, second = flat(texts[0]), flat(texts[1])
    assert "Chốt: Chốt Đồng Đầm (chốt mềm) – Cổng làng" in first  # name order
    assert "Thời gian trực: từ 06:00 đến 22:00" in first
    assert "Chốt: Chốt số 1 (chốt cứng) – Đầu ngõ 5, đường Trưng Trắc" in second
    assert "Điện thoại của chốt: 0211 386 911" in second
    for phrase in ("Tuần từ ngày 13/09/2021 đến ngày 19/09/2021", "Thứ Hai 13/09/2021",
                   "Chủ nhật 19/09/2021", "Ca 1", "06:00–14:00", "Ca 3", "22:00–06:00",
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "ngày 10 tháng 9 năm 2021", "TM. BAN CHỈ ĐẠO", "Thiếu 1 người"):
        assert phrase in second, phrase
    assert second.count("Thiếu 1 người") == 1
    for name, phone, _ in STAFF:
        assert name in texts[1], name
        assert f"{phone[:4]} {phone[4:7]} {phone[7:]}" in texts[1]
    assert not any(n in texts[0] for n, _, _ in STAFF)  # nothing planned: a blank grid
    text = "".join(texts)
    assert text == unicodedata.normalize("NFC", text)
    assert all(r["emb"] == "yes" for r in fonts(out))
    assert all(size == pytest.approx((A4[1], A4[0]), abs=0.5) for size in page_sizes(out))


def test_blank_roster_follows_the_pattern_and_opening_hours(db):
    plan_week(db)
    blank = next(s for s in roster_sheets(db, WEEK) if s.checkpoint == "Chốt Đồng Đầm")
    assert blank.blank
    # 3 × 8 h clipped to 06:00–22:00: the night shift disappears
    assert blank.slots == ["06:00–14:00", "14:00–22:00"]
    assert all(c == RosterCell() for row in blank.cells for c in row)
    staffed = next(s for s in roster_sheets(db, WEEK) if s.checkpoint == "Chốt số 1")
    assert staffed.staffed == (20, 21)
    assert roster_sheets(db, WEEK + timedelta(days=7))[1].staffed == (0, 1)


def test_two_hour_pattern_with_many_names_still_fits_one_page(db, tmp_path):
    plan_week(db, per_shift=3, two_hour=True)
    out = tmp_path / "dense.pdf"
    s = print_roster(db, WEEK, out)
    assert s.pages == page_count(out) == 2
    dense = flat(page_texts(out)[1])
    assert "Ca 8" in dense and "21:00–23:00" in dense and "TRƯỞNG BAN" in dense


def test_every_week_page_count(tmp_path):
    sheets = [RosterSheet(f"Chốt {i}", WEEK + timedelta(days=7 * w), ["06:00–18:00",
                                                                     "18:00–06:00"],
                          [[RosterCell()] * 7] * 2) for w in range(2) for i in range(3)]
    out = tmp_path / "weeks.pdf"
    seen: list[int] = []
    s = write_roster(out, sheets, samples.UNIT, progress=lambda d, t: seen.append(d))
    assert s.pages == page_count(out) == 6 and seen[-1] == 6
    with pytest.raises(PrintCancelled):
        write_roster(tmp_path / "c.pdf", sheets, samples.UNIT, cancelled=lambda: True)
    assert not (tmp_path / "c.pdf").exists()


def test_duty_slips(db, tmp_path):
    duties = plan_week(db)
    slips = duty_slips(db, WEEK)
    assert sorted(s.name for s in slips) == sorted(n for n, d in duties.items() if d)
    for slip in slips:
        assert [f"{d.day:%d/%m} {d.time[:5]}" for d in slip.duties] == duties[slip.name]
        assert slip.hours == 8 * len(slip.duties)
    out = tmp_path / "slips.pdf"
    s = print_roster(db, WEEK, out, slips=True)
    texts = page_texts(out)
    assert s.documents == len(slips) and s.pages == len(texts) < len(slips)  # several a sheet
    text = flat(" ".join(texts))
    assert text.count("PHIẾU BÁO LỊCH TRỰC CHỐT") == len(slips)
    first = slips[0]
    assert f"Họ và tên: {first.name}" in text
    assert f"Tổng số: {len(first.duties)} ca, {8 * len(first.duties)} giờ." in text
    assert all(r["emb"] == "yes" for r in fonts(out))


def test_excel_export(db, tmp_path):
    duties = plan_week(db)
    out = tmp_path / "roster.xlsx"
    n = export_roster_excel(db, WEEK, out, today=date(2021, 9, 10))
    assert n == sum(len(d) for d in duties.values())
    book = load_workbook(out)
    assert book.sheetnames == ["Danh sách ca trực", "Chốt Đồng Đầm", "Chốt số 1"]
    ws = book["Danh sách ca trực"]
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "Ngày")
    data = [r for r in rows[head + 1:] if r[0] is not None]
    assert len(data) == n + 1  # + the short night shift
    assert data[0][0].date() == WEEK and data[0][1] == "Thứ Hai"
    phones = {r[5] for r in data if r[5]}
    assert "0912 345 678" in phones  # text, leading zero kept
    assert any(r[7] == "Thiếu 1 người" for r in data)
    grid = list(book["Chốt số 1"].iter_rows(values_only=True))
    ca1 = next(r for r in grid if r[0] == "Ca 1: 06:00–14:00")
    assert "Đặng Thị Ỹ (0912 345 678)" in ca1[1]


def test_cli_print_roster(db, tmp_path, capsys):
    plan_week(db)
    path = str(db.path)
    db.dispose()
    out, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    code = main(["--db", path, "print", "roster", "--week", "2021-09-13", "--out", str(out),
                 "--excel", str(xlsx)])
    said = capsys.readouterr().out
    assert code == 0, said
    assert page_count(out) == 2 and xlsx.exists()
    assert "2 chốt, 2 trang" in said
    code = main(["--db", path, "print", "roster", "--week", "2021-09-13", "--slips",
                 "--out", str(tmp_path / "s.pdf")])
    assert code == 0 and "phiếu báo lịch trực" in capsys.readouterr().out
    code = main(["--db", path, "print", "roster", "--week", "13-09-2021", "--out", str(out)])
    assert code == 1 and "Ngày đầu tuần" in capsys.readouterr().err
    code = main(["--db", path, "print", "roster", "--week", "2030-01-07", "--slips",
                 "--out", str(tmp_path / "none.pdf")])
    assert code == 1 and not (tmp_path / "none.pdf").exists()


def test_parse_week_and_errors(db, tmp_path):
    assert parse_week("2021-09-13") == parse_week("13/09/2021") == WEEK
    with pytest.raises(ServiceError):
        parse_week("tuần sau")
    with pytest.raises(ServiceError):
        print_roster(db, WEEK, tmp_path / "x.docx")
    with pytest.raises(ServiceError):  # no checkpoint at all
        print_roster(db, WEEK, tmp_path / "x.pdf")
    with pytest.raises(ValueError):
        write_roster(tmp_path / "y.pdf", [], UnitInfo("Vĩnh Phúc", "Phường Phúc Thắng"))
