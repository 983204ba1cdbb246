"""Nhân khẩu: everyone in the unit, searched as you type (no accents needed) and filtered by age
band, residency, vaccination, health status and area; Enter opens the person's household."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import people_list
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.people_list import PeopleQuery, PersonRow
from greenzone_desktop.services.print_unit import phone_text
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.history_dialog import HistoryDialog
from greenzone_desktop.ui.lazy_table import CENTER, Column, LazyTableModel
from greenzone_desktop.ui.table_views import (
    LatestQuery,
    RegisterTable,
    SearchBox,
    choice_combo,
    combo_code,
    page_heading,
)
from greenzone_desktop.vocab import HealthKind, Residency

RED = QColor("#c0392b")
AMBER = QColor("#b9770e")
COLUMNS = [
    Column("Họ và tên", "full_name", sort="name", tooltip="Họ và tên (xếp theo tên, đệm, họ)"),
    Column("Ngày sinh", "birth_text", align=CENTER, sort="birth"),
    Column("Giới tính", "sex_label", align=CENTER, sort="sex"),
    Column("Số CCCD", "cccd", sort="cccd", fmt=lambda v: v or ""),
    Column("Điện thoại", "phone", sort="phone", fmt=phone_text),
    Column("Quan hệ", "relation_label", sort="relation", tooltip="Quan hệ với chủ hộ"),
    Column("Cư trú", "residency_label", sort="residency"),
    Column("Mã hộ", "household_code", sort="household"),
    Column("Địa chỉ", "address"),
    Column("Tổ", "area", sort="area"),
    Column("Vắc-xin", "doses_text", align=CENTER, tooltip="Số mũi vắc-xin đã tiêm"),
    Column("Sức khỏe", "health_text", tooltip="F0/F1/F2, cách ly đang theo dõi hôm nay"),
]
WIDTHS = [146, 78, 62, 100, 92, 90, 82, 74, 180, 52, 76]
REFRESH_ON = ("persons", "households", "health")


class PeopleModel(LazyTableModel):
    """The lazy people table; health in red, unvaccinated adults' dose cell in amber."""

    def foreground(self, row: PersonRow, column: Column) -> Any:
        if column.key == "health_text" and row.health:
            return RED if HealthKind.F0 in row.health else AMBER
        if column.key == "doses_text" and not row.doses and (row.birth_year or 9999) <= \
                date.today().year - 18:
            return AMBER
        return None

    def tooltip(self, row: PersonRow, column: Column) -> str | None:
        if column.key in ("address", "full_name"):
            return f"{row.full_name} — hộ {row.household_code}: {row.address}, {row.area}"
        return None


