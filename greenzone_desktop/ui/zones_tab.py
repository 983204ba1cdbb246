"""The zones tab: lockdown / medical-isolation zones with their households, last F0, days since,
proposed lifting date; create a zone from household codes or an area; lift it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import testing, zones
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.text import format_date, format_number
from greenzone_desktop.ui.context import AppContext, error_text
from greenzone_desktop.ui.health_dialogs import DateDialog
from greenzone_desktop.ui.health_models import AMBER, GREEN, fmt_date
from greenzone_desktop.ui.health_tabs import table
from greenzone_desktop.ui.lazy_table import CENTER, RIGHT, Column
from greenzone_desktop.ui.small_table import SmallTableModel
from greenzone_desktop.vocab import ZoneKind

ZONE_COLUMNS = [
    Column("Tên khu", "name"),
    Column("Loại", "kind_label"),
    Column("Bắt đầu", "started_on", align=CENTER, fmt=fmt_date),
    Column("Số hộ", "households", align=RIGHT),
    Column("Số người", "persons", align=RIGHT),
    Column("F0 cuối cùng", "last_f0_on", align=CENTER, fmt=lambda v: fmt_date(v) or "chưa có"),
    Column("Số ngày", "days_since_f0", align=RIGHT,
           fmt=lambda v: "" if v is None else f"{v} ngày"),
    Column("Dự kiến gỡ", "proposed_lift", align=CENTER, fmt=fmt_date),
    Column("Đã gỡ ngày", "lifted_on", align=CENTER, fmt=fmt_date),
]
HOUSEHOLD_COLUMNS = [Column("Mã hộ", "code"), Column("Chủ hộ", "head_name"),
                     Column("Địa chỉ", "address"), Column("Tổ/Thôn", "area")]


class ZoneDialog(QDialog):
    """Create a zone: name, kind, start, and its households by codes or by area."""

    def __init__(self, ctx: AppContext, areas: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.zone_id: str | None = None
        self.setWindowTitle("Tạo khu phong tỏa / cách ly y tế")
        self.resize(520, 420)
        self.name = QLineEdit()
        self.name.setPlaceholderText("ví dụ: Ngõ 5 đường Xuân Mai")
        self.kind = QComboBox()
        for k in ZoneKind:
            self.kind.addItem(k.label, k.value)
        self.start = QLineEdit(format_date(date.today()))
        self.area = QComboBox()
        self.area.addItem("(không chọn theo tổ)", "")
        for a in areas:
            self.area.addItem(a, a)
        self.codes = QPlainTextEdit()
        self.codes.setPlaceholderText("Mã các hộ trong khu, cách nhau bởi dấu phẩy hoặc xuống dòng")
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Tên khu:", self.name)
        form.addRow("Loại:", self.kind)
        form.addRow("Ngày bắt đầu:", self.start)
        form.addRow("Cả tổ/thôn:", self.area)
        form.addRow("Hoặc mã hộ:", self.codes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Tạo khu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        db = self.ctx.db
        z = zones.ZoneInput(self.name.text(), self.start.text(), kind=self.kind.currentData())
        area, codes = self.area.currentData(), self.codes.toPlainText()

        def job() -> str:
            ids, unknown = zones.households_by_codes(db, codes)
            if unknown:
                raise ServiceError("Không có hộ mang mã: " + ", ".join(unknown) + ".")
            if area:
                ids += [h for h in zones.households_in_area(db, area) if h not in ids]
            return zones.create_zone(db, z, ids)

        self.ctx.run(job, self._saved, parent=self,
                     on_error=lambda exc: self.error.setText(error_text(exc)))

    def _saved(self, zone_id: str) -> None:
        self.zone_id = zone_id
        self.accept()


class ZonesTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = SmallTableModel(ZONE_COLUMNS, colour=lambda r, c: (GREEN if r.lifted_on else AMBER)
                               if c.key in ("name", "proposed_lift", "lifted_on") else None)
        self.view = table(self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        self.households = SmallTableModel(HOUSEHOLD_COLUMNS)
        self.household_view = table(self.households)
        self.schedule = QLabel("")
        self.schedule.setWordWrap(True)
        self.detail = QLabel("Chọn một khu để xem các hộ và lịch xét nghiệm đề xuất.")
        self.detail.setWordWrap(True)
        for label in (self.schedule, self.detail):  # long text wraps, never widens the window
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        new = QPushButton("Tạo khu…")
        new.clicked.connect(self.create)
        self.lift_button = QPushButton("Gỡ phong tỏa…")
        self.lift_button.clicked.connect(self.lift)
        self.rounds_button = QPushButton("Lập lịch xét nghiệm…")
        self.rounds_button.setToolTip("Mở trang Xét nghiệm với lịch đề xuất cho khu này")
        self.rounds_button.clicked.connect(self._schedule_rounds)
        bar = QHBoxLayout()
        bar.addWidget(new)
        bar.addWidget(self.lift_button)
        bar.addWidget(self.rounds_button)
        bar.addStretch(1)
        lower = QWidget()
        low = QVBoxLayout(lower)
        low.setContentsMargins(0, 0, 0, 0)
        low.addWidget(self.detail)
        low.addWidget(self.schedule)
        low.addWidget(self.household_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.areas: list[str] = []

    def refresh(self) -> None:
        db = self.ctx.db
        self.ctx.run(lambda: (zones.list_zones(db, date.today()), testing.areas(db)), self._show,
                     parent=self)

    def _show(self, result: tuple[list[zones.ZoneView], list[str]]) -> None:
        current = self.current()
        self.model.set_rows(result[0])
        self.areas = result[1]
        self.view.resizeColumnsToContents()
        rows = [z.id for z in self.model.rows]
        if rows:
            self.view.selectRow(rows.index(current.id) if current and current.id in rows else 0)
        else:
            self.households.set_rows([])

    def current(self) -> zones.ZoneView | None:
        return self.model.row_at(self.view.currentIndex().row())

    def _selected(self) -> None:
        z = self.current()
        if z is None:
            return
        db = self.ctx.db
        state = (f"đã gỡ ngày {format_date(z.lifted_on)}" if z.lifted_on else
                 f"{z.days_since_f0} ngày kể từ {'F0 cuối cùng' if z.last_f0_on else 'khi bắt đầu'}"
                 f", dự kiến gỡ ngày {format_date(z.proposed_lift)}")
        self.detail.setText(f"<b>{z.name}</b> — {format_number(z.households)} hộ, "
                            f"{format_number(z.persons)} người; {state}.")

        def job() -> tuple[list, list]:
            plan = [] if z.lifted_on else testing.zone_schedule(db, z.id, date.today())
            return zones.zone_households(db, z.id), plan

        self.ctx.run(job, self._show_detail, parent=self)

    def _show_detail(self, result: tuple[list, list]) -> None:
        households, plan = result
        self.households.set_rows(households)
        self.household_view.resizeColumnsToContents()
        if plan:
            items = [f"{format_date(p.on)} ({p.label}{', đã qua' if p.is_past else ''})"
                     for p in plan]
            self.schedule.setText("Lịch xét nghiệm đề xuất: " + "; ".join(items) + ".")
        else:
            self.schedule.setText("")

    def create(self) -> None:
        dialog = ZoneDialog(self.ctx, self.areas, self)
        if dialog.exec():
            self.ctx.announce(Changes(health=True))

    def lift(self) -> None:
        z = self.current()
        if z is None:
            return
        dialog = DateDialog("Gỡ phong tỏa", f"Gỡ «{z.name}» ngày:", self,
                            initial=min(z.proposed_lift or date.today(), date.today()))
        if dialog.exec():
            day = dialog.value()
            self.ctx.run(lambda: zones.lift_zone(self.ctx.db, z.id, day), self.ctx.announce,
                         parent=self)

    def _schedule_rounds(self) -> None:
        z = self.current()
        if z is not None:
            self.ctx.navigate("testing", zone_id=z.id)

    def show_zone(self, zone_id: str) -> None:
        for i, z in enumerate(self.model.rows):
            if z.id == zone_id:
                self.view.selectRow(i)
