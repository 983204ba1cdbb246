"""A page's Undo (Ctrl+Z): each reversible action pushes how to take it back (a service call
returning Changes); Undo runs the latest one on the database worker and announces it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from greenzone_desktop.services.changes import Changes

MAX_STEPS = 50


class UndoStack(QObject):
    """`push(label, undo_fn)`; `undo()`; `changed(label_of_next_undo)` for the button text."""

    changed = Signal(str)
    undone = Signal(str)

    def __init__(self, ctx: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.steps: list[tuple[str, Callable[[], Changes]]] = []

    def push(self, label: str, undo_fn: Callable[[], Changes]) -> None:
        self.steps.append((label, undo_fn))
        del self.steps[:-MAX_STEPS]
        self.changed.emit(self.next_label)

    @property
    def next_label(self) -> str:
        return self.steps[-1][0] if self.steps else ""

    def can_undo(self) -> bool:
        return bool(self.steps)

    def undo(self, parent: Any = None) -> None:
        if not self.steps:
            return
        label, fn = self.steps.pop()
        self.changed.emit(self.next_label)

        def done(changes: Changes) -> None:
            self.ctx.announce(changes)
            self.undone.emit(label)

        self.ctx.run(fn, done, parent=parent)