class PeoplePage(QWidget):
    title = "Nhân khẩu"

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.total = 0
        self._stale = True
        self._shown_once = False
        db = ctx.db
        self.model = PeopleModel(
            ctx, COLUMNS,
            ids_fn=lambda q, sort, desc: people_list.people_keys(db, q, sort, desc),
            rows_fn=lambda keys: people_list.people_rows(db, keys),
            parent=self,
        )
        self.model.query = PeopleQuery()
        self.latest = LatestQuery(self.model)
        self.model.reloaded.connect(self._show_count)
        self.model.loading_changed.connect(self._show_loading)

        heading = page_heading(self.title)
        self.count = QLabel("")
        self.search = SearchBox("Tìm theo họ tên, số CCCD, điện thoại, mã hộ, địa chỉ — gõ không "
                                "dấu cũng được (Ctrl+F)")
        self.search.setObjectName("people_search")
        self.search.search.connect(lambda _text: self.apply_filters())
        self.age = choice_combo([(k, v[0]) for k, v in people_list.AGE_BANDS.items()],
                                all_label="Mọi lứa tuổi", tooltip="Nhóm tuổi (tuổi tròn hôm nay)")
        self.residency = choice_combo([(r.value, r.label) for r in Residency],
                                      all_label="Mọi tình trạng cư trú", tooltip="Cư trú")
        self.vaccination = choice_combo(people_list.VACCINATION.items(),
                                        all_label="Mọi tình trạng tiêm", tooltip="Tiêm vắc-xin")
        self.health = choice_combo(people_list.HEALTH.items(), all_label="Mọi tình trạng sức khỏe",
                                   tooltip="F0/F1/F2, cách ly đang theo dõi hôm nay")
        self.area = choice_combo([], all_label="Mọi tổ", tooltip="Tổ, khu vực của hộ")
        for combo in (self.age, self.residency, self.vaccination, self.health, self.area):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.clear_button = QPushButton("Bỏ lọc")
        self.clear_button.clicked.connect(self.clear_filters)
        self.open_button = QPushButton("Mở hộ của người này (Enter)")
        self.open_button.clicked.connect(self.open_current)
        self.history_button = QPushButton("Lịch sử (Ctrl+H)")
        self.history_button.setToolTip("Các lần thêm, sửa, xóa thông tin của người đang chọn")
        self.history_button.clicked.connect(self.show_history)

        self.table = RegisterTable()
        self.table.setObjectName("people_table")
        self.table.setModel(self.model)
        self.table.set_widths(WIDTHS)
        self.table.activated_row.connect(self.open_row)
        self.search.next_widget = self.table

        head = QHBoxLayout()
        head.addWidget(heading)
        head.addSpacing(16)
        head.addWidget(self.search, 1)
        head.addSpacing(8)
        head.addWidget(self.open_button)
        head.addWidget(self.history_button)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Lọc:"))
        for combo in (self.age, self.residency, self.vaccination, self.health, self.area):
            filters.addWidget(combo)
        filters.addWidget(self.clear_button)
        filters.addSpacing(16)
        filters.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        for keys, slot in ((QKeySequence(QKeySequence.StandardKey.Find), self.focus_search),
                           (QKeySequence("Ctrl+L"), self.focus_search),
                           (QKeySequence("Ctrl+H"), self.show_history)):
            shortcut = QShortcut(keys, self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # -- loading ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._load_areas()
            header = self.table.horizontalHeader()
            header.setSortIndicator(self.model.sort_column, Qt.SortOrder.AscendingOrder)
            self.table.setSortingEnabled(True)  # sorts by the model's column: the first query
            self._stale = False
            if not self.model.ids and not self.model.loading:
                self.model.reload()
            self.search.setFocus()
        elif self._stale:
            self.refresh()

    def _load_areas(self) -> None:
        db = self.ctx.db

        def fill(areas: list[str]) -> None:
            current = combo_code(self.area)
            self.area.blockSignals(True)
            while self.area.count() > 1:
                self.area.removeItem(1)
            for name in areas:
                self.area.addItem(name, name)
            found = self.area.findData(current) if current else 0
            self.area.setCurrentIndex(max(0, found))
            self.area.blockSignals(False)

        def count_and_areas() -> tuple[int, list[str]]:
            return people_list.person_count(db), people_list.areas(db)

        def done(result: tuple[int, list[str]]) -> None:
            self.total = result[0]
            fill(result[1])
            self._show_count(len(self.model.ids))

        self.ctx.run(count_and_areas, done, parent=self)

    def query(self) -> PeopleQuery:
        return PeopleQuery(text=self.search.text(), age_band=combo_code(self.age),
                           residency=combo_code(self.residency),
                           vaccination=combo_code(self.vaccination),
                           health=combo_code(self.health), area=combo_code(self.area))

    def apply_filters(self) -> None:
        query = self.query()
        if not self._shown_once:
            self.model.query = query
            return
        self.latest.set_query(query)

    def refresh(self) -> None:
        self._stale = False
        self._load_areas()
        self.model.query = self.query()
        self.model.reload()

    def clear_filters(self) -> None:
        for combo in (self.age, self.residency, self.vaccination, self.health, self.area):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.search.fire()
        self.apply_filters()
        self.focus_search()

    def on_changes(self, changes: Changes) -> None:
        if any(getattr(changes, name) for name in REFRESH_ON):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def _show_loading(self, loading: bool) -> None:
        if loading and not self.model.ids:
            self.count.setText("Đang tải danh sách…")

    def _show_count(self, n: int) -> None:
        filtered = any((self.search.text().strip(), *(combo_code(c) for c in (
            self.age, self.residency, self.vaccination, self.health, self.area))))
        if filtered and self.total:
            self.count.setText(f"{format_number(n)} / {format_number(self.total)} người")
        elif n or self.total:
            self.count.setText(f"{format_number(n or self.total)} người")
        else:
            self.count.setText("Chưa có nhân khẩu nào.")
        if filtered and n == 0:
            self.count.setText("Không tìm thấy ai phù hợp — thử bỏ bớt điều kiện lọc.")

    # -- actions ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_row(index.row())

    def open_row(self, row: int) -> None:
        """Open the household of the person on `row` (the households page shows it)."""
        person = self.model.row_data(row)
        if person is None:
            return
        self.ctx.navigate("households", household_id=person.household_id)

    def show_history(self) -> HistoryDialog | None:
        """The change history of the person on the current row (non-blocking dialog)."""
        index = self.table.currentIndex()
        person = self.model.row_data(index.row()) if index.isValid() else None
        if person is None:
            return None
        dialog = HistoryDialog(self.ctx, "persons", person.person_id, person.full_name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_target(self, *, query: str = "", age_band: str = "", residency: str = "",
                    vaccination: str = "", health: str = "", area: str = "",
                    **_target: Any) -> None:
        """Navigation: show the people matching a search and filters, e.g. from the dashboard
        `ctx.navigate("people", residency="tam_tru")`; the other filters are cleared."""
        wanted = {self.age: age_band, self.residency: residency,
                  self.vaccination: vaccination, self.health: health, self.area: area}
        if not (query or any(wanted.values())):
            return
        for combo, code in wanted.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(code)) if code else 0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(query)
        self.search.blockSignals(False)
        self.search.fire()
        self.apply_filters()
