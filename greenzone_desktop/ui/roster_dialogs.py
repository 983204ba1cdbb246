"""Dialogs of the roster page: the staff picker (type a few letters, Enter) and the swap of
two people's shifts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.roster import StaffChoice
from greenzone_desktop.text import fold
from greenzone_desktop.ui.roster_models import fmt_hours


class _FilterEdit(QLineEdit):
    """Up/Down move in the list below while the cursor stays in the filter."""

    def __init__(self, target: QListWidget):
        super().__init__()
        self.target = target

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp,
                           Qt.Key.Key_PageDown):
            self.target.keyPressEvent(event)
            return
        super().keyPressEvent(event)


class StaffPicker(QDialog):
    """Who may take the shift first (fewest hours first), then the others with why not.

    Typing filters by name (accents optional); Enter takes the highlighted person.
    """

    def __init__(self, title: str, choices: Sequence[StaffChoice], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(520, 480)
        self.choices = list(choices)
        self.chosen: str | None = None
        self.list = QListWidget()
        self.filter = _FilterEdit(self.list)
        self.filter.setPlaceholderText("Gõ tên để tìm, Enter để chọn")
        self.filter.textChanged.connect(self._refill)
        self.filter.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _item: self.accept())
        hint = QLabel("Người in đậm có thể nhận ca; người màu xám vướng quy định (rê chuột để "
                      "xem lý do), vẫn chọn được nếu cần.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Chọn")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._refill("")
        self.filter.setFocus()

    def _refill(self, text: str) -> None:
        key = fold(text)
        self.list.clear()
        for c in self.choices:
            if key and key not in fold(c.name):
                continue
            label = f"{c.name} — {fmt_hours(c.hours_week)} giờ trong tuần"
            if c.organisation:
                label += f" ({c.organisation})"
            item = QListWidgetItem(label if c.ok else f"{label} — {c.reason}")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            font = item.font()
            font.setBold(c.ok)
            item.setFont(font)
            if not c.ok:
                item.setForeground(QBrush(QColor("#888888")))
                item.setToolTip(c.reason)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        super().accept()


class SwapDialog(QDialog):
    """Pick two people whose shifts of the week are exchanged."""

    def __init__(self, people: Sequence[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Đổi ca cho hai người")
        self.first, self.second = QComboBox(), QComboBox()
        for combo in (self.first, self.second):
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            for sid, name in people:
                combo.addItem(name, sid)
        if len(people) > 1:
            self.second.setCurrentIndex(1)
        form = QFormLayout()
        form.addRow("Người thứ nhất:", self.first)
        form.addRow("Người thứ hai:", self.second)
        note = QLabel("Mọi ca trong tuần của hai người được đổi cho nhau (ca có cả hai người "
                      "giữ nguyên).")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đổi ca")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def pair(self) -> tuple[str, str]:
        return self.first.currentData(), self.second.currentData()
