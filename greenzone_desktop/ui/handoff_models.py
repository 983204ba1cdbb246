"""What the USB handoff and ward pages' tables share besides `small_table` (their model and
view): the text colours and how a count shows in a cell."""

from __future__ import annotations

from greenzone_desktop.text import format_number

RED = "#b3261e"
GREEN = "#1b6e20"


def number(value: int) -> str:
    """A count in a table cell (1.234); 0 shows as empty."""
    return format_number(value) if value else ""
