"""Kiểm tra: household inspections (with re-checks of open recommendations), sweeps,
inspection-team records printed as a biên bản, and violations."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.inspection_print import print_inspection
from greenzone_desktop.services.inspections import (
    CHANGED,
    CHECKLIST_LABELS,
    delete_inspection,
    get_inspection,
    inspection_ids,
    inspection_rows,
    record_household_inspection,
    record_team_inspection,
)
from greenzone_desktop.services.sweeps import household_lines
from greenzone_desktop.text import format_date
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.household_inspection_dialog import HouseholdInspectionDialog
from greenzone_desktop.ui.lazy_table import RIGHT, Column, LazyTableModel
from greenzone_desktop.ui.small_table import confirm, save_pdf, selected_rows, submit, table_view
from greenzone_desktop.ui.sweeps_tab import SweepsTab
from greenzone_desktop.ui.table_views import page_heading
from greenzone_desktop.ui.team_record_dialog import TeamRecordDialog
from greenzone_desktop.ui.violations_tab import ViolationsTab
from greenzone_desktop.vocab import InspectionKind

HOUSEHOLD_COLUMNS = [
    Column("Ngày", "inspected_on", fmt=format_date),
    Column("Mã hộ", "household_code"),
    Column("Chủ hộ", "head_name"),
    Column("Người kiểm tra", "inspectors"),
    Column("Mục chưa đạt", "failed", RIGHT),
    Column("Kiến nghị chưa khắc phục", "open_recommendations", RIGHT),
]
TEAM_COLUMNS = [
    Column("Ngày", "inspected_on", fmt=format_date),
    Column("Địa điểm", "place"),
    Column("Thành phần đoàn", "inspectors"),
    Column("Kiến nghị chưa khắc phục", "open_recommendations", RIGHT),
]


class InspectionList(QWidget):
    """Inspections of one kind, newest first, with search, details, print and delete."""

    def __init__(self, ctx: AppContext, kind: str, columns: list[Column], new_text: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        db = ctx.db
        self.model = LazyTableModel(
            ctx, columns,
            ids_fn=lambda q, _s, _d: inspection_ids(db, kind, q or ""),
            rows_fn=lambda ids: list(inspection_rows(db, ids).values()), parent=self)
        self.view = table_view(self.model, stretch=2 if kind == InspectionKind.HOUSEHOLD else 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo mã hộ, tên, địa chỉ, địa điểm…")
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(250)
        timer.timeout.connect(lambda: self.model.set_query(self.search.text()))
        self.search.textChanged.connect(lambda _t: timer.start())
        self.new_btn = QPushButton(new_text)
        print_btn = QPushButton("In biên bản…")
        print_btn.clicked.connect(self.print_selected)
        delete = QPushButton("Xóa")
        delete.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.new_btn)
        bar.addWidget(print_btn)
        bar.addWidget(delete)
        bar.addWidget(self.search, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setMinimumHeight(60)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        self.model.set_query("")

    def selected_id(self) -> str | None:
        rows = selected_rows(self.view)
        return self.model.id_at(rows[0]) if rows else None

    def select(self, inspection_id: str) -> None:
        row = self.model.row_of(inspection_id)
        if row >= 0:
            self.view.selectRow(row)

    def _show_detail(self) -> None:
        iid = self.selected_id()
        if iid is None:
            self.detail.clear()
            return
        db = self.ctx.db
        self.ctx.run(lambda: get_inspection(db, iid), self._detail_text, parent=self)

    def _detail_text(self, d: Any) -> None:
        parts = []
        failed = [CHECKLIST_LABELS.get(k, k) for k, v in d.checklist.items() if not v]
        if failed:
            parts.append("<b>Chưa đạt:</b> " + "; ".join(failed))
        if d.findings:
            parts.append("<b>Tồn tại:</b> " + "; ".join(f.text for f in d.findings))
        if d.notes:
            parts.append(f"<b>Ghi chú:</b> {d.notes}")
        if d.recommendations:
            parts.append("<b>Kiến nghị:</b> " + "; ".join(
                f"{r.text} ({r.status_label.lower()}"
                f"{', hạn ' + format_date(r.due_on) if r.due_on else ''})"
                for r in d.recommendations))
        if d.rechecked:
            parts.append("<b>Kiểm tra lại:</b> " + "; ".join(
                f"{r.text}: {r.status_label.lower()}" for r in d.rechecked))
        self.detail.setText("<br>".join(parts) or "Không có tồn tại, kiến nghị.")

    def print_selected(self, *, path: str | None = None) -> None:
        iid = self.selected_id()
        if iid is None:
            return
        db = self.ctx.db
        save_pdf(self, self.ctx, "bien-ban-kiem-tra.pdf",
                 lambda out: print_inspection(db, iid, out), path=path)

    def delete_selected(self) -> None:
        iid = self.selected_id()
        if iid is None or not confirm(self, "Xóa lần kiểm tra này? Các kiến nghị nó đã kiểm "
                                            "tra lại sẽ trở về “chưa khắc phục”."):
            return
        db = self.ctx.db
        self.ctx.run(lambda: delete_inspection(db, iid), self.ctx.announce, parent=self)


class InspectionsPage(QWidget):
    title = "Kiểm tra"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: Any = None
        self.households = InspectionList(ctx, InspectionKind.HOUSEHOLD.value, HOUSEHOLD_COLUMNS,
                                         "Kiểm tra hộ mới…")
        self.households.new_btn.clicked.connect(lambda: self.inspect_household())
        self.sweeps = SweepsTab(ctx)
        self.sweeps.inspect_requested.connect(
            lambda hid, text, sid: self.inspect_household(hid, text, sid))
        self.teams = InspectionList(ctx, InspectionKind.TEAM.value, TEAM_COLUMNS,
                                    "Lập biên bản kiểm tra mới…")
        self.teams.new_btn.clicked.connect(lambda: self.new_team_record())
        self.violations = ViolationsTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.households, "Kiểm tra hộ gia đình")
        self.tabs.addTab(self.sweeps, "Đợt rà soát")
        self.tabs.addTab(self.teams, "Đoàn kiểm tra liên ngành")
        self.tabs.addTab(self.violations, "Vi phạm")
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title))
        layout.addWidget(self.tabs, 1)
        self._inspectors = ""
        self.last_saved: str | None = None  # id of the inspection saved last

    def inspect_household(self, household_id: str | None = None, text: str = "",
                          sweep_id: str | None = None) -> HouseholdInspectionDialog:
        """Open the inspection form (non-blocking); it saves and closes itself."""
        dlg = HouseholdInspectionDialog(
            self.ctx, self, household_id=household_id, household_text=text,
            sweeps=self.sweeps.active_sweeps(), sweep_id=sweep_id, inspectors=self._inspectors)
        db = self.ctx.db

        def save(d: HouseholdInspectionDialog) -> None:
            value = d.result_input
            self._inspectors = value.inspectors
            submit(self.ctx, d, lambda: record_household_inspection(db, value), CHANGED,
                   then=self._after_household)

        dlg.on_save = save
        self.dialog = dlg
        dlg.open()
        return dlg

    def _after_household(self, inspection_id: str) -> None:
        self.last_saved = inspection_id
        self._select_later(self.households, inspection_id)

    def new_team_record(self) -> TeamRecordDialog:
        dlg = TeamRecordDialog(self.ctx, self)
        db = self.ctx.db

        def save(d: TeamRecordDialog) -> None:
            value = d.result_input
            submit(self.ctx, d, lambda: record_team_inspection(db, value), CHANGED,
                   then=lambda iid: self._after_team(iid))

        dlg.on_save = save
        self.dialog = dlg
        dlg.open()
        return dlg

    def _after_team(self, inspection_id: str) -> None:
        self.last_saved = inspection_id
        self._select_later(self.teams, inspection_id)

    def _select_later(self, lst: InspectionList, inspection_id: str) -> None:
        if lst.model.loading:
            lst.model.reloaded.connect(lambda _n: lst.select(inspection_id),
                                       type=Qt.ConnectionType.SingleShotConnection)
        else:
            lst.select(inspection_id)

    def on_changes(self, changes: Changes) -> None:
        if changes.inspections or changes.households:
            self.households.model.reload()
            self.teams.model.reload()
            self.sweeps.reload()
        if changes.community:
            self.violations.reload()

    def show_target(self, **target: Any) -> None:
        tab = target.get("tab")
        if tab == "violations" or "violation_id" in target:
            self.tabs.setCurrentWidget(self.violations)
            if "violation_id" in target:
                self.violations.select(target["violation_id"])
        elif tab == "sweeps":
            self.tabs.setCurrentWidget(self.sweeps)
        elif "inspection_id" in target:
            iid = target["inspection_id"]
            for lst in (self.households, self.teams):
                if lst.model.row_of(iid) >= 0:
                    self.tabs.setCurrentWidget(lst)
                    lst.select(iid)
        elif "household_id" in target:  # "inspect this household" from another page
            self.tabs.setCurrentWidget(self.households)
            hid, db = target["household_id"], self.ctx.db

            def opened(lines: dict) -> None:
                line = lines.get(hid)
                if line is not None:
                    self.inspect_household(hid, f"{line.code} – {line.head_name} – "
                                                f"{line.address}")
            self.ctx.run(lambda: household_lines(db, [hid]), opened, parent=self)
        elif tab == "team":
            self.tabs.setCurrentWidget(self.teams)
        else:
            self.tabs.setCurrentWidget(self.households)

