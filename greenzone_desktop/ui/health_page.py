"""Y tế, cách ly: people under F0 / F1 / F2 / quarantine, households in home quarantine,
vaccination coverage, zones, and the ward's F0/F1 lists in."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import health
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.health_dialogs import DateDialog, PeriodDialog
from greenzone_desktop.ui.health_models import AMBER, RED, fmt_date
from greenzone_desktop.ui.health_tabs import CoverageTab, QuarantineTab, table
from greenzone_desktop.ui.lazy_table import CENTER, Column
from greenzone_desktop.ui.small_table import SmallTableModel
from greenzone_desktop.ui.table_views import page_heading
from greenzone_desktop.ui.ward_import_dialog import WardImportDialog
from greenzone_desktop.ui.zones_tab import ZonesTab
from greenzone_desktop.vocab import HealthKind

PERIOD_COLUMNS = [
    Column("Họ và tên", "full_name"),
    Column("Ngày sinh", "birth_text", align=CENTER),
    Column("Hộ", "household_code"),
    Column("Tổ/Thôn", "area"),
    Column("Tình trạng", "kind_label"),
    Column("Nơi", "place_label"),
    Column("Từ ngày", "start_date", align=CENTER, fmt=fmt_date),
    Column("Dự kiến kết thúc", "planned_end", align=CENTER, fmt=fmt_date),
    Column("Kết thúc", "end_date", align=CENTER, fmt=fmt_date),
    Column("Nguồn lây", "source_name"),
    Column("Ghi chú", "notes"),
]


def _period_colour(row: health.PeriodView, column: Column) -> Any:
    if column.key == "kind_label" and row.kind == HealthKind.F0:
        return RED
    if column.key == "planned_end" and row.end_date is None and row.planned_end:
        today = date.today()
        return RED if row.planned_end < today else AMBER if row.planned_end == today else None
    return None


class HealthPage(QWidget):
    title = "Y tế, cách ly"

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_people(), "Đang theo dõi F0/F1/F2, cách ly")
        self.quarantine = QuarantineTab(ctx)
        self.coverage = CoverageTab(ctx)
        self.zones = ZonesTab(ctx)
        self.tabs.addTab(self.quarantine, "Hộ cách ly tại nhà")
        self.tabs.addTab(self.coverage, "Tiêm vắc-xin")
        self.tabs.addTab(self.zones, "Khu phong tỏa")
        self._stale = {i: True for i in range(self.tabs.count())}
        self.tabs.currentChanged.connect(self._refresh_current)
        title = page_heading(self.title)
        self.counts = QLabel("")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(20)
        head.addWidget(self.counts, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        self._pending_person: str | None = None
        self.refresh()

    def _build_people(self) -> QWidget:
        box = QWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo tên, CCCD, mã hộ…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.search.textChanged.connect(lambda _t: self.load_periods())
        self.kind = QComboBox()
        self.kind.addItem("Mọi tình trạng", "")
        for k in HealthKind:
            self.kind.addItem(k.label, k.value)
        self.kind.currentIndexChanged.connect(lambda _i: self.load_periods())
        self.history = QCheckBox("Cả giai đoạn đã kết thúc")
        self.history.toggled.connect(lambda _b: self.load_periods())
        add = QPushButton("Thêm…")
        add.setToolTip("Ghi một người là F0, F1, F2 hoặc cách ly")
        add.clicked.connect(self.add_period)
        edit = QPushButton("Sửa…")
        edit.clicked.connect(self.edit_period)
        self.end_button = QPushButton("Kết thúc…")
        self.end_button.setToolTip("Ghi ngày khỏi bệnh / hết cách ly")
        self.end_button.clicked.connect(self.end_period)
        delete = QPushButton("Xóa")
        delete.clicked.connect(self.delete_period)
        ward = QPushButton("Danh sách phường gửi…")
        ward.setToolTip("Nhập danh sách F0/F1 phường gửi (Excel), đối chiếu rồi xác nhận")
        ward.clicked.connect(self.import_ward_list)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.kind)
        bar.addWidget(self.history)
        for b in (add, edit, self.end_button, delete, ward):
            bar.addWidget(b)
        self.model = SmallTableModel(PERIOD_COLUMNS, colour=_period_colour,
                               bold=lambda r, c: c.key == "full_name" and r.kind == HealthKind.F0)
        self.view = table(self.model)
        self.view.doubleClicked.connect(lambda _i: self.edit_period())
        self.shown = QLabel("")
        layout = QVBoxLayout(box)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.shown)
        return box

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = {i: True for i in range(self.tabs.count())}
        self.ctx.run(lambda: health.active_counts(self.ctx.db, date.today()), self._show_counts,
                     parent=self)
        self._refresh_current()

    def _show_counts(self, c: dict[str, int]) -> None:
        self.counts.setText(
            f"Đang theo dõi: <b style='color:#c0392b'>F0 {c['F0']}</b> · F1 {c['F1']} · "
            f"F2 {c['F2']} · cách ly tại nhà {c['quarantine_home']} · tập trung "
            f"{c['quarantine_centralised']}")

    def _refresh_current(self) -> None:
        i = self.tabs.currentIndex()
        if not self._stale.get(i, True):
            return
        self._stale[i] = False
        widget = self.tabs.widget(i)
        if i == 0:
            self.load_periods()
        elif hasattr(widget, "refresh"):
            widget.refresh()

    def load_periods(self) -> None:
        query, kind, every = self.search.text(), self.kind.currentData(), self.history.isChecked()
        self.ctx.run(lambda: health.list_periods(self.ctx.db, today=date.today(), kind=kind,
                                                 active_only=not every, query=query),
                     self._show_periods, parent=self)

    def _show_periods(self, rows: list[health.PeriodView]) -> None:
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.shown.setText(f"{len(rows)} giai đoạn" + ("" if self.history.isChecked()
                                                        else " đang diễn ra"))
        if self._pending_person:
            self._select_person(self._pending_person)

    def _select_person(self, person_id: str) -> None:
        for i, r in enumerate(self.model.rows):
            if r.person_id == person_id:
                self.view.selectRow(i)
                self._pending_person = None
                return

    def current_period(self) -> health.PeriodView | None:
        return self.model.row_at(self.view.currentIndex().row())

    # -- actions ----------------------------------------------------------------------------

    def add_period(self, *, person: tuple[str, str] | None = None,
                   kind: str = HealthKind.F1.value) -> PeriodDialog:
        dialog = PeriodDialog(self.ctx, self, person=person, kind=kind)
        dialog.finished.connect(lambda ok: ok and self.ctx.announce(
            Changes(health=True, households=True)))
        dialog.open()
        return dialog

    def edit_period(self) -> PeriodDialog | None:
        p = self.current_period()
        if p is None:
            return None
        dialog = PeriodDialog(self.ctx, self, period=p)
        dialog.finished.connect(lambda ok: ok and self.ctx.announce(
            Changes(health=True, households=True)))
        dialog.open()
        return dialog

    def end_period(self) -> None:
        p = self.current_period()
        if p is None or p.end_date is not None:
            return
        dialog = DateDialog("Kết thúc", f"{p.full_name} — {p.kind_label}: kết thúc ngày",
                            self, initial=min(p.planned_end or date.today(), date.today()))
        if dialog.exec():
            day = dialog.value()
            self.ctx.run(lambda: health.end_period(self.ctx.db, p.id, day), self.ctx.announce,
                         parent=self)

    def delete_period(self) -> None:
        p = self.current_period()
        if p is None:
            return
        ask = QMessageBox.question(self, "Xóa giai đoạn",
                                   f"Xóa giai đoạn {p.kind_label} của {p.full_name} từ "
                                   f"{fmt_date(p.start_date)}? (Có thể khôi phục từ lịch sử.)")
        if ask == QMessageBox.StandardButton.Yes:
            self.ctx.run(lambda: health.delete_period(self.ctx.db, p.id), self.ctx.announce,
                         parent=self)

    def import_ward_list(self, path: str = "") -> WardImportDialog:
        dialog = WardImportDialog(self.ctx, self, path)
        dialog.open()
        return dialog

    # -- page protocol ----------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if changes.health or changes.persons or changes.households or changes.commitments:
            self.refresh()

    def show_target(self, person_id: str | None = None, household_id: str | None = None,
                    zone_id: str | None = None, **_: Any) -> None:
        if person_id:
            self.tabs.setCurrentIndex(0)
            self._pending_person = person_id
            self.search.clear()
            self.history.setChecked(False)
            self.kind.setCurrentIndex(0)
            self.load_periods()
        elif household_id:
            self.tabs.setCurrentWidget(self.quarantine)
            self.quarantine.select_household(household_id)
        elif zone_id:
            self.tabs.setCurrentWidget(self.zones)
            self.zones.show_zone(zone_id)
