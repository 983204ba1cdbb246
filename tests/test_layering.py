"""The layering rule: nothing outside ui/ imports PySide6; exchange/printing open no session."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "greenzone_desktop"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_pyside6_outside_ui() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "ui" not in p.relative_to(PACKAGE).parts[:1]
        and any(n == "PySide6" or n.startswith("PySide6.") for n in _imports(p))
    ]
    assert offenders == [], f"PySide6 imported outside ui/: {offenders}"


def test_exchange_and_printing_never_touch_the_database() -> None:
    offenders = []
    for folder in ("exchange", "printing"):
        for p in (PACKAGE / folder).rglob("*.py"):
            bad = {n for n in _imports(p) if n.startswith(("greenzone_desktop.models",
                                                           "greenzone_desktop.services",
                                                           "sqlalchemy"))}
            if bad:
                offenders.append((str(p.relative_to(PACKAGE)), sorted(bad)))
    assert offenders == []


def test_layering_check_catches_an_offender(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert "PySide6.QtCore" in _imports(sample)
