"""A household inspection: find the household, the checklist, notes, new recommendations
with a due date, and the household's open recommendations to tick done or not done."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.inspections import (
    CHECKLIST,
    HouseholdInspectionInput,
    RecommendationInput,
    RecommendationView,
    open_recommendations,
)
from greenzone_desktop.services.print_data import find_households
from greenzone_desktop.text import format_date, parse_date
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.small_table import date_edit, edit_date

RESULTS = (("Đạt", True), ("Chưa đạt", False), ("Không áp dụng", None))
RECHECK = (("Chưa kiểm tra lại", None), ("Đã khắc phục", True), ("Chưa khắc phục", False))


class RecommendationTable(QTableWidget):
    """New recommendations: text and due date (dd/mm/yyyy), one per row."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(["Kiến nghị, yêu cầu khắc phục", "Hạn (dd/mm/yyyy)"])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setVisible(False)
        self.setMinimumHeight(90)

    def add(self, text: str = "", due: date | None = None) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self.setItem(row, 0, QTableWidgetItem(text))
        self.setItem(row, 1, QTableWidgetItem(format_date(due) if due else ""))
        self.setCurrentCell(row, 0)

    def remove_current(self) -> None:
        if self.currentRow() >= 0:
            self.removeRow(self.currentRow())

    def values(self) -> list[RecommendationInput]:
        """The rows typed in; a bad due date raises ValueError naming the row."""
        out = []
        for row in range(self.rowCount()):
            text = (self.item(row, 0).text() if self.item(row, 0) else "").strip()
            due_text = (self.item(row, 1).text() if self.item(row, 1) else "").strip()
            if not text:
                continue
            try:
                due = parse_date(due_text) if due_text else None
            except ValueError as exc:
                raise ValueError(f"Kiến nghị {row + 1}: hạn khắc phục «{due_text}» không đúng "
                                 "dạng ngày/tháng/năm.") from exc
            out.append(RecommendationInput(text, due))
        return out


def recommendation_box(table: RecommendationTable, title: str) -> QGroupBox:
    box = QGroupBox(title)
    add = QPushButton("Thêm kiến nghị")
    add.clicked.connect(lambda: table.add())
    remove = QPushButton("Bỏ dòng đang chọn")
    remove.clicked.connect(table.remove_current)
    buttons = QHBoxLayout()
    buttons.addWidget(add)
    buttons.addWidget(remove)
    buttons.addStretch(1)
    layout = QVBoxLayout(box)
    layout.addWidget(table)
    layout.addLayout(buttons)
    return box


