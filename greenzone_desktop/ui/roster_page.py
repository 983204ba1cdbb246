"""Lịch trực: a checkpoint's week (shifts × days), filled by keyboard (select a cell, Enter,
type a name), by dragging people from the list, or by the auto-fill; conflicts and
understaffed shifts coloured with the reason; copy last week, swap two people, a day across
all checkpoints, print and Excel."""

from __future__ import annotations

import importlib
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import checkpoints as cps
from greenzone_desktop.services import roster
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.text import format_date
from greenzone_desktop.ui.context import AppContext, show_error
from greenzone_desktop.ui.health_models import RED
from greenzone_desktop.ui.lazy_table import Column
from greenzone_desktop.ui.roster_dialogs import StaffPicker, SwapDialog
from greenzone_desktop.ui.roster_models import StaffListModel, WeekGridModel
from greenzone_desktop.ui.small_table import SmallTableModel
from greenzone_desktop.ui.table_views import page_heading

CHANGED = Changes(checkpoints=True)
DAY_COLUMNS = [
    Column("Chốt", "checkpoint"), Column("Ca", "shift"), Column("Người trực", "names"),
    Column("Tình trạng", "status"),
]


class _Grid(QTableView):
    """Enter on a cell opens the staff picker; Delete takes someone off the shift."""

    def __init__(self, page: RosterPage):
        super().__init__()
        self.page = page

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.page.pick_for_current()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.page.remove_from_current()
            return
        super().keyPressEvent(event)


