"""The change history of one row (household, person, organisation …) from the audit log.

    HistoryDialog(ctx, "households", household_id, "Hộ TDP-0012", parent=self).exec()

The entries are read on the database worker; newest first, each with its changed fields
("Họ và tên: Trần Văn A → Trần Văn An").
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.history import HistoryEntry, history

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Thời gian", "Người thực hiện", "Thao tác", "Nội dung thay đổi")


def local_time(at: datetime | None) -> str:
    """An audit time (stored in UTC) as the office reads it: dd/mm/yyyy HH:MM, local time."""
    if at is None:
        return ""
    local = at.replace(tzinfo=UTC).astimezone()
    return local.strftime("%d/%m/%Y %H:%M")


def change_text(field: str, before: str, after: str) -> str:
    if before and after:
        return f"{field}: {before} → {after}"
    if after:
        return f"{field}: {after}"
    return f"{field}: bỏ «{before}»" if before else field


class HistoryModel(QAbstractTableModel):
    """One line per changed field; time, person and action on the first line of each change."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.lines: list[tuple[str, str, str, str, bool]] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self.lines = []
        for e in entries:
            texts = [change_text(*c) for c in e.changes] or [""]
            for i, text in enumerate(texts):
                head = i == 0
                self.lines.append((local_time(e.at) if head else "", (e.actor or "—") if head
                                   else "", e.action_label if head else "", text, head))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.lines[index.row()][index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None


class HistoryDialog(QDialog):
    """Read-only list of the changes of one row, newest first."""

    def __init__(self, ctx: Any, table: str, row_id: str, title: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(f"Lịch sử thay đổi — {title}")
        self.caption = QLabel(f"Lịch sử thay đổi của {title}")
        self.caption.setProperty("role", "title")
        self.status = QLabel("Đang tải…")
        self.model = HistoryModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(820, 480)
        self.entries: list[HistoryEntry] = []
        db = ctx.db
        ctx.run(lambda: history(db, table, row_id), self.show_entries, parent=self)

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.entries = list(entries)
        self.model.set_entries(self.entries)
        if self.entries:
            self.status.setText(f"{len(self.entries)} lần thay đổi, mới nhất ở trên.")
        else:
            self.status.setText("Chưa có thay đổi nào được ghi lại.")
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
