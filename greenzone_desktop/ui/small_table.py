"""Small lists (teams, hotlines, sweeps, assessments, health periods, handoff packages: at most
a few hundred rows) as a plain table model, and the few widgets the pages share (dates, PDF
saving, confirmations). Big lists (a ward's people) use `lazy_table.LazyTableModel` instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QUrl,
)
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from greenzone_desktop.text import format_date
from greenzone_desktop.ui.lazy_table import Column, row_value

Index = QModelIndex | QPersistentModelIndex
AIR = 8  # px beside the text of a column sized to its contents (else it touches the lines)


@dataclass(frozen=True)
class Col:
    """A column: header and how a row shows in it; `colour` gives a text colour ("" none)."""

    header: str
    text: Callable[[Any], str]
    colour: Callable[[Any], str] | None = None
    align_right: bool = False


def _cell_text(column: Col | Column, row: Any) -> str:
    if isinstance(column, Col):
        return column.text(row)
    value = row_value(row, column.key)
    if column.fmt is not None:
        return column.fmt(value)
    return "" if value is None else str(value)


def _alignment(column: Col | Column) -> int:
    if isinstance(column, Column):
        return column.align_int
    side = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
    return int((side | Qt.AlignmentFlag.AlignVCenter).value)


class SmallTableModel(QAbstractTableModel):
    """Rows held in memory (lists of at most a few hundred items), shown through `Col`s (a
    function of the row) or `lazy_table.Column`s (a row attribute or dict key and a formatter).
    `colour(row, column)` may give a text colour for any cell (else the `Col`'s own),
    `bold(row, column)` a bold font; `bold_last` marks a totals row."""

    def __init__(
        self, columns: Sequence[Col | Column], parent: Any = None, *,
        colour: Callable[[Any, Any], QColor | str | None] | None = None,
        bold: Callable[[Any, Any], bool] | None = None,
        bold_last: bool = False,
    ):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._colour = colour
        self._bold = bold
        self.bold_last = bold_last

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        col, row = self.columns[index.column()], self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _cell_text(col, row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(col, row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(col)
        if role == Qt.ItemDataRole.FontRole:
            last = self.bold_last and index.row() == len(self.rows) - 1
            if last or (self._bold is not None and self._bold(row, col)):
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.UserRole:
            return getattr(row, "id", None)
        return None

    def _foreground(self, col: Col | Column, row: Any) -> QBrush | None:
        if self._colour is not None:
            colour = self._colour(row, col)
        elif isinstance(col, Col) and col.colour is not None:
            colour = col.colour(row)
        else:
            return None
        return None if colour is None or colour == "" else QBrush(QColor(colour))

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return self.columns[section].header if 0 <= section < len(self.columns) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class _AiryHeader(QHeaderView):
    def sectionSizeFromContents(self, logical_index: int) -> QSize:  # noqa: N802 - Qt override
        size = super().sectionSizeFromContents(logical_index)
        return QSize(size.width() + AIR, size.height())


class _AiryDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width() + AIR, size.height())


def airy(view: QTableView) -> None:
    """Columns sized to their contents (header and cells) leave some air around the text."""
    header = _AiryHeader(Qt.Orientation.Horizontal, view)
    header.setSectionsClickable(True)
    header.setHighlightSections(True)
    view.setHorizontalHeader(header)
    view.setItemDelegate(_AiryDelegate(view))


def table_view(model: QAbstractTableModel, *, stretch: int = -1,
               multi: bool = False) -> QTableView:
    """A read-only table over `model`, whole rows selected; column `stretch` takes the rest
    (and gives way first on a narrow window), the others the width of their contents."""
    view = QTableView()
    airy(view)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def selected_rows(view: QTableView) -> list[int]:
    return sorted({i.row() for i in view.selectionModel().selectedRows()})


def current_item(view: QTableView) -> Any | None:
    """The row object under the view's current index (SmallTableModel)."""
    model = view.model()
    rows = selected_rows(view)
    if not rows or not isinstance(model, SmallTableModel):
        return None
    return model.row_at(rows[0])


def date_text(d: date | None) -> str:
    return format_date(d) if d else ""


def date_edit(value: date | None = None, *, optional: bool = False) -> QDateEdit:
    """A dd/MM/yyyy date field with a calendar; `optional` shows blank for "no date"."""
    w = QDateEdit()
    w.setDisplayFormat("dd/MM/yyyy")
    w.setCalendarPopup(True)
    if optional:
        w.setMinimumDate(QDate(2000, 1, 1))
        w.setSpecialValueText(" ")
    w.setDate(QDate(value) if value else (w.minimumDate() if optional else QDate.currentDate()))
    return w


def edit_date(w: QDateEdit) -> date | None:
    if w.specialValueText() and w.date() == w.minimumDate():
        return None
    d = w.date()
    return date(d.year(), d.month(), d.day())


def confirm(parent: QWidget | None, text: str) -> bool:
    answer = QMessageBox.question(parent, "Xác nhận", text)
    return answer == QMessageBox.StandardButton.Yes


def save_pdf(parent: QWidget, ctx: Any, suggested: str,
             job: Callable[[Path], Any], *, path: str | None = None) -> None:
    """Ask where to save a PDF (unless `path`), write it on the worker, then offer to open it.
    `job(out)` is a printing service call returning a PrintSummary."""
    if path is None:
        path, _ = QFileDialog.getSaveFileName(parent, "Lưu tệp PDF", suggested,
                                              "Tệp PDF (*.pdf)")
    if not path:
        return
    out = Path(path if path.lower().endswith(".pdf") else path + ".pdf")

    def done(summary: Any) -> None:
        pages = getattr(summary, "pages", None)
        text = f"Đã lưu {pages} trang vào tệp:\n{out}" if pages else f"Đã lưu tệp:\n{out}"
        parent.setProperty("last_pdf", str(out))
        if parent.property("quiet_pdf"):
            return
        box = QMessageBox(QMessageBox.Icon.Information, "Đã in ra tệp PDF", text,
                          QMessageBox.StandardButton.Close, parent)
        open_btn = box.addButton("Mở tệp để in", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is open_btn:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))

    ctx.run(lambda: job(out), done, parent=parent)


def submit(ctx: Any, dialog: Any, job: Callable[[], Any], changes: Any,
           then: Callable[[Any], None] | None = None) -> None:
    """Save from a dialog on the worker: on success announce `changes`, close the dialog and
    call `then(result)`; on a user error keep the dialog open with the message in its
    `error` label."""
    from greenzone_desktop.ui.context import error_text

    def done(result: Any) -> None:
        dialog.accept()
        ctx.announce(changes)
        if then is not None:
            then(result)

    ctx.run(job, done, parent=dialog, on_error=lambda exc: dialog.error.setText(error_text(exc)))
