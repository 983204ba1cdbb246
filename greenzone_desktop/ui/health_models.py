"""A table model over a short list of rows already fetched (health periods, zones, rounds,
coverage): the lists the health and testing pages show that stay small. Big lists (the
"chưa xét nghiệm" list of a whole ward) use `lazy_table.LazyTableModel` instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from greenzone_desktop.text import format_date
from greenzone_desktop.ui.lazy_table import Column, row_value

Index = QModelIndex | QPersistentModelIndex
RED = QColor("#c0392b")
GREEN = QColor("#1e8449")
AMBER = QColor("#b9770e")


def fmt_date(value: Any) -> str:
    return format_date(value) if value else ""


class RowsModel(QAbstractTableModel):
    """Rows (dataclasses or dicts) shown through `Column`s; `colour(row, column)` may give a
    text colour and `bold(row, column)` a bold font."""

    def __init__(
        self, columns: Sequence[Column], *,
        colour: Callable[[Any, Column], QColor | None] | None = None,
        bold: Callable[[Any, Column], bool] | None = None,
        parent: Any = None,
    ):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._colour = colour
        self._bold = bold

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
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row_value(row, column.key)
            if column.fmt is not None:
                return column.fmt(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        if role == Qt.ItemDataRole.ForegroundRole and self._colour is not None:
            colour = self._colour(row, column)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and self._bold is not None and self._bold(row, column):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return self.columns[section].header if 0 <= section < len(self.columns) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
