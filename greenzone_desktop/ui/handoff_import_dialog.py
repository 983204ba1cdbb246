"""Import a USB package: choose the file, type the shared password, see per table what would
be new, updated, unchanged, deleted or in conflict, then apply (after an automatic backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.handoff import SUFFIX, ImportResult, TableCounts, import_package
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext, error_text
from greenzone_desktop.ui.handoff_models import RED, number
from greenzone_desktop.ui.small_table import Col, SmallTableModel, table_view

PREVIEW_COLUMNS = [
    Col("Bảng dữ liệu", lambda t: t.label),
    Col("Mới", lambda t: number(t.new), align_right=True),
    Col("Cập nhật", lambda t: number(t.updated), align_right=True),
    Col("Không đổi", lambda t: number(t.unchanged), align_right=True),
    Col("Xoá", lambda t: number(t.deleted), align_right=True),
    Col("Xung đột", lambda t: number(t.conflicts), align_right=True,
           colour=lambda t: RED if t.conflicts else ""),
    Col("Cũ hơn (bỏ qua)", lambda t: number(t.older), align_right=True),
]


def summary_text(r: ImportResult) -> str:
    """What a preview or an import says above its table."""
    made = r.created_at[:16].replace("T", " ")
    lines = [f"Gói số {r.sequence} của {r.source_name} (tạo lúc {made} theo đồng hồ máy gửi)."]
    if r.already_imported:
        return lines[0] + "\nGói này đã được nhập trước đây: nhập lại không thay đổi gì."
    if r.new_village:
        lines.append(f"Đây là gói đầu tiên từ {r.source_name}: thôn sẽ được thêm vào danh sách.")
    if r.older_package:
        lines.append(f"Gói này cũ hơn gói số {r.last_sequence} đã nhập: dữ liệu mới hơn được "
                     "giữ nguyên.")
    parts = [f"{format_number(r.total(key))} {word}" for key, word in (
        ("new", "mới"), ("updated", "cập nhật"), ("deleted", "xoá"), ("conflicts", "xung đột"))]
    lines.append("Tổng: " + ", ".join(parts) + ".")
    if r.total("conflicts"):
        lines.append("Các xung đột được giữ bản ở máy này cho tới khi bạn chọn từng trường "
                     "(mục «Xung đột» của trang này).")
    return "\n".join(lines)


class HandoffImportDialog(QDialog):
    """Preview first (nothing changes), then «Nhập dữ liệu» applies the same package."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: str = "",
                 start_dir: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.start_dir = start_dir
        self.result_: ImportResult | None = None
        self.previewed: tuple[str, str] | None = None
        self.setWindowTitle("Nhập gói dữ liệu từ USB")
        self.resize(760, 520)
        self.file_edit = QLineEdit(path)
        self.file_edit.setPlaceholderText("Chọn tệp gói (.gzx) trên USB")
        browse = QPushButton("Chọn tệp…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("Mật khẩu chung của thôn và xã/phường")
        form = QFormLayout()
        form.addRow("Tệp gói:", row)
        form.addRow("Mật khẩu:", self.password_edit)
        self.preview_button = QPushButton("Xem trước")
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.preview)
        self.apply_button = QPushButton("Nhập dữ liệu")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.task: Any = None
        self.cancel_button = QPushButton("Dừng")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self._cancel)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel("Chọn tệp, nhập mật khẩu rồi bấm «Xem trước»: chưa có gì thay đổi "
                             "cho tới khi bạn bấm «Nhập dữ liệu».")
        self.status.setWordWrap(True)
        self.model = SmallTableModel(PREVIEW_COLUMNS, self)
        self.table = table_view(self.model, stretch=0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.file_edit.textChanged.connect(self._invalidate)
        self.password_edit.textChanged.connect(self._invalidate)

    def _browse(self) -> None:
        start = (str(Path(self.file_edit.text()).parent) if self.file_edit.text()
                 else self.start_dir)
        path, _ = QFileDialog.getOpenFileName(self, "Chọn gói dữ liệu", start,
                                              f"Gói dữ liệu (*{SUFFIX});;Mọi tệp (*)")
        if path:
            self.file_edit.setText(path)

    def _invalidate(self) -> None:
        self.apply_button.setEnabled(False)
        self.previewed = None

    def _inputs(self) -> tuple[str, str] | None:
        path, password = self.file_edit.text().strip(), self.password_edit.text()
        if not path:
            self._fail("Hãy chọn tệp gói.")
            return None
        if not password:
            self._fail("Hãy nhập mật khẩu chung.")
            return None
        return path, password

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _fail(self, text: str) -> None:
        self.cancel_button.setVisible(False)
        self.progress.setVisible(False)
        self.preview_button.setEnabled(True)
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {RED};")

    def _busy(self, text: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(text)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.preview_button.setEnabled(False)
        self.apply_button.setEnabled(False)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def preview(self) -> None:
        inputs = self._inputs()
        if inputs is None:
            return
        path, password = inputs
        self._busy("Đang giải mã và kiểm tra gói…")

        def job(progress: Any = None, cancelled: Any = None) -> ImportResult:
            return import_package(self.ctx.db, path, password, dry_run=True, progress=progress,
                                  cancelled=cancelled)

        def done(result: ImportResult) -> None:
            self._show(result)
            self.previewed = None if result.already_imported else inputs
            self.apply_button.setEnabled(self.previewed is not None)

        self.task = self.ctx.run(job, done, parent=self,
                                 on_error=lambda e: self._fail(error_text(e)),
                                 on_progress=self._on_progress)

    def apply(self) -> None:
        if self.previewed is None:
            return
        path, password = self.previewed
        self._busy("Đang sao lưu cơ sở dữ liệu và nhập gói…")

        def job(progress: Any = None, cancelled: Any = None) -> ImportResult:
            return import_package(self.ctx.db, path, password, progress=progress,
                                  cancelled=cancelled)

        def done(result: ImportResult) -> None:
            self.result_ = result
            self._show(result)
            backup = f"\nBản sao lưu trước khi nhập: {result.backup}" if result.backup else ""
            self.status.setText("Đã nhập xong. " + summary_text(result) + backup)
            self.previewed = None
            self.ctx.announce(result.changes)

        self.task = self.ctx.run(job, done, parent=self,
                                 on_error=lambda e: self._fail(error_text(e)),
                                 on_progress=self._on_progress)

    def _show(self, result: ImportResult) -> None:
        self.cancel_button.setVisible(False)
        self.progress.setVisible(False)
        self.preview_button.setEnabled(True)
        self.status.setStyleSheet("")
        self.status.setText(("Xem trước — chưa thay đổi gì. " if result.dry_run else "")
                            + summary_text(result))
        rows: list[TableCounts] = list(result.tables)
        self.model.set_rows(rows)
