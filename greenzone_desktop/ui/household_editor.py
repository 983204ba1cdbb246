"""The household editor: the household's fields and its members in one window, keyboard only.

Keys: Tab moves through the household fields, the members table and the member form; in the
form Enter saves the member (the form then starts the next one) and Esc drops the typing (a
second Esc closes). In the members table Enter edits, Delete removes (Ctrl+Z brings back),
Ctrl+N starts a new member. Ctrl+S saves the household fields (closing saves them too).
Every change is saved at once through the services, on the database worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import register as reg
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import DuplicateError, ValidationError
from greenzone_desktop.services.household_list import household_view
from greenzone_desktop.services.register import HouseholdInput
from greenzone_desktop.services.register_views import HouseholdView, MemberView
from greenzone_desktop.ui.context import show_error
from greenzone_desktop.ui.household_widgets import HouseholdPicker, MembersModel, read_only_table
from greenzone_desktop.ui.member_form import ERROR_STYLE, MemberForm
from greenzone_desktop.vocab import HouseholdKind

MEMBER_WIDTHS = [190, 110, 90, 60, 110, 100, 90, 120]


def _button(text: str, name: str) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setAutoDefault(False)
    return b


class HouseholdEditor(QDialog):
    """Edit one household (`household_id`) or create one (None: saved with its first member)."""

    open_household = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: Any, household_id: str | None, *, areas: list[str] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.view: HouseholdView | None = None
        self.removed: list[tuple[str, str]] = []  # (person id, name) for Ctrl+Z
        self.setWindowTitle("Hộ gia đình mới" if household_id is None else "Hộ gia đình")
        self.setObjectName("household_editor")

        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setPlaceholderText("Để trống: tự đánh mã")
        self.kind = QComboBox()
        for k in HouseholdKind:
            self.kind.addItem(k.label, k.value)
        self.area = QComboBox()
        self.area.setObjectName("area")
        self.area.setEditable(True)
        self.area.addItems(areas or [])
        self.area.setCurrentText("")
        self.address = QLineEdit()
        self.address.setObjectName("address")
        self.address.setPlaceholderText("Số nhà, đường / xóm")
        self.phone = QLineEdit()
        self.phone.setObjectName("household_phone")
        self.notes = QLineEdit()
        self.household_error = QLabel("")
        self.household_error.setObjectName("household_error")
        self.household_error.setStyleSheet(ERROR_STYLE)
        self.household_error.setWordWrap(True)
        self.household_error.setVisible(False)
        form = QFormLayout()
        form.addRow("Mã hộ", self.code)
        form.addRow("Loại hộ", self.kind)
        form.addRow("Tổ / khu vực", self.area)
        form2 = QFormLayout()
        form2.addRow("Địa chỉ", self.address)
        form2.addRow("Điện thoại", self.phone)
        form2.addRow("Ghi chú", self.notes)
        fields = QHBoxLayout()
        fields.addLayout(form, 1)
        fields.addLayout(form2, 2)
        self.save_button = _button("Lưu thông tin hộ (Ctrl+S)", "save_household")
        self.history_button = _button("Lịch sử", "history")
        head_box = QGroupBox("Thông tin hộ")
        head_layout = QVBoxLayout(head_box)
        head_layout.addLayout(fields)
        head_layout.addWidget(self.household_error)

        self.members_model = MembersModel(self)
        self.members = read_only_table("members")
        self.members.setModel(self.members_model)
        for i, w in enumerate(MEMBER_WIDTHS):
            self.members.setColumnWidth(i, w)
        self.members.installEventFilter(self)
        self.members.doubleClicked.connect(lambda i: self.edit_member(i.row()))
        self.new_member_button = _button("Thành viên mới (Ctrl+N)", "new_member")
        self.head_button = _button("Đặt làm chủ hộ", "set_head")
        self.move_button = _button("Chuyển sang hộ khác…", "move_member")
        self.remove_button = _button("Xóa thành viên (Delete)", "remove_member")
        member_buttons = QHBoxLayout()
        for b in (self.new_member_button, self.head_button, self.move_button,
                  self.remove_button):
            member_buttons.addWidget(b)
        member_buttons.addStretch(1)

        self.form = MemberForm(ctx, self)
        self.form_title = QLabel("")
        self.form_title.setObjectName("form_title")
        self.form_title.setStyleSheet("font-weight: bold;")
        self.save_member_button = _button("Lưu thành viên (Enter)", "save_member")
        self.cancel_member_button = _button("Bỏ (Esc)", "cancel_member")
        form_buttons = QHBoxLayout()
        form_buttons.addWidget(self.form_title, 1)
        form_buttons.addWidget(self.save_member_button)
        form_buttons.addWidget(self.cancel_member_button)
        member_box = QGroupBox("Thành viên")
        member_layout = QVBoxLayout(member_box)
        member_layout.addWidget(self.members, 1)
        member_layout.addLayout(member_buttons)
        member_layout.addLayout(form_buttons)
        member_layout.addWidget(self.form)

        self.message = QLabel("")
        self.message.setObjectName("editor_message")
        self.close_button = _button("Đóng", "close")
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.history_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(head_box)
        layout.addWidget(member_box, 1)
        layout.addLayout(bottom)
        self.resize(1100, 700)

        chain = [self.code, self.kind, self.area, self.address, self.phone, self.notes,
                 self.members, *self.form.tab_chain(), self.save_member_button,
                 self.cancel_member_button, self.new_member_button, self.head_button,
                 self.move_button, self.remove_button, self.history_button, self.save_button,
                 self.close_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

        self.save_button.clicked.connect(self.save_household)
        self.history_button.clicked.connect(self.show_history)
        self.close_button.clicked.connect(self.close_editor)
        self.new_member_button.clicked.connect(self.new_member)
        self.head_button.clicked.connect(self.make_head)
        self.move_button.clicked.connect(self.move_member)
        self.remove_button.clicked.connect(self.remove_member)
        self.save_member_button.clicked.connect(self.save_member)
        self.cancel_member_button.clicked.connect(self.cancel_member)
        self.form.submitted.connect(self.save_member)
        self.form.cancelled.connect(self.cancel_member)
        self.form.open_household.connect(self._open_other)
        for keys, slot in (("Ctrl+S", self.save_household), ("Ctrl+N", self.new_member),
                           ("Ctrl+Z", self.undo_remove)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

        self.start(household_id)

    def start(self, household_id: str | None, areas: list[str] | None = None) -> None:
        """Show another household (None: a new one) in this window, as if just opened."""
        self.household_id = self.form.household_id = household_id
        self.view = None
        self.removed = []
        if areas is not None and areas != [self.area.itemText(i)
                                           for i in range(self.area.count())]:
            self.area.clear()
            self.area.addItems(areas)
        self.setWindowTitle("Hộ gia đình mới" if household_id is None else "Hộ gia đình")
        for w in (self.code, self.address, self.phone, self.notes):
            w.clear()
        self.kind.setCurrentIndex(0)
        self.area.setCurrentText("")
        self.household_error.setVisible(False)
        self.say("")
        self.members_model.set_members((), None)
        self.new_member()
        if household_id is None:
            self._fill(None)
            self.area.setFocus()
        else:
            self.reload(focus_members=True)

    # -- loading ----------------------------------------------------------------------------

    def reload(self, *, select_person: str | None = None, focus_members: bool = False) -> None:
        db, hid = self.ctx.db, self.household_id

        def done(view: HouseholdView) -> None:
            self._fill(view, select_person)
            if focus_members:
                self.members.setFocus()
            self.loaded.emit()

        self.ctx.run(lambda: household_view(db, hid), done, parent=self)

    def _fill(self, view: HouseholdView | None, select_person: str | None = None) -> None:
        self.view = view
        if view is not None:
            self.setWindowTitle(f"Hộ {view.code} — {view.head_name or 'chưa có chủ hộ'}")
            self.code.setText(view.code)
            self.kind.setCurrentIndex(max(0, self.kind.findData(view.kind)))
            self.area.setCurrentText(view.area)
            self.address.setText(view.address)
            self.phone.setText(view.phone or "")
            self.notes.setText(view.notes)
        self.members_model.set_members(view.members if view else (), view.head_id if view else None)
        has = bool(view and view.members)
        for b in (self.head_button, self.move_button, self.remove_button):
            b.setEnabled(has)
        self.history_button.setEnabled(view is not None)
        row = self.members_model.row_of(select_person) if select_person else (0 if has else -1)
        if row >= 0:
            self.members.selectRow(row)
        if self.form.member is None and self.form.is_blank():  # never wipe what is being typed
            self.form.load(None, household_has_head=bool(view and view.head_id))
            self._form_title()

    def household_input(self) -> HouseholdInput:
        return HouseholdInput(code=self.code.text(), kind=self.kind.currentData(),
                              address=self.address.text(), area=self.area.currentText(),
                              phone=self.phone.text().strip() or None, notes=self.notes.text())

    def household_dirty(self) -> bool:
        v = self.view
        if v is None:
            return any(w.text().strip() for w in (self.code, self.address, self.phone,
                                                  self.notes)) or bool(self.area.currentText())
        now = (self.code.text().strip(), self.kind.currentData(), self.area.currentText().strip(),
               self.address.text().strip(), self.phone.text().strip(), self.notes.text().strip())
        return now != (v.code, v.kind, v.area, v.address, v.phone or "", v.notes)

    def current_member(self) -> MemberView | None:
        index = self.members.currentIndex()
        rows = self.members_model.members
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    # -- household --------------------------------------------------------------------------

    def save_household(self, *, then_close: bool = False) -> None:
        db, data, hid = self.ctx.db, self.household_input(), self.household_id
        self.household_error.setVisible(False)

        def done(result: Any) -> None:
            if hid is None:
                self.household_id = self.form.household_id = result
            self.say("Đã lưu thông tin hộ.")
            self.ctx.announce(Changes(households=True))
            if then_close:
                self.accept()
            else:
                self.reload()

        job = (lambda: reg.create_household(db, data, [])) if hid is None else \
            (lambda: reg.update_household(db, hid, data))
        self.ctx.run(job, done, parent=self, on_error=self._household_failed)

    def _household_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError | DuplicateError):
            self.household_error.setText(str(exc))
            self.household_error.setVisible(True)
        else:
            show_error(self, exc)

    def show_history(self) -> None:
        if self.view is None:
            return
        from greenzone_desktop.ui.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.ctx, "households", self.view.id, f"hộ {self.view.code}",
                               parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        dialog.open()

    # -- members ----------------------------------------------------------------------------

    def _form_title(self) -> None:
        m = self.form.member
        self.form_title.setText(f"Sửa thông tin: {m.full_name}" if m else "Thêm thành viên mới")

    def new_member(self) -> None:
        self.form.load(None, household_has_head=bool(self.view and self.view.head_id))
        self._form_title()
        self.form.full_name.setFocus()

    def edit_member(self, row: int | None = None) -> None:
        if row is not None and 0 <= row < self.members_model.rowCount():
            self.members.selectRow(row)
        m = self.current_member()
        if m is None:
            return
        self.form.load(m)
        self._form_title()
        self.form.full_name.setFocus()
        self.form.full_name.selectAll()

    def save_member(self) -> None:
        if self.form.is_blank():
            self.say("Gõ họ và tên thành viên trước khi lưu.")
            self.form.full_name.setFocus()
            return
        if not self.form.validate():
            self.form.focus_first_error()
            return
        db, person, member = self.ctx.db, self.form.person_input(), self.form.member
        hid, household = self.household_id, self.household_input()

        def job() -> tuple[str, str]:
            if member is not None:
                reg.update_member(db, member.id, person)
                return hid or "", member.id
            if hid is None:
                new_hid = reg.create_household(db, household, [person])
                return new_hid, household_view(db, new_hid).members[0].id
            return hid, reg.add_member(db, hid, person)

        def done(result: tuple[str, str]) -> None:
            new_hid, pid = result
            self.household_id = self.form.household_id = new_hid
            self.say(f"Đã lưu {person.full_name.strip()}.")
            self.ctx.announce(Changes(households=True, persons=True))
            self.form.load(None, household_has_head=True)
            self._form_title()
            self.reload(select_person=pid)
            self.form.full_name.setFocus()

        self.ctx.run(job, done, parent=self, on_error=self._member_failed)

    def _member_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.form.show_errors(exc.errors)
            self.form.focus_first_error()
        elif isinstance(exc, DuplicateError) and exc.field:
            self.form.show_errors({exc.field: str(exc)})
            self.form.focus_first_error()
        else:
            show_error(self, exc)

    def cancel_member(self) -> None:
        """Esc: drop the typing; with nothing typed, close the editor."""
        if self.form.is_dirty() or self.form.member is not None:
            self.new_member()
            self.members.setFocus()
            return
        self.close_editor()

    def remove_member(self) -> None:
        m = self.current_member()
        if m is None:
            return
        db = self.ctx.db

        def done(changes: Changes) -> None:
            self.removed.append((m.id, m.full_name))
            self.say(f"Đã xóa {m.full_name} khỏi hộ. Nhấn Ctrl+Z để hoàn tác.")
            self.ctx.announce(changes)
            if self.form.member is not None and self.form.member.id == m.id:
                self.new_member()
            self.reload()
            self.members.setFocus()

        self.ctx.run(lambda: reg.delete_person(db, m.id), done, parent=self)

    def undo_remove(self) -> None:
        if not self.removed:
            self.say("Không còn thao tác nào để hoàn tác.")
            return
        pid, name = self.removed.pop()
        db = self.ctx.db

        def done(changes: Changes) -> None:
            self.say(f"Đã khôi phục {name}.")
            self.ctx.announce(changes)
            self.reload(select_person=pid)

        self.ctx.run(lambda: reg.restore_person(db, pid), done, parent=self)

    def make_head(self) -> None:
        m, hid = self.current_member(), self.household_id
        if m is None or hid is None:
            return
        db = self.ctx.db

        def done(changes: Changes) -> None:
            self.say(f"{m.full_name} là chủ hộ.")
            self.ctx.announce(changes)
            self.reload(select_person=m.id)

        self.ctx.run(lambda: reg.set_head(db, hid, m.id), done, parent=self)

    def move_member(self) -> None:
        m = self.current_member()
        if m is None:
            return
        picker = HouseholdPicker(self.ctx, f"Chuyển {m.full_name} sang hộ:",
                                 exclude=self.household_id, parent=self)
        self.picker = picker
        picker.accepted.connect(lambda: self._moved(m, picker))
        picker.open()

    def _moved(self, m: MemberView, picker: HouseholdPicker) -> None:
        target = picker.chosen
        if target is None:
            return
        db = self.ctx.db

        def done(changes: Changes) -> None:
            self.say(f"Đã chuyển {m.full_name} sang hộ {target.code}.")
            self.ctx.announce(changes)
            self.reload()

        self.ctx.run(lambda: reg.move_member(db, m.id, target.id), done, parent=self)

    # -- closing and keys -------------------------------------------------------------------

    def _open_other(self, household_id: str) -> None:
        self.open_household.emit(household_id)

    def say(self, text: str) -> None:
        self.message.setText(text)

    def close_editor(self) -> None:
        """Close, saving changed household fields first (a refused save keeps it open)."""
        if self.household_dirty() and self.household_id is not None:
            self.save_household(then_close=True)
            return
        self.accept()

    def reject(self) -> None:  # Esc outside the member form, or the window's close button
        self.close_editor()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.members and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_member()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.remove_member()
                return True
        return super().eventFilter(obj, event)
