"""Cơ quan, cơ sở: the register of organisations and businesses with their commitment status.
Ins/Ctrl+N adds, Enter edits, Delete deletes (Ctrl+Z brings it back), Ctrl+K marks the selected
ones as having signed the commitment."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from greenzone_desktop.services import commitments, organizations
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.organizations import OrganizationQuery, OrganizationView
from greenzone_desktop.services.print_unit import phone_text
from greenzone_desktop.text import format_date, format_number
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.history_dialog import HistoryDialog
from greenzone_desktop.ui.lazy_table import CENTER, RIGHT, Column, LazyTableModel
from greenzone_desktop.ui.organization_dialog import OrganizationDialog
from greenzone_desktop.ui.sign_dialog import SignDialog
from greenzone_desktop.ui.table_views import (
    RegisterTable,
    SearchBox,
    choice_combo,
    combo_code,
    page_heading,
)
from greenzone_desktop.ui.undo import UndoStack
from greenzone_desktop.vocab import CommitmentKind, OrganizationKind

GREEN = QColor("#1e8449")
RED = QColor("#c0392b")


def _signed_text(row: OrganizationView) -> str:
    return f"Đã ký {format_date(row.signed_on)}" if row.signed_on else "Chưa ký"


COLUMNS = [
    Column("Tên cơ quan, cơ sở", "name", sort="name"),
    Column("Loại", "kind_label", sort="kind"),
    Column("Người đại diện", "contact_person", sort="contact"),
    Column("Điện thoại", "phone", fmt=phone_text),
    Column("Địa chỉ", "address", sort="address"),
    Column("Tổ", "area", sort="area"),
    Column("Số lao động", "workers", align=RIGHT, sort="workers",
           fmt=lambda n: format_number(n) if n is not None else ""),
    Column("Cam kết", "signed_on", align=CENTER, sort="signed_on",
           fmt=lambda on: f"Đã ký {format_date(on)}" if on else "Chưa ký"),
]
WIDTHS = [204, 176, 140, 100, 192, 56, 90]


class OrganizationsModel(LazyTableModel):
    def foreground(self, row: OrganizationView, column: Column) -> Any:
        if column.key == "signed_on":
            return GREEN if row.signed_on else RED
        return None

    def tooltip(self, row: OrganizationView, column: Column) -> str | None:
        if column.key == "signed_on" and row.signed_on:
            return f"{_signed_text(row)} — người ký: {row.signed_by or 'không ghi'}"
        return row.notes or None


class OrganizationsPage(QWidget):
    title = "Cơ quan, cơ sở"

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self._shown_once = False
        self._stale = False
        db = ctx.db
        self.model = OrganizationsModel(
            ctx, COLUMNS,
            ids_fn=lambda q, sort, desc: organizations.organization_keys(db, q, sort, desc),
            rows_fn=lambda ids: organizations.organization_rows(db, ids), parent=self)
        self.model.query = OrganizationQuery()
        self.model.reloaded.connect(self._show_count)
        self.undo_stack = UndoStack(ctx, self)
        self.undo_stack.undone.connect(lambda label: self.message.setText(f"Đã hoàn tác: {label}."))
        self.undo_stack.changed.connect(self._undo_changed)

        heading = page_heading(self.title)
        self.search = SearchBox("Tìm theo tên, người đại diện, địa chỉ, điện thoại (Ctrl+F)")
        self.search.search.connect(lambda _t: self.apply_filters())
        self.status = choice_combo(organizations.STATUSES.items(), tooltip="Cam kết")
        self.kind = choice_combo([(k.value, k.label) for k in OrganizationKind],
                                 all_label="Mọi loại", tooltip="Loại cơ quan, cơ sở")
        for combo in (self.status, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.count = QLabel("")
        self.message = QLabel("")
        self.message.setProperty("role", "warning")
        self.add_button = QPushButton("Thêm (Ctrl+N)")
        self.edit_button = QPushButton("Sửa (Enter)")
        self.delete_button = QPushButton("Xóa (Del)")
        self.history_button = QPushButton("Lịch sử")
        self.sign_button = QPushButton("Đánh dấu đã ký (Ctrl+K)")
        self.undo_button = QPushButton("Hoàn tác (Ctrl+Z)")
        self.undo_button.setEnabled(False)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.history_button.clicked.connect(self.show_history)
        self.sign_button.clicked.connect(self.mark_signed)
        self.undo_button.clicked.connect(lambda: self.undo_stack.undo(self))

        self.table = RegisterTable(multi=True)
        self.table.setModel(self.model)
        self.table.set_widths(WIDTHS)
        self.table.activated_row.connect(self.edit_row)
        self.search.next_widget = self.table

        head = QHBoxLayout()
        head.addWidget(heading)
        head.addSpacing(16)
        head.addWidget(self.search, 1)
        head.addWidget(self.status)
        head.addWidget(self.kind)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button, self.history_button,
                  self.sign_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addSpacing(16)
        buttons.addWidget(self.count)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        for keys, slot in ((QKeySequence.StandardKey.Find, self.focus_search),
                           (QKeySequence.StandardKey.New, self.add), ("Ins", self.add),
                           ("Ctrl+K", self.mark_signed),
                           (QKeySequence.StandardKey.Undo, lambda: self.undo_stack.undo(self))):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                           self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._pending_select = ""
        self.model.reloaded.connect(lambda _n: self._select_pending())

    # -- loading ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
            self.table.setSortingEnabled(True)
            if not self.model.ids and not self.model.loading:
                self.model.reload()
            self.search.setFocus()
        elif self._stale:
            self._stale = False
            self.model.reload()

    def query(self) -> OrganizationQuery:
        return OrganizationQuery(self.search.text(), combo_code(self.status),
                                 combo_code(self.kind))

    def apply_filters(self) -> None:
        if self._shown_once:
            self.model.set_query(self.query())
        else:
            self.model.query = self.query()

    def on_changes(self, changes: Changes) -> None:
        if changes.organizations or changes.commitments:
            if self.isVisible():
                self.model.reload()
            else:
                self._stale = True

    def _show_count(self, n: int) -> None:
        self.count.setText(f"{n} cơ quan, cơ sở" if n else "Không có cơ quan, cơ sở nào.")

    def _undo_changed(self, label: str) -> None:
        self.undo_button.setEnabled(bool(label))
        self.undo_button.setToolTip(f"Hoàn tác: {label}" if label else "")

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- actions ----------------------------------------------------------------------------

    def selected(self) -> list[OrganizationView]:
        rows = self.table.selected_rows() or ([self.table.currentIndex().row()]
                                              if self.table.currentIndex().isValid() else [])
        found = [self.model.row_data(r) for r in rows]
        return [o for o in found if o is not None]

    def add(self) -> None:
        dialog = OrganizationDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved_id:
            saved = dialog.saved_id
            self.message.setText(f"Đã thêm «{dialog.name.text().strip()}».")
            self.model.reloaded.connect(lambda _n, sid=saved: self.select_id(sid),
                                        Qt.ConnectionType.SingleShotConnection)

    def edit_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.edit_row(index.row())

    def edit_row(self, row: int) -> None:
        org = self.model.row_data(row)
        if org is None:
            return
        dialog = OrganizationDialog(self.ctx, org, self)
        if dialog.exec():
            self.message.setText(f"Đã lưu «{dialog.name.text().strip()}».")

    def select_id(self, org_id: str) -> None:
        row = self.model.row_of(org_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def delete_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        db = self.ctx.db
        ids = [o.id for o in chosen]
        label = (f"xóa «{chosen[0].name}»" if len(chosen) == 1
                 else f"xóa {len(chosen)} cơ quan, cơ sở")

        def delete() -> Changes:
            changes = Changes()
            for oid in ids:
                changes = changes | organizations.delete_organization(db, oid)
            return changes

        def restore() -> Changes:
            changes = Changes()
            for oid in ids:
                changes = changes | organizations.restore_organization(db, oid)
            return changes

        def done(changes: Changes) -> None:
            self.undo_stack.push(label, restore)
            self.message.setText(f"Đã {label}. Nhấn Ctrl+Z để hoàn tác, hoặc khôi phục trong "
                                 "Thùng rác.")
            self.ctx.announce(changes)

        self.ctx.run(delete, done, parent=self)

    def show_history(self) -> None:
        chosen = self.selected()
        if chosen:
            dialog = HistoryDialog(self.ctx, "organizations", chosen[0].id, chosen[0].name, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

    def mark_signed(self) -> None:
        chosen = [o for o in self.selected() if not o.signed]
        if not chosen:
            self.message.setText("Chọn các cơ sở chưa ký cam kết để đánh dấu.")
            return
        what = f"«{chosen[0].name}»" if len(chosen) == 1 else f"{len(chosen)} cơ quan, cơ sở"
        dialog = SignDialog(what, self, default_signer="người đại diện")
        if not dialog.exec():
            return
        db, ids = self.ctx.db, [o.id for o in chosen]
        on, by, note = dialog.signed_on, dialog.signed_by, dialog.note

        def done(result: commitments.MarkResult) -> None:
            created = result.created
            self.undo_stack.push(f"đánh dấu {what} đã ký",
                                 lambda: commitments.undo_commitments(db, created))
            self.message.setText(f"Đã đánh dấu {len(created)} cơ sở đã ký cam kết.")
            self.ctx.announce(result.changes)

        self.ctx.run(lambda: commitments.mark_signed(
            db, ids, kind=CommitmentKind.ORGANISATION, signed_on=on, signed_by=by, notes=note),
            done, parent=self)

    def show_target(self, *, organization_id: str = "", **_target: Any) -> None:
        """Navigation (e.g. from the green-zone criteria): select that organisation."""
        if organization_id:
            self._pending_select = organization_id
            if self.model.row_of(organization_id) >= 0:
                self._select_pending()

    def _select_pending(self) -> None:
        if self._pending_select and self.model.row_of(self._pending_select) >= 0:
            self.select_id(self._pending_select)
            self.table.setFocus()
            self._pending_select = ""
