"""The form for one household member: keyboard-only entry (Tab between fields, Enter saves,
Esc cancels), inline Vietnamese messages under each field, and a duplicate warning while typing
(same CCCD, or same name and birth date elsewhere) with a link to the other household."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.duplicates import Duplicate, find_duplicates
from greenzone_desktop.services.errors import ValidationError
from greenzone_desktop.services.register import DoseInput, PersonInput, clean_person
from greenzone_desktop.services.register_views import MemberView
from greenzone_desktop.text import format_date
from greenzone_desktop.vocab import Relation, Residency, Sex

DOSES = 3
DUPLICATE_DELAY_MS = 250
ERROR_STYLE = "color: #b3261e; font-size: 11px;"
WARNING_STYLE = ("color: #7a4a00; background: #fff4d6; border: 1px solid #e8c766;"
                 " padding: 4px; border-radius: 3px;")


def _combo(vocab: type, name: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for member in vocab:
        box.addItem(member.label, member.value)
    return box


class MemberForm(QWidget):
    """Edits one member (or a new one). `submitted` on Enter, `cancelled` on Esc,
    `open_household(id)` when the duplicate warning's link is followed."""

    submitted = Signal()
    cancelled = Signal()
    open_household = Signal(str)

    FIELDS = ("full_name", "sex", "birth", "relation", "cccd", "phone", "residency",
              "residency_until", "occupation", "workplace", "doses")

    def __init__(self, ctx: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.member: MemberView | None = None
        self.household_id: str | None = None
        self._doses_touched = False
        self._loading = False
        self.duplicates: list[Duplicate] = []

        self.full_name = QLineEdit()
        self.full_name.setPlaceholderText("Họ và tên (có dấu)")
        self.sex = _combo(Sex, "sex")
        self.birth = QLineEdit()
        self.birth.setPlaceholderText("dd/mm/yyyy hoặc năm sinh")
        self.relation = _combo(Relation, "relation")
        self.cccd = QLineEdit()
        self.cccd.setPlaceholderText("12 số (hoặc CMND 9 số)")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("Số di động")
        self.residency = _combo(Residency, "residency")
        self.residency_until = QLineEdit()
        self.residency_until.setObjectName("residency_until")
        self.residency_until.setPlaceholderText("dd/mm/yyyy (người tạm trú)")
        self.occupation = QLineEdit()
        self.workplace = QLineEdit()
        self.dose_dates: list[QLineEdit] = []
        self.dose_vaccines: list[QLineEdit] = []
        for n in range(1, DOSES + 1):
            d = QLineEdit()
            d.setPlaceholderText(f"Ngày tiêm mũi {n}")
            v = QLineEdit()
            v.setPlaceholderText("Loại vắc-xin")
            self.dose_dates.append(d)
            self.dose_vaccines.append(v)
        for name in ("full_name", "birth", "cccd", "phone", "occupation", "workplace"):
            getattr(self, name).setObjectName(name)

        self.errors: dict[str, QLabel] = {}
        for f in self.FIELDS:
            label = QLabel("")
            label.setObjectName(f"error_{f}")
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)
            label.setVisible(False)
            self.errors[f] = label
        self.duplicate_label = QLabel("")
        self.duplicate_label.setObjectName("duplicate_warning")
        self.duplicate_label.setStyleSheet(WARNING_STYLE)
        self.duplicate_label.setWordWrap(True)
        self.duplicate_label.setTextFormat(Qt.TextFormat.RichText)
        self.duplicate_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction)
        self.duplicate_label.setVisible(False)
        self.duplicate_label.linkActivated.connect(self.open_household.emit)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        left = [("Họ và tên *", self.full_name, "full_name"), ("Giới tính", self.sex, "sex"),
                ("Ngày sinh", self.birth, "birth"),
                ("Quan hệ với chủ hộ", self.relation, "relation"),
                ("Cư trú", self.residency, "residency")]
        right = [("Số CCCD", self.cccd, "cccd"), ("Điện thoại", self.phone, "phone"),
                 ("Nghề nghiệp", self.occupation, "occupation"),
                 ("Nơi làm việc / học tập", self.workplace, "workplace"),
                 ("Tạm trú đến ngày", self.residency_until, "residency_until")]
        for col, items in ((0, left), (2, right)):
            for row, (text, widget, key) in enumerate(items):
                label = QLabel(text)
                label.setBuddy(widget)
                grid.addWidget(label, row * 2, col, Qt.AlignmentFlag.AlignRight)
                grid.addWidget(widget, row * 2, col + 1)
                grid.addWidget(self.errors[key], row * 2 + 1, col + 1)
        doses = QGridLayout()
        doses.setHorizontalSpacing(6)
        for i, (d, v) in enumerate(zip(self.dose_dates, self.dose_vaccines, strict=True)):
            doses.addWidget(d, 0, i * 2)
            doses.addWidget(v, 0, i * 2 + 1)
        dose_label = QLabel("Tiêm vắc-xin")
        grid.addWidget(dose_label, 10, 0, Qt.AlignmentFlag.AlignRight)
        grid.addLayout(doses, 10, 1, 1, 3)
        grid.addWidget(self.errors["doses"], 11, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.duplicate_label)

        order = self.tab_chain()
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)

        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(DUPLICATE_DELAY_MS)
        self._dup_timer.timeout.connect(self.check_duplicates)
        for w in (self.full_name, self.birth, self.cccd):
            w.textChanged.connect(self._identity_changed)
        self.sex.currentIndexChanged.connect(lambda _i: self._identity_changed())
        for w, key in ((self.full_name, "full_name"), (self.birth, "birth"),
                       (self.cccd, "cccd"), (self.phone, "phone"),
                       (self.residency_until, "residency_until")):
            w.editingFinished.connect(lambda key=key: self.validate(only=(key,)))
        for w in (*self.dose_dates, *self.dose_vaccines):
            w.textEdited.connect(self._touch_doses)
            w.editingFinished.connect(lambda: self.validate(only=("doses",)))

    def tab_chain(self) -> list[QWidget]:
        """The fields in Tab order: left column, then right column, then the doses."""
        order: list[QWidget] = [self.full_name, self.sex, self.birth, self.relation,
                                self.residency, self.cccd, self.phone, self.occupation,
                                self.workplace, self.residency_until]
        for d, v in zip(self.dose_dates, self.dose_vaccines, strict=True):
            order += [d, v]
        return order

    # -- values -----------------------------------------------------------------------------

    def load(self, member: MemberView | None, *, household_has_head: bool = True) -> None:
        """Show `member` (None: an empty form for a new member)."""
        self._loading = True
        self.member = member
        self._doses_touched = False
        self.clear_errors()
        self._show_duplicates([])
        m = member
        self.full_name.setText(m.full_name if m else "")
        self._set_code(self.sex, m.sex if m else Sex.MALE.value)
        self.birth.setText(m.birth_text if m else "")
        default_relation = Relation.OTHER.value if household_has_head else Relation.HEAD.value
        self._set_code(self.relation, m.relation if m else default_relation)
        self.cccd.setText(m.cccd or "" if m else "")
        self.phone.setText(m.phone or "" if m else "")
        self._set_code(self.residency, m.residency if m else Residency.PERMANENT.value)
        for box in (self.sex, self.relation, self.residency):
            box.view().keyboardSearch("")  # a fast typist's next "Con" is not "VợCon"
        self.residency_until.setText(format_date(m.residency_until) if m else "")
        self.occupation.setText(m.occupation if m else "")
        self.workplace.setText(m.workplace if m else "")
        doses = {no: (on, vaccine) for no, on, vaccine in (m.doses if m else ())}
        for n in range(DOSES):
            on, vaccine = doses.get(n + 1, (None, ""))
            self.dose_dates[n].setText(format_date(on))
            self.dose_vaccines[n].setText(vaccine)
        self._loading = False

    @staticmethod
    def _set_code(box: QComboBox, code: str) -> None:
        box.setCurrentIndex(max(0, box.findData(code)))

    def is_blank(self) -> bool:
        texts = [self.full_name, self.birth, self.cccd, self.phone, self.occupation,
                 self.workplace, self.residency_until, *self.dose_dates, *self.dose_vaccines]
        return self.member is None and not any(w.text().strip() for w in texts)

    def is_dirty(self) -> bool:
        """Typed something that is not saved yet."""
        if self.member is None:
            return not self.is_blank()
        try:
            return self._comparable(self.person_input()) != self._comparable(
                self._input_of(self.member))
        except ValidationError:
            return True

    def _comparable(self, p: PersonInput) -> tuple:
        return (p.full_name.strip(), p.sex, str(p.birth or "").strip(), p.relation,
                str(p.cccd or "").strip(), str(p.phone or "").strip(), p.residency,
                str(p.residency_until or "").strip(), p.occupation.strip(), p.workplace.strip(),
                p.doses is not None)

    def _input_of(self, m: MemberView) -> PersonInput:
        return PersonInput(m.full_name, m.sex, m.birth_text, m.relation, m.cccd or "",
                           m.phone or "", m.residency, format_date(m.residency_until),
                           occupation=m.occupation, workplace=m.workplace)

    def person_input(self) -> PersonInput:
        """What is typed, as a service input; keeps the member's other fields as they are."""
        m = self.member
        doses: list[DoseInput] | None = None
        if self._doses_touched:
            doses = []
            for d, v in zip(self.dose_dates, self.dose_vaccines, strict=True):
                if d.text().strip() or v.text().strip():
                    doses.append(DoseInput(d.text().strip() or None, v.text().strip()))
        return PersonInput(
            full_name=self.full_name.text(), sex=self.sex.currentData(),
            birth=self.birth.text().strip() or None, relation=self.relation.currentData(),
            cccd=self.cccd.text().strip() or None, phone=self.phone.text().strip() or None,
            residency=self.residency.currentData(),
            residency_until=self.residency_until.text().strip() or None,
            ethnicity=m.ethnicity if m else "Kinh", religion=m.religion if m else "",
            occupation=self.occupation.text(), workplace=self.workplace.text(),
            insurance_no=m.insurance_no if m else "",
            cccd_issued_on=m.cccd_issued_on if m else None,
            cccd_issued_by=m.cccd_issued_by if m else "", notes=m.notes if m else "",
            doses=doses)

    def _touch_doses(self) -> None:
        if not self._loading:
            self._doses_touched = True

    # -- validation -------------------------------------------------------------------------

    def validate(self, only: tuple[str, ...] | None = None) -> bool:
        """Check the typed values (pure rules, no database); show the messages of `only`
        (default: every field). True when everything is valid."""
        errors: dict[str, str] = {}
        try:
            clean_person(self.person_input())
        except ValidationError as exc:
            errors = dict(exc.errors)
        errors.update(self._dose_errors())
        if self.full_name.text().strip() == "" and only is not None and "full_name" in only \
                and self.is_blank():
            errors.pop("full_name", None)  # leaving an empty new form is not an error
        for key in only or self.FIELDS:
            self.show_error(key, errors.get(key, ""))
        return not errors

    def _dose_errors(self) -> dict[str, str]:
        from greenzone_desktop.text import TextError, parse_date

        for n, d in enumerate(self.dose_dates, start=1):
            try:
                parse_date(d.text().strip() or None, field=f"Ngày tiêm mũi {n}")
            except TextError as exc:
                return {"doses": str(exc)}
        return {}

    def show_error(self, key: str, message: str) -> None:
        label = self.errors.get(key)
        if label is None:
            return
        label.setText(message)
        label.setVisible(bool(message))

    def show_errors(self, errors: dict[str, str]) -> None:
        """Messages from a refused save (keys as in services.register)."""
        self.clear_errors()
        for key, message in errors.items():
            self.show_error(key.split(".")[-1], message)

    def clear_errors(self) -> None:
        for key in self.FIELDS:
            self.show_error(key, "")

    def error_text(self, key: str) -> str:
        label = self.errors[key]
        return label.text() if label.isVisible() or label.text() else ""

    def focus_first_error(self) -> None:
        for key in self.FIELDS:
            if self.errors[key].text():
                widget = self.dose_dates[0] if key == "doses" else getattr(self, key)
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # -- duplicates -------------------------------------------------------------------------

    def _identity_changed(self, *_args: Any) -> None:
        if not self._loading:
            self._dup_timer.start()

    def check_duplicates(self) -> None:
        """Ask the database for other people with this CCCD, or this name and birth date."""
        self._dup_timer.stop()
        name, birth, cccd = self.full_name.text(), self.birth.text().strip(), self.cccd.text()
        if not cccd.strip() and not (name.strip() and birth):
            self._show_duplicates([])
            return
        db = self.ctx.db
        exclude = self.member.id if self.member else None
        asked = (name, birth, cccd)

        def done(found: list[Duplicate]) -> None:
            if asked == (self.full_name.text(), self.birth.text().strip(), self.cccd.text()):
                self._show_duplicates(found)

        self.ctx.run(lambda: find_duplicates(db, full_name=name, birth=birth or None,
                                             cccd=cccd or None, exclude_person_id=exclude),
                     done, on_error=lambda _exc: None)

    def _show_duplicates(self, found: list[Duplicate]) -> None:
        self.duplicates = list(found)
        if not found:
            self.duplicate_label.clear()
            self.duplicate_label.setVisible(False)
            return
        lines = []
        for d in found[:3]:
            text = escape(d.message)
            if d.household_id != self.household_id:
                text += f' <a href="{escape(d.household_id)}">Mở hộ {escape(d.household_code)}</a>'
            else:
                text += " (cùng hộ này)"
            lines.append(("⚠ Trùng CCCD: " if d.kind == "cccd" else "⚠ Có thể trùng người: ")
                         + text)
        self.duplicate_label.setText("<br>".join(lines))
        self.duplicate_label.setVisible(True)

    # -- keys -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier):
            self.submitted.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            event.accept()
            return
        super().keyPressEvent(event)
