"""What every page shares: the database, the task runner, change broadcasts and navigation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.ui.tasks import TaskRunner


class AppContext(QObject):
    """Passed to every page. Pages call services through `run`, announce what they changed
    with `announce(changes)`, and ask for other pages with `navigate(page_id, **target)`."""

    changed = Signal(object)  # Changes
    navigate_requested = Signal(str, dict)

    def __init__(self, db: Database, runner: TaskRunner | None = None):
        super().__init__()
        self.db = db
        self.runner = runner or TaskRunner()

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        parent: QWidget | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ):  # noqa: ANN201 - returns a TaskHandle
        """Run `fn` on the database worker; errors are shown to the user unless handled."""
        return self.runner.submit(
            fn, on_done, on_error or (lambda exc: show_error(parent, exc)), on_progress
        )

    def announce(self, changes: Changes) -> None:
        if changes.any():
            self.changed.emit(changes)

    def navigate(self, page_id: str, **target: Any) -> None:
        self.navigate_requested.emit(page_id, target)


def error_text(exc: BaseException) -> str:
    if isinstance(exc, ServiceError | ValueError):
        return str(exc)
    return f"Đã xảy ra lỗi không mong muốn: {exc}"


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "Không thực hiện được", error_text(exc),
                      QMessageBox.StandardButton.Ok, parent)
    if not isinstance(exc, ServiceError | ValueError):
        box.setDetailedText(getattr(exc, "__traceback_text__", repr(exc)))
    box.exec()
