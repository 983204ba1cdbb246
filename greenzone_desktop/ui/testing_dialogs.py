"""Dialogs of the testing page: create a round (scope, method, pool size, target group) and the
schedule helper that proposes rounds from a zone's last F0."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
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

from greenzone_desktop.services import testing, zones
from greenzone_desktop.text import format_date
from greenzone_desktop.ui.context import AppContext, error_text
from greenzone_desktop.vocab import TestMethod, TestTarget

UNIT, AREA, ZONE = "unit", "area", "zone"


def _buttons(ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    return box


class RoundDialog(QDialog):
    """A new testing round for the unit, an area or a zone."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 areas: list[str] | None = None, zone_list: list[zones.ZoneView] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.round_id: str | None = None
        self.setWindowTitle("Tạo đợt xét nghiệm")
        self.resize(500, 380)
        self.held_on = QLineEdit(format_date(date.today()))
        self.held_on.setPlaceholderText("dd/mm/yyyy")
        self.scope = QComboBox()
        self.scope.addItem("Toàn đơn vị", UNIT)
        self.scope.addItem("Một tổ/thôn", AREA)
        self.scope.addItem("Một khu phong tỏa", ZONE)
        self.area = QComboBox()
        self.area.addItems(areas or [])
        self.zone = QComboBox()
        for z in zone_list or []:
            if z.lifted_on is None:
                self.zone.addItem(z.name, z.id)
        self.method = QComboBox()
        for m in TestMethod:
            self.method.addItem(m.label, m.value)
        self.method.setCurrentIndex(self.method.findData(TestMethod.PCR_POOLED.value))
        self.pool = QSpinBox()
        self.pool.setRange(2, 20)
        self.pool.setValue(10)
        self.pool.setSuffix(" mẫu/ống")
        self.target = QComboBox()
        for t in TestTarget:
            self.target.addItem(t.label, t.value)
        self.name = QLineEdit()
        self.name.setPlaceholderText("để trống: «Đợt xét nghiệm dd/mm/yyyy — nơi»")
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Ngày lấy mẫu:", self.held_on)
        form.addRow("Phạm vi:", self.scope)
        form.addRow("Tổ/thôn:", self.area)
        form.addRow("Khu:", self.zone)
        form.addRow("Phương pháp:", self.method)
        form.addRow("Gộp mẫu:", self.pool)
        form.addRow("Đối tượng:", self.target)
        form.addRow("Tên đợt:", self.name)
        self.form = form
        buttons = _buttons("Tạo đợt")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.scope.currentIndexChanged.connect(self._update)
        self.method.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        scope = self.scope.currentData()
        self.form.setRowVisible(self.area, scope == AREA)
        self.form.setRowVisible(self.zone, scope == ZONE)
        self.pool.setEnabled(self.method.currentData() == TestMethod.PCR_POOLED)

    def round_input(self) -> testing.RoundInput:
        scope = self.scope.currentData()
        return testing.RoundInput(
            self.held_on.text(), method=self.method.currentData(), pool_size=self.pool.value(),
            target=self.target.currentData(),
            area=self.area.currentText() if scope == AREA else "",
            zone_id=self.zone.currentData() if scope == ZONE else None, name=self.name.text())

    def save(self) -> None:
        if self.scope.currentData() == ZONE and not self.zone.currentData():
            self.error.setText("Chưa có khu phong tỏa nào đang áp dụng: tạo khu ở trang Y tế.")
            return
        r = self.round_input()
        self.ctx.run(lambda: testing.create_round(self.ctx.db, r), self._saved, parent=self,
                     on_error=lambda exc: self.error.setText(error_text(exc)))

    def _saved(self, round_id: str) -> None:
        self.round_id = round_id
        self.accept()


class ScheduleDialog(QDialog):
    """From a zone's last F0, the rounds the rule proposes; tick the ones to create."""

    def __init__(self, ctx: AppContext, zone_list: list[zones.ZoneView],
                 parent: QWidget | None = None, zone_id: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.created: list[str] = []
        self.setWindowTitle("Lịch xét nghiệm theo ngày có F0 cuối cùng")
        self.resize(560, 420)
        self.zone = QComboBox()
        for z in zone_list:
            if z.lifted_on is None:
                self.zone.addItem(z.name, z.id)
        if zone_id:
            self.zone.setCurrentIndex(max(0, self.zone.findData(zone_id)))
        self.info = QLabel("")
        self.info.setWordWrap(True)
        self.rounds = QListWidget()
        self.pool = QSpinBox()
        self.pool.setRange(2, 20)
        self.pool.setValue(10)
        self.pool.setSuffix(" mẫu/ống (RT-PCR mẫu gộp, toàn dân)")
        rule = QLabel("Quy định (sửa trong cài đặt «testing_schedule»): F0 trong 7 ngày → ngày "
                      "1, 7, 14; từ 8 đến 14 ngày → ngày 7 và 14; quá 14 ngày → một đợt trước "
                      "khi gỡ phong tỏa.")
        rule.setWordWrap(True)
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Khu:", self.zone)
        form.addRow("Gộp mẫu:", self.pool)
        buttons = _buttons("Tạo các đợt đã chọn")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(rule)
        layout.addWidget(self.info)
        layout.addWidget(self.rounds, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.zone.currentIndexChanged.connect(self.propose)
        if self.zone.count() == 0:
            self.info.setText("Chưa có khu phong tỏa nào đang áp dụng: tạo khu ở trang Y tế.")
        self.propose()

    def propose(self) -> None:
        zone_id = self.zone.currentData()
        if not zone_id:
            return
        self.ctx.run(lambda: (zones.get_zone(self.ctx.db, zone_id),
                              testing.zone_schedule(self.ctx.db, zone_id)),
                     self._show, parent=self)

    def _show(self, result: tuple) -> None:
        z, plan = result
        last = (f"F0 cuối cùng ngày {format_date(z.last_f0_on)}" if z.last_f0_on
                else f"chưa có F0, tính từ ngày bắt đầu {format_date(z.started_on)}")
        self.info.setText(f"<b>{z.name}</b>: {last} ({z.days_since_f0} ngày); dự kiến gỡ "
                          f"{format_date(z.proposed_lift)}.")
        self.rounds.clear()
        for p in plan:
            item = QListWidgetItem(f"{format_date(p.on)} — {p.label}"
                                   + (" (đã qua)" if p.is_past else ""))
            item.setData(Qt.ItemDataRole.UserRole, p.on)
            item.setCheckState(Qt.CheckState.Unchecked if p.is_past else Qt.CheckState.Checked)
            self.rounds.addItem(item)

    def chosen_days(self) -> list[date]:
        return [self.rounds.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.rounds.count())
                if self.rounds.item(i).checkState() == Qt.CheckState.Checked]

    def save(self) -> None:
        zone_id, days, pool = self.zone.currentData(), self.chosen_days(), self.pool.value()
        if not zone_id or not days:
            self.error.setText("Chưa chọn ngày nào.")
            return
        self.ctx.run(lambda: testing.create_proposed_rounds(self.ctx.db, zone_id, days,
                                                            pool_size=pool),
                     self._saved, parent=self,
                     on_error=lambda exc: self.error.setText(error_text(exc)))

    def _saved(self, ids: list[str]) -> None:
        self.created = ids
        self.accept()
