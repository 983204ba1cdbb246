"""UI state only (window geometry, last page, remembered choices), declared once with defaults.

Business configuration lives in the database (services.settings), not here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

OPTIONS: dict[str, Any] = {
    "window/geometry": None,
    "window/state": None,
    "window/last_page": "",
    "db/last_path": "",
    "import/mappings": "{}",
    "daily_report/folder": "",
}


def _store() -> QSettings:
    return QSettings("GreenZone", "GreenZone Desktop")


def get(key: str) -> Any:
    value = _store().value(key)
    return OPTIONS.get(key) if value is None else value


def put(key: str, value: Any) -> None:
    s = _store()
    s.setValue(key, value)
    s.sync()
