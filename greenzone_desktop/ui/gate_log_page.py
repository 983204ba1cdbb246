"""Sổ ra vào: one keyboard row per person passing a checkpoint (residents autocomplete from
the register), flags shown while typing, the day's entries, the daily summary and the export."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import checkpoints as cps
from greenzone_desktop.services import gate_log
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.health_models import RED
from greenzone_desktop.ui.health_tabs import table
from greenzone_desktop.ui.lazy_table import CENTER, Column
from greenzone_desktop.ui.resident_completer import ResidentCompleter
from greenzone_desktop.ui.small_table import SmallTableModel
from greenzone_desktop.ui.table_views import page_heading


def _clock(value: Any) -> str:
    return f"{value:%H:%M}" if value else ""


ENTRY_COLUMNS = [
    Column("Giờ vào", "time_in", align=CENTER, fmt=_clock),
    Column("Giờ ra", "time_out", align=CENTER, fmt=_clock),
    Column("Họ và tên", "full_name"), Column("CCCD", "cccd"), Column("Điện thoại", "phone"),
    Column("Đi từ", "from_place"), Column("Đến", "to_place"), Column("Mục đích", "purpose"),
    Column("Biển số", "plate"),
    Column("Khai báo", "declared", align=CENTER, fmt=lambda v: "Có" if v else "Chưa"),
    Column("Cần chú ý", "flag_reason"),
]
_PLACES = ("from_place", "to_place", "purpose")  # cut first: the reason to look twice shows
FIELDS = (("full_name", "Họ và tên", 160), ("cccd", "CCCD/CMND", 95),
          ("phone", "Điện thoại", 90), ("from_place", "Đi từ", 100), ("to_place", "Đến", 90),
          ("purpose", "Mục đích", 90), ("time", "Giờ vào", 50), ("plate", "Biển số xe", 75))


class RiskAreasDialog(QDialog):
    def __init__(self, areas: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Danh sách vùng có nguy cơ")
        self.text = QPlainTextEdit("\n".join(areas))
        note = QLabel("Mỗi dòng một tỉnh, huyện hoặc xã/phường. Người đến từ các nơi này được "
                      "đánh dấu cần chú ý ngay khi ghi sổ.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def areas(self) -> list[str]:
        return [line.strip() for line in self.text.toPlainText().splitlines() if line.strip()]


class GateLogPage(QWidget):
    title = "Sổ ra vào"

    def __init__(self, ctx: AppContext, *, today: date | None = None):
        super().__init__()
        self.ctx = ctx
        self.today = today or date.today()
        self.person_id: str | None = None
        self.areas: list[str] = []
        self._flag_gen = 0
        heading = page_heading(self.title)
        self.checkpoint = QComboBox()
        self.checkpoint.setMinimumWidth(160)
        self.checkpoint.currentIndexChanged.connect(lambda _i: self.reload_entries())
        self.day = QDateEdit(QDate(self.today.year, self.today.month, self.today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.dateChanged.connect(lambda _d: self.reload_entries())
        areas = QPushButton("Vùng có nguy cơ…")
        areas.clicked.connect(self.edit_areas)
        export = QPushButton("Xuất Excel…")
        export.clicked.connect(self.export)
        bar = QHBoxLayout()
        bar.addWidget(heading)
        bar.addSpacing(12)
        for w in (QLabel("Chốt:"), self.checkpoint, QLabel("Ngày:"), self.day):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(areas)
        bar.addWidget(export)

        self.edits: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        for col, (key, label, width) in enumerate(FIELDS):
            edit = QLineEdit()
            edit.setMinimumWidth(width)
            edit.returnPressed.connect(self.save)
            self.edits[key] = edit
            grid.addWidget(QLabel(label), 0, col)
            grid.addWidget(edit, 1, col)
        self.edits["time"].setPlaceholderText("bây giờ")
        self.declared = QCheckBox("Đã khai báo y tế")
        self.declared.setToolTip("Người ngoài địa bàn đã khai báo y tế")
        self.save_button = QPushButton("Ghi (Enter)")
        self.save_button.clicked.connect(self.save)
        grid.addWidget(self.declared, 1, len(FIELDS))
        grid.addWidget(self.save_button, 1, len(FIELDS) + 1)
        for c in (0, 3, 4, 5):
            grid.setColumnStretch(c, 1)
        self.completer = ResidentCompleter(ctx, self.edits["full_name"])
        self.completer.picked.connect(self._picked)
        self.edits["full_name"].textEdited.connect(self._name_typed)
        for key in ("cccd", "from_place"):
            self.edits[key].textEdited.connect(lambda _t: self.update_flags())
        self.declared.toggled.connect(lambda _c: self.update_flags())
        self.flags = QLabel()
        self.flags.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.flags.setWordWrap(True)

        self.model = SmallTableModel(ENTRY_COLUMNS, colour=lambda r, c: RED if r.flagged else None)
        self.view = table(self.model)
        out = QPushButton("Ghi giờ ra (F4)")
        out.clicked.connect(self.mark_out)
        QShortcut(QKeySequence("F4"), self, activated=self.mark_out)
        delete = QPushButton("Xóa dòng")
        delete.clicked.connect(self.delete)
        below = QHBoxLayout()
        below.addWidget(out)
        below.addWidget(delete)
        self.count = QLabel()
        below.addWidget(self.count)
        below.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid)
        layout.addWidget(self.flags)
        layout.addWidget(self.view, 1)
        layout.addLayout(below)
        layout.addWidget(QLabel("Tổng hợp trong ngày:"))
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        self.reload()

    # -- loading ------------------------------------------------------------------------------

    def selected_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def reload(self) -> None:
        def job() -> tuple[list[cps.CheckpointView], list[str]]:
            return cps.list_checkpoints(self.ctx.db), gate_log.risk_areas(self.ctx.db)

        self.ctx.run(job, self._loaded, parent=self)

    def _loaded(self, result: tuple[list[cps.CheckpointView], list[str]]) -> None:
        checkpoints, self.areas = result
        wanted = self.checkpoint.currentData()
        self.checkpoint.blockSignals(True)
        self.checkpoint.clear()
        for c in checkpoints:
            self.checkpoint.addItem(c.name, c.id)
        index = self.checkpoint.findData(wanted)
        self.checkpoint.setCurrentIndex(index if index >= 0 else 0)
        self.checkpoint.blockSignals(False)
        self.reload_entries()

    def reload_entries(self) -> None:
        cid, day = self.checkpoint.currentData(), self.selected_day()
        if cid is None:
            self.model.set_rows([])
            self.status.setText("Chưa có chốt nào: hãy tạo chốt ở trang «Chốt kiểm soát».")
            return

        def job() -> tuple[list[gate_log.GateEntryView], list[gate_log.GateSummary]]:
            return gate_log.entries(self.ctx.db, day, cid), gate_log.daily_summary(self.ctx.db, day)

        self.ctx.run(job, self._entries_loaded, parent=self)

    def _entries_loaded(self, result: tuple[list, list]) -> None:
        rows, summary = result
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        for c in range(len(ENTRY_COLUMNS) - 1):  # long places are cut, «Cần chú ý» stays in view
            cap = 115 if ENTRY_COLUMNS[c].key in _PLACES else 150
            self.view.setColumnWidth(c, min(self.view.columnWidth(c), cap))
        flagged = sum(r.flagged for r in rows)
        self.count.setText(f"{format_number(len(rows))} lượt, "
                           f"{format_number(flagged)} lượt cần chú ý")
        self.summary.setText("\n".join(s.text for s in summary if s.entries)
                             or "Chưa có lượt ra vào nào trong ngày.")

    def on_changes(self, changes: Changes) -> None:
        if changes.checkpoints or changes.settings:
            self.reload()

    # -- entry row ------------------------------------------------------------------------------

    def _name_typed(self, _text: str) -> None:
        self.person_id = None  # typed over a picked resident: an outsider until picked again
        self.update_flags()

    def _picked(self, hit: gate_log.ResidentHit) -> None:
        self.person_id = hit.person_id
        self.edits["cccd"].setText(hit.cccd or "")
        self.edits["phone"].setText(hit.phone or "")
        self.update_flags()
        self.edits["from_place"].setFocus()

    def _input(self) -> gate_log.GateEntryInput:
        e = self.edits
        return gate_log.GateEntryInput(
            self.checkpoint.currentData() or "", e["full_name"].text(), e["cccd"].text() or None,
            e["phone"].text() or None, e["from_place"].text(), e["to_place"].text(),
            e["purpose"].text(), None, None, e["plate"].text(), self.declared.isChecked(),
            self.person_id)

    def update_flags(self) -> None:
        if not self.edits["full_name"].text().strip() and not self.edits["from_place"].text():
            self.flags.setText("")
            return
        value, areas = self._input(), self.areas
        self._flag_gen += 1
        gen = self._flag_gen

        def shown(flags: list[str]) -> None:
            if gen == self._flag_gen:
                self.flags.setText(("⚠ " + "; ".join(flags)) if flags else "")

        self.ctx.run(lambda: gate_log.flags_for(self.ctx.db, value, areas), shown, parent=self,
                     on_error=lambda _exc: None)

    def save(self) -> None:
        if self.completer.completer.popup().isVisible():
            return  # Enter chose a resident in the popup
        value = self._input()
        day, typed = self.selected_day(), self.edits["time"].text()
        now = datetime.now().replace(second=0, microsecond=0)

        def job() -> gate_log.GateEntryView:
            when = gate_log.parse_clock(typed, day) or datetime.combine(day, now.time())
            entry = gate_log.GateEntryInput(**{**value.__dict__, "time_in": when})
            return gate_log.save_entry(self.ctx.db, entry)

        self.ctx.run(job, self._saved, parent=self)

    def _saved(self, entry: gate_log.GateEntryView) -> None:
        for edit in self.edits.values():
            edit.clear()
        self.declared.setChecked(False)
        self.person_id = None
        self.flags.setText("")
        note = f" — CẦN CHÚ Ý: {entry.flag_reason}" if entry.flagged else ""
        self.status.setText(f"Đã ghi {entry.full_name} lúc {_clock(entry.time_in)}{note}")
        self.edits["full_name"].setFocus()
        self.reload_entries()
        self.ctx.announce(Changes(checkpoints=True))

    def _current(self) -> gate_log.GateEntryView | None:
        return self.model.row_at(self.view.currentIndex().row())

    def mark_out(self) -> None:
        row = self._current()
        if row is not None:
            self.ctx.run(lambda: gate_log.mark_out(self.ctx.db, row.id),
                         lambda e: (self.status.setText(f"Đã ghi giờ ra của {e.full_name}."),
                                    self.reload_entries()), parent=self)

    def delete(self) -> None:
        row = self._current()
        if row is not None:
            self.ctx.run(lambda: gate_log.delete_entry(self.ctx.db, row.id),
                         lambda _c: self.reload_entries(), parent=self)

    def edit_areas(self) -> None:
        dialog = RiskAreasDialog(self.areas, self)
        if dialog.exec():
            areas = dialog.areas()
            self.ctx.run(lambda: gate_log.set_risk_areas(self.ctx.db, areas),
                         lambda c: (self.reload(), self.ctx.announce(c)), parent=self)

    def export(self) -> None:
        cid, day = self.checkpoint.currentData(), self.selected_day()
        path, _ = QFileDialog.getSaveFileName(self, "Xuất sổ ra vào",
                                              f"so-ra-vao-{day:%Y-%m-%d}.xlsx", "Excel (*.xlsx)")
        if path:
            self.ctx.run(lambda: gate_log.export_excel(self.ctx.db, path, day, day, cid),
                         lambda n: self.status.setText(f"Đã xuất {format_number(n)} dòng: {path}"),
                         parent=self)

    def show_target(self, **target: Any) -> None:
        if "checkpoint_id" in target:
            index = self.checkpoint.findData(target["checkpoint_id"])
            if index >= 0:
                self.checkpoint.setCurrentIndex(index)

