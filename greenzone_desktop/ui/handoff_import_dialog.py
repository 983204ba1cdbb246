"""Import USB packages: choose the file — or, at a ward, every village's file at once — type
the shared password, see per table what would be new, updated, unchanged, deleted or in
conflict, then apply (after one automatic backup; several packages go in together or not at
all)."""

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

from greenzone_desktop.services.handoff import (
    SUFFIX,
    ImportResult,
    TableCounts,
    import_package,
    import_packages,
    pile_tables,
)
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


def _counts(results: list[ImportResult]) -> str:
    return ", ".join(f"{format_number(sum(r.total(key) for r in results))} {word}"
                     for key, word in (("new", "mới"), ("updated", "cập nhật"),
                                       ("conflicts", "xung đột")))


def pile_text(results: list[ImportResult], shown: int = 6) -> str:
    """What a preview or an import of several packages says above its table: a line per
    package (the first `shown`, then the rest together, so the table keeps its room)."""
    lines = [f"{len(results)} gói:"]
    listed = results if len(results) <= shown else results[:shown - 1]
    for r in listed:
        what = ("đã nhập trước đây, không thay đổi gì" if r.already_imported
                else _counts([r]) + ("; thôn mới được thêm" if r.new_village else ""))
        lines.append(f"• {r.source_name}, gói số {r.sequence}: {what}.")
    rest = results[len(listed):]
    if rest:
        villages = sum(r.new_village for r in rest)
        lines.append(f"• {len(rest)} gói khác: {_counts(rest)}"
                     + (f"; {villages} thôn mới được thêm" if villages else "") + ".")
    if sum(r.total("conflicts") for r in results):
        lines.append("Các xung đột được giữ bản ở máy này cho tới khi bạn chọn từng trường "
                     "(mục «Xung đột» của trang này).")
    return "\n".join(lines)


class HandoffImportDialog(QDialog):
    """Preview first (nothing changes), then «Nhập dữ liệu» applies the same package(s)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: str = "",
                 start_dir: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.start_dir = start_dir
        self.result_: ImportResult | None = None
        self.results: list[ImportResult] = []
        self.paths: list[str] = [path] if path else []
        self.chosen = ""  # the line shown for several files chosen together
        self.previewed: tuple[list[str], str] | None = None
        self.setWindowTitle("Nhập gói dữ liệu từ USB")
        self.resize(760, 520)
        self.file_edit = QLineEdit(path)
        self.file_edit.setPlaceholderText("Chọn tệp gói (.gzx) trên USB — ở xã/phường có thể "
                                          "chọn gói của nhiều thôn một lúc")
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
        start = str(Path(self.paths[0]).parent) if self.paths else self.start_dir
        paths, _ = QFileDialog.getOpenFileNames(self, "Chọn gói dữ liệu (một hoặc nhiều)", start,
                                                f"Gói dữ liệu (*{SUFFIX});;Mọi tệp (*)")
        self.choose(paths)

    def choose(self, paths: list[str]) -> None:
        """The package files to import (one, or a ward's pile)."""
        if not paths:
            return
        if len(paths) == 1:
            self.file_edit.setText(paths[0])
            return
        names = ", ".join(Path(p).name for p in paths)
        self.chosen = f"{len(paths)} gói: {names}"
        self.file_edit.setText(self.chosen)
        self.paths = list(paths)
        self._invalidate()

    def _invalidate(self) -> None:
        text = self.file_edit.text().strip()
        if text != self.chosen:  # typed or pasted: that one file
            self.chosen = ""
            self.paths = [text] if text else []
        self.apply_button.setEnabled(False)
        self.previewed = None

    def _inputs(self) -> tuple[list[str], str] | None:
        password = self.password_edit.text()
        if not self.paths:
            self._fail("Hãy chọn tệp gói.")
            return None
        if not password:
            self._fail("Hãy nhập mật khẩu chung.")
            return None
        return list(self.paths), password

    def _job(self, paths: list[str], password: str, dry_run: bool) -> Any:
        db = self.ctx.db

        def job(progress: Any = None, cancelled: Any = None) -> list[ImportResult]:
            if len(paths) == 1:
                return [import_package(db, paths[0], password, dry_run=dry_run,
                                       progress=progress, cancelled=cancelled)]
            return import_packages(db, paths, password, dry_run=dry_run, progress=progress,
                                   cancelled=cancelled)
        return job

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
        paths, password = inputs
        self._busy("Đang giải mã và kiểm tra gói…" if len(paths) == 1 else
                   f"Đang giải mã và kiểm tra {len(paths)} gói, gói này sau gói kia…")

        def done(results: list[ImportResult]) -> None:
            self._show(results)
            fresh = not all(r.already_imported for r in results)
            self.previewed = inputs if fresh else None
            self.apply_button.setEnabled(self.previewed is not None)

        self.task = self.ctx.run(self._job(paths, password, True), done, parent=self,
                                 on_error=lambda e: self._fail(error_text(e)),
                                 on_progress=self._on_progress)

    def apply(self) -> None:
        if self.previewed is None:
            return
        paths, password = self.previewed
        self._busy("Đang sao lưu cơ sở dữ liệu và nhập gói…")

        def done(results: list[ImportResult]) -> None:
            self.results = results
            self.result_ = results[-1]
            self._show(results)
            backup = next((r.backup for r in results if r.backup), None)
            told = summary_text(results[0]) if len(results) == 1 else pile_text(results)
            self.status.setText("Đã nhập xong. " + told
                                + (f"\nBản sao lưu trước khi nhập: {backup}" if backup else ""))
            self.previewed = None
            for result in results:
                self.ctx.announce(result.changes)

        self.task = self.ctx.run(self._job(paths, password, False), done, parent=self,
                                 on_error=lambda e: self._fail(error_text(e)),
                                 on_progress=self._on_progress)

    def _show(self, results: list[ImportResult]) -> None:
        self.cancel_button.setVisible(False)
        self.progress.setVisible(False)
        self.preview_button.setEnabled(True)
        self.status.setStyleSheet("")
        told = summary_text(results[0]) if len(results) == 1 else pile_text(results)
        self.status.setText(("Xem trước — chưa thay đổi gì. " if results[0].dry_run else "")
                            + told)
        rows: list[TableCounts] = (list(results[0].tables) if len(results) == 1
                                   else pile_tables(results))
        self.model.set_rows(rows)
