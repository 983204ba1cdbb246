"""Add or edit one organisation or business; each field shows its own Vietnamese error."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import organizations as orgs
from greenzone_desktop.services.errors import ServiceError, ValidationError
from greenzone_desktop.services.organizations import OrganizationInput, OrganizationView
from greenzone_desktop.services.print_unit import phone_text
from greenzone_desktop.text import format_date
from greenzone_desktop.vocab import OrganizationKind

FIELDS = ("name", "kind", "contact_person", "phone", "address", "area", "workers", "notes")


class OrganizationDialog(QDialog):
    """Saves on the database worker; stays open with the errors next to the fields if the
    input is refused. `saved_id` holds the organisation's id once accepted."""

    def __init__(self, ctx: Any, org: OrganizationView | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.org = org
        self.saved_id: str | None = org.id if org else None
        self.setWindowTitle("Sửa cơ quan, cơ sở" if org else "Thêm cơ quan, cơ sở")
        self.name = QLineEdit()
        self.kind = QComboBox()
        for k in OrganizationKind:
            self.kind.addItem(k.label, k.value)
        self.contact_person = QLineEdit()
        self.contact_person.setPlaceholderText("thủ trưởng, chủ cơ sở hoặc người đại diện")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("10 số, bắt đầu bằng 0")
        self.address = QLineEdit()
        self.area = QLineEdit()
        self.area.setPlaceholderText("ví dụ: Tổ 3")
        self.workers = QSpinBox()
        self.workers.setRange(0, 1_000_000)
        self.workers.setGroupSeparatorShown(True)
        self.notes = QLineEdit()
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        labels = {"name": "Tên cơ quan, cơ sở (*)", "kind": "Loại", "contact_person": "Người đại diện",
                  "phone": "Điện thoại", "address": "Địa chỉ", "area": "Tổ, khu vực",
                  "workers": "Số lao động", "notes": "Ghi chú"}
        for key in FIELDS:
            widget = getattr(self, key)
            widget.setObjectName(key)
            form.addRow(labels[key] + ":", widget)
            error = QLabel("")
            error.setProperty("role", "error")
            error.setWordWrap(True)
            error.hide()
            self.errors[key] = error
            form.addRow("", error)
            if isinstance(widget, QLineEdit):  # an error goes away as soon as it is fixed
                widget.textChanged.connect(lambda _t, e=error: e.hide())
        self.general = QLabel("")
        self.general.setProperty("role", "error")
        self.general.setWordWrap(True)
        self.signed = QLabel("")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.signed)
        layout.addWidget(self.general)
        layout.addWidget(buttons)
        if org is not None:
            self._fill(org)
        self.resize(520, 420)
        self.name.setFocus()

    def _fill(self, org: OrganizationView) -> None:
        self.name.setText(org.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(org.kind)))
        self.contact_person.setText(org.contact_person)
        self.phone.setText(phone_text(org.phone))
        self.address.setText(org.address)
        self.area.setText(org.area)
        self.workers.setValue(org.workers)
        self.notes.setText(org.notes)
        self.signed.setText(f"Đã ký cam kết ngày {format_date(org.signed_on)}"
                            f"{' — ' + org.signed_by if org.signed_by else ''}."
                            if org.signed_on else "Chưa ký cam kết.")

    def value(self) -> OrganizationInput:
        return OrganizationInput(
            name=self.name.text(), kind=self.kind.currentData(),
            contact_person=self.contact_person.text(), phone=self.phone.text() or None,
            address=self.address.text(), area=self.area.text(), workers=self.workers.value(),
            notes=self.notes.text())

    def show_errors(self, errors: dict[str, str], general: str = "") -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        self.general.setText(general)
        first = next((k for k in FIELDS if k in errors), None)
        if first:
            getattr(self, first).setFocus()

    def save(self) -> None:
        data = self.value()
        db = self.ctx.db
        org_id = self.org.id if self.org else None

        def job() -> str:
            if org_id is None:
                return orgs.create_organization(db, data)
            orgs.update_organization(db, org_id, data)
            return org_id

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self.show_errors(exc.errors)
            elif isinstance(exc, ServiceError):
                self.show_errors({}, str(exc))
            else:
                self.show_errors({}, f"Không lưu được: {exc}")

        self.ctx.run(job, self._saved, parent=self, on_error=failed)

    def _saved(self, org_id: str) -> None:
        self.saved_id = org_id
        self.ctx.announce(orgs.ORG_CHANGES)
        self.accept()
