"""Start-up: QApplication, the bundled fonts, first start (create a unit or open the demo
village), then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.models.db import Database, default_db_path
from greenzone_desktop.models.migrations import open_database
from greenzone_desktop.resources import resource_path
from greenzone_desktop.services.demo import generate_demo
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.units import init_units
from greenzone_desktop.ui.context import AppContext, error_text

APP_STYLE = """
QListWidget#sidebar { background: #0a4da2; color: white; font-size: 14px; border: none; }
QListWidget#sidebar::item { padding: 7px 10px; }
QListWidget#sidebar::item:selected { background: #ffffff; color: #0a4da2; font-weight: bold; }
QLabel[role="title"] { font-size: 18px; font-weight: bold; color: #0a4da2; }
QLabel[role="error"] { color: #c0392b; }
QLabel[role="warning"] { color: #b9770e; }
"""


def setup_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Sổ Vùng Xanh")
    app.setOrganizationName("GreenZone")
    fonts = resource_path("fonts")
    for name in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"):
        if (fonts / name).exists():
            QFontDatabase.addApplicationFont(str(fonts / name))
    font = QFont("Liberation Sans", 10)
    app.setFont(font)
    app.setStyleSheet(APP_STYLE)
    return app  # type: ignore[return-value]


class FirstStartDialog(QDialog):
    """No unit yet: create one, or open the demo village."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Sổ Vùng Xanh — bắt đầu")
        self.demo = QRadioButton("Mở thôn mẫu (dữ liệu minh họa, 300 hộ) để làm quen")
        self.create = QRadioButton("Tạo đơn vị mới cho thôn/tổ dân phố hoặc xã/phường của tôi")
        self.demo.setChecked(True)
        self.province = QLineEdit()
        self.province.setPlaceholderText("ví dụ: Vĩnh Phúc")
        self.commune = QLineEdit()
        self.commune.setPlaceholderText("ví dụ: Phường Hùng Vương")
        self.village = QLineEdit()
        self.village.setPlaceholderText("bỏ trống nếu là máy của xã/phường")
        form = QFormLayout()
        form.addRow("Tỉnh/thành phố:", self.province)
        form.addRow("Xã/phường/thị trấn:", self.commune)
        form.addRow("Thôn/tổ dân phố:", self.village)
        self.form_box = QWidget()
        self.form_box.setLayout(form)
        self.form_box.setEnabled(False)
        self.create.toggled.connect(self.form_box.setEnabled)
        self.message = QLabel("")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Bắt đầu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Thoát")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(f"Chưa có dữ liệu. Cơ sở dữ liệu sẽ được lưu tại:\n{path}")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.demo)
        layout.addWidget(self.create)
        layout.addWidget(self.form_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 320)


def prepare_database(path: Path, *, parent: QWidget | None = None, ask: bool = True) -> Database | None:
    """Open the database, asking on first start what to put in it. None if the user quits."""
    db = open_database(path)
    while not db.home_unit_id:
        if not ask:
            generate_demo(db, households=300, seed=1)
            break
        dialog = FirstStartDialog(path, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            db.dispose()
            return None
        try:
            if dialog.demo.isChecked():
                generate_demo(db, households=300, seed=1)
            else:
                init_units(db, province=dialog.province.text(), commune=dialog.commune.text(),
                           village=dialog.village.text() or None)
        except ServiceError as exc:
            QMessageBox.warning(parent, "Chưa tạo được đơn vị", error_text(exc))
    return db


def run_app(db_path: Path | None = None) -> int:
    """Open the desktop app on `db_path` (default: the per-user data folder)."""
    app = setup_application()
    from greenzone_desktop.ui.main_window import MainWindow

    path = db_path or default_db_path()
    try:
        db = prepare_database(path)
    except Exception as exc:  # a database we cannot open: say so, don't crash
        QMessageBox.critical(None, "Không mở được cơ sở dữ liệu", error_text(exc))
        return 1
    if db is None:
        return 0
    window = MainWindow(AppContext(db))
    window.show()
    try:
        return app.exec()
    finally:  # the connections closed: SQLite folds its log into the file and removes it
        db.dispose()