class RosterPage(QWidget):
    title = "Lịch trực"

    def __init__(self, ctx: AppContext, *, today: date | None = None):
        super().__init__()
        self.ctx = ctx
        self.today = today or date.today()
        self.week_start = roster.monday(self.today)
        self.week: roster.WeekRoster | None = None
        self.checkpoints: list[cps.CheckpointView] = []
        self.people: list[cps.StaffView] = []
        self._own_change = False
        heading = page_heading(self.title)
        self.checkpoint = QComboBox()
        self.checkpoint.setMinimumWidth(140)
        self.checkpoint.currentIndexChanged.connect(lambda _i: self.reload())
        self.week_label = QLabel()
        prev_w, next_w, this_w = QPushButton("◀"), QPushButton("▶"), QPushButton("Tuần này")
        for b in (prev_w, next_w):
            b.setFixedWidth(36)
        prev_w.setToolTip("Tuần trước")
        next_w.setToolTip("Tuần sau")
        prev_w.clicked.connect(lambda: self.set_week(self.week_start - timedelta(days=7)))
        next_w.clicked.connect(lambda: self.set_week(self.week_start + timedelta(days=7)))
        this_w.clicked.connect(lambda: self.set_week(self.today))
        self.fill_button = QPushButton("Tự xếp lịch")
        self.fill_button.setToolTip("Xếp người vào mọi ca còn thiếu của tuần ở tất cả các chốt: "
                                    "chia đều giờ, chỉ người đã tiêm vắc xin, không trùng ca, "
                                    "đủ giờ nghỉ, không quá số giờ mỗi tuần, tránh ngày báo bận")
        self.fill_button.clicked.connect(self.auto_fill)
        copy = QPushButton("Chép tuần trước")
        copy.setToolTip("Chép phân công tuần trước của chốt đang xem sang tuần này "
                        "(người đã có trong ca được giữ nguyên)")
        copy.clicked.connect(self.copy_last_week)
        swap = QPushButton("Đổi ca…")
        swap.setToolTip("Đổi toàn bộ ca trong tuần giữa hai người, ở mọi chốt")
        swap.clicked.connect(self.swap)
        print_button = QPushButton("In…")
        print_button.clicked.connect(self.print_roster)
        excel = QPushButton("Xuất Excel…")
        excel.clicked.connect(self.export_excel)
        bar = QHBoxLayout()
        bar.addWidget(heading)
        bar.addSpacing(12)
        for w in (self.checkpoint, prev_w, self.week_label, next_w, this_w):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.fill_button, copy, swap, print_button, excel):
            bar.addWidget(w)

        self.model = WeekGridModel(self)
        self.model.staff_dropped.connect(self.assign)
        self.grid = _Grid(self)
        self.grid.setModel(self.model)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.grid.setAcceptDrops(True)
        self.grid.setDropIndicatorShown(True)
        self.grid.setWordWrap(True)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setMinimumSectionSize(44)
        self.grid.doubleClicked.connect(lambda _i: self.pick_for_current())
        self.staff_model = StaffListModel(self)
        self.staff_view = QListView()
        self.staff_view.setModel(self.staff_model)
        self.staff_view.setDragEnabled(True)
        self.staff_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.issues_label = QLabel()
        self.issues = QListWidget()
        self.issues.setWordWrap(True)
        self.issues.currentRowChanged.connect(self._issue_selected)
        self.issues.itemActivated.connect(lambda _item: self.replace_for_issue())
        self.replace_button = QPushButton("Gợi ý người thay…")
        self.replace_button.clicked.connect(self.replace_for_issue)
        side = QWidget()
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.addWidget(QLabel("Lực lượng trực (kéo thả vào ô):"))
        side_lay.addWidget(self.staff_view, 3)
        side_lay.addWidget(self.issues_label)
        side_lay.addWidget(self.issues, 2)
        side_lay.addWidget(self.replace_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.grid)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 240])
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.dateChanged.connect(lambda _d: self.reload_day())
        self.day_model = SmallTableModel(DAY_COLUMNS, colour=lambda r, c: RED
                                   if c.key == "status" and r["bad"] else None)
        self.day_view = QTableView()
        self.day_view.setModel(self.day_model)
        self.day_view.setWordWrap(True)
        self.day_view.horizontalHeader().setStretchLastSection(True)
        self.day_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        day_page = QWidget()
        day_lay = QVBoxLayout(day_page)
        day_row = QHBoxLayout()
        day_row.addWidget(QLabel("Ngày:"))
        day_row.addWidget(self.day)
        day_row.addStretch(1)
        day_lay.addLayout(day_row)
        day_lay.addWidget(self.day_view, 1)
        self.tabs = QTabWidget()
        week_page = QWidget()
        week_lay = QVBoxLayout(week_page)
        week_lay.setContentsMargins(0, 4, 0, 0)
        week_lay.addWidget(split, 1)
        self.tabs.addTab(week_page, "Tuần theo chốt")
        self.tabs.addTab(day_page, "Một ngày, mọi chốt")
        self.tabs.currentChanged.connect(lambda i: self.reload_day() if i == 1 else None)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.set_week(self.today)

    # -- loading ------------------------------------------------------------------------------

    def set_week(self, day: date) -> None:
        self.week_start = roster.monday(day)
        end = self.week_start + timedelta(days=6)
        self.week_label.setText(f"Tuần {format_date(self.week_start)} – {format_date(end)}")
        self.day.blockSignals(True)
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.day.blockSignals(False)
        self.reload()

    def current_checkpoint(self) -> str | None:
        return self.checkpoint.currentData()

    def reload(self) -> None:
        wanted, week_start = self.current_checkpoint(), self.week_start

        def job() -> tuple[list, list, roster.WeekRoster | None]:
            found = cps.list_checkpoints(self.ctx.db)
            ids = [c.id for c in found]
            cid = wanted if wanted in ids else (ids[0] if ids else None)
            # Shifts are made from the pattern for this week and later, never rewritten for
            # weeks gone by.
            fresh = week_start + timedelta(days=7) > self.today
            week = roster.week_roster(self.ctx.db, cid, week_start, generate=fresh) \
                if cid else None
            return found, cps.list_staff(self.ctx.db, active_only=True), week

        self.ctx.run(job, self._loaded, parent=self)

    def _loaded(self, result: tuple[list, list, roster.WeekRoster | None]) -> None:
        self.checkpoints, self.people, week = result
        self.checkpoint.blockSignals(True)
        self.checkpoint.clear()
        for c in self.checkpoints:
            self.checkpoint.addItem(c.name, c.id)
        if week is not None:
            self.checkpoint.setCurrentIndex(self.checkpoint.findData(week.checkpoint.id))
        self.checkpoint.blockSignals(False)
        current = self.grid.currentIndex()
        self.week = week
        self.model.set_week(week)
        if current.isValid():
            self.grid.setCurrentIndex(self.model.index(current.row(), current.column()))
        hours = week.hours if week else {}
        self.staff_model.set_people([(p.id, p.full_name, p.organisation, hours.get(p.id, 0.0),
                                      p.vaccinated) for p in self.people])
        self.issues.clear()
        issues = week.issues if week else []
        for i in issues:
            item = QListWidgetItem(("Thiếu người: " if i.understaffed else "") + i.message)
            item.setData(Qt.ItemDataRole.UserRole, i)
            if not i.understaffed:
                item.setForeground(RED)
            self.issues.addItem(item)
        conflicts = sum(not i.understaffed for i in issues)
        self.issues_label.setText(f"Vướng mắc: {conflicts} vi phạm quy định, "
                                  f"{len(issues) - conflicts} ca thiếu người"
                                  if issues else "Không có vướng mắc nào trong tuần.")
        if not self.checkpoints:
            self.status.setText("Chưa có chốt nào: hãy tạo chốt ở trang «Chốt kiểm soát».")
        elif week is not None and not week.cells:
            self.status.setText(f"{week.checkpoint.name} chưa chọn mẫu ca trực hoặc không hoạt "
                                "động trong tuần này.")

    def reload_day(self) -> None:
        d = self.day.date()
        day = date(d.year(), d.month(), d.day())
        fresh = day >= self.today
        self.ctx.run(lambda: roster.day_view(self.ctx.db, day, generate=fresh), self._day_loaded,
                     parent=self)

    def _day_loaded(self, view: roster.DayView) -> None:
        rows: list[dict[str, Any]] = []
        for r in view.rows:
            if not r.cells:
                rows.append({"checkpoint": r.checkpoint.name, "shift": "", "bad": True,
                             "names": "", "status": "Chưa có ca trực"})
            for c in r.cells:
                status = "; ".join(i.message for i in c.issues) or "Đủ người"
                rows.append({"checkpoint": r.checkpoint.name, "shift": c.label,
                             "names": ", ".join(c.names), "status": status,
                             "bad": bool(c.issues) or c.understaffed})
        self.day_model.set_rows(rows)
        self.day_view.resizeColumnsToContents()

    def on_changes(self, changes: Changes) -> None:
        if self._own_change:
            return
        if changes.checkpoints or changes.settings or changes.persons:
            self.reload()
            if self.tabs.currentIndex() == 1:
                self.reload_day()

    def show_target(self, **target: Any) -> None:
        if "week" in target:
            self.set_week(target["week"])

    # -- editing ------------------------------------------------------------------------------

    def _done(self, message: str = "") -> None:
        self.status.setText(message)
        self.reload()
        self._own_change = True  # already shown: skip the broadcast coming back
        self.ctx.announce(CHANGED)
        self._own_change = False

    def _warn_issues(self, issues: list[roster.Issue]) -> None:
        text = "Đã xếp, nhưng vướng quy định: " + "; ".join(i.message for i in issues) \
            if issues else "Đã xếp người vào ca."
        self._done(text)

    def assign(self, shift_id: str, staff_id: str) -> None:
        self.ctx.run(lambda: roster.assign(self.ctx.db, shift_id, staff_id), self._warn_issues,
                     parent=self)

    def pick_for_current(self, staff_out: str | None = None) -> None:
        cell = self.model.cell(self.grid.currentIndex())
        if cell is None:
            return
        self.ctx.run(lambda: roster.staff_choices(self.ctx.db, cell.shift_id, staff_out),
                     lambda found: self._pick(cell, found, staff_out), parent=self)

    def _pick(self, cell: Any, choices: list[roster.StaffChoice], staff_out: str | None) -> None:
        title = (f"Người thay ca {cell.label} ngày {cell.start:%d/%m}" if staff_out
                 else f"Xếp người vào ca {cell.label} ngày {cell.start:%d/%m}")
        self.picker = StaffPicker(title, choices, self)
        if self.picker.exec() and self.picker.chosen:
            chosen = self.picker.chosen
            if staff_out:
                self.ctx.run(lambda: roster.replace(self.ctx.db, cell.shift_id, staff_out, chosen),
                             self._warn_issues, parent=self)
            else:
                self.assign(cell.shift_id, chosen)

    def remove_from_current(self) -> None:
        cell = self.model.cell(self.grid.currentIndex())
        if cell is None or not cell.people:
            return
        staff_id = cell.people[0][0]
        if len(cell.people) > 1:
            picks = [roster.StaffChoice(p, n, "", 0.0, True) for p, n in cell.people]
            self.picker = StaffPicker("Bỏ ai khỏi ca này?", picks, self)
            if not self.picker.exec() or not self.picker.chosen:
                return
            staff_id = self.picker.chosen
        self.ctx.run(lambda: roster.unassign(self.ctx.db, cell.shift_id, staff_id),
                     lambda _c: self._done("Đã bỏ người khỏi ca."), parent=self)

    def _issue_selected(self, row: int) -> None:
        item = self.issues.item(row)
        if item is None:
            return
        issue = item.data(Qt.ItemDataRole.UserRole)
        index = self.model.index_of(issue.shift_id)
        if index.isValid():
            self.grid.setCurrentIndex(index)

    def replace_for_issue(self) -> None:
        item = self.issues.currentItem()
        if item is None:
            self.pick_for_current()
            return
        issue = item.data(Qt.ItemDataRole.UserRole)
        index = self.model.index_of(issue.shift_id)
        if index.isValid():
            self.grid.setCurrentIndex(index)
            self.pick_for_current(None if issue.understaffed else issue.staff_id)

    def auto_fill(self) -> None:
        week_start = self.week_start
        self.fill_button.setEnabled(False)

        def done(result: roster.AutoFillResult) -> None:
            self.fill_button.setEnabled(True)
            self._done(result.summary)

        def failed(exc: BaseException) -> None:
            self.fill_button.setEnabled(True)
            show_error(self, exc)

        self.ctx.run(lambda: roster.auto_fill(self.ctx.db, week_start), done, parent=self,
                     on_error=failed)

    def copy_last_week(self) -> None:
        cid = self.current_checkpoint()
        if cid is None:
            return
        week_start = self.week_start
        self.ctx.run(lambda: roster.copy_last_week(self.ctx.db, cid, week_start),
                     lambda n: self._done(f"Đã chép {n} lượt trực từ tuần trước."), parent=self)

    def swap(self) -> None:
        dialog = SwapDialog([(p.id, p.full_name) for p in self.people], self)
        if not dialog.exec():
            return
        a, b = dialog.pair()
        week_start = self.week_start
        self.ctx.run(lambda: roster.swap_people(self.ctx.db, week_start, a, b),
                     lambda n: self._done(f"Đã đổi {n} lượt trực giữa hai người."), parent=self)

    # -- print and export (the printing module may not be installed) ---------------------------

    def _optional(self, module: str, name: str) -> Any:
        try:
            return getattr(importlib.import_module(module), name)
        except (ModuleNotFoundError, AttributeError):
            QMessageBox.information(self, self.title, "Chức năng này chưa có trong bản cài đặt.")
            return None

    def print_roster(self) -> None:
        fn = self._optional("greenzone_desktop.services.roster_print", "print_roster")
        path, _ = QFileDialog.getSaveFileName(
            self, "Lưu lịch trực (PDF)", f"lich-truc-{self.week_start:%Y-%m-%d}.pdf",
            "PDF (*.pdf)") if fn else ("", "")
        if path:
            week_start = self.week_start
            self.ctx.run(lambda: fn(self.ctx.db, week_start, path),
                         lambda _r: self.status.setText(f"Đã lưu lịch trực: {path}"), parent=self)

    def export_excel(self) -> None:
        fn = self._optional("greenzone_desktop.services.roster_excel", "export_roster_excel")
        path, _ = QFileDialog.getSaveFileName(
            self, "Xuất lịch trực ra Excel", f"lich-truc-{self.week_start:%Y-%m-%d}.xlsx",
            "Excel (*.xlsx)") if fn else ("", "")
        if path:
            week_start = self.week_start
            self.ctx.run(lambda: fn(self.ctx.db, week_start, path),
                         lambda _r: self.status.setText(f"Đã xuất lịch trực: {path}"), parent=self)
