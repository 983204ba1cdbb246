"""Reading our PDFs back with poppler (pdftotext, pdffonts, pdftoppm) and pypdf."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_texts(path: Path) -> list[str]:
    """The text of every page (pdftotext, one string per page)."""
    out = run("pdftotext", "-enc", "UTF-8", str(path), "-")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def flat(text: str) -> str:
    """Whitespace collapsed, so a wrapped phrase can be searched for."""
    return " ".join(text.split())


def fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts rows: name, type, emb."""
    lines = run("pdffonts", str(path)).splitlines()[2:]
    rows = []
    for ln in lines:
        parts = ln.split()
        # columns from the right: object ID (2 fields), uni, sub, emb
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height))
            for p in PdfReader(str(path)).pages]
