"""Pieces of the household editor: the members table model and the "move to another
household" picker (search by name, CCCD, code or address; Enter picks)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.household_list import (
    HouseholdQuery,
    HouseholdRow,
    household_ids,
    household_rows,
)
from greenzone_desktop.services.register_views import MemberView
from greenzone_desktop.vocab import Relation, Residency, Sex

Index = QModelIndex | QPersistentModelIndex
MEMBER_COLUMNS = ("Họ và tên", "Quan hệ", "Ngày sinh", "Giới tính", "Số CCCD", "Điện thoại",
                  "Cư trú", "Nghề nghiệp", "Tiêm")
PICK_LIMIT = 50


def label_of(vocab: type, code: str) -> str:
    try:
        return vocab(code).label
    except ValueError:
        return code or ""


class MembersModel(QAbstractTableModel):
    """The members of one household (head first), read-only."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.members: list[MemberView] = []
        self.head_id: str | None = None

    def set_members(self, members: tuple[MemberView, ...] | list[MemberView],
                    head_id: str | None) -> None:
        self.beginResetModel()
        self.members = list(members)
        self.head_id = head_id
        self.endResetModel()

    def row_of(self, person_id: str | None) -> int:
        return next((i for i, m in enumerate(self.members) if m.id == person_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(MEMBER_COLUMNS)

    def cell(self, m: MemberView, column: int) -> str:
        if column == 0:
            return m.full_name
        if column == 1:
            return label_of(Relation, m.relation)
        if column == 2:
            return m.birth_text
        if column == 3:
            return label_of(Sex, m.sex)
        if column == 4:
            return m.cccd or ""
        if column == 5:
            return m.phone or ""
        if column == 6:
            return label_of(Residency, m.residency)
        if column == 7:
            return m.occupation
        return f"{len(m.doses)} mũi" if m.doses else "Chưa tiêm"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.members):
            return None
        m = self.members[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(m, index.column())
        if role == Qt.ItemDataRole.FontRole and m.id == self.head_id:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return m.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return MEMBER_COLUMNS[section] if 0 <= section < len(MEMBER_COLUMNS) else None
        return str(section + 1)


def read_only_table(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class PickRowsModel(QAbstractTableModel):
    COLUMNS = ("Mã hộ", "Chủ hộ", "Tổ", "Địa chỉ")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[HouseholdRow] = []

    def set_rows(self, rows: list[HouseholdRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            r = self.rows[index.row()]
            return (r.code, r.head_name, r.area, r.address)[index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.COLUMNS[section] if 0 <= section < len(self.COLUMNS) else None


def _pick(db: Any, text: str, exclude: str | None) -> list[HouseholdRow]:
    ids = [i for i in household_ids(db, HouseholdQuery(text=text)) if i != exclude][:PICK_LIMIT]
    order = {hid: n for n, hid in enumerate(ids)}
    return sorted(household_rows(db, ids), key=lambda r: order[r.id])


class HouseholdPicker(QDialog):
    """Choose a household by typing (Enter or double click picks; Esc cancels)."""

    def __init__(self, ctx: Any, caption: str, *, exclude: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.exclude = exclude
        self.chosen: HouseholdRow | None = None
        self.setWindowTitle("Chọn hộ gia đình")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("pick_search")
        self.search.setPlaceholderText("Gõ tên chủ hộ, thành viên, số CCCD, mã hộ hoặc địa chỉ…")
        self.model = PickRowsModel(self)
        self.view = read_only_table("pick_table")
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel("")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Chọn hộ này")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.pick_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.caption, self.search, self.view, self.status, buttons):
            layout.addWidget(w)
        self.resize(720, 420)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.installEventFilter(self)
        self.view.doubleClicked.connect(lambda _i: self.pick_current())

    def run_search(self) -> None:
        self._timer.stop()
        text = self.search.text()
        if not text.strip():
            self.model.set_rows([])
            self.status.setText("")
            return
        db, exclude = self.ctx.db, self.exclude

        def done(rows: list[HouseholdRow]) -> None:
            if text != self.search.text():
                return
            self.model.set_rows(rows)
            self.status.setText(f"{len(rows)} hộ" + (" (chỉ hiện 50 hộ đầu)"
                                                    if len(rows) >= PICK_LIMIT else ""))
            if rows:
                self.view.selectRow(0)

        self.ctx.run(lambda: _pick(db, text, exclude), done, parent=self)

    def pick_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and 0 <= index.row() < len(self.model.rows):
            self.chosen = self.model.rows[index.row()]
            self.accept()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.search and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.run_search()
                self.pick_current()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.view.setFocus()
                return False
        return super().eventFilter(obj, event)
