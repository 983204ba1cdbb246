"""Asks the date and signer of a round of signing before marking many households or
organisations as signed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.text import TextError, format_date, parse_date


class SignDialog(QDialog):
    """`signed_on`, `signed_by` and `notes` once accepted. The date is checked as typed."""

    def __init__(self, what: str, parent: QWidget | None = None, *,
                 default_signer: str = "chủ hộ"):
        super().__init__(parent)
        self.setWindowTitle("Đánh dấu đã ký cam kết")
        self.signed_on: date | None = None
        self.intro = QLabel(f"Đánh dấu {what} đã ký cam kết.")
        self.intro.setWordWrap(True)
        self.date_edit = QLineEdit(format_date(date.today()))
        self.date_edit.setPlaceholderText("dd/mm/yyyy")
        self.date_edit.setObjectName("signed_on")
        self.date_error = QLabel("")
        self.date_error.setProperty("role", "error")
        self.signer = QLineEdit()
        self.signer.setObjectName("signed_by")
        self.signer.setPlaceholderText(f"bỏ trống: {default_signer} ký")
        self.notes = QLineEdit()
        self.notes.setPlaceholderText("ví dụ: đợt ký ngày hội toàn dân")
        form = QFormLayout()
        form.addRow("Ngày ký:", self.date_edit)
        form.addRow("", self.date_error)
        form.addRow("Người ký:", self.signer)
        form.addRow("Ghi chú:", self.notes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đánh dấu đã ký")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.date_edit.textChanged.connect(lambda _t: self.check())
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.date_edit.selectAll()
        self.resize(440, 200)

    def check(self) -> bool:
        try:
            self.signed_on = parse_date(self.date_edit.text(), field="Ngày ký")
            if self.signed_on is None:
                raise TextError("Cần nhập ngày ký (dd/mm/yyyy).")
        except TextError as exc:
            self.signed_on = None
            self.date_error.setText(str(exc))
            return False
        self.date_error.setText("")
        return True

    def accept(self) -> None:
        if self.check():
            super().accept()
        else:
            self.date_edit.setFocus()

    @property
    def signed_by(self) -> str:
        return self.signer.text().strip()

    @property
    def note(self) -> str:
        return self.notes.text().strip()
