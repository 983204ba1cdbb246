"""Hộ gia đình: the household register — as-you-type search, filters, a lazy table sorted and
filtered by the database, the household editor, soft delete with Undo (Ctrl+Z)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import household_list
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.household_list import HouseholdQuery
from greenzone_desktop.services.register import delete_household, restore_household
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.household_editor import HouseholdEditor
from greenzone_desktop.ui.household_table_model import HouseholdTableModel
from greenzone_desktop.ui.table_views import LazyDelegate

SEARCH_DELAY_MS = 150
COLUMN_WIDTHS = [85, 190, 65, 220, 88, 70, 70, 130, 150]


@dataclass(frozen=True)
class UndoItem:
    message: str  # what was done, e.g. "Đã xóa hộ XM-0001"
    undo: Callable[[], Changes]  # a service call that reverses it
    done_message: str


def _combo(items: list[tuple[str, str]], tip: str) -> QComboBox:
    box = QComboBox()
    for code, label in items:
        box.addItem(label, code)
    box.setToolTip(tip)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


class HouseholdsPage(QWidget):
    title = "Hộ gia đình"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.editor: HouseholdEditor | None = None  # the open editor
        self._spare_editor: HouseholdEditor | None = None
        self.undo_stack: list[UndoItem] = []
        self._stale = False
        self._keep_id: str | None = None

        self.search = QLineEdit()
        self.search.setObjectName("household_search")
        self.search.setPlaceholderText(
            "Tìm theo họ tên, số CCCD, điện thoại, địa chỉ, mã hộ… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton("Thêm hộ (Ctrl+N)")
        self.edit_button = QPushButton("Mở hộ (Enter)")
        self.delete_button = QPushButton("Xóa hộ (Delete)")
        heading = QLabel(self.title)  # as on the other pages
        heading.setProperty("role", "title")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(8)
        top.addWidget(self.search, 1)
        for b in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(b)

        self.area = _combo([("", "Tất cả các tổ")], "Lọc theo tổ / khu vực")
        self.kind = _combo([("", "Mọi loại hộ"), *household_list.KINDS.items()], "Loại hộ")
        self.residency = _combo([("", "Mọi tình trạng cư trú"),
                                 *household_list.RESIDENCY.items()], "Cư trú")
        self.health = _combo([("", "Mọi tình trạng sức khỏe"), *household_list.HEALTH.items()],
                             "F0, F1, cách ly đang diễn ra")
        self.unsigned = QCheckBox("Chưa ký cam kết")
        self.count_label = QLabel("")
        self.count_label.setObjectName("household_count")
        filters = QHBoxLayout()
        for w in (self.area, self.kind, self.residency, self.health, self.unsigned):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.model = HouseholdTableModel(ctx, self)
        self.table = QTableView()
        self.table.setObjectName("household_table")
        self.table.setModel(self.model)
        self.table.setItemDelegate(LazyDelegate(self.model, self.table))
        # After a reset, lay the rows out at once, before the paint the reset asked for: left to
        # Qt's delayed layout it comes after that paint and asks for a second full one.
        self.model.modelReset.connect(self.table.doItemsLayout)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for i, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(i, width)
        header.setStretchLastSection(True)
        header.setSortIndicator(self.model.sort_column, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.installEventFilter(self)
        self.search.installEventFilter(self)

        self.message = QLabel("")
        self.message.setObjectName("household_message")
        self.undo_button = QPushButton("Hoàn tác (Ctrl+Z)")
        self.undo_button.setVisible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.undo_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.search, self.table)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self._clock = QElapsedTimer()
        self.search.textChanged.connect(self._typed)
        for box in (self.area, self.kind, self.residency, self.health):
            box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.unsigned.toggled.connect(lambda _on: self.apply_filters())
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(self.open_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.undo_button.clicked.connect(self.undo)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.model.reloaded.connect(self._after_reload)
        self.model.shown.connect(self._paint_now)
        self.model.loading_changed.connect(self._show_loading)
        for keys, slot in (("Ctrl+N", lambda: self.open_editor(None)), ("Ctrl+Z", self.undo),
                           ("Ctrl+F", self.focus_search), ("F5", self.refresh)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        self.load_areas()
        self.model.set_query(self.current_query())

    # -- querying ---------------------------------------------------------------------------

    def current_query(self) -> HouseholdQuery:
        return HouseholdQuery(
            text=self.search.text(), area=self.area.currentData() or "",
            kind=self.kind.currentData() or "", residency=self.residency.currentData() or "",
            unsigned=self.unsigned.isChecked(), health=self.health.currentData() or "")

    def _typed(self, _text: str) -> None:
        # The first key after a pause searches at once; keys typed quickly after it are
        # gathered and searched once the typing pauses for SEARCH_DELAY_MS.
        if self._timer.isActive() or self._clock.isValid() and \
                self._clock.elapsed() < SEARCH_DELAY_MS:
            self._timer.start()
        else:
            self.apply_filters()
        self._clock.start()

    def apply_filters(self) -> None:
        """Re-query with the search text and filters as they are now."""
        self._timer.stop()
        query = self.current_query()
        if query != self.model.query:
            self._keep_id = self.current_id()
            self.model.set_query(query)

    def refresh(self) -> None:
        """Re-query (same search, filters and order), keeping the current household selected."""
        self._keep_id = self._keep_id or self.current_id()
        self.model.reload()
        self.load_areas()

    def load_areas(self) -> None:
        db = self.ctx.db
        self.ctx.run(lambda: household_list.areas(db), self._fill_areas, parent=self)

    def _fill_areas(self, areas: list[str]) -> None:
        current = self.area.currentData() or ""
        self.area.blockSignals(True)
        self.area.clear()
        self.area.addItem("Tất cả các tổ", "")
        for a in areas:
            self.area.addItem(a, a)
        self.area.setCurrentIndex(max(0, self.area.findData(current)))
        self.area.blockSignals(False)

    def _after_reload(self, count: int) -> None:
        self.count_label.setText(f"{format_number(count)} hộ")
        row = self.model.row_of(self._keep_id) if self._keep_id else -1
        if row < 0 and count and self.table.hasFocus():
            row = 0
        if row >= 0:
            self.select_row(row)
        self._keep_id = None

    def _paint_now(self) -> None:
        """Paint the first screen of a search before the worker lists the other matches: the
        paint does not share the CPU (and Python) with that job."""
        if self.table.isVisible():
            self.table.viewport().repaint()

    def _show_loading(self, loading: bool) -> None:
        if loading:
            self.count_label.setText("Đang tìm…")

    # -- selection and actions --------------------------------------------------------------

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_current(self) -> None:
        hid = self.current_id()
        if hid:
            self.open_editor(hid)

    def open_editor(self, household_id: str | None) -> HouseholdEditor:
        """Open the editor for a household (None: a new one). One editor window is built
        once and reused: building its widgets costs more than loading a household."""
        if self.editor is not None:
            self.editor.close_editor()
        areas = [self.area.itemData(i) for i in range(1, self.area.count())]
        editor = self._spare_editor
        if editor is None:
            editor = HouseholdEditor(self.ctx, household_id, areas=areas, parent=self)
            editor.open_household.connect(self._open_other)
            editor.finished.connect(lambda _r, e=editor: self._editor_closed(e))
            self._spare_editor = editor
        else:
            editor.start(household_id, areas)
        self.editor = editor
        editor.open()
        return editor

    def _open_other(self, household_id: str) -> None:
        QTimer.singleShot(0, lambda: self.open_editor(household_id))

    def _editor_closed(self, editor: HouseholdEditor) -> None:
        if editor.household_id:
            self._keep_id = editor.household_id
        if self.editor is editor:
            self.editor = None
            self.table.setFocus()

    def delete_current(self) -> None:
        hid = self.current_id()
        row = self.model.row_data(self.table.currentIndex().row()) if hid else None
        if not hid or row is None:
            return
        db = self.ctx.db
        who = f"hộ {row.code}" + (f" ({row.head_name})" if row.head_name else "")
        next_row = self.table.currentIndex().row()
        self._keep_id = self.model.id_at(next_row + 1) or self.model.id_at(next_row - 1)

        def done(changes: Changes) -> None:
            self.push_undo(UndoItem(f"Đã xóa {who}.", lambda: restore_household(db, hid),
                                    f"Đã khôi phục {who}."))
            self.ctx.announce(changes)

        self.ctx.run(lambda: delete_household(db, hid), done, parent=self)

    def push_undo(self, item: UndoItem) -> None:
        self.undo_stack.append(item)
        self.show_message(f"{item.message} Nhấn Ctrl+Z để hoàn tác.", undo=True)

    def undo(self) -> None:
        """Reverse the last deletion (Ctrl+Z)."""
        if not self.undo_stack:
            self.show_message("Không còn thao tác nào để hoàn tác.")
            return
        item = self.undo_stack.pop()

        def done(changes: Changes) -> None:
            self.show_message(item.done_message, undo=bool(self.undo_stack))
            self.ctx.announce(changes)

        self.ctx.run(item.undo, done, parent=self)

    def show_message(self, text: str, *, undo: bool = False) -> None:
        self.message.setText(text)
        self.undo_button.setVisible(undo)

    # -- page protocol ----------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if not (changes.households or changes.persons or changes.commitments or changes.health
                or changes.units):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def show_target(self, household_id: str | None = None, **_target: Any) -> None:
        """Open that household (and select it when it is in the list)."""
        if not household_id:
            return
        row = self.model.row_of(household_id)
        if row >= 0:
            self.select_row(row)
        self.open_editor(household_id)

    def set_filters(self, query: HouseholdQuery) -> None:
        """Show exactly `query` (used by other pages' links, e.g. 'chưa ký cam kết')."""
        self.search.setText(query.text)
        self.unsigned.setChecked(query.unsigned)
        for box, value in ((self.area, query.area), (self.kind, query.kind),
                           (self.residency, query.residency), (self.health, query.health)):
            box.setCurrentIndex(max(0, box.findData(value)))
        self.model.set_query(replace(query))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if obj is self.table and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.open_current()
                    return True
                if key == Qt.Key.Key_Delete:
                    self.delete_current()
                    return True
            if obj is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Return,
                                              Qt.Key.Key_Enter):
                self.apply_filters()
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                if self.model.rowCount() and not self.table.currentIndex().isValid():
                    self.select_row(0)
                return True
            if obj is self.search and key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self.apply_filters()
                return True
        return super().eventFilter(obj, event)
