"""Signs: blue background and white text (rendered), text always fits, tiling."""

from __future__ import annotations

import dataclasses
import random
import subprocess
from collections import Counter

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A3, A4

from greenzone_desktop.printing.data import PrintRules
from greenzone_desktop.printing.signage import (
    SIZES,
    TEMPLATES,
    layout_sign,
    tile_grid,
    write_sign,
)
from tests.printing import samples
from tests.printing.pdfutil import flat, fonts, page_count, page_sizes, page_texts

BLUE = "#1a5fb4"  # not the default: the test must see the configured colour


def hex_rgb(h: str) -> tuple[int, int, int]:
    return int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)


def render(pdf, tmp_path, page: int = 1) -> Image.Image:
    prefix = tmp_path / f"r{page}"
    subprocess.run(["pdftoppm", "-r", "20", "-png", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(prefix)], check=True)
    return Image.open(f"{prefix}.png").convert("RGB")


def close(a: tuple[int, int, int], b: tuple[int, int, int], tol: int = 12) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("template", [t for t in TEMPLATES if t != "door_sticker"])
def test_sign_is_blue_with_white_text(tmp_path, template):
    out = tmp_path / f"{template}.pdf"
    rules = PrintRules(sign_blue=BLUE)
    s = write_sign(out, template, samples.UNIT, rules, text="Không tụ tập đông người",
                   landscape=template == "green_zone")
    assert s.pages == 1
    img = render(out, tmp_path)
    counts = Counter(img.get_flattened_data())
    dominant, n = counts.most_common(1)[0]
    assert close(dominant, hex_rgb(BLUE)), dominant
    assert n > 0.5 * img.width * img.height
    white = sum(v for px, v in counts.items() if min(px) >= 235)
    assert white > 0.01 * img.width * img.height
    assert all(r["emb"] == "yes" for r in fonts(out))


def test_sign_texts_read_back(tmp_path):
    expected = {
        "green_zone": ["VÙNG XANH", "AN TOÀN COVID-19", "TỔ DÂN PHỐ ĐỒNG ĐẦM"],
        "checkpoint": ["CHỐT KIỂM SOÁT", "DỊCH COVID-19"],
        "five_k": ["KHẨU TRANG", "KHỬ KHUẨN", "KHOẢNG CÁCH", "KHÔNG TỤ TẬP", "KHAI BÁO Y TẾ"],
        "five_t": ["Tố giác tổ chức, cá nhân vi phạm qua đường dây nóng"],
        "hotline": ["ĐƯỜNG DÂY NÓNG", "0211 3869 115", "1900 9095"],
        "mailbox": ["HÒM THƯ", "AN TOÀN COVID-19"],
        "door_sticker": ["HỘ GIA ĐÌNH", "AN TOÀN", "ĐIỂM XANH"],
    }
    for template, phrases in expected.items():
        out = tmp_path / f"{template}.pdf"
        write_sign(out, template, samples.UNIT)
        text = flat(" ".join(page_texts(out)))
        for p in phrases:
            assert p in text, (template, p)
    assert text.count("ĐIỂM XANH") == 4  # four stickers on the sheet


def long_text() -> tuple[str, list[str]]:
    rng = random.Random(3)
    words = [rng.choice(samples.all_names(50)).split()[-1] + str(i) for i in range(300)]
    giant = "Đ" + "ặ" * 30 + "ữ" * 29  # one 60-character word
    words.insert(150, giant)
    return " ".join(words), words


@pytest.mark.parametrize(("size", "wide"), [("A5", False), ("A4", True), ("A3", False)])
def test_very_long_text_fits(tmp_path, size, wide):
    text, words = long_text()
    assert len(words[150]) == 60
    w, h = SIZES[size][::-1] if wide else SIZES[size]
    lay = layout_sign("free_text", samples.UNIT, w, h, text=text)
    bx, by, bw, bh = lay.box
    assert lay.fitted.base_size > 1.5
    for ln in lay.fitted.lines:
        assert ln.x >= 0 and ln.x + ln.width <= bw + 0.01, ln
        assert ln.y - 0.25 * ln.size >= 0 and ln.y + ln.size <= bh + 0.01, ln
    assert " ".join(ln.text for ln in lay.fitted.lines).split() == words  # order, no loss
    out = tmp_path / "long.pdf"
    write_sign(out, "free_text", samples.UNIT, text=text, size=size, landscape=wide, paper=size)
    printed = set(flat(" ".join(page_texts(out))).split())
    assert set(words) <= printed


def test_largest_size_is_used():
    small = layout_sign("free_text", samples.UNIT, *A4, text="AN TOÀN")
    big = layout_sign("free_text", samples.UNIT, *A3, text="AN TOÀN")
    assert big.fitted.base_size > small.fitted.base_size * 1.3
    widest = max(ln.width for ln in small.fitted.lines)
    # the text fills the sign: its width or its height, whichever binds
    assert widest > 0.9 * small.box[2] or small.fitted.height > 0.9 * small.box[3]


def test_large_sign_is_tiled_on_a4(tmp_path):
    out = tmp_path / "a3.pdf"
    s = write_sign(out, "green_zone", samples.UNIT, size="A3", landscape=True, paper="A4")
    rows, cols, _, _, _ = tile_grid(A3[1], A3[0], *A4)
    assert s.pages == page_count(out) == rows * cols >= 2
    texts = page_texts(out)
    for r in range(rows):
        for c in range(cols):
            assert f"Tấm {r + 1}/{c + 1}" in flat(texts[r * cols + c])
    for w, h in page_sizes(out):
        assert {round(w), round(h)} == {round(A4[0]), round(A4[1])}
    img = render(out, tmp_path, 1)
    assert close(Counter(img.get_flattened_data()).most_common(1)[0][0], hex_rgb("#0a4da2"))
    # an A4 sign on A4 paper is a single page
    single = tmp_path / "a4.pdf"
    assert write_sign(single, "green_zone", samples.UNIT, size="A4").pages == 1


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError):
        write_sign(tmp_path / "x.pdf", "poster", samples.UNIT)
    with pytest.raises(ValueError):
        write_sign(tmp_path / "x.pdf", "green_zone", samples.UNIT, size="B5")
    assert not (tmp_path / "x.pdf").exists()


def test_sign_colour_is_a_setting(tmp_path):
    out = tmp_path / "c.pdf"
    write_sign(out, "five_k", samples.UNIT, dataclasses.replace(PrintRules(), sign_blue="#003399"))
    dominant = Counter(render(out, tmp_path).get_flattened_data()).most_common(1)[0][0]
    assert close(dominant, (0x00, 0x33, 0x99))
