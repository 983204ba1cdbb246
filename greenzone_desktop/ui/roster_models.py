"""Table models of the roster page: the week grid (shifts × days, names in each cell, drop a
person on a cell) and the staff list people are dragged from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from greenzone_desktop.services.roster import WeekRoster
from greenzone_desktop.services.roster_views import Cell

Index = QModelIndex | QPersistentModelIndex
STAFF_MIME = "application/x-greenzone-staff-id"
CONFLICT_BG = QColor("#f5b7b1")
SHORT_BG = QColor("#fdebd0")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
CellRole = Qt.ItemDataRole.UserRole + 1


def fmt_hours(hours: float) -> str:
    return f"{hours:g}".replace(".", ",")


class WeekGridModel(QAbstractTableModel):
    """Rows: the checkpoint's shifts of the day (06:00–14:00 …); columns: Monday to Sunday."""

    staff_dropped = Signal(str, str)  # shift id, staff id

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.week: WeekRoster | None = None

    def set_week(self, week: WeekRoster | None) -> None:
        self.beginResetModel()
        self.week = week
        self.endResetModel()

    def cell(self, index: Index) -> Cell | None:
        if self.week is None or not index.isValid():
            return None
        return self.week.cell(index.row(), index.column())

    def index_of(self, shift_id: str) -> QModelIndex:
        if self.week is not None:
            for (row, day), c in self.week.cells.items():
                if c.shift_id == shift_id:
                    return self.index(row, day)
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.week is None else len(self.week.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.week is None else 7

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self.rowCount()
                                       and 0 <= index.column() < self.columnCount()):
            return None
        c = self.cell(index)
        if role == CellRole:
            return c
        if c is None:
            return "—" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            lines = c.names or ["(chưa có người)"]
            if c.understaffed and c.names:
                lines.append(f"thiếu {c.min_staff - len(c.names)}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.tooltip
        if role == Qt.ItemDataRole.BackgroundRole:
            if c.conflicted:
                return QBrush(CONFLICT_BG)
            if c.understaffed:
                return QBrush(SHORT_BG)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop).value)
        return None

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self.week is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < 7:
                return f"{WEEKDAYS[section]}\n{self.week.days[section]:%d/%m}"
            return None
        return self.week.rows[section] if 0 <= section < len(self.week.rows) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.cell(index) is not None:
            base |= Qt.ItemFlag.ItemIsDropEnabled
        return base

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [STAFF_MIME]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                        column: int, parent: Index) -> bool:
        return data.hasFormat(STAFF_MIME) and self.cell(parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                     column: int, parent: Index) -> bool:
        c = self.cell(parent)
        if c is None or not data.hasFormat(STAFF_MIME):
            return False
        staff_id = bytes(data.data(STAFF_MIME).data()).decode()
        self.staff_dropped.emit(c.shift_id, staff_id)
        return True


class StaffListModel(QAbstractListModel):
    """The active pool with this week's hours; items drag onto the grid."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.people: list[tuple[str, str, str, float, bool]] = []  # id, name, org, hours, vacc.

    def set_people(self, people: Sequence[tuple[str, str, str, float, bool]]) -> None:
        self.beginResetModel()
        self.people = list(people)
        self.endResetModel()

    def staff_id(self, row: int) -> str | None:
        return self.people[row][0] if 0 <= row < len(self.people) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.people)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.people):
            return None
        sid, name, org, hours, vaccinated = self.people[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name} — {fmt_hours(hours)} giờ"
        if role == Qt.ItemDataRole.ToolTipRole:
            shot = "" if vaccinated else "; chưa tiêm đủ vắc xin theo quy định"
            return f"{name}{', ' + org if org else ''}: {fmt_hours(hours)} giờ trong tuần{shot}"
        if role == Qt.ItemDataRole.ForegroundRole and not vaccinated:
            return QBrush(QColor("#999999"))
        if role == Qt.ItemDataRole.UserRole:
            return sid
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [STAFF_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        valid = [i for i in indexes if i.isValid()]
        if valid:
            data.setData(STAFF_MIME, self.people[valid[0].row()][0].encode())
        return data

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.CopyAction
