"""Import the F0/F1 list the ward sends: choose the file and the defaults, see what matched,
what is ambiguous (choose the right person) and what was not found, then confirm."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import ward_lists
from greenzone_desktop.text import TextError, format_date, parse_date
from greenzone_desktop.ui.context import AppContext, error_text
from greenzone_desktop.ui.health_models import AMBER, GREEN, RED
from greenzone_desktop.vocab import CarePlace, HealthKind

HEADERS = ["Dòng", "Họ và tên (danh sách)", "Ngày sinh", "CCCD", "Loại", "Ngày", "Nơi",
           "Kết quả", "Người trong sổ", "Ghi chú"]
COLOURS = {ward_lists.MATCHED: GREEN, ward_lists.AMBIGUOUS: AMBER, ward_lists.NOT_FOUND: RED,
           ward_lists.INVALID: RED}


class WardImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.preview: ward_lists.WardPreview | None = None
        self.applied: ward_lists.WardApplied | None = None
        self.choosers: dict[int, QComboBox] = {}
        self.setWindowTitle("Nhập danh sách F0/F1 phường gửi")
        self.resize(1100, 620)
        self.path = QLineEdit(path)
        self.path.setPlaceholderText("Tệp Excel (.xlsx, .xls, .ods) phường gửi")
        browse = QPushButton("Chọn tệp…")
        browse.clicked.connect(self._browse)
        self.kind = QComboBox()
        for k in (HealthKind.F0, HealthKind.F1, HealthKind.F2):
            self.kind.addItem(k.label, k.value)
        self.kind.setCurrentIndex(1)
        self.start = QLineEdit(format_date(date.today()))
        read = QPushButton("Đọc và đối chiếu")
        read.clicked.connect(self.read)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Tệp:", file_row)
        form.addRow("Loại khi tệp không ghi:", self.kind)
        form.addRow("Ngày khi tệp không ghi:", self.start)
        self.summary = QLabel("Chọn tệp rồi bấm «Đọc và đối chiếu». Chưa ghi gì vào sổ.")
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "title")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.confirm = self.buttons.addButton("Xác nhận, ghi vào sổ",
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setEnabled(False)
        close = self.buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        self.confirm.clicked.connect(self.apply)
        close.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(read, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Chọn danh sách phường gửi", "",
                                              "Bảng tính (*.xlsx *.xlsm *.xls *.ods)")
        if name:
            self.path.setText(name)
            self.read()

    def read(self) -> None:
        self.error.setText("")
        try:
            start = parse_date(self.start.text(), field="Ngày mặc định")
        except TextError as exc:
            self.error.setText(str(exc))
            return
        path, kind = self.path.text().strip(), self.kind.currentData()
        if not path:
            self.error.setText("Chưa chọn tệp.")
            return
        self.ctx.run(lambda: ward_lists.preview_ward_list(self.ctx.db, path, default_kind=kind,
                                                          default_start=start),
                     self.show_preview, parent=self,
                     on_error=lambda exc: self.error.setText(error_text(exc)))

    def show_preview(self, preview: ward_lists.WardPreview) -> None:
        self.preview = preview
        self.choosers.clear()
        self.table.setRowCount(len(preview.rows))
        for i, m in enumerate(preview.rows):
            r = m.row
            place = CarePlace(r.place).label if r.place else ""
            texts = [str(r.row), r.full_name, r.birth_text, r.cccd or "", r.kind,
                     format_date(r.start), place, m.status_label + (f" ({m.by})" if m.by else ""),
                     "", m.problem]
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if col == 7:
                    item.setForeground(QBrush(COLOURS[m.status]))
                self.table.setItem(i, col, item)
            if m.status == ward_lists.MATCHED:
                self.table.item(i, 8).setText(m.candidates[0].text)
            elif m.status == ward_lists.AMBIGUOUS:
                box = QComboBox()
                box.addItem("— chưa chọn (bỏ qua dòng này) —", "")
                for c in m.candidates:
                    box.addItem(c.text, c.person_id)
                self.table.setCellWidget(i, 8, box)
                self.choosers[r.row] = box
        self.summary.setText(f"Tệp «{preview.file}», trang «{preview.sheet}»: {preview.summary}. "
                             "Chưa ghi gì vào sổ: kiểm tra rồi bấm «Xác nhận».")
        self.confirm.setEnabled(any(m.status in (ward_lists.MATCHED, ward_lists.AMBIGUOUS)
                                    for m in preview.rows))

    def choices(self) -> dict[int, str]:
        return {row: box.currentData() for row, box in self.choosers.items()
                if box.currentData()}

    def apply(self) -> None:
        if self.preview is None:
            return
        preview, choices = self.preview, self.choices()
        self.ctx.run(lambda: ward_lists.apply_ward_list(self.ctx.db, preview, choices),
                     self._applied, parent=self,
                     on_error=lambda exc: self.error.setText(error_text(exc)))

    def _applied(self, result: ward_lists.WardApplied) -> None:
        self.applied = result
        self.ctx.announce(result.changes)
        self.accept()