class RecheckList(QTableWidget):
    """Earlier recommendations still open: each ticked done / not done / not re-checked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(["Kiến nghị lần trước", "Hạn", "Kết quả kiểm tra lại"])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.recs: list[RecommendationView] = []
        self.setMinimumHeight(80)

    def set_recommendations(self, recs: list[RecommendationView]) -> None:
        self.recs = list(recs)
        self.setRowCount(len(recs))
        for row, r in enumerate(recs):
            item = QTableWidgetItem(f"{r.text} (ngày {format_date(r.inspected_on)})")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, 0, item)
            due = QTableWidgetItem(format_date(r.due_on) if r.due_on else "")
            due.setFlags(due.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, 1, due)
            combo = QComboBox()
            for label, _ in RECHECK:
                combo.addItem(label)
            self.setCellWidget(row, 2, combo)

    def set_result(self, row: int, done: bool | None) -> None:
        combo: QComboBox = self.cellWidget(row, 2)
        combo.setCurrentIndex([v for _, v in RECHECK].index(done))

    def values(self) -> dict[str, bool]:
        out = {}
        for row, r in enumerate(self.recs):
            done = RECHECK[self.cellWidget(row, 2).currentIndex()][1]
            if done is not None:
                out[r.id] = done
        return out


class HouseholdInspectionDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 household_id: str | None = None, household_text: str = "",
                 sweeps: list[tuple[str, str]] = (), sweep_id: str | None = None,
                 inspectors: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.on_save: Callable[[QDialog], None] | None = None
        self.setWindowTitle("Kiểm tra hộ gia đình")
        self.resize(820, 720)
        self.household_id = household_id
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm hộ: mã hộ, tên chủ hộ hoặc thành viên, địa chỉ…")
        self.results = QListWidget()
        self.results.setMaximumHeight(110)
        self.results.currentItemChanged.connect(self._picked)
        self.chosen = QLabel(household_text or "Chưa chọn hộ")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(lambda: self.find(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.day = date_edit(date.today())
        self.inspectors = QLineEdit(inspectors)
        self.inspectors.setPlaceholderText("Họ tên người kiểm tra, cách nhau bằng dấu phẩy")
        self.sweep = QComboBox()
        self.sweep.addItem("Không thuộc đợt rà soát nào", None)
        for sid, name in sweeps:
            self.sweep.addItem(name, sid)
        if sweep_id is not None:
            self.sweep.setCurrentIndex(max(0, self.sweep.findData(sweep_id)))
        self.checks: dict[str, QComboBox] = {}
        checklist = QFormLayout()
        for code, label in CHECKLIST:
            combo = QComboBox()
            for text, _ in RESULTS:
                combo.addItem(text)
            if code == "quarantine":
                combo.setCurrentIndex(2)
            self.checks[code] = combo
            checklist.addRow(label, combo)
        check_box = QGroupBox("Nội dung kiểm tra")
        check_box.setLayout(checklist)
        self.rechecks = RecheckList()
        self.recheck_box = QGroupBox("Kiểm tra lại kiến nghị lần trước chưa khắc phục")
        QVBoxLayout(self.recheck_box).addWidget(self.rechecks)
        self.recheck_box.hide()
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Ghi chú: tình hình ghi Sổ vùng xanh, người đến nhà…")
        self.notes.setMaximumHeight(70)
        self.recs = RecommendationTable()
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu kết quả kiểm tra")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Hộ được kiểm tra", self.chosen)
        if household_id is None:
            form.addRow("", self.search)
            form.addRow("", self.results)
        form.addRow("Ngày kiểm tra", self.day)
        form.addRow("Người kiểm tra", self.inspectors)
        form.addRow("Đợt rà soát", self.sweep)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(check_box)
        layout.addWidget(self.recheck_box)
        layout.addWidget(QLabel("Ghi chú"))
        layout.addWidget(self.notes)
        layout.addWidget(recommendation_box(self.recs, "Kiến nghị, yêu cầu khắc phục"))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.result_input: HouseholdInspectionInput | None = None
        if household_id is not None:
            self.load_open(household_id)

    # -- household ---------------------------------------------------------------------------

    def find(self, text: str) -> None:
        db = self.ctx.db
        self.ctx.run(lambda: find_households(db, text, limit=50), self._show_found, parent=self)

    def _show_found(self, hits: list) -> None:
        self.results.clear()
        for h in hits:
            item = QListWidgetItem(f"{h.code} – {h.head_name or 'chưa có chủ hộ'} – {h.address}")
            item.setData(Qt.ItemDataRole.UserRole, h.id)
            self.results.addItem(item)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.household_id = item.data(Qt.ItemDataRole.UserRole)
        self.chosen.setText(f"<b>{item.text()}</b>")
        self.load_open(self.household_id)

    def load_open(self, household_id: str) -> None:
        """Show the household's open recommendations, to be re-checked now."""
        db = self.ctx.db
        self.ctx.run(lambda: open_recommendations(db, household_id), self._show_open,
                     parent=self)

    def _show_open(self, recs: list[RecommendationView]) -> None:
        self.rechecks.set_recommendations(recs)
        self.recheck_box.setVisible(bool(recs))

    # -- result ------------------------------------------------------------------------------

    def checklist(self) -> dict[str, bool]:
        out = {}
        for code, combo in self.checks.items():
            value = RESULTS[combo.currentIndex()][1]
            if value is not None:
                out[code] = value
        return out

    def set_check(self, code: str, value: bool | None) -> None:
        self.checks[code].setCurrentIndex([v for _, v in RESULTS].index(value))

    def value(self) -> HouseholdInspectionInput:
        if not self.household_id:
            raise ValueError("Chưa chọn hộ được kiểm tra: tìm và bấm chọn một hộ.")
        return HouseholdInspectionInput(
            self.household_id, edit_date(self.day), self.inspectors.text(), self.checklist(),
            self.notes.toPlainText(), self.recs.values(), self.rechecks.values(),
            self.sweep.currentData())

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
