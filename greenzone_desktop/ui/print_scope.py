"""What a print job covers: one household found by search, the households picked in the list,
all of them, or those whose commitment is not signed yet."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
)

from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.print_data import (
    HouseholdChoice,
    Scope,
    find_households,
    household_choice,
)
from greenzone_desktop.ui.context import AppContext

ID_ROLE = Qt.ItemDataRole.UserRole
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
MODES = ("household", "selection", "all", "unsigned")


def choice_text(c: HouseholdChoice) -> str:
    """"XM-0012 · Nguyễn Văn An · 4 người · chưa ký" as the list shows a household."""
    signed = "đã ký cam kết" if c.signed else "chưa ký cam kết"
    return f"{c.code} · {c.head_name or '(chưa có chủ hộ)'} · {c.members} người · {signed}"


class ScopeBox(QGroupBox):
    """Radio buttons for the scope, and a searchable list of households."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QGroupBox | None = None) -> None:
        super().__init__("Phạm vi in", parent)
        self.ctx = ctx
        self.buttons = QButtonGroup(self)
        labels = {"household": "Một hộ (chọn trong danh sách)",
                  "selection": "Các hộ đã chọn trong danh sách (giữ Ctrl để chọn nhiều)",
                  "all": "Tất cả các hộ", "unsigned": "Các hộ chưa ký cam kết"}
        self.radios: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        for i, mode in enumerate(MODES):
            radio = QRadioButton(labels[mode])
            radio.setObjectName(f"scope_{mode}")
            self.radios[mode] = radio
            self.buttons.addButton(radio, i)
            layout.addWidget(radio)
        self.radios["household"].setChecked(True)
        self.search = QLineEdit()
        self.search.setObjectName("scope_search")
        self.search.setPlaceholderText("Tìm hộ: mã hộ, tên chủ hộ hoặc thành viên, địa chỉ…")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("scope_list")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMinimumHeight(110)
        self.hint = QLabel("")
        self.hint.setProperty("role", "warning")
        self.hint.setWordWrap(True)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self._seq = 0
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.buttons.idToggled.connect(self._toggled)
        self.list.itemSelectionChanged.connect(self.changed.emit)
        self.organisations = False
        self._update_enabled()

    # -- modes ----------------------------------------------------------------------------

    def mode(self) -> str:
        return MODES[max(0, self.buttons.checkedId())]

    def set_mode(self, mode: str) -> None:
        self.radios[mode].setChecked(True)

    def set_organisations(self, on: bool) -> None:
        """Organisation forms: all organisations or those not signed (no household list)."""
        self.organisations = on
        self.radios["all"].setText("Tất cả các cơ quan, cơ sở" if on else "Tất cả các hộ")
        self.radios["unsigned"].setText("Các cơ quan, cơ sở chưa ký cam kết" if on
                                        else "Các hộ chưa ký cam kết")
        if on and self.mode() in ("household", "selection"):
            self.set_mode("unsigned")
        self._update_enabled()

    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._update_enabled()
            self.changed.emit()

    def _update_enabled(self) -> None:
        for mode in ("household", "selection"):
            self.radios[mode].setEnabled(not self.organisations)
        picking = self.mode() in ("household", "selection") and not self.organisations
        self.search.setEnabled(picking)
        self.list.setEnabled(picking)
        self.list.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection if self.mode() == "selection"
            else QAbstractItemView.SelectionMode.SingleSelection)

    # -- the household list ---------------------------------------------------------------

    def refresh(self) -> None:
        """Search again (on the database worker) and show the matches."""
        self._seq += 1
        seq, query, db = self._seq, self.search.text(), self.ctx.db
        self.ctx.run(lambda: find_households(db, query),
                     lambda rows: self._show(seq, rows), parent=self)

    def _show(self, seq: int, rows: list[HouseholdChoice]) -> None:
        if seq != self._seq:
            return  # a newer search is on its way
        picked = {i.data(ID_ROLE) for i in self.list.selectedItems()}
        self.list.clear()
        for c in rows:
            self._add(c, c.id in picked)
        self.hint.setText("" if rows else "Không tìm thấy hộ nào.")
        if len(rows) >= 200:
            self.hint.setText("Chỉ hiện 200 hộ đầu tiên: gõ thêm để tìm đúng hộ cần in.")
        self.changed.emit()

    def _add(self, c: HouseholdChoice, selected: bool = False) -> QListWidgetItem:
        item = QListWidgetItem(choice_text(c))
        item.setData(ID_ROLE, c.id)
        item.setData(CODE_ROLE, c.code)
        self.list.addItem(item)
        item.setSelected(selected)
        return item

    def show_household(self, household_id: str) -> None:
        """Pick one household (navigation from another page)."""
        db = self.ctx.db
        self.ctx.run(lambda: household_choice(db, household_id), self._picked, parent=self)

    def _picked(self, choice: HouseholdChoice | None) -> None:
        if choice is None:
            self.hint.setText("Hộ này không còn trong sổ hộ.")
            return
        self.set_mode("household")
        self._seq += 1  # drop a search still on its way
        self.search.blockSignals(True)
        self.search.setText(choice.code)
        self.search.blockSignals(False)
        self.list.clear()
        self.hint.setText("")
        self.list.setCurrentItem(self._add(choice, True))
        self.changed.emit()

    def selected(self) -> list[tuple[str, str]]:
        """(id, code) of the selected households, in list order."""
        return [(self.list.item(r).data(ID_ROLE), self.list.item(r).data(CODE_ROLE))
                for r in range(self.list.count()) if self.list.item(r).isSelected()]

    def scope(self) -> Scope:
        """The chosen scope; a ServiceError says what is missing."""
        mode = self.mode()
        if mode in ("all", "unsigned"):
            return Scope(mode)
        picked = self.selected()
        if not picked:
            raise ServiceError("Chưa chọn hộ nào: tìm hộ rồi bấm chọn trong danh sách.")
        if mode == "household":
            return Scope.household(picked[0][1])
        return Scope.selection([i for i, _ in picked])
