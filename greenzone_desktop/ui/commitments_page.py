"""Cam kết: who has signed and who has not (households, organisations, home quarantine), marking
many at once after a round of signing (Ctrl+K, Ctrl+Z to take it back), the coverage always
visible at the top."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from greenzone_desktop.services import commitments, people_list
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.commitments import CommitmentQuery, SignerRow
from greenzone_desktop.text import format_date, format_number
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.coverage_bar import CoverageBar
from greenzone_desktop.ui.lazy_table import CENTER, RIGHT, Column, LazyTableModel
from greenzone_desktop.ui.sign_dialog import SignDialog
from greenzone_desktop.ui.table_views import (
    LatestQuery,
    RegisterTable,
    SearchBox,
    choice_combo,
    combo_code,
    page_heading,
)
from greenzone_desktop.ui.undo import UndoStack
from greenzone_desktop.vocab import CommitmentKind

GREEN = QColor("#1e8449")
RED = QColor("#c0392b")


def _signed(on: Any) -> str:
    return f"Đã ký {format_date(on)}" if on else "Chưa ký"


HOUSEHOLD_COLUMNS = [
    Column("Mã hộ", "code", sort="code"),
    Column("Chủ hộ", "name", sort="head"),
    Column("Địa chỉ", "address", sort="address"),
    Column("Tổ", "area", sort="area"),
    Column("Số người", "size", align=RIGHT, sort="members"),
    Column("Cam kết", "signed_on", align=CENTER, sort="signed_on", fmt=_signed),
    Column("Người ký", "signed_by"),
]
ORGANIZATION_COLUMNS = [
    Column("Tên cơ quan, cơ sở", "name", sort="name"),
    Column("Người đại diện", "contact"),
    Column("Địa chỉ", "address", sort="address"),
    Column("Tổ", "area", sort="area"),
    Column("Số lao động", "size", align=RIGHT, sort="workers"),
    Column("Cam kết", "signed_on", align=CENTER, sort="signed_on", fmt=_signed),
    Column("Người ký", "signed_by"),
]
WIDTHS = {"households": [90, 190, 240, 70, 70, 130], "organizations": [240, 170, 220, 70, 90, 130]}
REFRESH_ON = ("commitments", "households", "organizations", "health", "persons")


class SignersModel(LazyTableModel):
    def foreground(self, row: SignerRow, column: Column) -> Any:
        if column.key == "signed_on":
            return GREEN if row.signed else RED
        return None


class CommitmentsPage(QWidget):
    title = "Cam kết"

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self._shown_once = False
        self._stale: set[str] = set()
        self.undo_stack = UndoStack(ctx, self)
        self.undo_stack.changed.connect(self._undo_changed)
        self.undo_stack.undone.connect(lambda label: self.message.setText(f"Đã hoàn tác: {label}."))
        self.models = {k.value: self._model(k.value) for k in CommitmentKind}
        self.latest = {kind: LatestQuery(model) for kind, model in self.models.items()}

        heading = page_heading(self.title)
        self.coverage = CoverageBar()
        self.kind = choice_combo([(k.value, k.label) for k in CommitmentKind],
                                 tooltip="Loại cam kết")
        self.status = choice_combo(commitments.STATUSES.items(), tooltip="Đã ký hay chưa")
        self.status.setCurrentIndex(self.status.findData("unsigned"))
        self.area = choice_combo([], all_label="Mọi tổ", tooltip="Tổ, khu vực")
        self.search = SearchBox("Tìm theo mã hộ, tên, địa chỉ, điện thoại (Ctrl+F)")
        self.search.search.connect(lambda _t: self.apply_filters())
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        for combo in (self.status, self.area):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.count = QLabel("")
        self.message = QLabel("")
        self.message.setProperty("role", "warning")
        self.message.setWordWrap(True)
        self.sign_button = QPushButton("Đánh dấu đã ký (Ctrl+K)")
        self.sign_button.clicked.connect(self.mark_selected)
        self.unsign_button = QPushButton("Bỏ đánh dấu")
        self.unsign_button.setToolTip("Xóa cam kết đã ghi của các dòng chọn (nhập nhầm)")
        self.unsign_button.clicked.connect(self.unmark_selected)
        self.select_button = QPushButton("Chọn tất cả (Ctrl+A)")
        self.undo_button = QPushButton("Hoàn tác (Ctrl+Z)")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(lambda: self.undo_stack.undo(self))
        self.open_button = QPushButton("Mở (Enter)")
        self.open_button.clicked.connect(self.open_current)

        self.table = RegisterTable(multi=True)
        self.table.activated_row.connect(self.open_row)
        self.select_button.clicked.connect(self.table.selectAll)
        self.search.next_widget = self.table
        self._set_model()

        head = QHBoxLayout()
        head.addWidget(heading)
        head.addSpacing(12)
        head.addWidget(self.coverage, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.status)
        filters.addWidget(self.area)
        filters.addWidget(self.search, 1)
        actions = QHBoxLayout()
        for b in (self.sign_button, self.select_button, self.unsign_button, self.undo_button,
                  self.open_button):
            actions.addWidget(b)
        actions.addSpacing(12)
        actions.addWidget(self.count)
        actions.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        for keys, slot in ((QKeySequence.StandardKey.Find, self.focus_search),
                           ("Ctrl+K", self.mark_selected),
                           (QKeySequence.StandardKey.Undo, lambda: self.undo_stack.undo(self))):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _model(self, kind: str) -> SignersModel:
        db = self.ctx.db
        columns = ORGANIZATION_COLUMNS if kind == CommitmentKind.ORGANISATION else \
            HOUSEHOLD_COLUMNS
        model = SignersModel(
            self.ctx, columns,
            ids_fn=lambda q, sort, desc: commitments.signer_keys(db, q, sort, desc),
            rows_fn=lambda ids: commitments.signer_rows(db, ids, kind), parent=self)
        model.query = CommitmentQuery(kind=kind, status="unsigned")
        model.reloaded.connect(lambda n, m=model: self._show_count(m, n))
        return model

    # -- state ------------------------------------------------------------------------------

    @property
    def model(self) -> SignersModel:
        return self.models[combo_code(self.kind) or CommitmentKind.HOUSEHOLD.value]

    @property
    def target(self) -> str:
        return self.query().target

    def query(self) -> CommitmentQuery:
        return CommitmentQuery(kind=combo_code(self.kind), status=combo_code(self.status),
                               text=self.search.text(), area=combo_code(self.area))

    def _set_model(self) -> None:
        model = self.model
        if self.table.model() is not model:
            self.table.setSortingEnabled(False)
            self.table.setModel(model)
            self.table.set_widths(WIDTHS[self.target])
            header = self.table.horizontalHeader()
            header.setSortIndicator(max(0, model.sort_column),
                                    Qt.SortOrder.DescendingOrder if model.descending
                                    else Qt.SortOrder.AscendingOrder)

    def _kind_changed(self) -> None:
        self._set_model()
        self.area.setEnabled(self.target == "households")
        self.apply_filters()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._load_areas()
            self.refresh_coverage()
            self.apply_filters()
            self.search.setFocus()
        elif self._stale:
            self.refresh()

    def apply_filters(self) -> None:
        if not self._shown_once:
            return
        self._stale.discard(combo_code(self.kind))
        self.latest[combo_code(self.kind)].set_query(self.query())
        if not self.table.isSortingEnabled():
            self.table.setSortingEnabled(True)

    def refresh(self) -> None:
        self._stale = set()
        self.refresh_coverage()
        self.model.query = self.query()
        self.model.reload()

    def refresh_coverage(self) -> None:
        db = self.ctx.db
        self.ctx.run(lambda: commitments.coverage(db), self.coverage.show_coverage, parent=self)

    def _load_areas(self) -> None:
        db = self.ctx.db

        def fill(areas: list[str]) -> None:
            self.area.blockSignals(True)
            for name in areas:
                self.area.addItem(name, name)
            self.area.blockSignals(False)

        self.ctx.run(lambda: people_list.areas(db), fill, parent=self)

    def on_changes(self, changes: Changes) -> None:
        if not any(getattr(changes, name) for name in REFRESH_ON):
            return
        self._stale = {k.value for k in CommitmentKind}
        if self.isVisible():
            self.refresh()

    def _show_count(self, model: SignersModel, n: int) -> None:
        if model is not self.model:
            return
        noun = "cơ sở" if self.target == "organizations" else "hộ"
        status = {"unsigned": " chưa ký", "signed": " đã ký"}.get(combo_code(self.status), "")
        self.count.setText(f"{format_number(n)} {noun}{status}")

    def _undo_changed(self, label: str) -> None:
        self.undo_button.setEnabled(bool(label))
        self.undo_button.setToolTip(f"Hoàn tác: {label}" if label else "")

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- actions ----------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = self.table.selected_rows()
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [i for i in (self.model.id_at(r) for r in rows) if i]

    def mark_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.message.setText("Chọn các hộ (hoặc cơ sở) vừa ký rồi nhấn «Đánh dấu đã ký». "
                                 "Giữ Shift hoặc Ctrl để chọn nhiều dòng.")
            return
        orgs = self.target == "organizations"
        noun = "cơ sở" if orgs else "hộ"
        what = f"{format_number(len(ids))} {noun}"
        dialog = SignDialog(what, self, default_signer="người đại diện" if orgs else "chủ hộ")
        if not dialog.exec():
            return
        db, kind = self.ctx.db, combo_code(self.kind)
        on, by, note = dialog.signed_on, dialog.signed_by, dialog.note

        def done(result: commitments.MarkResult) -> None:
            created = result.created
            label = f"đánh dấu {format_number(len(created))} {noun} đã ký"
            if created:
                self.undo_stack.push(label, lambda: commitments.undo_commitments(db, created))
            skipped = (f" ({format_number(result.skipped)} {noun} đã ký từ trước)"
                       if result.skipped else "")
            self.message.setText(f"Đã {label}{skipped}. Ctrl+Z để hoàn tác.")
            self.ctx.announce(result.changes)

        self.ctx.run(lambda progress: commitments.mark_signed(
            db, ids, kind=kind, signed_on=on, signed_by=by, notes=note, progress=progress),
            done, parent=self,
            on_progress=lambda d, t: self.message.setText(
                f"Đang ghi… {format_number(d)}/{format_number(t)}"))

    def unmark_selected(self) -> None:
        rows = self.table.selected_rows()
        chosen = [r for r in (self.model.row_data(i) for i in rows) if r and r.commitment_id]
        if not chosen:
            self.message.setText("Chọn các dòng đã ký để bỏ đánh dấu.")
            return
        db, ids = self.ctx.db, [r.commitment_id for r in chosen]
        label = f"bỏ đánh dấu {format_number(len(ids))} dòng"

        def done(changes: Changes) -> None:
            self.undo_stack.push(label, lambda: commitments.restore_commitments(db, ids))
            self.message.setText(f"Đã {label}. Ctrl+Z để hoàn tác.")
            self.ctx.announce(changes)

        self.ctx.run(lambda: commitments.undo_commitments(db, ids), done, parent=self)

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_row(index.row())

    def open_row(self, row: int) -> None:
        target_id = self.model.id_at(row)
        if not target_id:
            return
        if self.target == "organizations":
            self.ctx.navigate("organizations", organization_id=target_id)
        else:
            self.ctx.navigate("households", household_id=target_id)

    def show_target(self, *, unsigned: bool = False, kind: str = "", **_target: Any) -> None:
        """Navigation (e.g. from the green-zone criteria): who has not signed yet."""
        if kind:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        if unsigned:
            self.status.setCurrentIndex(self.status.findData("unsigned"))
