"""A small form dialog built from a field list (teams, members, hotlines, groups, mailboxes,
tips): it hands its values to a save callback and stays open with the message on an error."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from greenzone_desktop.ui.small_table import date_edit, edit_date


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text | long | date | optional_date | int | choice | check
    value: Any = None
    choices: Sequence[tuple[str, Any]] = ()  # (label, value) for "choice"
    placeholder: str = ""


class FormDialog(QDialog):
    def __init__(self, title: str, fields: Sequence[Field],
                 on_save: Callable[[FormDialog], None] | None = None,
                 parent: QWidget | None = None, *, save_text: str = "Lưu"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.on_save = on_save
        self.widgets: dict[str, QWidget] = {}
        self.fields = list(fields)
        form = QFormLayout(self)
        for f in fields:
            w = self._widget(f)
            self.widgets[f.key] = w
            form.addRow("" if f.kind == "check" else f.label, w)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _widget(f: Field) -> QWidget:
        if f.kind in ("date", "optional_date"):
            return date_edit(f.value if f.kind == "optional_date" else (f.value or date.today()),
                             optional=f.kind == "optional_date")
        if f.kind == "int":
            w = QSpinBox()
            w.setRange(0, 1_000_000)
            w.setValue(int(f.value or 0))
            return w
        if f.kind == "choice":
            w = QComboBox()
            for label, value in f.choices:
                w.addItem(label, value)
            if f.value is not None:
                w.setCurrentIndex(max(0, w.findData(f.value)))
            return w
        if f.kind == "check":
            w = QCheckBox(f.label)
            w.setChecked(bool(f.value))
            return w
        if f.kind == "long":
            w = QPlainTextEdit(f.value or "")
            w.setMaximumHeight(80)
            w.setPlaceholderText(f.placeholder)
            return w
        w = QLineEdit(f.value or "")
        w.setPlaceholderText(f.placeholder)
        return w

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in self.fields:
            w = self.widgets[f.key]
            if f.kind in ("date", "optional_date"):
                out[f.key] = edit_date(w)
            elif f.kind == "int":
                out[f.key] = w.value()
            elif f.kind == "choice":
                out[f.key] = w.currentData()
            elif f.kind == "check":
                out[f.key] = w.isChecked()
            elif f.kind == "long":
                out[f.key] = w.toPlainText()
            else:
                out[f.key] = w.text()
        return out

    def set_value(self, key: str, value: Any) -> None:
        """Fill a field (tests and callers that pre-fill)."""
        w = self.widgets[key]
        if isinstance(w, QLineEdit):
            w.setText(value)
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(value)
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox):
            w.setValue(int(value))
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))

    def _save(self) -> None:
        if self.on_save is None:
            self.accept()
        else:
            self.on_save(self)

    def save(self) -> None:
        """Press Save."""
        self._save()
