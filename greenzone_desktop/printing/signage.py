"""Blue-background, white-text signs ("nền xanh, chữ trắng") and door stickers.

Text is set at the largest size that fits the sign (binary search on the size, breaking lines
only between words; a word too long for the width makes the whole text smaller). A sign larger
than the printer's paper is tiled over several sheets with an overlap, crop marks and a label.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A2, A3, A4, A5, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from greenzone_desktop.printing.data import PrintRules, PrintSummary, UnitInfo, nfc
from greenzone_desktop.printing.fonts import SANS, SANS_BOLD, SERIF, register_fonts
from greenzone_desktop.printing.output import atomic_pdf
from greenzone_desktop.printing.textfit import Block, Fitted, fit_blocks
from greenzone_desktop.printing.texts import FIVE_K, FIVE_T

TEMPLATES: dict[str, str] = {
    "green_zone": "Vùng xanh – An toàn COVID-19",
    "checkpoint": "Chốt kiểm soát dịch COVID-19",
    "five_k": "Thông điệp 5K của Bộ Y tế",
    "five_t": "Thông điệp 5T (Vĩnh Phúc)",
    "hotline": "Bảng đường dây nóng",
    "mailbox": "Hòm thư An toàn COVID-19",
    "door_sticker": "Nhãn dán cửa: Hộ gia đình an toàn – Điểm xanh",
    "free_text": "Nội dung tự nhập",
}
SIZES = {"A5": A5, "A4": A4, "A3": A3, "A2": A2}
PRINTER_MARGIN = 8 * mm  # what most office printers cannot print near the edge
TILE_OVERLAP = 10 * mm


def _unit_line(unit: UnitInfo) -> str:
    return nfc(unit.display_name).upper()


def sign_blocks(template: str, unit: UnitInfo, text: str | None = None) -> list[Block]:
    """The text blocks of a sign, largest first; sizes are relative to the fitted base size."""
    unit_line = _unit_line(unit)
    b, r = SANS_BOLD, SANS
    if template == "green_zone":
        blocks = [Block("VÙNG XANH", b, 1.0, nowrap=True),
                  Block("AN TOÀN COVID-19", b, 0.6, space_before=0.2, nowrap=True)]
    elif template == "checkpoint":
        blocks = [Block("CHỐT KIỂM SOÁT\nDỊCH COVID-19", b, 1.0, nowrap=True),
                  Block("Mọi người ra, vào phải dừng lại, khai báo y tế", r, 0.42,
                        space_before=0.6)]
    elif template == "five_k":
        blocks = [Block("THÔNG ĐIỆP 5K", b, 1.0, nowrap=True),
                  Block("\n".join(k.upper() for k in FIVE_K), b, 0.62, space_before=0.5,
                        nowrap=True),
                  Block("Bộ Y tế", r, 0.35, space_before=0.6)]
    elif template == "five_t":
        blocks = [Block("THỰC HIỆN 5T", b, 1.0, nowrap=True)]
        blocks += [Block(f"{i}. {t}", r, 0.42, align="left", space_before=0.5)
                   for i, t in enumerate(FIVE_T, 1)]
    elif template == "hotline":
        blocks = [Block("ĐƯỜNG DÂY NÓNG", b, 1.0, nowrap=True),
                  Block("PHÒNG, CHỐNG DỊCH COVID-19", b, 0.5, space_before=0.1, nowrap=True)]
        for i, (label, num) in enumerate(unit.hotlines):
            blocks += [Block(nfc(label), r, 0.38, space_before=1.0 if i == 0 else 0.5),
                       Block(nfc(num), b, 0.62, nowrap=True)]
    elif template == "mailbox":
        blocks = [Block("HÒM THƯ\nAN TOÀN COVID-19", b, 1.0, nowrap=True),
                  Block("Tiếp nhận thông tin, phản ánh về phòng, chống dịch COVID-19, người lạ "
                        "cư trú trái phép", r, 0.4, space_before=0.6)]
    elif template == "door_sticker":
        blocks = [Block("HỘ GIA ĐÌNH\nAN TOÀN", b, 1.0, nowrap=True),
                  Block("ĐIỂM XANH", b, 1.15, space_before=0.3, nowrap=True)]
    elif template == "free_text":
        return [Block(nfc(text or ""), b, 1.0)]
    else:
        raise ValueError(f"unknown sign template {template!r}; expected one of {sorted(TEMPLATES)}")
    if unit_line:
        blocks.append(Block(unit_line, b, 0.4 if template != "door_sticker" else 0.3,
                            space_before=0.9))
    return blocks


@dataclass(frozen=True)
class SignLayout:
    width: float
    height: float
    box: tuple[float, float, float, float]  # x, y, w, h of the text area
    fitted: Fitted


def layout_sign(template: str, unit: UnitInfo, width: float, height: float, *,
                text: str | None = None) -> SignLayout:
    """Where every line of a width × height sign goes, and at what size."""
    register_fonts()
    frame = min(width, height) * 0.04
    pad = frame + min(width, height) * 0.05
    bw, bh = width - 2 * pad, height - 2 * pad
    fitted = fit_blocks(sign_blocks(template, unit, text), bw, bh)
    return SignLayout(width, height, (pad, pad, bw, bh), fitted)


def _draw_sign(c: Canvas, lay: SignLayout, rules: PrintRules) -> None:
    w, h = lay.width, lay.height
    c.setFillColor(colors.HexColor(rules.sign_blue))
    c.rect(0, 0, w, h, stroke=0, fill=1)
    white = colors.HexColor(rules.sign_text)
    frame = min(w, h) * 0.04
    c.setStrokeColor(white)
    c.setLineWidth(max(1.5, min(w, h) * 0.008))
    c.rect(frame, frame, w - 2 * frame, h - 2 * frame, stroke=1, fill=0)
    c.setFillColor(white)
    x0, y0, _, _ = lay.box
    for ln in lay.fitted.lines:
        c.setFont(ln.font, ln.size)
        c.drawString(x0 + ln.x, y0 + ln.y, ln.text)
    c.setFillColor(colors.black)
    c.setStrokeColor(colors.black)


def _page_size(size: str, wide: bool) -> tuple[float, float]:
    try:
        s = SIZES[size.upper()]
    except KeyError:
        raise ValueError(f"unknown size {size!r}; expected one of {sorted(SIZES)}") from None
    return landscape(s) if wide else portrait(s)


def write_sign(path: str | os.PathLike[str], template: str, unit: UnitInfo,
               rules: PrintRules | None = None, *, text: str | None = None, size: str = "A4",
               landscape: bool = False, paper: str = "A4", per_page: int = 4) -> PrintSummary:
    """Write a sign (or a sheet of door stickers) of `size`; tile it over `paper` sheets when
    it is larger than the paper."""
    register_fonts()
    rules = rules or PrintRules()
    if template not in TEMPLATES:
        raise ValueError(f"unknown sign template {template!r}; expected one of {sorted(TEMPLATES)}")
    sign_w, sign_h = _page_size(size, landscape)
    paper_w, paper_h = _page_size(paper, False)
    with atomic_pdf(path) as tmp:
        c = Canvas(str(tmp), pagesize=(sign_w, sign_h), initialFontName=SANS, pageCompression=1)
        c.setTitle(TEMPLATES[template])
        c.setCreator("GreenZone Desktop")
        if template == "door_sticker":
            _stickers(c, unit, rules, sign_w, sign_h, per_page)
            pages = 1
        elif _fits(sign_w, sign_h, paper_w, paper_h):
            _draw_sign(c, layout_sign(template, unit, sign_w, sign_h, text=text), rules)
            c.showPage()
            pages = 1
        else:
            lay = layout_sign(template, unit, sign_w, sign_h, text=text)
            c.beginForm("sign", 0, 0, sign_w, sign_h)
            _draw_sign(c, lay, rules)
            c.endForm()
            pages = _tiles(c, sign_w, sign_h, paper_w, paper_h, TEMPLATES[template])
        c.save()
    return PrintSummary(pages=pages, sheets=pages, documents=1)


def _fits(w: float, h: float, pw: float, ph: float) -> bool:
    eps = 1.0
    return (w <= pw + eps and h <= ph + eps) or (w <= ph + eps and h <= pw + eps)


def tile_grid(sign_w: float, sign_h: float, paper_w: float, paper_h: float
              ) -> tuple[int, int, float, float, bool]:
    """(rows, cols, printable width, printable height, landscape paper) with the fewest
    sheets for a sign tiled on paper with PRINTER_MARGIN and TILE_OVERLAP."""
    best = None
    for wide in (False, True):
        pw, ph = (paper_h, paper_w) if wide else (paper_w, paper_h)
        aw, ah = pw - 2 * PRINTER_MARGIN, ph - 2 * PRINTER_MARGIN
        cols = max(1, math.ceil((sign_w - TILE_OVERLAP) / (aw - TILE_OVERLAP)))
        rows = max(1, math.ceil((sign_h - TILE_OVERLAP) / (ah - TILE_OVERLAP)))
        if best is None or rows * cols < best[0] * best[1]:
            best = (rows, cols, aw, ah, wide)
    assert best is not None
    return best


def _tiles(c: Canvas, sign_w: float, sign_h: float, paper_w: float, paper_h: float,
           label: str) -> int:
    rows, cols, aw, ah, wide = tile_grid(sign_w, sign_h, paper_w, paper_h)
    pw, ph = (paper_h, paper_w) if wide else (paper_w, paper_h)
    m = PRINTER_MARGIN
    step_x, step_y = aw - TILE_OVERLAP, ah - TILE_OVERLAP
    for r in range(rows):
        for col in range(cols):
            c.setPageSize((pw, ph))
            x0 = col * step_x
            top = sign_h - r * step_y
            tw = min(aw, sign_w - x0)
            th = min(ah, top)
            c.saveState()
            p = c.beginPath()
            p.rect(m, ph - m - th, tw, th)
            c.clipPath(p, stroke=0, fill=0)
            c.translate(m - x0, ph - m - top)
            c.doForm("sign")
            c.restoreState()
            _tile_marks(c, m, ph - m - th, tw, th, pw, ph,
                        glue_right=col < cols - 1, glue_below=r < rows - 1)
            c.setFont(SERIF, 8)
            c.setFillColor(colors.black)
            c.drawString(m, m / 2 - 3, f"Tấm {r + 1}/{col + 1} (hàng {r + 1}/{rows}, cột "
                         f"{col + 1}/{cols}) – {nfc(label)}")
            c.showPage()
    return rows * cols


def _tile_marks(c: Canvas, x: float, y: float, w: float, h: float, pw: float, ph: float, *,
                glue_right: bool, glue_below: bool) -> None:
    """Crop marks at the tile's corners (in the margin) and dashed overlap guides."""
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.4)
    k = PRINTER_MARGIN * 0.8
    for cx, cy in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)):
        dx = -1 if cx == x else 1
        dy = -1 if cy == y else 1
        c.line(cx + dx * 1.5, cy, cx + dx * k, cy)
        c.line(cx, cy + dy * 1.5, cx, cy + dy * k)
    c.setDash(3, 3)
    if glue_right:  # the next tile overlaps this strip: cut the next one, glue over here
        gx = x + w - TILE_OVERLAP
        c.line(gx, y + h, gx, y + h + k)
        c.line(gx, y, gx, y - k)
    if glue_below:
        gy = y + TILE_OVERLAP
        c.line(x, gy, x - k, gy)
        c.line(x + w, gy, x + w + k, gy)
    c.setDash()


