"""Chốt kiểm soát: the checkpoints, the staff pool with their unavailability and the roster
rules, and the shift patterns (3 × 8 h, 2 × 12 h, Hà Nội 2 h, custom)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import checkpoints as cps
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ValidationError
from greenzone_desktop.text import format_date, parse_date
from greenzone_desktop.ui.context import AppContext, show_error
from greenzone_desktop.ui.health_tabs import table
from greenzone_desktop.ui.lazy_table import CENTER, Column
from greenzone_desktop.ui.small_table import SmallTableModel
from greenzone_desktop.ui.staff_tab import StaffTab
from greenzone_desktop.ui.table_views import page_heading
from greenzone_desktop.vocab import CheckpointKind

CHANGED = Changes(checkpoints=True)
CHECKPOINT_COLUMNS = [
    Column("Tên chốt", "name"), Column("Vị trí", "location"), Column("Loại", "kind_label"),
    Column("Giờ trực", "hours_text", align=CENTER),
    Column("Người/ca", "min_staff", align=CENTER), Column("Mẫu ca", "pattern_name"),
    Column("Điện thoại", "phone"), Column("Hoạt động", "active_text"),
]


def date_edit(placeholder: str = "dd/mm/yyyy") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaximumWidth(120)
    return edit


def read_date(edit: QLineEdit, field: str) -> date | None:
    try:
        return parse_date(edit.text(), field=field)
    except ValueError as exc:
        raise ValidationError({field: str(exc)}) from None


def buttons_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


class CheckpointTab(QWidget):
    def __init__(self, ctx: AppContext, page: CheckpointsPage):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.editing: str | None = None
        self.model = SmallTableModel(CHECKPOINT_COLUMNS)
        self.view = table(self.model, stretch=1)  # a long place name is cut first
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show(cur.row()))
        self.name, self.location, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.name.setPlaceholderText("Ví dụ: Chốt số 1, Chốt đầu làng")
        self.kind = QComboBox()
        for k in CheckpointKind:
            self.kind.addItem(k.label, k.value)
        self.all_day = QCheckBox("Trực 24/24")
        self.all_day.setChecked(True)
        self.opens, self.closes = QTimeEdit(QTime(6, 0)), QTimeEdit(QTime(22, 0))
        for t in (self.opens, self.closes):
            t.setDisplayFormat("HH:mm")
        self.all_day.toggled.connect(self._hours_enabled)
        self._hours_enabled(True)
        hours = QHBoxLayout()  # on its own line: the form stays narrow, the table gets the width
        for w in (self.opens, QLabel("đến"), self.closes):
            hours.addWidget(w)
        hours.addStretch(1)
        self.min_staff = QSpinBox()
        self.min_staff.setRange(1, 50)
        self.min_staff.setValue(2)
        self.pattern = QComboBox()
        self.pattern.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.pattern.setMinimumContentsLength(24)
        self.active_from, self.active_to = date_edit(), date_edit("để trống: chưa hết")
        active = QHBoxLayout()
        for w in (self.active_from, QLabel("đến"), self.active_to):
            active.addWidget(w)
        active.addStretch(1)
        form = QFormLayout()
        form.addRow("Tên chốt:", self.name)
        form.addRow("Vị trí:", self.location)
        form.addRow("Loại chốt:", self.kind)
        form.addRow("Giờ trực:", self.all_day)
        form.addRow("hoặc từ:", hours)
        form.addRow("Số người mỗi ca:", self.min_staff)
        form.addRow("Mẫu ca trực:", self.pattern)
        form.addRow("Điện thoại chốt:", self.phone)
        form.addRow("Hoạt động từ ngày:", active)
        new, self.save_button, delete = (QPushButton("Chốt mới"), QPushButton("Lưu chốt"),
                                         QPushButton("Xóa chốt"))
        new.clicked.connect(self.clear)
        self.save_button.clicked.connect(self.save)
        self.save_button.setDefault(True)
        delete.clicked.connect(self.delete)
        self.name.returnPressed.connect(self.save)
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.addLayout(form)
        lay.addLayout(buttons_row(new, self.save_button, delete))
        lay.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(right)
        split.setSizes([760, 380])
        QVBoxLayout(self).addWidget(split)

    def _hours_enabled(self, all_day: bool) -> None:
        self.opens.setEnabled(not all_day)
        self.closes.setEnabled(not all_day)

    def set_data(self, checkpoints: list[cps.CheckpointView],
                 patterns: list[cps.PatternView]) -> None:
        self.model.set_rows(checkpoints)
        self.view.resizeColumnsToContents()
        wanted = self.pattern.currentData()
        self.pattern.clear()
        self.pattern.addItem("(chưa chọn)", None)
        for p in patterns:
            self.pattern.addItem(f"{p.name}: {p.text}", p.id)
        index = self.pattern.findData(wanted) if wanted else -1
        self.pattern.setCurrentIndex(index if index >= 0 else (1 if patterns else 0))

    def _show(self, row: int) -> None:
        c = self.model.row_at(row)
        if c is None:
            return
        self.editing = c.id
        self.name.setText(c.name)
        self.location.setText(c.location)
        self.kind.setCurrentIndex(self.kind.findData(c.kind))
        self.all_day.setChecked(c.opens_at is None)
        if c.opens_at is not None and c.closes_at is not None:
            self.opens.setTime(QTime(c.opens_at.hour, c.opens_at.minute))
            self.closes.setTime(QTime(c.closes_at.hour, c.closes_at.minute))
        self.min_staff.setValue(c.min_staff)
        self.phone.setText(c.phone or "")
        self.active_from.setText(format_date(c.active_from) if c.active_from else "")
        self.active_to.setText(format_date(c.active_to) if c.active_to else "")
        self.pattern.setCurrentIndex(max(0, self.pattern.findData(c.pattern_id)))

    def clear(self) -> None:
        self.editing = None
        self.view.clearSelection()
        for e in (self.name, self.location, self.phone, self.active_from, self.active_to):
            e.clear()
        self.all_day.setChecked(True)
        self.min_staff.setValue(2)
        self.name.setFocus()

    def _input(self) -> cps.CheckpointInput:
        def clock(edit: QTimeEdit) -> time | None:
            t = edit.time()
            return None if self.all_day.isChecked() else time(t.hour(), t.minute())

        return cps.CheckpointInput(
            self.name.text(), self.location.text(), self.kind.currentData(), clock(self.opens),
            clock(self.closes), self.min_staff.value(), self.phone.text() or None,
            read_date(self.active_from, "Ngày bắt đầu"), read_date(self.active_to, "Ngày kết thúc"),
            self.pattern.currentData())

    def save(self) -> None:
        try:
            value = self._input()
        except ValidationError as exc:
            show_error(self, exc)
            return
        editing = self.editing
        self.ctx.run(lambda: cps.save_checkpoint(self.ctx.db, value, editing), self._saved,
                     parent=self)

    def _saved(self, checkpoint_id: str) -> None:
        self.editing = checkpoint_id
        self.page.changed(f"Đã lưu {self.name.text()}.")

    def delete(self) -> None:
        if self.editing is None:
            return
        cid = self.editing
        self.ctx.run(lambda: cps.delete_checkpoint(self.ctx.db, cid),
                     lambda _c: (self.clear(), self.page.changed("Đã xóa chốt.")), parent=self)


class PatternTab(QWidget):
    def __init__(self, ctx: AppContext, page: CheckpointsPage):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.editing: str | None = None
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        self.name, self.slots = QLineEdit(), QLineEdit()
        self.slots.setPlaceholderText("06:00-14:00, 14:00-22:00, 22:00-06:00")
        presets = QPushButton("Thêm các mẫu có sẵn")
        presets.setToolTip("3 ca × 8 giờ; 2 ca × 12 giờ; Hà Nội: ca 2 giờ đến 23:00")
        presets.clicked.connect(lambda: self.ctx.run(
            lambda: cps.ensure_preset_patterns(self.ctx.db),
            lambda _p: self.page.changed("Đã thêm các mẫu ca có sẵn."), parent=self))
        new, save, delete = QPushButton("Mẫu mới"), QPushButton("Lưu mẫu"), QPushButton("Xóa mẫu")
        new.clicked.connect(self.clear)
        save.clicked.connect(self.save)
        self.slots.returnPressed.connect(self.save)
        delete.clicked.connect(self.delete)
        form = QFormLayout()
        form.addRow("Tên mẫu:", self.name)
        form.addRow("Các ca trong ngày:", self.slots)
        note = QLabel("Mỗi ca viết «giờ bắt đầu-giờ kết thúc», cách nhau bằng dấu phẩy; ca qua "
                      "nửa đêm viết như 22:00-06:00.")
        note.setWordWrap(True)
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addLayout(buttons_row(new, save, delete))
        lay.addLayout(buttons_row(presets))
        self.extra = QVBoxLayout()
        lay.addLayout(self.extra)
        lay.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([500, 640])
        QVBoxLayout(self).addWidget(split)
        self.patterns: list[cps.PatternView] = []

    def set_data(self, patterns: list[cps.PatternView]) -> None:
        self.patterns = patterns
        self.list.blockSignals(True)
        self.list.clear()
        for p in patterns:
            item = QListWidgetItem(f"{p.name} ({p.text})")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.patterns):
            p = self.patterns[row]
            self.editing = p.id
            self.name.setText(p.name)
            self.slots.setText(p.text)

    def clear(self) -> None:
        self.editing = None
        self.name.clear()
        self.slots.clear()
        self.name.setFocus()

    def save(self) -> None:
        name, text, editing = self.name.text(), self.slots.text(), self.editing
        self.ctx.run(lambda: cps.save_pattern(self.ctx.db, name, text, editing),
                     lambda pid: (setattr(self, "editing", pid),
                                  self.page.changed(f"Đã lưu mẫu ca {name}.")), parent=self)

    def delete(self) -> None:
        if self.editing is not None:
            pid = self.editing
            self.ctx.run(lambda: cps.delete_pattern(self.ctx.db, pid),
                         lambda _c: (self.clear(), self.page.changed("Đã xóa mẫu ca.")),
                         parent=self)


class CheckpointsPage(QWidget):
    title = "Chốt kiểm soát"

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        heading = page_heading(self.title)
        self.checkpoints = CheckpointTab(ctx, self)
        self.staff = StaffTab(ctx, self)
        self.patterns = PatternTab(ctx, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.checkpoints, "Các chốt")
        self.tabs.addTab(self.staff, "Lực lượng trực và báo bận")
        self.patterns.extra.addWidget(self.staff.rules_box)
        self.tabs.addTab(self.patterns, "Mẫu ca trực và quy định")
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self._own_change = False
        self.reload()

    def reload(self) -> None:
        def job() -> tuple[Any, ...]:
            db = self.ctx.db
            return cps.list_checkpoints(db), cps.list_patterns(db), cps.list_staff(db)

        self.ctx.run(job, self._loaded, parent=self)

    def _loaded(self, result: tuple[Any, ...]) -> None:
        checkpoints, patterns, staff = result
        self.checkpoints.set_data(checkpoints, patterns)
        self.patterns.set_data(patterns)
        self.staff.set_staff(staff)

    def changed(self, message: str) -> None:
        self.status.setText(message)
        self.reload()
        self._own_change = True
        self.ctx.announce(CHANGED)
        self._own_change = False

    def on_changes(self, changes: Changes) -> None:
        if not self._own_change and (changes.checkpoints or changes.persons
                                     or changes.settings or changes.health):
            self.reload()
