"""Thùng rác: deleted households, people and organisations; Enter restores the selected ones."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from greenzone_desktop.services import history
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.history import TRASH_KINDS, TrashItem
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.history_dialog import HistoryDialog, local_time
from greenzone_desktop.ui.lazy_table import CENTER, Column
from greenzone_desktop.ui.small_table import SmallTableModel
from greenzone_desktop.ui.table_views import RegisterTable, choice_combo, combo_code, page_heading

COLUMNS = [
    Column("Loại", "kind_label"),
    Column("Tên", "label"),
    Column("Chi tiết", "detail"),
    Column("Xóa lúc", "deleted_at", align=CENTER, fmt=local_time),
]


class TrashPage(QWidget):
    title = "Thùng rác"

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self._stale = True
        self.all_rows: list[TrashItem] = []
        heading = page_heading(self.title)
        intro = QLabel("Hộ gia đình, nhân khẩu và cơ quan, cơ sở đã xóa. Chọn rồi nhấn "
                       "«Khôi phục» (Enter) để đưa trở lại.")
        intro.setWordWrap(True)
        self.kind = choice_combo(TRASH_KINDS.items(), all_label="Tất cả", tooltip="Loại")
        self.kind.currentIndexChanged.connect(lambda _i: self._show_rows())
        self.count = QLabel("")
        self.message = QLabel("")
        self.message.setProperty("role", "warning")
        self.restore_button = QPushButton("Khôi phục (Enter)")
        self.restore_button.clicked.connect(self.restore_selected)
        self.history_button = QPushButton("Lịch sử")
        self.history_button.clicked.connect(self.show_history)
        self.model = SmallTableModel(COLUMNS, parent=self)
        self.table = RegisterTable(multi=True)
        self.table.setModel(self.model)
        self.table.set_widths([130, 260, 420])
        self.table.activated_row.connect(lambda _row: self.restore_selected())
        head = QHBoxLayout()
        head.addWidget(heading)
        head.addSpacing(16)
        head.addWidget(self.kind)
        head.addWidget(self.restore_button)
        head.addWidget(self.history_button)
        head.addSpacing(16)
        head.addWidget(self.count)
        head.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()
        self.table.setFocus()

    def on_changes(self, changes: Changes) -> None:
        if changes.households or changes.persons or changes.organizations:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        self._stale = False
        db = self.ctx.db
        self.ctx.run(lambda: history.trash(db), self._loaded, parent=self)

    def _loaded(self, rows: list[TrashItem]) -> None:
        self.all_rows = rows
        self._show_rows()

    def _show_rows(self) -> None:
        kind = combo_code(self.kind)
        rows = [r for r in self.all_rows if not kind or r.table == kind]
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} mục" if rows else "Thùng rác trống.")
        if rows:
            self.table.selectRow(0)

    def selected(self) -> list[TrashItem]:
        rows = self.table.selected_rows()
        return [r for r in (self.model.row_at(i) for i in rows) if r is not None]

    def restore_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        db = self.ctx.db
        what = f"«{chosen[0].label}»" if len(chosen) == 1 else f"{len(chosen)} mục"

        def done(changes: Changes) -> None:
            self.message.setText(f"Đã khôi phục {what}.")
            self.ctx.announce(changes)  # on_changes reloads the list

        self.ctx.run(lambda: history.restore_items(db, chosen), done, parent=self)

    def show_history(self) -> None:
        chosen = self.selected()
        if chosen:
            row = chosen[0]
            dialog = HistoryDialog(self.ctx, row.table, row.row_id, row.label, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def show_target(self, **_target: Any) -> None:
        self.refresh()
