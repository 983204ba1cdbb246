"""Dialogs of the health page: pick a person by search, add a health period (planned end from
the rule, editable number of days), end a period, add a vaccination dose."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import health, vaccination
from greenzone_desktop.services.search import find_people
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.text import TextError, format_date, parse_date
from greenzone_desktop.ui.context import AppContext, error_text
from greenzone_desktop.vocab import CarePlace, HealthKind


class PersonPicker(QWidget):
    """A search box and the people it finds; `person_id` is the one chosen."""

    picked = Signal(str)

    def __init__(self, ctx: AppContext, placeholder: str = "Gõ tên, CCCD, số điện thoại hoặc mã hộ",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: str | None = None
        self.person_text = ""
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMaximumHeight(130)
        self.results.hide()
        self.chosen = QLabel("")
        self.chosen.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.find)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        # Enter searches (and must not press the dialog's default button)
        self.search.installEventFilter(self)
        self.results.itemClicked.connect(self._choose)
        self.results.itemActivated.connect(self._choose)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (obj is self.search and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.find()
            return True
        return super().eventFilter(obj, event)

    def find(self) -> None:
        self._timer.stop()
        query = self.search.text()
        self.ctx.run(lambda: find_people(self.ctx.db, query, limit=30), self._show, parent=self)

    def _show(self, hits: list) -> None:
        self.results.clear()
        for h in hits:
            text = f"{h.full_name} — {h.birth_text or 'không rõ năm sinh'} — hộ {h.household_code}"
            if h.area:
                text += f", {h.area}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, h.person_id)
            self.results.addItem(item)
        if not hits and self.search.text().strip():
            self.results.addItem(QListWidgetItem("Không tìm thấy ai."))
        self.results.setVisible(bool(self.search.text().strip()))
        if len(hits) == 1:
            self._choose(self.results.item(0))

    def _choose(self, item: QListWidgetItem) -> None:
        pid = item.data(Qt.ItemDataRole.UserRole)
        if not pid:
            return
        self.set_person(pid, item.text())
        self.results.hide()

    def set_person(self, person_id: str, text: str) -> None:
        self.person_id, self.person_text = person_id, text
        self.chosen.setText(f"Đã chọn: <b>{text}</b>")
        self.picked.emit(person_id)


class PeriodDialog(QDialog):
    """Add an F0 / F1 / F2 / quarantine period to a person (picked here unless given)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 person: tuple[str, str] | None = None, kind: str = HealthKind.F1.value,
                 period: health.PeriodView | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.editing = period
        if period is not None:
            person, kind = (period.person_id, f"{period.full_name} — {period.birth_text}"), period.kind
        self.setWindowTitle("Sửa giai đoạn" if period else "Thêm tình trạng F0/F1/F2, cách ly")
        self.resize(560, 520)
        self.settings: dict[str, Any] = {}
        self.period_id: str | None = None
        self.person = PersonPicker(ctx)
        if person:
            self.person.set_person(*person)
            self.person.search.hide()
        self.kind = QComboBox()
        for k in HealthKind:
            self.kind.addItem(k.label, k.value)
        self.place = QComboBox()
        self.start = QLineEdit(format_date(date.today()))
        self.start.setPlaceholderText("dd/mm/yyyy")
        self.days = QSpinBox()
        self.days.setRange(1, 60)
        self.days.setSuffix(" ngày")
        self.planned = QLabel("")
        self.source = PersonPicker(ctx, "Người nguồn lây (F0 của F1, F1 của F2) — có thể bỏ trống")
        self.quarantine = QComboBox()
        self.quarantine.addItem("Không", "")
        self.quarantine.addItem("Cách ly tại nhà", CarePlace.HOME.value)
        self.quarantine.addItem("Cách ly tập trung", CarePlace.CENTRALISED.value)
        self.notes = QLineEdit()
        self.end = QLineEdit()
        self.end.setPlaceholderText("dd/mm/yyyy — để trống khi chưa kết thúc")
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Người:", self.person)
        form.addRow("Loại:", self.kind)
        form.addRow("Nơi:", self.place)
        form.addRow("Ngày bắt đầu:", self.start)
        form.addRow("Số ngày theo dõi:", self.days)
        form.addRow("Dự kiến kết thúc:", self.planned)
        form.addRow("Nguồn lây:", self.source)
        self.quarantine_label = QLabel("Cách ly kèm theo:")
        form.addRow(self.quarantine_label, self.quarantine)
        form.addRow("Ghi chú:", self.notes)
        if period is not None:
            form.addRow("Ngày kết thúc:", self.end)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.place.currentIndexChanged.connect(self._rule_days)
        self.start.textChanged.connect(self._show_planned)
        self.days.valueChanged.connect(self._show_planned)
        self.quarantine.currentIndexChanged.connect(self._show_planned)
        ctx.run(lambda: all_settings(ctx.db), self._settings_loaded, parent=self)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self._kind_changed()
        if period is not None:
            self._fill(period)

    def _fill(self, p: health.PeriodView) -> None:
        self.kind.setEnabled(False)
        self.place.setCurrentIndex(max(0, self.place.findData(p.place)))
        self.start.setText(format_date(p.start_date))
        self.end.setText(format_date(p.end_date))
        self.notes.setText(p.notes)
        if p.source_person_id:
            self.source.set_person(p.source_person_id, p.source_name)
        self.quarantine.setCurrentIndex(0)
        self.quarantine.setVisible(False)
        self.quarantine_label.setVisible(False)
        self._planned_days = (p.planned_end - p.start_date).days if p.planned_end else None
        if self._planned_days:
            self.days.setValue(self._planned_days)

    def _settings_loaded(self, settings: dict) -> None:
        self.settings = settings
        if self.editing is None or not getattr(self, "_planned_days", None):
            self._rule_days()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.place.blockSignals(True)
        self.place.clear()
        for code in health.PLACES[HealthKind(kind)]:
            self.place.addItem(CarePlace(code).label if code else "Chưa rõ", code)
        self.place.blockSignals(False)
        with_source = kind in (HealthKind.F1, HealthKind.F2)
        self.source.setEnabled(with_source)
        is_quarantine = kind == HealthKind.QUARANTINE
        self.quarantine.setVisible(not is_quarantine)
        self.quarantine_label.setVisible(not is_quarantine)
        if kind in (HealthKind.F1, HealthKind.F2) and self.quarantine.currentData() == "":
            self.quarantine.setCurrentIndex(1)
        self._rule_days()

    def _rule_days(self) -> None:
        if not self.settings:
            return
        try:
            days = health.rule_days(self.settings, self.kind.currentData(),
                                    self.place.currentData() or "")
        except Exception:  # noqa: BLE001 - a broken rule: let the person type the days
            days = 14
        self.days.setValue(days)
        self._show_planned()

    def _start(self) -> date | None:
        try:
            return parse_date(self.start.text(), field="Ngày bắt đầu")
        except TextError:
            return None

    def _show_planned(self) -> None:
        start = self._start()
        if start is None:
            self.planned.setText("— (nhập ngày bắt đầu dd/mm/yyyy)")
            return
        end = start + timedelta(days=self.days.value())
        text = f"<b>{format_date(end)}</b> ({self.days.value()} ngày từ ngày bắt đầu)"
        self.planned.setText(text)

    def period_input(self) -> health.PeriodInput:
        start = self._start()
        planned = start + timedelta(days=self.days.value()) if start else None
        return health.PeriodInput(
            self.kind.currentData(), self.start.text(), planned_end=planned,
            place=self.place.currentData() or "",
            source_person_id=self.source.person_id if self.source.isEnabled() else None,
            notes=self.notes.text(), end=self.end.text() if self.editing else None,
            quarantine_place=(self.quarantine.currentData() or "")
            if self.kind.currentData() != HealthKind.QUARANTINE else "")

    def save(self) -> None:
        self.error.setText("")
        pid = self.person.person_id
        if not pid:
            self.error.setText("Chưa chọn người: gõ tên rồi chọn trong danh sách.")
            return
        period, editing = self.period_input(), self.editing
        if editing is not None:
            self.ctx.run(lambda: health.update_period(self.ctx.db, editing.id, period),
                         lambda _c: self._saved(editing.id), parent=self,
                         on_error=lambda exc: self.error.setText(error_text(exc)))
            return
        self.ctx.run(lambda: health.add_period(self.ctx.db, pid, period), self._saved,
                     parent=self, on_error=lambda exc: self.error.setText(error_text(exc)))

    def _saved(self, period_id: str) -> None:
        self.period_id = period_id
        self.accept()


