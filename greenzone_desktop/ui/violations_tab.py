"""Violations of the prevention rules: who, what, when, where, how handled, status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.violations import (
    CHANGED,
    ViolationInput,
    ViolationView,
    delete_violation,
    list_violations,
    save_violation,
)
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.small_table import (
    Col,
    SmallTableModel,
    confirm,
    current_item,
    date_edit,
    date_text,
    edit_date,
    submit,
    table_view,
)
from greenzone_desktop.vocab import ViolationHandling, ViolationStatus

COLUMNS = [
    Col("Ngày", lambda v: date_text(v.occurred_on)),
    Col("Người, cơ sở vi phạm", lambda v: v.full_name),
    Col("Hành vi vi phạm", lambda v: v.what),
    Col("Nơi vi phạm", lambda v: v.place),
    Col("Hình thức xử lý", lambda v: v.handling_label),
    Col("Tiền phạt", lambda v: f"{format_number(v.fine_amount)} đ" if v.fine_amount
        else "", align_right=True),
    Col("Trạng thái", lambda v: v.status_label,
        colour=lambda v: "#c62828" if v.status == ViolationStatus.OPEN else "#2e7d32"),
]


class ViolationDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, v: ViolationView | None = None,
                 on_save: Callable[[ViolationDialog], None] | None = None):
        super().__init__(parent)
        self.on_save = on_save
        self.setWindowTitle("Sửa vi phạm" if v else "Ghi nhận vi phạm")
        self.resize(560, 320)
        self.name = QLineEdit(v.full_name if v else "")
        self.what = QLineEdit(v.what if v else "")
        self.what.setPlaceholderText("Ví dụ: Tụ tập đông người, không đeo khẩu trang")
        self.day = date_edit(v.occurred_on if v else date.today())
        self.place = QLineEdit(v.place if v else "")
        self.handling = QComboBox()
        self.handling.addItem("Chưa xử lý", "")
        for h in ViolationHandling:
            self.handling.addItem(h.label, h.value)
        self.fine = QSpinBox()
        self.fine.setRange(0, 500_000_000)
        self.fine.setSingleStep(500_000)
        self.fine.setSuffix(" đồng")
        self.fine.setGroupSeparatorShown(True)
        self.closed = QCheckBox("Đã xử lý xong")
        if v:
            self.handling.setCurrentIndex(max(0, self.handling.findData(v.handling)))
            self.fine.setValue(v.fine_amount)
            self.closed.setChecked(v.status == ViolationStatus.CLOSED)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(lambda: self.on_save(self) if self.on_save else self.accept())
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Họ tên người (cơ sở) vi phạm", self.name)
        form.addRow("Hành vi vi phạm", self.what)
        form.addRow("Ngày vi phạm", self.day)
        form.addRow("Nơi vi phạm", self.place)
        form.addRow("Hình thức xử lý", self.handling)
        form.addRow("Số tiền phạt", self.fine)
        form.addRow("", self.closed)
        form.addRow(self.error)
        form.addRow(buttons)

    def value(self) -> ViolationInput:
        return ViolationInput(
            self.name.text(), self.what.text(), edit_date(self.day), self.place.text(),
            self.handling.currentData() or "", self.fine.value(),
            ViolationStatus.CLOSED.value if self.closed.isChecked()
            else ViolationStatus.OPEN.value)


class ViolationsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = SmallTableModel(COLUMNS, self)
        self.view = table_view(self.model, stretch=2)
        self.view.doubleClicked.connect(lambda *_: self.edit())
        self.open_only = QCheckBox("Chỉ hiện vi phạm chưa xử lý xong")
        self.open_only.toggled.connect(lambda _c: self.reload())
        add = QPushButton("Ghi nhận vi phạm…")
        add.clicked.connect(lambda: self.edit(new=True))
        edit = QPushButton("Sửa, cập nhật xử lý…")
        edit.clicked.connect(lambda: self.edit())
        remove = QPushButton("Xóa")
        remove.clicked.connect(self.remove)
        bar = QHBoxLayout()
        for w in (add, edit, remove):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.open_only)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.reload()

    def reload(self) -> None:
        db, open_only = self.ctx.db, self.open_only.isChecked()
        self.ctx.run(lambda: list_violations(db, open_only=open_only), self.model.set_rows,
                     parent=self)

    def select(self, violation_id: str) -> None:
        for row, v in enumerate(self.model.rows):
            if v.id == violation_id:
                self.view.selectRow(row)

    def edit(self, *, new: bool = False) -> ViolationDialog | None:
        """Open the form (new, or the selected violation); it saves and closes itself."""
        v = None if new else current_item(self.view)
        if not new and v is None:
            return None
        db = self.ctx.db
        vid = v.id if v else None

        def save(dlg: ViolationDialog) -> None:
            value = dlg.value()
            submit(self.ctx, dlg, lambda: save_violation(db, value, vid), CHANGED)

        self.dialog = ViolationDialog(self, v, save)
        self.dialog.open()
        return self.dialog

    def remove(self) -> None:
        v = current_item(self.view)
        if v is None or not confirm(self, f"Xóa vi phạm của {v.full_name} ({v.what})?"):
            return
        db = self.ctx.db
        self.ctx.run(lambda: delete_violation(db, v.id), self.ctx.announce, parent=self)
