"""Table models of the import wizard: the first rows of a sheet, and the preview of every row
with its problems (the plan is already in memory; the model only shows it, filtered)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from greenzone_desktop.exchange.excel_reader import column_letter
from greenzone_desktop.services.importing import ImportPlan, RowPlan
from greenzone_desktop.text import format_date

Index = QModelIndex | QPersistentModelIndex
_ERROR = QColor("#fde2e1")
_DUPLICATE = QColor("#fff4cc")
FILTERS = {"all": "Tất cả các dòng", "error": "Dòng có lỗi", "duplicate": "Dòng trùng",
           "new": "Dòng nhập mới"}  # fmt: skip


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return format_date(value)
    return str(value)


class SheetRowsModel(QAbstractTableModel):
    """The first rows of a sheet as read (columns A, B, …), the header row highlighted."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[list[object]] = []
        self.width = 0
        self.header_row: int | None = None

    def set_rows(self, rows: Sequence[Sequence[object]], header_row: int | None) -> None:
        self.beginResetModel()
        self.rows = [list(r) for r in rows]
        self.width = max((len(r) for r in self.rows), default=0)
        self.header_row = header_row
        self.endResetModel()

    def set_header_row(self, header_row: int | None) -> None:
        self.header_row = header_row
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.width - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.width

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _cell_text(row[index.column()]) if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.BackgroundRole and index.row() + 1 == self.header_row:
            return QBrush(QColor("#d9e8fb"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_letter(section)
        return str(section + 1)


_COLUMNS: tuple[tuple[str, str], ...] = (
    ("row", "Dòng"), ("household", "Hộ"), ("full_name", "Họ và tên"), ("birth", "Ngày sinh"),
    ("sex", "Giới tính"), ("cccd", "Số CCCD"), ("relation", "Quan hệ"), ("status", "Xử lý"),
    ("problems", "Vấn đề"),
)  # fmt: skip


class PreviewModel(QAbstractTableModel):
    """Every row of an import plan, or those of one kind (errors, duplicates, new)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: ImportPlan | None = None
        self.shown: list[RowPlan] = []
        self.kind = "all"

    def set_plan(self, plan: ImportPlan | None, kind: str = "all") -> None:
        self.beginResetModel()
        self.plan, self.kind = plan, kind
        rows = plan.rows if plan is not None else []
        if kind == "error":
            rows = [r for r in rows if r.is_error]
        elif kind == "duplicate":
            rows = [r for r in rows if r.is_duplicate]
        elif kind == "new":
            rows = [r for r in rows if not r.is_error and not r.is_duplicate]
        self.shown = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowPlan | None:
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def refresh(self) -> None:
        if self.shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.shown) - 1,
                                                               len(_COLUMNS) - 1))  # fmt: skip

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(_COLUMNS)

    def _text(self, row: RowPlan, key: str) -> str:
        if key == "row":
            return str(row.sheet_row)
        if key == "household":
            return row.household
        if key == "status":
            return row.status
        if key == "problems":
            return row.problem_text
        return row.shown(key)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        key = _COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.problem_text or None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.is_error:
                return QBrush(_ERROR)
            if row.is_duplicate:
                return QBrush(_DUPLICATE)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _COLUMNS[section][1]
        return None
