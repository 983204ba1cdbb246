"""The daily report to the ward: the day's figures, PDF + Excel into a folder, the history of
reports made and sent, and the hour after which the home page reminds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import daily_report
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.settings import get_setting, set_setting
from greenzone_desktop.ui import ui_settings
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.small_table import (
    Col,
    SmallTableModel,
    current_item,
    date_edit,
    date_text,
    edit_date,
    table_view,
)

FIGURE_COLUMNS = [
    Col("Lĩnh vực", lambda f: f.section),
    Col("Chỉ tiêu", lambda f: f.item),
    Col("Số liệu", lambda f: f.shown, align_right=True),
]
HISTORY_COLUMNS = [
    Col("Ngày báo cáo", lambda r: date_text(r.report_on)),
    Col("Đã gửi", lambda r: r.sent_at.strftime("%H:%M %d/%m/%Y") if r.sent_at else "chưa gửi",
        colour=lambda r: "" if r.sent_at else "#c62828"),
    Col("Tệp", lambda r: ", ".join(Path(f).name for f in r.files)),
]


class DailyReportTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.day = date_edit(date.today())
        self.day.dateChanged.connect(lambda _d: self.preview())
        self.hour = QSpinBox()
        self.hour.setRange(0, 23)
        self.hour.setSuffix(" giờ")
        self.hour.editingFinished.connect(self.save_hour)
        self.folder: str | None = None
        make = QPushButton("Lập báo cáo (PDF + Excel)…")
        make.clicked.connect(lambda: self.make())
        sent = QPushButton("Đánh dấu đã gửi")
        sent.clicked.connect(self.mark_sent)
        open_btn = QPushButton("Mở thư mục báo cáo")
        open_btn.clicked.connect(self.open_folder)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Ngày báo cáo", self.day)
        form.addRow("Nhắc lập báo cáo sau", self.hour)
        bar = QHBoxLayout()
        for b in (make, sent, open_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        self.figures = SmallTableModel(FIGURE_COLUMNS, self)
        self.figures_view = table_view(self.figures, stretch=1)
        self.history = SmallTableModel(HISTORY_COLUMNS, self)
        self.history_view = table_view(self.history, stretch=2)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel("Số liệu trong ngày:"))
        ll.addWidget(self.figures_view)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel("Các báo cáo đã lập:"))
        rl.addWidget(self.history_view)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        db = ctx.db
        ctx.run(lambda: get_setting(db, "daily_report_hour"),
                lambda h: self.hour.setValue(int(h or 16)), parent=self)
        self.reload()

    def reload(self) -> None:
        self.preview()
        db = self.ctx.db
        self.ctx.run(lambda: daily_report.report_history(db), self.history.set_rows, parent=self)

    def preview(self) -> None:
        db, day = self.ctx.db, edit_date(self.day)
        self.ctx.run(lambda: daily_report.day_figures(db, day), self.figures.set_rows,
                     parent=self)

    def save_hour(self) -> None:
        db, hour = self.ctx.db, self.hour.value()
        self.ctx.run(lambda: set_setting(db, "daily_report_hour", hour),
                     lambda _r: self.ctx.announce(Changes(settings=True)), parent=self)

    def make(self, folder: str | None = None) -> None:
        """Write the day's PDF and Excel into `folder` (asked for when not given)."""
        if folder is None:
            start = self.folder or ui_settings.get("daily_report/folder") or ""
            folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu báo cáo", start)
            if folder:
                ui_settings.put("daily_report/folder", folder)  # offered first next time
        if not folder:
            return
        self.folder = folder
        db, day = self.ctx.db, edit_date(self.day)

        def done(rec: daily_report.ReportRecord) -> None:
            self.status.setText("Đã lập báo cáo: " + "; ".join(rec.files) +
                                ". Gửi tệp cho xã/phường rồi bấm “Đánh dấu đã gửi”.")
            self.ctx.announce(daily_report.CHANGED)

        self.ctx.run(lambda: daily_report.make_daily_report(db, folder, day), done, parent=self)

    def mark_sent(self) -> None:
        rec = current_item(self.history_view)
        if rec is None and self.history.rows:
            rec = self.history.rows[0]
        if rec is None:
            return
        db = self.ctx.db
        self.ctx.run(lambda: daily_report.mark_sent(db, rec.id), self.ctx.announce, parent=self)

    def open_folder(self) -> None:
        rec = current_item(self.history_view) or (self.history.rows[0] if self.history.rows
                                                  else None)
        folder = str(Path(rec.files[0]).parent) if rec and rec.files else self.folder
        if folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(folder))
