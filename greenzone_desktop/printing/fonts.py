"""The bundled fonts (Liberation, SIL OFL 1.1), registered once with ReportLab.

ReportLab embeds TrueType fonts as subsets, so every PDF carries the glyphs it uses and prints the
same on a machine without the fonts.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from greenzone_desktop.resources import resource_path

SERIF = "GZSerif"
SERIF_BOLD = "GZSerif-Bold"
SERIF_ITALIC = "GZSerif-Italic"
SERIF_BOLD_ITALIC = "GZSerif-BoldItalic"
SANS = "GZSans"
SANS_BOLD = "GZSans-Bold"

FONT_FILES: dict[str, str] = {
    SERIF: "LiberationSerif-Regular.ttf",
    SERIF_BOLD: "LiberationSerif-Bold.ttf",
    SERIF_ITALIC: "LiberationSerif-Italic.ttf",
    SERIF_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
    SANS: "LiberationSans-Regular.ttf",
    SANS_BOLD: "LiberationSans-Bold.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the bundled fonts and the GZSerif/GZSans families (idempotent, thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in FONT_FILES.items():
            path = resource_path("fonts", filename)
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(
            SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD_ITALIC
        )
        pdfmetrics.registerFontFamily(
            SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD
        )
        # <b>/<i> inside Paragraph markup look the family up through these mappings.
        addMapping(SERIF, 0, 0, SERIF)
        addMapping(SERIF, 1, 0, SERIF_BOLD)
        addMapping(SERIF, 0, 1, SERIF_ITALIC)
        addMapping(SERIF, 1, 1, SERIF_BOLD_ITALIC)
        _registered = True


@cache
def _cmap(font_name: str) -> frozenset[int]:
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    if face is None:
        raise ValueError(f"{font_name} is not a bundled TrueType font")
    return frozenset(face.charToGlyph)


def missing_glyphs(text: str, font_name: str = SERIF) -> set[str]:
    """The characters of `text` (taken in NFC) that `font_name` has no glyph for.

    Whitespace and control characters are ignored: they are never drawn as glyphs.
    """
    cmap = _cmap(font_name)
    missing: set[str] = set()
    for ch in unicodedata.normalize("NFC", text):
        if ch.isspace() or unicodedata.category(ch) == "Cc":
            continue
        if ord(ch) not in cmap:
            missing.add(ch)
    return missing


def string_width(text: str, font_name: str, size: float) -> float:
    """Width in points of `text` set in `font_name` at `size`."""
    register_fonts()
    return pdfmetrics.stringWidth(text, font_name, size)
