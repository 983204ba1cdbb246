"""Small building blocks the pages share: the page heading, a debounced search box, a combo of
(code, label) choices, a keyboard-friendly table view that sorts through its model, and the
delegate that paints lazy models quickly."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from greenzone_desktop.ui.lazy_table import Index, LazyTableModel

SEARCH_DELAY_MS = 120  # long enough to coalesce fast typing, short enough to feel instant


def page_heading(text: str) -> QLabel:
    """The heading at the top of a page (its sidebar name, in the application's title style)."""
    heading = QLabel(text)
    heading.setProperty("role", "title")
    return heading


class SearchBox(QLineEdit):
    """A search field that emits `search(text)` shortly after the typing stops, at once on
    Enter, and hands the focus to `next_widget` on the Down key."""

    search = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.next_widget: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.fire)
        self.textChanged.connect(lambda _text: self._timer.start())
        self._last: str | None = None

    def fire(self) -> None:
        """Emit now (if the text changed since the last search)."""
        self._timer.stop()
        text = self.text()
        if text != self._last:
            self._last = text
            self.search.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.fire()
            if self.next_widget is not None:
                self.next_widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        if event.key() == Qt.Key.Key_Down and self.next_widget is not None:
            self.fire()
            self.next_widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.fire()
            return
        super().keyPressEvent(event)


def choice_combo(choices: Iterable[tuple[str, str]], *, all_label: str | None = None,
                 tooltip: str = "") -> QComboBox:
    """A combo whose items carry a code as user data; `all_label` adds a first "" choice."""
    combo = QComboBox()
    if all_label is not None:
        combo.addItem(all_label, "")
    for code, label in choices:
        combo.addItem(label, code)
    combo.setToolTip(tooltip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def combo_code(combo: QComboBox) -> str:
    return combo.currentData() or ""


class _EnterFilter(QObject):
    def __init__(self, view: RegisterTable):
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.view.currentIndex()
            if index.isValid():
                self.view.activated_row.emit(index.row())
                return True
        return False


_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_TEXT = QPalette.ColorRole.Text


class LazyDelegate(QStyledItemDelegate):
    """Paints a lazy model's cells with one call into Python per cell.

    Qt's delegate asks the model for seven roles of every cell it paints (font, alignment,
    colour, check state, icon, text, background), each a call from C++ into Python; with the
    index checks that made three quarters of a 20 000-household table's repaint. This fills the
    style option from `LazyTableModel.cell` in one call; the picture is the same (models with
    their own fonts take Qt's way)."""

    def __init__(self, model: LazyTableModel, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        model = self.model
        if model._has_font or index.model() is not model:
            super().initStyleOption(option, index)
            return
        text, column, brush = model.cell(index.row(), index.column())
        option.index = index
        option.displayAlignment = column.align
        if brush is not None:
            option.palette.setBrush(_TEXT, brush)
        if text:
            option.features |= _HAS_DISPLAY
            option.text = text
        option.styleObject = None


class RegisterTable(QTableView):
    """A read-only table of whole rows: sorting is the model's (SQL), Enter or a double click
    emits `activated_row(row)`."""

    activated_row = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, multi: bool = False):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                              else QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.doubleClicked.connect(lambda index: self.activated_row.emit(index.row()))
        self.installEventFilter(_EnterFilter(self))

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 - Qt override
        super().setModel(model)
        if isinstance(model, LazyTableModel):
            delegate = self.itemDelegate()
            if isinstance(delegate, LazyDelegate):
                delegate.model = model  # a page that swaps models keeps one delegate
            else:
                self.setItemDelegate(LazyDelegate(model, self))

    def set_widths(self, widths: Iterable[int]) -> None:
        for col, width in enumerate(widths):
            self.setColumnWidth(col, width)

    def selected_rows(self) -> list[int]:
        model = self.selectionModel()
        return sorted(i.row() for i in model.selectedRows()) if model else []


class LatestQuery(QObject):
    """Hands a lazy model only the latest query: while one is running on the database worker,
    newer ones wait and only the last of them runs next. Typing "tran thi" quickly then costs
    two or three queries, not eight queued one after another."""

    def __init__(self, model: Any):
        super().__init__(model)
        self.model = model
        self._pending: Any = None
        self._waiting = False
        model.loading_changed.connect(self._loading_changed)

    def set_query(self, query: Any) -> None:
        if self.model.loading:
            self._pending, self._waiting = query, True
            return
        self.model.set_query(query)

    def _loading_changed(self, loading: bool) -> None:
        if not loading and self._waiting:
            query, self._pending, self._waiting = self._pending, None, False
            self.model.set_query(query)
