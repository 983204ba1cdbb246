"""Every character the demo data and the print services put on paper is in the bundled fonts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import select

import greenzone_desktop
from greenzone_desktop import models
from greenzone_desktop.models.base import Base
from greenzone_desktop.printing.fonts import (
    SANS,
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    SERIF_BOLD_ITALIC,
    SERIF_ITALIC,
    missing_glyphs,
)
from greenzone_desktop.vocab import Labeled

ALL_FONTS = [SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC, SANS, SANS_BOLD]
PACKAGE = Path(greenzone_desktop.__file__).parent
# modules whose strings end up on paper besides printing/ (tested in test_fonts_layout)
PRINTED_MODULES = ["services/demo.py", "services/demo_names.py", "services/print_data.py",
                   "services/print_unit.py", "services/printing_service.py",
                   "services/roster_print.py", "services/roster_excel.py", "vocab.py"]


def literals(relative: str) -> list[str]:
    tree = ast.parse((PACKAGE / relative).read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)]


def vocab_labels() -> list[str]:
    out = []
    for obj in vars(__import__("greenzone_desktop.vocab", fromlist=["x"])).values():
        if isinstance(obj, type) and issubclass(obj, Labeled) and obj is not Labeled:
            out += [m.label for m in obj]
    return out


def _is_text(kind: object) -> bool:
    """String and Text columns, also behind the models' NFC type decorators."""
    return isinstance(getattr(kind, "impl_instance", kind), sa.String)


def demo_text(db) -> str:  # noqa: ANN001
    """Every text column of every table of the demo village."""
    chunks: list[str] = []
    with db.session() as s:
        for mapper in Base.registry.mappers:
            cls = mapper.class_
            cols = [c for c in mapper.columns if _is_text(c.type)
                    and c.key not in ("id", "unit_id", "origin", "search_key", "sort_key")]
            if not cols or not hasattr(models, cls.__name__):
                continue
            for row in s.execute(select(*cols)):
                chunks += [v for v in row if isinstance(v, str)]
    return "\n".join(chunks)


@pytest.fixture(scope="module")
def demo_chars(_demo_template) -> str:  # noqa: ANN001
    from greenzone_desktop.models.migrations import open_database

    db = open_database(_demo_template)
    try:
        text = demo_text(db)
    finally:
        db.dispose()
    return "".join(sorted(set(text)))


@pytest.mark.parametrize("font", ALL_FONTS)
def test_demo_data_is_in_the_fonts(demo_chars, font):
    assert "ễ" in demo_chars or "ữ" in demo_chars  # really the Vietnamese demo text
    assert len(demo_chars) > 80
    assert missing_glyphs(demo_chars, font) == set()


@pytest.mark.parametrize("font", ALL_FONTS)
def test_service_strings_and_labels_are_in_the_fonts(font):
    text = "".join(s for m in PRINTED_MODULES for s in literals(m)) + "".join(vocab_labels())
    assert "Chưa tiêm" in text and "Thường trú" in text
    assert missing_glyphs(text, font) == set()
