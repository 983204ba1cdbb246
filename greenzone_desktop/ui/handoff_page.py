"""«Chuyển dữ liệu USB»: export a package to a USB stick or a folder (said "done" only after it
was read back and verified), import one with a preview, and decide conflicts field by field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.drives import Drive, removable_drives
from greenzone_desktop.services.handoff import ExportResult, export_package, handoff_log
from greenzone_desktop.services.handoff_units import Peer, peers
from greenzone_desktop.services.units import home_unit
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext, error_text
from greenzone_desktop.ui.handoff_conflicts_panel import ConflictsPanel
from greenzone_desktop.ui.handoff_import_dialog import HandoffImportDialog
from greenzone_desktop.ui.handoff_models import GREEN, RED
from greenzone_desktop.ui.small_table import Col, SmallTableModel, table_view
from greenzone_desktop.ui.table_views import page_heading


@dataclass(frozen=True)
class PageState:
    home_name: str
    is_ward: bool
    peers: tuple[Peer, ...]
    log: tuple[dict[str, Any], ...]
    drives: tuple[Drive, ...]


def load_state(db: Any) -> PageState:
    home = home_unit(db)
    try:
        known = tuple(peers(db))
    except ValueError:
        known = ()
    return PageState(home.unit.name, home.is_ward, known, tuple(handoff_log(db, 50)),
                     tuple(removable_drives()))


def _log_columns(names: dict[str, str]) -> list[Col]:
    return [
        Col("", lambda r: "Gửi đi" if r["direction"] == "out" else "Nhận về"),
        Col("Đơn vị", lambda r: names.get(r["peer_unit_id"] or "", r["source_name"])),
        Col("Gói số", lambda r: str(r["sequence"]), align_right=True),
        Col("Lúc", lambda r: r["logged_at"].strftime("%d/%m/%Y %H:%M")),
        Col("Số dòng", lambda r: format_number(sum(_rows(r["counts"]))), align_right=True),
        Col("Xác nhận", lambda r: ("Đã nhận" if r["acknowledged"] else "Chưa")
               if r["direction"] == "out" else ""),
    ]


def _rows(counts: dict[str, Any]) -> list[int]:
    out = []
    for v in counts.values():
        out.append(sum(v.values()) if isinstance(v, dict) else int(v))
    return out


class HandoffPage(QWidget):
    title = "Chuyển dữ liệu USB"

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.state: PageState | None = None
        self.last_export: ExportResult | None = None
        self.intro = QLabel("")
        self.intro.setWordWrap(True)
        self.conflicts = ConflictsPanel(ctx, self)
        self.log_model = SmallTableModel(_log_columns({}), self)
        self.log_view = table_view(self.log_model, stretch=1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self._export_box())
        left_layout.addWidget(self._import_box())
        left_layout.addWidget(QLabel("Các gói gần đây"))
        left_layout.addWidget(self.log_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.conflicts)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([500, 620])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title))
        layout.addWidget(self.intro)
        layout.addWidget(split, 1)
        self.reload()

    # -- building ------------------------------------------------------------------------------
    def _export_box(self) -> QGroupBox:
        box = QGroupBox("Xuất gói dữ liệu")
        self.peer_combo = QComboBox()
        self.drive_combo = QComboBox()
        self.drive_combo.activated.connect(self._drive_chosen)
        refresh = QPushButton("Tìm lại USB")
        refresh.clicked.connect(self.refresh_drives)
        drives_row = QHBoxLayout()
        drives_row.addWidget(self.drive_combo, 1)
        drives_row.addWidget(refresh)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText("Thư mục lưu gói (ổ USB hoặc thư mục trên máy)")
        browse = QPushButton("Chọn thư mục…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("Mật khẩu chung đã thống nhất với nơi nhận")
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.everything = QCheckBox("Xuất toàn bộ dữ liệu (không chỉ phần mới, thay đổi)")
        self.export_button = QPushButton("Xuất gói")
        self.export_button.clicked.connect(self.export)
        self.export_progress = QProgressBar()
        self.export_progress.setVisible(False)
        self.export_status = QLabel("")
        self.export_status.setWordWrap(True)
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout(box)
        form.addRow("Gửi cho:", self.peer_combo)
        form.addRow("Ổ USB:", drives_row)
        form.addRow("Lưu vào:", folder_row)
        form.addRow("Mật khẩu:", self.password_edit)
        form.addRow("Nhập lại mật khẩu:", self.confirm_edit)
        form.addRow("", self.everything)
        actions = QHBoxLayout()
        actions.addWidget(self.export_progress, 1)
        actions.addWidget(self.export_button)
        form.addRow(actions)
        form.addRow(self.export_status)
        return box

    def _import_box(self) -> QGroupBox:
        box = QGroupBox("Nhập gói dữ liệu")
        text = QLabel("Gói được giải mã và kiểm tra, xem trước từng bảng rồi mới nhập; cơ sở "
                      "dữ liệu được sao lưu tự động trước khi nhập.")
        text.setWordWrap(True)
        self.import_button = QPushButton("Nhập gói…")
        self.import_button.clicked.connect(self.open_import)
        row = QHBoxLayout(box)
        row.addWidget(text, 1)
        row.addWidget(self.import_button)
        return box

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.ctx.run(lambda: load_state(self.ctx.db), self._loaded, parent=self)
        self.conflicts.reload()

    def _loaded(self, state: PageState) -> None:
        self.state = state
        self.peer_combo.clear()
        for p in state.peers:
            self.peer_combo.addItem(p.name, p.unit_id)
        self.peer_combo.setEnabled(len(state.peers) > 1)
        if state.is_ward:
            self.intro.setText(
                f"{state.home_name}: nhận gói của các thôn, tổ dân phố và gửi lại danh sách "
                "(F0/F1, đính chính) cho từng thôn. Gói được mã hoá bằng mật khẩu chung.")
        else:
            ward = state.peers[0].name if state.peers else "xã/phường"
            self.intro.setText(
                f"{state.home_name}: gửi dữ liệu mới cho {ward} và nhận lại danh sách "
                "xã/phường gửi về. Gói được mã hoá bằng mật khẩu chung.")
        names = {p.unit_id: p.name for p in state.peers}
        self.log_model.beginResetModel()
        self.log_model.columns = _log_columns(names)
        self.log_model.endResetModel()
        self.log_model.set_rows(state.log)
        self._set_drives(state.drives)

    def _set_drives(self, drives: tuple[Drive, ...]) -> None:
        self.drive_combo.clear()
        if not drives:
            self.drive_combo.addItem("Chưa thấy ổ USB nào", "")
        self.drive_combo.setToolTip("" if drives else
                                    "Cắm USB rồi bấm «Tìm lại USB», hoặc chọn một thư mục.")
        for d in drives:
            self.drive_combo.addItem(d.display, str(d.path))
        if drives and not self.folder_edit.text():
            self.folder_edit.setText(str(drives[0].path))

    def refresh_drives(self) -> None:
        self.ctx.run(lambda: tuple(removable_drives()), self._set_drives, parent=self)

    def _drive_chosen(self, index: int) -> None:
        path = self.drive_combo.itemData(index)
        if path:
            self.folder_edit.setText(path)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu gói",
                                                  self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    # -- export --------------------------------------------------------------------------------
    def _export_problem(self) -> str | None:
        if not self.folder_edit.text().strip():
            return "Hãy chọn ổ USB hoặc thư mục lưu gói."
        if not Path(self.folder_edit.text().strip()).is_dir():
            return "Thư mục lưu gói không tồn tại (USB đã được rút ra?)."
        if not self.password_edit.text():
            return "Hãy nhập mật khẩu chung: gói chứa họ tên, số CCCD và dữ liệu sức khoẻ."
        if self.password_edit.text() != self.confirm_edit.text():
            return "Hai lần nhập mật khẩu không giống nhau."
        if self.peer_combo.currentIndex() < 0:
            return "Chưa có đơn vị nhận gói (xã/phường chỉ gửi được cho thôn đã gửi gói lên)."
        return None

    def _export_message(self, text: str, colour: str = "") -> None:
        self.export_status.setStyleSheet(f"color: {colour};" if colour else "")
        self.export_status.setText(text)

    def export(self) -> None:
        problem = self._export_problem()
        if problem:
            self._export_message(problem, RED)
            return
        folder = Path(self.folder_edit.text().strip())
        password = self.password_edit.text()
        peer_id = self.peer_combo.currentData()
        everything = self.everything.isChecked()
        self.export_button.setEnabled(False)
        self.export_progress.setVisible(True)
        self.export_progress.setRange(0, 0)
        self._export_message("Đang xuất gói, rồi đọc lại để kiểm tra…")

        def job(progress: Any = None) -> ExportResult:
            return export_package(self.ctx.db, folder, password, to_unit_id=peer_id,
                                  everything=everything, progress=progress)

        def done(result: ExportResult) -> None:
            self.last_export = result
            self.export_button.setEnabled(True)
            self.export_progress.setVisible(False)
            self._export_message(
                f"Xong: đã ghi và đọc lại kiểm tra gói số {result.sequence} gửi "
                f"{result.peer_name} ({format_number(result.rows)} dòng, "
                f"{max(1, result.size // 1024)} KB).\nTệp: {result.path}", GREEN)
            self.reload()

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.export_progress.setVisible(False)
            self._export_message("Chưa xuất được gói: " + error_text(exc), RED)

        def progress(done_: int, total: int) -> None:
            self.export_progress.setRange(0, max(total, 1))
            self.export_progress.setValue(done_)

        self.ctx.run(job, done, parent=self, on_error=failed, on_progress=progress)

    # -- import --------------------------------------------------------------------------------
    def open_import(self) -> None:
        dialog = HandoffImportDialog(self.ctx, self, start_dir=self.folder_edit.text())
        dialog.exec()
        if dialog.result_ is not None:
            self.reload()

    def on_changes(self, changes: Changes) -> None:
        if changes.units:
            self.reload()
