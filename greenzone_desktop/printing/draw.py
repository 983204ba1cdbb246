"""Canvas drawing helpers for documents drawn page by page (logbooks, signs).

Everything is drawn with plain canvas operations: tens of thousands of logbook pages must come
out at the speed of the canvas, not of a flowable layout engine.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from greenzone_desktop.printing.data import nfc
from greenzone_desktop.printing.textfit import shrink_to_width, wrap_words


def text(c: Canvas, x: float, y: float, s: str, font: str, size: float, *,
         align: str = "left", max_w: float | None = None) -> None:
    """Draw one line; shrink it when it would be wider than `max_w`."""
    s = nfc(s)
    if max_w is not None:
        size = shrink_to_width(s, font, size, max_w)
    c.setFont(font, size)
    if align == "centre":
        c.drawCentredString(x, y, s)
    elif align == "right":
        c.drawRightString(x, y, s)
    else:
        c.drawString(x, y, s)


def paragraph(c: Canvas, x: float, y: float, s: str, font: str, size: float, width: float,
              *, leading: float | None = None, indent: float = 0.0, align: str = "left") -> float:
    """Draw `s` wrapped at words in `width` from baseline `y` down; return the next baseline."""
    lead = leading or size * 1.25
    lines = wrap_words(nfc(s), font, size, width - indent) or [nfc(s)]
    c.setFont(font, size)
    for i, line in enumerate(lines):
        dx = indent if i else 0.0
        if align == "centre":
            c.drawCentredString(x + width / 2, y, line)
        else:
            c.drawString(x + (0 if i == 0 else dx), y, line)
        y -= lead
    return y


def paragraph_height(s: str, font: str, size: float, width: float,
                     leading: float | None = None) -> float:
    lines = wrap_words(nfc(s), font, size, width) or [s]
    return len(lines) * (leading or size * 1.25)


def grid(c: Canvas, x: float, y_top: float, widths: Sequence[float],
         heights: Sequence[float], line_width: float = 0.5) -> None:
    """Ruled grid: one path for all lines (small and fast to render)."""
    total_w = sum(widths)
    total_h = sum(heights)
    p = c.beginPath()
    y = y_top
    p.moveTo(x, y)
    p.lineTo(x + total_w, y)
    for h in heights:
        y -= h
        p.moveTo(x, y)
        p.lineTo(x + total_w, y)
    xx = x
    p.moveTo(xx, y_top)
    p.lineTo(xx, y_top - total_h)
    for w in widths:
        xx += w
        p.moveTo(xx, y_top)
        p.lineTo(xx, y_top - total_h)
    c.setLineWidth(line_width)
    c.drawPath(p, stroke=1, fill=0)


def table(c: Canvas, x: float, y_top: float, widths: Sequence[float], header: Sequence[str],
          rows: Sequence[Sequence[str]], *, n_rows: int | None = None, row_h: float = 16,
          head_h: float | None = None, font: str, bold: str, size: float,
          head_fill: float | None = 0.9) -> float:
    """A ruled table: header (wrapped, centred, bold) and `n_rows` rows (text shrunk to fit).

    Returns the y of the table's bottom edge.
    """
    n = max(n_rows or 0, len(rows))
    hsize = size
    head_lines = [wrap_words(nfc(h), bold, hsize, w - 4) or [nfc(h)] for h, w in
                  zip(header, widths, strict=True)]
    hh = head_h or max(len(ls) for ls in head_lines) * hsize * 1.15 + 6
    if head_fill is not None:
        c.setFillGray(head_fill)
        c.rect(x, y_top - hh, sum(widths), hh, stroke=0, fill=1)
        c.setFillGray(0)
    grid(c, x, y_top, widths, [hh] + [row_h] * n)
    c.setFont(bold, hsize)
    xx = x
    for lines, w in zip(head_lines, widths, strict=True):
        block = len(lines) * hsize * 1.15
        yy = y_top - (hh - block) / 2 - hsize * 0.95
        for ln in lines:
            c.drawCentredString(xx + w / 2, yy, ln)
            yy -= hsize * 1.15
        xx += w
    y = y_top - hh
    for r in rows:
        xx = x
        for cell, w in zip(r, widths, strict=False):
            if cell:
                text(c, xx + 2.5, y - row_h / 2 - size * 0.35, cell, font, size, max_w=w - 5)
            xx += w
        y -= row_h
    return y_top - hh - row_h * n


def checkbox(c: Canvas, x: float, y: float, size: float) -> None:
    """An empty square to tick, its bottom-left at (x, y)."""
    c.setLineWidth(0.6)
    c.rect(x, y, size, size, stroke=1, fill=0)


def qr_code(c: Canvas, x: float, y: float, size: float, data: str) -> None:
    """A QR code (level M) of `data` with its quiet zone, bottom-left at (x, y)."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(nfc(data))
    qr.make()
    n = qr.getModuleCount()
    border = 2
    box = size / (n + 2 * border)
    p = c.beginPath()
    for r, row in enumerate(qr.modules):
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                yy = y + size - (r + border + 1) * box
                p.rect(x + (start + border) * box, yy, (col - start) * box, box)
            else:
                col += 1
    c.setFillGray(0)
    c.drawPath(p, stroke=0, fill=1)


def width_of(s: str, font: str, size: float) -> float:
    return stringWidth(nfc(s), font, size)


def dotted_field(c: Canvas, x: float, y: float, width: float, label: str, value: str,
                 font: str, bold: str, size: float) -> None:
    """"Label: value" on a line, the value bold; a dotted line to write on when empty."""
    label = nfc(label)
    text(c, x, y, label, font, size)
    lw = stringWidth(label, font, size) + 4
    if value:
        text(c, x + lw, y, value, bold, size, max_w=width - lw)
    else:
        c.setDash(1, 2)
        c.setLineWidth(0.5)
        c.line(x + lw, y - 1.5, x + width, y - 1.5)
        c.setDash()
