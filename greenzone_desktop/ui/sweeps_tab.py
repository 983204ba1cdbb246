"""Sweeps (đợt rà soát): every household to be visited; progress and the households not yet
visited, each inspected from here with one click."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import sweeps
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.lazy_table import Column, LazyTableModel
from greenzone_desktop.ui.small_table import (
    Col,
    SmallTableModel,
    date_edit,
    date_text,
    edit_date,
    selected_rows,
    table_view,
)

SWEEP_COLUMNS = [
    Col("Đợt rà soát", lambda s: s.name),
    Col("Bắt đầu", lambda s: date_text(s.started_on)),
    Col("Kết thúc", lambda s: date_text(s.ended_on) or "đang rà soát"),
    Col("Đã đến", lambda s: f"{format_number(s.visited)}/{format_number(s.total)} hộ",
        align_right=True),
    Col("Tiến độ", lambda s: f"{s.percent:.1f} %".replace(".", ","), align_right=True,
        colour=lambda s: "#2e7d32" if s.percent >= 100 else ""),
]
HOUSEHOLD_COLUMNS = [
    Column("Mã hộ", "code"),
    Column("Chủ hộ", "head_name"),
    Column("Địa chỉ", "address"),
    Column("Khu vực", "area"),
]


class SweepDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Đợt rà soát mới")
        self.name = QLineEdit()
        self.name.setPlaceholderText("Ví dụ: Rà soát toàn bộ hộ đợt 2")
        self.started = date_edit(date.today())
        self.notes = QLineEdit()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Bắt đầu đợt")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Tên đợt", self.name)
        form.addRow("Ngày bắt đầu", self.started)
        form.addRow("Ghi chú", self.notes)
        form.addRow(buttons)


class SweepsTab(QWidget):
    """Sweeps list on the left; the chosen sweep's progress and not-visited list on the right."""

    inspect_requested = Signal(str, str, str)  # household id, its text, sweep id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = SmallTableModel(SWEEP_COLUMNS, self)
        self.view = table_view(self.model, stretch=0)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._sweep_chosen())
        new = QPushButton("Đợt rà soát mới…")
        new.clicked.connect(self.new_sweep)
        self.close_btn = QPushButton("Kết thúc đợt")
        self.close_btn.clicked.connect(self.close_current)
        top = QHBoxLayout()
        top.addWidget(new)
        top.addWidget(self.close_btn)
        top.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(top)
        ll.addWidget(self.view)

        self.progress = QProgressBar()
        self.progress.setFormat("%p % hộ đã được đến kiểm tra")
        self.summary = QLabel("Chọn một đợt rà soát.")
        db = ctx.db
        self.sweep_id: str | None = None
        self.missing = LazyTableModel(
            ctx, HOUSEHOLD_COLUMNS,
            ids_fn=lambda sid, _sort, _desc: sweeps.not_visited_ids(db, sid) if sid else [],
            rows_fn=lambda ids: list(sweeps.household_lines(db, ids).values()), parent=self)
        self.missing_view = table_view(self.missing, stretch=2)
        self.missing_view.doubleClicked.connect(lambda *_: self.inspect_selected())
        self.inspect_btn = QPushButton("Kiểm tra hộ đã chọn…")
        self.inspect_btn.clicked.connect(self.inspect_selected)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.summary)
        rl.addWidget(self.progress)
        rl.addWidget(QLabel("Hộ chưa được đến kiểm tra trong đợt:"))
        rl.addWidget(self.missing_view)
        rl.addWidget(self.inspect_btn, 0, Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 680])  # the sweeps' names and progress in full
        QVBoxLayout(self).addWidget(splitter)
        self.reload()

    def reload(self) -> None:
        db = self.ctx.db
        self.ctx.run(lambda: sweeps.list_sweeps(db), self._show, parent=self)

    def _show(self, rows: list[sweeps.SweepView]) -> None:
        keep = self.sweep_id
        self.model.set_rows(rows)
        ids = [r.id for r in rows]
        if rows:
            self.view.selectRow(ids.index(keep) if keep in ids else 0)
        else:
            self.sweep_id = None
            self._sweep_chosen()

    def current(self) -> sweeps.SweepView | None:
        rows = selected_rows(self.view)
        return self.model.row_at(rows[0]) if rows else None

    def _sweep_chosen(self) -> None:
        sw = self.current()
        self.sweep_id = sw.id if sw else None
        self.close_btn.setEnabled(bool(sw and not sw.closed))
        self.inspect_btn.setEnabled(bool(sw and not sw.closed))
        if sw is None:
            self.summary.setText("Chưa có đợt rà soát nào.")
            self.progress.setValue(0)
        else:
            state = (f"kết thúc {date_text(sw.ended_on)}" if sw.closed
                     else "đang rà soát")
            self.summary.setText(f"<b>{sw.name}</b> — bắt đầu {date_text(sw.started_on)}, "
                                 f"{state}: đã đến {format_number(sw.visited)}/"
                                 f"{format_number(sw.total)} hộ, "
                                 f"còn {format_number(sw.total - sw.visited)} hộ.")
            self.progress.setMaximum(max(sw.total, 1))
            self.progress.setValue(sw.visited)
        self.missing.set_query(self.sweep_id)

    def new_sweep(self) -> None:
        dlg = SweepDialog(self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        self.create(dlg.name.text(), edit_date(dlg.started), dlg.notes.text())

    def create(self, name: str, started: date | None, notes: str = "") -> None:
        db = self.ctx.db

        def done(sid: str) -> None:
            self.sweep_id = sid
            self.ctx.announce(Changes(inspections=True))
        self.ctx.run(lambda: sweeps.create_sweep(db, name, started, notes), done, parent=self)

    def close_current(self) -> None:
        sw = self.current()
        if sw is None:
            return
        db = self.ctx.db
        self.ctx.run(lambda: sweeps.close_sweep(db, sw.id, date.today()), self.ctx.announce,
                     parent=self)

    def inspect_selected(self) -> None:
        rows = selected_rows(self.missing_view)
        if not rows or not self.sweep_id:
            return
        line = self.missing.row_data(rows[0])
        if line is None:
            return
        text = f"{line.code} – {line.head_name} – {line.address}"
        self.inspect_requested.emit(line.id, text, self.sweep_id)

    def active_sweeps(self) -> list[tuple[str, str]]:
        return [(s.id, s.name) for s in self.model.rows if not s.closed]
