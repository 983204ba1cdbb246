"""What the health, testing and roster pages' small tables share besides
`small_table.SmallTableModel` (which shows their `lazy_table.Column`s): the text colours and
the date format of a cell."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from greenzone_desktop.text import format_date

RED = QColor("#c0392b")
GREEN = QColor("#1e8449")
AMBER = QColor("#b9770e")


def fmt_date(value: Any) -> str:
    return format_date(value) if value else ""
