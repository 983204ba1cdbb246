"""Word wrapping and fit-to-box sizing measured with the real font metrics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from greenzone_desktop.printing.fonts import register_fonts


def wrap_words(text: str, font: str, size: float, width: float) -> list[str] | None:
    """Lines of `text` broken only between words, or None when a single word is wider than
    `width` at this size. Explicit newlines are kept."""
    register_fonts()
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        if not words:
            lines.append("")
            continue
        line: list[str] = []
        line_w = 0.0
        for word in words:
            w = stringWidth(word, font, size)
            if w > width:
                return None
            if line and line_w + space + w > width:
                lines.append(" ".join(line))
                line, line_w = [word], w
            else:
                line_w = line_w + space + w if line else w
                line.append(word)
        lines.append(" ".join(line))
    return lines


def shrink_to_width(text: str, font: str, size: float, width: float, minimum: float = 4) -> float:
    """The largest size ≤ `size` at which `text` fits on one line of `width`."""
    register_fonts()
    w = stringWidth(text, font, size)
    if w <= width or w == 0:
        return size
    return max(minimum, size * width / w * 0.999)


@dataclass(frozen=True)
class Block:
    """A run of text with its font and its size relative to the fitted base size."""

    text: str
    font: str
    scale: float = 1.0
    align: str = "centre"  # "centre" | "left"
    space_before: float = 0.0  # in units of the block's own font size
    nowrap: bool = False  # each explicit line must fit whole (titles, phone numbers)


@dataclass(frozen=True)
class Line:
    text: str
    font: str
    size: float
    x: float  # left edge, relative to the box
    y: float  # baseline, relative to the box bottom
    width: float


@dataclass(frozen=True)
class Fitted:
    base_size: float
    lines: list[Line]
    height: float  # total height the lines take


LEADING = 1.18


def _layout(blocks: Sequence[Block], base: float, width: float) -> list[tuple[Block, float,
                                                                            list[str]]] | None:
    out = []
    for b in blocks:
        if b.nowrap:
            lines = b.text.split("\n")
            if any(stringWidth(ln, b.font, base * b.scale) > width for ln in lines):
                return None
        else:
            lines = wrap_words(b.text, b.font, base * b.scale, width)
        if lines is None:
            return None
        out.append((b, base * b.scale, lines))
    return out


def _height(laid: list[tuple[Block, float, list[str]]]) -> float:
    h = 0.0
    for i, (b, size, lines) in enumerate(laid):
        if i:
            h += b.space_before * size
        h += len(lines) * size * LEADING
    return h


def fit_blocks(blocks: Sequence[Block], width: float, height: float,
               max_size: float = 400, min_size: float = 1.0) -> Fitted:
    """Lay `blocks` out in a width × height box at the largest base size that fits (binary
    search), breaking lines only at spaces, centred vertically."""
    lo, hi = min_size, max_size
    best = None
    for _ in range(40):
        mid = (lo + hi) / 2
        laid = _layout(blocks, mid, width)
        if laid is not None and _height(laid) <= height:
            best, lo = (mid, laid), mid
        else:
            hi = mid
        if hi - lo < 0.05:
            break
    if best is None:  # nothing fits even at min_size: break long words at characters
        size = min_size
        laid = [(b, size * b.scale, _hard_wrap(b.text, b.font, size * b.scale, width))
                for b in blocks]
        best = (size, laid)
    base, laid = best
    total = _height(laid)
    y = height - (height - total) / 2
    lines: list[Line] = []
    for i, (b, size, texts) in enumerate(laid):
        if i:
            y -= b.space_before * size
        for t in texts:
            y -= size * LEADING
            w = stringWidth(t, b.font, size)
            x = (width - w) / 2 if b.align == "centre" else 0.0
            # baseline sits a little above the bottom of the line box (descenders)
            lines.append(Line(t, b.font, size, x, y + size * (LEADING - 1) / 2 + size * 0.22, w))
    return Fitted(base, lines, total)


def _hard_wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    cur = ""
    for ch in text:
        if ch == "\n" or (cur and stringWidth(cur + ch, font, size) > width):
            lines.append(cur)
            cur = "" if ch in "\n " else ch
        else:
            cur += ch
    lines.append(cur)
    return lines
