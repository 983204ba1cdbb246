"""The staff pool tab of «Chốt kiểm soát»: people from the register or from outside, their
vaccination and weekly hours, their unavailability (days or hours), and the roster rules."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import checkpoints as cps
from greenzone_desktop.services import gate_log
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ValidationError
from greenzone_desktop.services.settings import all_settings, set_setting
from greenzone_desktop.ui.context import AppContext, show_error
from greenzone_desktop.ui.health_models import RED
from greenzone_desktop.ui.health_tabs import table
from greenzone_desktop.ui.lazy_table import CENTER, Column
from greenzone_desktop.ui.resident_completer import ResidentCompleter
from greenzone_desktop.ui.roster_models import fmt_hours
from greenzone_desktop.ui.small_table import SmallTableModel

if TYPE_CHECKING:
    from greenzone_desktop.ui.checkpoints_page import CheckpointsPage

STAFF_COLUMNS = [
    Column("Họ và tên", "full_name"), Column("Đơn vị", "organisation"),
    Column("Điện thoại", "phone"), Column("Vắc xin", "doses_text", align=CENTER),
    Column("Giờ/tuần", "max_hours_week", align=CENTER, fmt=fmt_hours),
    Column("Nguồn", "origin_text"),
    Column("Tham gia", "active", align=CENTER, fmt=lambda v: "Có" if v else "Tạm nghỉ"),
]
RULES = (("staff_min_doses", "Số mũi vắc xin tối thiểu:", 0, 6),
         ("staff_min_rest_hours", "Nghỉ tối thiểu giữa hai ca (giờ):", 0, 48),
         ("staff_max_hours_week", "Giờ trực tối đa mỗi tuần (mặc định):", 1, 168))


class StaffTab(QWidget):
    def __init__(self, ctx: AppContext, page: CheckpointsPage):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.editing: str | None = None
        self.person_id: str | None = None
        self.model = SmallTableModel(STAFF_COLUMNS, colour=lambda r, c: RED
                               if c.key == "doses_text" and not r.vaccinated else None)
        self.view = table(self.model, stretch=1)  # a long unit name is cut first
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show(cur.row()))
        self.lookup = QLineEdit()
        self.lookup.setPlaceholderText("Gõ tên, CCCD hoặc số điện thoại người trong sổ hộ")
        self.completer = ResidentCompleter(ctx, self.lookup)
        self.completer.picked.connect(self._picked)
        self.name, self.phone, self.notes = QLineEdit(), QLineEdit(), QLineEdit()
        self.origin = QLabel("Lực lượng ngoài")
        self.organisation = QComboBox()
        self.organisation.setEditable(True)
        self.organisation.addItems(cps.STAFF_ORGANISATIONS)
        self.organisation.setCurrentText("")
        self.doses = QSpinBox()
        self.doses.setRange(0, 6)
        self.max_hours = QSpinBox()
        self.max_hours.setRange(1, 168)
        self.max_hours.setValue(48)
        self.active = QCheckBox("Đang tham gia trực")
        self.active.setChecked(True)
        form = QFormLayout()
        form.addRow("Chọn từ sổ hộ:", self.lookup)
        form.addRow("Họ và tên:", self.name)
        form.addRow("Nguồn:", self.origin)
        form.addRow("Đơn vị:", self.organisation)
        form.addRow("Điện thoại:", self.phone)
        form.addRow("Số mũi vắc xin:", self.doses)
        form.addRow("Giờ trực tối đa/tuần:", self.max_hours)
        form.addRow("", self.active)
        form.addRow("Ghi chú:", self.notes)
        new, self.save_button, delete = (QPushButton("Người mới"), QPushButton("Lưu người trực"),
                                         QPushButton("Xóa khỏi danh sách"))
        new.clicked.connect(self.clear)
        self.save_button.clicked.connect(self.save)
        delete.clicked.connect(self.delete)
        self.name.returnPressed.connect(self.save)
        person = QGroupBox("Người trực")
        p_lay = QVBoxLayout(person)
        p_lay.addLayout(form)
        p_lay.addLayout(_row(new, self.save_button, delete))
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(person)
        lay.addWidget(self._away_box())
        self.rules_box = self._rules_box()  # shown on the patterns tab (the page places it)
        lay.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(right)
        split.setSizes([700, 440])
        QVBoxLayout(self).addWidget(split)
        self.load_rules()

    def _away_box(self) -> QGroupBox:
        box = QGroupBox("Báo bận (người đang chọn)")
        self.away = QListWidget()
        self.away.setMaximumHeight(80)
        self.away_from, self.away_to = QLineEdit(), QLineEdit()
        self.away_from.setPlaceholderText("dd/mm/yyyy")
        self.away_to.setPlaceholderText("để trống: một ngày")
        self.hour_from, self.hour_to = QLineEdit(), QLineEdit()
        for e in (self.hour_from, self.hour_to):
            e.setPlaceholderText("giờ, vd 07:00")
            e.setMaximumWidth(90)
        self.away_reason = QLineEdit()
        self.away_reason.setPlaceholderText("Lý do (ốm, đi vắng…)")
        dates, hours = QHBoxLayout(), QHBoxLayout()
        for w in (self.away_from, QLabel("đến"), self.away_to):
            dates.addWidget(w)
        for w in (self.hour_from, QLabel("đến"), self.hour_to, QLabel("(để trống: cả ngày)")):
            hours.addWidget(w)
        hours.addStretch(1)
        add, remove = QPushButton("Thêm báo bận"), QPushButton("Xóa báo bận")
        add.clicked.connect(self.add_away)
        self.away_reason.returnPressed.connect(self.add_away)
        remove.clicked.connect(self.remove_away)
        form = QFormLayout(box)
        form.addRow(self.away)
        form.addRow("Từ ngày:", dates)
        form.addRow("Giờ:", hours)
        form.addRow("Lý do:", self.away_reason)
        form.addRow(_row(add, remove))
        return box

    def _rules_box(self) -> QGroupBox:
        box = QGroupBox("Quy định xếp lịch")
        form = QFormLayout(box)
        self.rules: dict[str, QSpinBox] = {}
        for key, label, low, high in RULES:
            spin = QSpinBox()
            spin.setRange(low, high)
            self.rules[key] = spin
            form.addRow(label, spin)
        save = QPushButton("Lưu quy định")
        save.clicked.connect(self.save_rules)
        form.addRow(_row(save))
        return box

    # -- staff ---------------------------------------------------------------------------------

    def set_staff(self, staff: list[cps.StaffView]) -> None:
        self.model.set_rows(staff)
        self.view.resizeColumnsToContents()
        if self.editing:
            rows = [i for i, s in enumerate(staff) if s.id == self.editing]
            if rows:
                self.view.selectRow(rows[0])

    def _show(self, row: int) -> None:
        s = self.model.row_at(row)
        if s is None:
            return
        self.editing, self.person_id = s.id, s.person_id
        self.name.setText(s.full_name)
        self.origin.setText(s.origin_text)
        self.organisation.setCurrentText(s.organisation)
        self.phone.setText(s.phone or "")
        self.doses.setValue(s.doses)
        self.max_hours.setValue(round(s.max_hours_week))
        self.active.setChecked(s.active)
        self.notes.setText(s.notes)
        self.load_away()

    def _picked(self, hit: gate_log.ResidentHit) -> None:
        self.person_id = hit.person_id
        self.name.setText(hit.full_name)
        self.phone.setText(hit.phone or "")
        self.origin.setText("Trong sổ hộ")
        self.lookup.clear()
        self.organisation.setFocus()

    def clear(self) -> None:
        self.editing = self.person_id = None
        self.view.clearSelection()
        for e in (self.name, self.phone, self.notes, self.lookup):
            e.clear()
        self.organisation.setCurrentText("")
        self.origin.setText("Lực lượng ngoài")
        self.doses.setValue(0)
        self.max_hours.setValue(self.rules["staff_max_hours_week"].value())
        self.active.setChecked(True)
        self.away.clear()
        self.lookup.setFocus()

    def save(self) -> None:
        value = cps.StaffInput(self.name.text(), self.person_id, self.phone.text() or None,
                               self.organisation.currentText(), self.doses.value(),
                               float(self.max_hours.value()), self.active.isChecked(),
                               self.notes.text())
        editing = self.editing
        self.ctx.run(lambda: cps.save_staff(self.ctx.db, value, editing), self._saved,
                     parent=self)

    def _saved(self, _staff_id: str) -> None:
        name = self.name.text()
        self.clear()
        self.page.changed(f"Đã lưu {name} vào danh sách trực.")

    def delete(self) -> None:
        if self.editing is not None:
            sid = self.editing
            self.ctx.run(lambda: cps.delete_staff(self.ctx.db, sid),
                         lambda _c: (self.clear(), self.page.changed("Đã xóa khỏi danh sách.")),
                         parent=self)

    # -- unavailability -----------------------------------------------------------------------

    def load_away(self) -> None:
        sid = self.editing
        if sid is None:
            self.away.clear()
            return
        self.ctx.run(lambda: cps.list_unavailability(self.ctx.db, sid), self._away_loaded,
                     parent=self)

    def _away_loaded(self, rows: list[cps.UnavailabilityView]) -> None:
        self.away.clear()
        for u in rows:
            item = QListWidgetItem(u.text + (f" — {u.reason}" if u.reason else ""))
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            self.away.addItem(item)

    def add_away(self) -> None:
        sid = self.editing
        if sid is None:
            show_error(self, ValidationError({"staff": "Hãy chọn người trực trong danh sách."}))
            return
        from greenzone_desktop.ui.checkpoints_page import read_date

        try:
            first = read_date(self.away_from, "Từ ngày")
            last = read_date(self.away_to, "Đến ngày") or first
            if first is None or last is None:
                raise ValidationError({"away_from": "Chưa nhập ngày báo bận."})
            h1, h2 = _clock(self.hour_from.text()), _clock(self.hour_to.text())
        except ValidationError as exc:
            show_error(self, exc)
            return
        reason = self.away_reason.text()
        if h1 is None and h2 is None:
            job = lambda: cps.add_unavailable_days(self.ctx.db, sid, first, last, reason)  # noqa: E731
        else:
            start = datetime.combine(first, h1 or time())
            end = datetime.combine(last, h2 or time(23, 59))
            job = lambda: cps.add_unavailability(self.ctx.db, sid, start, end, reason)  # noqa: E731
        self.ctx.run(job, lambda _id: self._away_added(), parent=self)

    def _away_added(self) -> None:
        for e in (self.away_from, self.away_to, self.hour_from, self.hour_to, self.away_reason):
            e.clear()
        self.load_away()
        self.page.changed("Đã ghi báo bận.")

    def remove_away(self) -> None:
        item = self.away.currentItem()
        if item is not None:
            uid = item.data(Qt.ItemDataRole.UserRole)
            self.ctx.run(lambda: cps.delete_unavailability(self.ctx.db, uid),
                         lambda _c: (self.load_away(), self.page.changed("Đã xóa báo bận.")),
                         parent=self)

    # -- rules ----------------------------------------------------------------------------------

    def load_rules(self) -> None:
        self.ctx.run(lambda: all_settings(self.ctx.db), self._rules_loaded, parent=self)

    def _rules_loaded(self, values: dict[str, Any]) -> None:
        for key, spin in self.rules.items():
            spin.setValue(round(float(values[key])))

    def save_rules(self) -> None:
        values = {k: s.value() for k, s in self.rules.items()}

        def job() -> None:
            for key, value in values.items():
                set_setting(self.ctx.db, key, value)

        self.ctx.run(job, lambda _r: self._rules_saved(), parent=self)

    def _rules_saved(self) -> None:
        self.page.status.setText("Đã lưu quy định xếp lịch.")
        self.page.reload()
        self.ctx.announce(Changes(settings=True))


def _clock(text: str) -> time | None:
    text = text.strip()
    if not text:
        return None
    try:
        at = gate_log.parse_clock(text, datetime.now().date())
    except ValueError as exc:
        raise ValidationError({"hour": str(exc)}) from None
    return at.time() if at else None


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row