def _stickers(c: Canvas, unit: UnitInfo, rules: PrintRules, page_w: float, page_h: float,
              per_page: int) -> None:
    """Door stickers in a grid on one page, with cut marks in the gutters."""
    cols = 2 if per_page >= 2 else 1
    rows = max(1, math.ceil(per_page / cols))
    margin, gutter = 10 * mm, 8 * mm
    cw = (page_w - 2 * margin - (cols - 1) * gutter) / cols
    ch = (page_h - 2 * margin - (rows - 1) * gutter) / rows
    lay = layout_sign("door_sticker", unit, cw, ch)
    c.beginForm("sticker", 0, 0, cw, ch)
    _draw_sign(c, lay, rules)
    c.endForm()
    k = 4 * mm
    for r in range(rows):
        for col in range(cols):
            x = margin + col * (cw + gutter)
            y = page_h - margin - (r + 1) * ch - r * gutter
            c.saveState()
            c.translate(x, y)
            c.doForm("sticker")
            c.restoreState()
            c.setLineWidth(0.4)
            for cx, cy in ((x, y), (x + cw, y), (x, y + ch), (x + cw, y + ch)):
                dx = -1 if cx == x else 1
                dy = -1 if cy == y else 1
                c.line(cx + dx * 1, cy, cx + dx * k, cy)
                c.line(cx, cy + dy * 1, cx, cy + dy * k)
    c.showPage()
