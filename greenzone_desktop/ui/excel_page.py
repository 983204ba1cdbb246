"""Nhập/xuất Excel: import a person list with the wizard; export the ward's reports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.exports import REPORTS, ExportResult, export_report
from greenzone_desktop.ui.context import AppContext, show_error
from greenzone_desktop.ui.import_wizard import ImportWizard
from greenzone_desktop.ui.table_views import page_heading

_FILE_NAMES = {
    "households": "Danh sách hộ", "persons": "Danh sách nhân khẩu",
    "temporary": "Danh sách tạm trú", "f0f1": "Danh sách F0 F1", "quarantine": "Danh sách cách ly",
    "vaccination": "Danh sách tiêm vắc-xin", "commitments": "Danh sách ký cam kết",
    "untested": "Danh sách chưa xét nghiệm", "summary": "Báo cáo tổng hợp",
}  # fmt: skip


class ExcelPage(QWidget):
    title = "Nhập/xuất Excel"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.wizard: ImportWizard | None = None
        self.last_folder = str(Path.home())

        importing = QGroupBox("Nhập danh sách nhân khẩu từ Excel")
        text = QLabel(
            "Nhập các danh sách thôn, tổ đang giữ trong Excel (.xlsx, .xls, .ods). Chương trình "
            "tự tìm dòng tiêu đề, ghép cột theo tên cột, nhóm nhân khẩu thành hộ và cho xem "
            "trước từng dòng cùng các lỗi (CCCD sai, ngày không có thật, người đã có trong sổ) "
            "trước khi nhập. Việc nhập diễn ra một lần: hoặc nhập hết, hoặc không nhập gì."
        )
        text.setWordWrap(True)
        self.import_button = QPushButton("Nhập từ tệp Excel…")
        self.import_button.clicked.connect(self.open_wizard)
        box = QVBoxLayout(importing)
        box.addWidget(text)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        box.addLayout(row)

        exporting = QGroupBox("Xuất báo cáo Excel")
        self.reports = QListWidget()
        for code, label in REPORTS.items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.reports.addItem(item)
        self.reports.setCurrentRow(0)
        self.reports.itemDoubleClicked.connect(lambda _: self.export_chosen())
        self.export_button = QPushButton("Xuất ra tệp Excel…")
        self.export_button.clicked.connect(self.export_chosen)
        self.status = QLabel()
        self.status.setWordWrap(True)
        note = QLabel("Mỗi báo cáo có tên đơn vị, tiêu đề, ngày lập, dòng tiêu đề in lặp lại trên "
                      "mọi trang, khổ A4 ngang; số CCCD và số điện thoại giữ nguyên số 0 đầu.")  # fmt: skip
        note.setWordWrap(True)
        box = QVBoxLayout(exporting)
        box.addWidget(note)
        box.addWidget(self.reports, 1)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.status)

        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title))
        layout.addWidget(importing)
        layout.addWidget(exporting, 1)

    def open_wizard(self) -> ImportWizard:
        self.wizard = ImportWizard(self.ctx, self)
        self.wizard.open()
        return self.wizard

    def chosen_report(self) -> str:
        item = self.reports.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else "persons"

    def ask_path(self, report: str) -> str:
        name = f"{_FILE_NAMES.get(report, report)} {date.today():%d-%m-%Y}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, "Lưu báo cáo Excel",
                                              str(Path(self.last_folder) / name), "Excel (*.xlsx)")  # fmt: skip
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path

    def export_chosen(self, path: str | None = None) -> None:
        report = self.chosen_report()
        path = path or self.ask_path(report)
        if not path:
            return
        self.last_folder = str(Path(path).parent)
        db = self.ctx.db
        dialog = QProgressDialog(f"Đang xuất «{REPORTS[report]}»…", "Dừng", 0, 0, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)

        def job(progress, cancelled) -> ExportResult:  # noqa: ANN001 - runner's callables
            return export_report(db, report, path, progress=progress, cancelled=cancelled)

        def done(result: ExportResult) -> None:
            dialog.close()
            self.status.setText(result.summary)

        def failed(exc: BaseException) -> None:
            dialog.close()
            self.status.setText("")
            show_error(self, exc)

        def progress(n: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(n, max(total, 1)))

        self.export_button.setEnabled(False)
        handle = self.ctx.run(job, lambda r: (done(r), self.export_button.setEnabled(True)),
                              parent=self, on_error=lambda e: (failed(e),
                                                               self.export_button.setEnabled(True)),
                              on_progress=progress)  # fmt: skip
        dialog.canceled.connect(handle.cancel)

    def on_changes(self, changes: Changes) -> None:
        """Nothing here shows data that changes; reports are read when exported."""
