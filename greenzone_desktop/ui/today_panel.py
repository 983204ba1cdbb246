"""Today's tasks on the home page: quarantines ending today or overdue, F1s due a test, people
not yet tested in the current round, home-quarantine commitments missing. A click opens what the
task names (ctx.navigate)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.today_tasks import Task, today_tasks
from greenzone_desktop.ui.context import AppContext

TASK_ROLE = Qt.ItemDataRole.UserRole + 1
COLOURS = {"quarantine_end": "#c0392b", "f1_test": "#b9770e", "untested": "#c0392b",
           "commitment": "#0a4da2"}


class TodayPanel(QWidget):
    """A list of today's tasks; `refresh()` reloads it (also on every relevant change)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tasks: list[Task] = []
        self._stale = False
        self.heading = QLabel("Việc cần làm hôm nay")
        self.heading.setProperty("role", "title")
        reload = QPushButton("Làm mới")
        reload.setToolTip("Tải lại danh sách việc")
        reload.clicked.connect(self.refresh)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.list.itemClicked.connect(self.open_item)
        self.list.itemActivated.connect(self.open_item)
        self.empty = QLabel("Không có việc nào cần làm gấp hôm nay.")
        self.empty.setStyleSheet("color: #1e8449;")
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(reload)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        ctx.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if (changes.health or changes.testing or changes.commitments or changes.households
                or changes.persons or changes.settings):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True  # refreshed when shown again: a ward's tasks take a while

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.ctx.run(lambda: today_tasks(self.ctx.db, date.today()), self._show, parent=self)

    def _show(self, tasks: list[Task]) -> None:
        self.tasks = tasks
        self.list.clear()
        bold = QFont()
        bold.setBold(True)
        for i, task in enumerate(tasks):
            item = QListWidgetItem(f"{task.kind_label}: {task.text}\n{task.detail}")
            item.setData(TASK_ROLE, i)
            item.setToolTip(task.detail)
            item.setForeground(QBrush(QColor(COLOURS.get(task.kind, "#000000"))))
            if task.overdue:
                item.setFont(bold)
            self.list.addItem(item)
        self.heading.setText(f"Việc cần làm hôm nay ({len(tasks)})" if tasks
                             else "Việc cần làm hôm nay")
        self.empty.setVisible(not tasks)
        self.list.setVisible(bool(tasks))

    def open_item(self, item: QListWidgetItem) -> None:
        index = item.data(TASK_ROLE)
        if index is None or not 0 <= index < len(self.tasks):
            return
        task = self.tasks[index]
        self.ctx.navigate(task.page, **task.target)
