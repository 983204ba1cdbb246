"""Commitment forms read back: prefilled fields, numbered commitments, signatures, copies."""

from __future__ import annotations

import dataclasses

import pytest

from greenzone_desktop.printing.commitment import write_commitments
from greenzone_desktop.printing.data import PrintCancelled
from tests.printing import samples
from tests.printing.pdfutil import flat, fonts, page_texts


def test_household_commitment(tmp_path):
    out = tmp_path / "hh.pdf"
    hh = samples.households(3)
    s = write_commitments(out, "household", hh, samples.UNIT, samples.RULES)
    texts = page_texts(out)
    assert s.documents == 3 and s.pages == len(texts)
    starts = [i + 1 for i, t in enumerate(texts) if "BẢN CAM KẾT" in t]
    assert len(starts) == 3 and all(p % 2 == 1 for p in starts)  # one form per sheet
    first = flat(texts[0])
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                   "Tôi tên là: Đặng Thị Ỹ", "DD-0001", "“ai ở đâu ở đó”",
                   "Khẩu trang – Khử khuẩn – Khoảng cách – Không tụ tập – Khai báo y tế",
                   "Tổ COVID cộng đồng: 0912 345 678", "Phúc Yên, ngày 05 tháng 9 năm 2021",
                   "CHỦ HỘ", "ĐẠI DIỆN TỔ COVID CỘNG ĐỒNG", "01 bản dán tại nhà"):
        assert phrase in first, phrase
    for n in range(1, 9):
        assert f" {n}. " in f" {first} "
    assert all(r["emb"] == "yes" for r in fonts(out))


def test_two_copies_are_labelled(tmp_path):
    out = tmp_path / "copies.pdf"
    rules = dataclasses.replace(samples.RULES, commitment_copies=2)
    s = write_commitments(out, "household", samples.households(2), samples.UNIT, rules)
    text = flat(" ".join(page_texts(out)))
    assert s.documents == 4
    assert text.count("Bản số 1/2 – dán tại nhà") == 2
    assert text.count("Bản số 2/2 – Tổ COVID cộng đồng lưu") == 2


def test_quarantine_commitment(tmp_path):
    out = tmp_path / "q.pdf"
    write_commitments(out, "quarantine", samples.quarantines(), samples.UNIT, samples.RULES)
    texts = page_texts(out)
    first = flat(texts[0])
    for phrase in ("Họ và tên người cách ly: Đặng Thị Ỹ", "Chủ hộ: Nguyễn Văn Ở",
                   "từ ngày 06/09/2021 đến hết ngày 19/09/2021 (14 ngày)",
                   "NGƯỜI CÁCH LY", "CHỦ HỘ", "ĐẠI DIỆN TỔ COVID CỘNG ĐỒNG", "0912000111"):
        assert phrase in first, phrase
    second = flat(texts[2])
    assert "Vũ Đức Ặn" in second
    assert "từ ngày …/…/…… đến hết ngày …/…/……" in second  # no dates yet: blanks to fill


def test_organisation_commitment(tmp_path):
    out = tmp_path / "o.pdf"
    write_commitments(out, "organisation", samples.organisations(), samples.UNIT,
                      samples.RULES, duplex=False)
    texts = page_texts(out)
    assert len(texts) == 2
    first = flat(texts[0])
    for phrase in ("Công ty TNHH May mặc Phúc Thắng", "Người đại diện: Trần Thị Mỹ Dữu",
                   "Số người lao động: 120", "NGƯỜI ĐẠI DIỆN"):
        assert phrase in first, phrase


def test_unknown_kind_and_cancel(tmp_path):
    with pytest.raises(ValueError):
        write_commitments(tmp_path / "x.pdf", "school", [], samples.UNIT)
    seen = []
    out = tmp_path / "c.pdf"
    with pytest.raises(PrintCancelled):
        write_commitments(out, "household", samples.households(6), samples.UNIT,
                          samples.RULES, progress=lambda d, t: seen.append((d, t)),
                          cancelled=lambda: len(seen) >= 2)
    assert seen == [(1, 6), (2, 6)]
    assert list(tmp_path.iterdir()) == []


def test_decomposed_input_prints_composed(tmp_path):
    import unicodedata

    hh = samples.households(2)
    hh[1] = dataclasses.replace(hh[1], head_name=samples.nfd("Quách Thị Ỡm"),
                                address=samples.nfd("Số 7, ngõ Hòe Nhai, tổ dân phố Đồng Đầm"))
    out = tmp_path / "nfd.pdf"
    write_commitments(out, "household", hh, samples.UNIT, samples.RULES)
    texts = page_texts(out)
    text = "".join(texts)
    assert text == unicodedata.normalize("NFC", text)
    second = flat(" ".join(texts[2:]))
    assert "Tôi tên là: Quách Thị Ỡm" in second
    assert "Số 7, ngõ Hòe Nhai, tổ dân phố Đồng Đầm" in second
    assert "\ufffd" not in text  # no missing glyph boxes read back
