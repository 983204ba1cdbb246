"""Typing Vietnamese into widgets: QTest's keyClicks goes through Latin-1 and aborts the test
process on characters like 'ễ', so send one QKeyEvent per character instead."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` (any Unicode) into `widget` as key presses."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()