class DateDialog(QDialog):
    """Ask for one date (ending a period, lifting a zone)."""

    def __init__(self, title: str, label: str, parent: QWidget | None = None,
                 initial: date | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit = QLineEdit(format_date(initial or date.today()))
        self.edit.setPlaceholderText("dd/mm/yyyy")
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        form = QFormLayout()
        form.addRow(label, self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Đồng ý")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _check(self) -> None:
        try:
            if parse_date(self.edit.text(), field="Ngày") is None:
                raise TextError("Chưa nhập ngày.", "Ngày")
        except TextError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    def value(self) -> date:
        day = parse_date(self.edit.text(), field="Ngày")
        assert day is not None
        return day


class DoseDialog(QDialog):
    """Record a person's next vaccination dose."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Thêm mũi tiêm vắc-xin")
        self.resize(520, 360)
        self.person = PersonPicker(ctx)
        self.given = QLineEdit(format_date(date.today()))
        self.vaccine = QComboBox()
        self.vaccine.setEditable(True)
        self.place = QLineEdit()
        self.place.setPlaceholderText("ví dụ: Trạm Y tế phường")
        self.doses = QLabel("")
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Người:", self.person)
        form.addRow("Đã tiêm:", self.doses)
        form.addRow("Ngày tiêm:", self.given)
        form.addRow("Vắc-xin:", self.vaccine)
        form.addRow("Nơi tiêm:", self.place)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        ctx.run(lambda: vaccination.vaccines(ctx.db), self.vaccine.addItems, parent=self)
        self.person.picked.connect(self._load_doses)

    def _load_doses(self, person_id: str) -> None:
        self.ctx.run(lambda: vaccination.person_doses(self.ctx.db, person_id), self._show_doses,
                     parent=self)

    def _show_doses(self, doses: list) -> None:
        self.doses.setText("; ".join(f"mũi {d.dose_no}: {format_date(d.given_on)} {d.vaccine}"
                                     for d in doses) or "chưa tiêm mũi nào")

    def save(self) -> None:
        pid = self.person.person_id
        if not pid:
            self.error.setText("Chưa chọn người.")
            return
        given, vaccine, place = self.given.text(), self.vaccine.currentText(), self.place.text()
        self.ctx.run(lambda: vaccination.add_dose(self.ctx.db, pid, given, vaccine, place),
                     lambda _c: self.accept(), parent=self,
                     on_error=lambda exc: self.error.setText(error_text(exc)))
