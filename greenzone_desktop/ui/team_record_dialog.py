"""An inspection team's record (biên bản of the đoàn kiểm tra liên ngành): time and place,
members, chair and secretary, scope, findings with remedies, re-check of the previous
record's recommendations, new recommendations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.inspections import (
    FindingInput,
    RecommendationView,
    RecordMember,
    TeamInspectionInput,
    open_team_recommendations,
)
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.household_inspection_dialog import (
    RecheckList,
    RecommendationTable,
    recommendation_box,
)
from greenzone_desktop.ui.small_table import date_edit, edit_date


class TextTable(QTableWidget):
    """Rows of free text in named columns; empty rows are ignored."""

    def __init__(self, headers: list[str], parent: QWidget | None = None):
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        for i in range(len(headers)):
            self.horizontalHeader().setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setMinimumHeight(90)

    def add(self, *texts: str) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for col in range(self.columnCount()):
            self.setItem(row, col, QTableWidgetItem(texts[col] if col < len(texts) else ""))

    def rows(self) -> list[list[str]]:
        out = []
        for row in range(self.rowCount()):
            cells = [(self.item(row, c).text() if self.item(row, c) else "").strip()
                     for c in range(self.columnCount())]
            if cells[0]:
                out.append(cells)
        return out


def _boxed(title: str, table: TextTable, add_text: str) -> QGroupBox:
    box = QGroupBox(title)
    add = QPushButton(add_text)
    add.clicked.connect(lambda: table.add())
    remove = QPushButton("Bỏ dòng đang chọn")
    remove.clicked.connect(lambda: table.currentRow() >= 0 and table.removeRow(table.currentRow()))
    buttons = QHBoxLayout()
    buttons.addWidget(add)
    buttons.addWidget(remove)
    buttons.addStretch(1)
    layout = QVBoxLayout(box)
    layout.addWidget(table)
    layout.addLayout(buttons)
    return box


def _time_edit(hour: int) -> QTimeEdit:
    w = QTimeEdit(QTime(hour, 0))
    w.setDisplayFormat("HH:mm")
    return w


class TeamRecordDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.on_save: Callable[[QDialog], None] | None = None
        self.setWindowTitle("Biên bản kiểm tra của đoàn kiểm tra liên ngành")
        self.resize(900, 760)
        self.day = date_edit(date.today())
        self.start = _time_edit(8)
        self.end = _time_edit(10)
        self.place = QLineEdit()
        self.place.setPlaceholderText("Ví dụ: Nhà văn hóa tổ dân phố")
        self.chair = QLineEdit()
        self.secretary = QLineEdit()
        self.scope = QPlainTextEdit()
        self.scope.setPlaceholderText("Nội dung, phạm vi kiểm tra")
        self.scope.setMaximumHeight(60)
        self.members = TextTable(["Họ và tên", "Chức vụ, đơn vị", "Nhiệm vụ trong đoàn"])
        self.findings = TextTable(["Tồn tại, hạn chế", "Biện pháp khắc phục"])
        self.rechecks = RecheckList()
        self.recheck_box = QGroupBox("Kiểm tra lại kiến nghị của biên bản trước")
        QVBoxLayout(self.recheck_box).addWidget(self.rechecks)
        self.recheck_box.hide()
        self.recs = RecommendationTable()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(50)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(QLabel("từ"))
        when.addWidget(self.start)
        when.addWidget(QLabel("đến"))
        when.addWidget(self.end)
        when.addStretch(1)
        form = QFormLayout()
        form.addRow("Ngày, giờ kiểm tra", when)
        form.addRow("Địa điểm", self.place)
        form.addRow("Chủ trì", self.chair)
        form.addRow("Thư ký", self.secretary)
        form.addRow("Nội dung kiểm tra", self.scope)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu biên bản")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_boxed("Thành phần đoàn kiểm tra", self.members, "Thêm thành viên"))
        layout.addWidget(self.recheck_box)
        layout.addWidget(_boxed("Kết quả kiểm tra: tồn tại và khắc phục", self.findings,
                                "Thêm tồn tại"))
        layout.addWidget(recommendation_box(self.recs, "Kiến nghị (kiểm tra lại lần sau)"))
        layout.addWidget(QLabel("Ghi chú"))
        layout.addWidget(self.notes)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.result_input: TeamInspectionInput | None = None
        db = ctx.db
        ctx.run(lambda: open_team_recommendations(db), self._show_open, parent=self)

    def _show_open(self, recs: list[RecommendationView]) -> None:
        self.rechecks.set_recommendations(recs)
        self.recheck_box.setVisible(bool(recs))

    def value(self) -> TeamInspectionInput:
        day = edit_date(self.day)

        def at(w: QTimeEdit) -> datetime | None:
            t = w.time()
            return datetime.combine(day, time(t.hour(), t.minute())) if day else None

        members = [RecordMember(name, title, role or "Thành viên")
                   for name, title, role in self.members.rows()]
        return TeamInspectionInput(
            day, at(self.start), at(self.end), self.place.text(), members, self.chair.text(),
            self.secretary.text(), self.scope.toPlainText(),
            [FindingInput(text, remedy) for text, remedy in self.findings.rows()],
            self.recs.values(), self.rechecks.values(), self.notes.toPlainText())

    def _accept(self) -> None:
        try:
            self.result_input = self.value()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        if self.on_save is not None:
            self.on_save(self)  # saves on the worker, closes the dialog when it worked
        else:
            self.accept()
