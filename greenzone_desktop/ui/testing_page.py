"""Xét nghiệm: the testing rounds, the fast tick screen of the chosen round with its
"chưa xét nghiệm" list, and the schedule helper for a zone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import testing, zones
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.health_models import GREEN, fmt_date
from greenzone_desktop.ui.health_tabs import table
from greenzone_desktop.ui.lazy_table import CENTER, RIGHT, Column
from greenzone_desktop.ui.small_table import SmallTableModel
from greenzone_desktop.ui.table_views import page_heading
from greenzone_desktop.ui.testing_dialogs import RoundDialog, ScheduleDialog
from greenzone_desktop.ui.testing_round_panel import RoundPanel
from greenzone_desktop.vocab import TestTarget

ROUND_COLUMNS = [
    Column("Ngày", "held_on", align=CENTER, fmt=fmt_date),
    Column("Phạm vi", "scope_text", fmt=lambda v: v.split(" — ")[0][:1].upper()
           + v.split(" — ")[0][1:]),
    Column("Đối tượng", "target", fmt=lambda v: TestTarget(v).label),
    Column("Đã XN", "tested", align=RIGHT, fmt=format_number),
    Column("Trạng thái", "closed", fmt=lambda v: "Đã đóng" if v else "Đang làm"),
]


class TestingPage(QWidget):
    title = "Xét nghiệm"
    __test__ = False  # not a pytest class

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.model = SmallTableModel(ROUND_COLUMNS, colour=lambda r, c: GREEN
                               if c.key == "closed" and r.closed else None)
        self.view = table(self.model, stretch=1)  # a long scope is cut first
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        self.panel = RoundPanel(ctx)
        new = QPushButton("Tạo đợt…")
        new.clicked.connect(self.new_round)
        plan = QPushButton("Lịch theo khu…")
        plan.setToolTip("Đề xuất các đợt xét nghiệm từ ngày có F0 cuối cùng của một khu")
        plan.clicked.connect(lambda: self.schedule())
        self.close_button = QPushButton("Đóng/mở đợt")
        self.close_button.clicked.connect(self.toggle_closed)
        delete = QPushButton("Xóa đợt")
        delete.clicked.connect(self.delete_round)
        bar = QHBoxLayout()
        for b in (new, plan, self.close_button, delete):
            bar.addWidget(b)
        bar.addStretch(1)
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        heading = page_heading(self.title)
        lay.addWidget(heading)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([450, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.areas: list[str] = []
        self.zone_list: list[zones.ZoneView] = []
        self._want: str | None = None
        # Ticks come fast (a scanner): the lists reload once the ticking pauses, so each tick
        # does not wait behind a reload of a ward-wide list on the single database worker.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        self.ctx.run(lambda: (testing.list_rounds(db), testing.current_round(db)), self._show,
                     parent=self)

    def _show(self, result: tuple[list[testing.RoundView], testing.RoundView | None]) -> None:
        rounds, current = result
        keep = self._want or self.panel.round_id or (current.id if current else None)
        self._want = None
        self.model.set_rows(rounds)
        self.view.resizeColumnsToContents()
        ids = [r.id for r in rounds]
        if keep in ids:
            self.view.selectRow(ids.index(keep))
            if self.panel.round_id == keep:
                self.panel.refresh()
        elif ids:
            self.view.selectRow(0)
        else:
            self.panel.show_round(None)

    def _selected(self) -> None:
        r = self.model.row_at(self.view.currentIndex().row())
        if r is not None and r.id != self.panel.round_id:
            self.panel.show_round(r.id)

    def select_round(self, round_id: str) -> None:
        ids = [r.id for r in self.model.rows]
        if round_id in ids:
            self.view.selectRow(ids.index(round_id))
        else:
            self._want = round_id
            self.refresh()

    # -- actions ----------------------------------------------------------------------------

    def _with_choices(self, then: Any) -> None:
        db = self.ctx.db

        def loaded(result: tuple[list[str], list[zones.ZoneView]]) -> None:
            self.areas, self.zone_list = result
            then()

        self.ctx.run(lambda: (testing.areas(db), zones.list_zones(db)), loaded, parent=self)

    def new_round(self) -> None:
        self._with_choices(self._open_round_dialog)

    def _open_round_dialog(self) -> RoundDialog:
        dialog = RoundDialog(self.ctx, self, areas=self.areas, zone_list=self.zone_list)
        dialog.accepted.connect(lambda: self._created([dialog.round_id] if dialog.round_id else []))
        dialog.open()
        self.dialog = dialog
        return dialog

    def schedule(self, zone_id: str | None = None) -> None:
        self._with_choices(lambda: self._open_schedule(zone_id))

    def _open_schedule(self, zone_id: str | None) -> ScheduleDialog:
        dialog = ScheduleDialog(self.ctx, self.zone_list, self, zone_id)
        dialog.accepted.connect(lambda: self._created(dialog.created))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _created(self, ids: list[str]) -> None:
        if ids:
            self._want = ids[0]
        self.ctx.announce(Changes(testing=True))

    def toggle_closed(self) -> None:
        r = self.model.row_at(self.view.currentIndex().row())
        if r is not None:
            self.ctx.run(lambda: testing.close_round(self.ctx.db, r.id, not r.closed),
                         self.ctx.announce, parent=self)

    def delete_round(self) -> None:
        r = self.model.row_at(self.view.currentIndex().row())
        if r is None:
            return
        ask = QMessageBox.question(self, "Xóa đợt xét nghiệm",
                                   f"Xóa «{r.name}» cùng {r.tested} kết quả đã ghi? "
                                   "(Có thể khôi phục từ lịch sử.)")
        if ask == QMessageBox.StandardButton.Yes:
            self.panel.round_id = None
            self.ctx.run(lambda: testing.delete_round(self.ctx.db, r.id), self.ctx.announce,
                         parent=self)

    # -- page protocol ----------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if changes.testing or changes.health or changes.persons or changes.households:
            self._timer.start()

    def show_target(self, round_id: str | None = None, zone_id: str | None = None,
                    **_: Any) -> None:
        if round_id:
            self.select_round(round_id)
        elif zone_id:
            self.schedule(zone_id)
