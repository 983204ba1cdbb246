"""Đánh giá nguy cơ: the assessments recorded (with the figures behind each), a new assessment
with the proposed level to confirm or override, the editable threshold presets, the printed
record; and the daily report to the ward."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import risk
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.risk_print import figure_rows, print_assessment
from greenzone_desktop.services.settings import get_setting
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.daily_report_tab import DailyReportTab
from greenzone_desktop.ui.risk_dialogs import AssessmentDialog, ThresholdsTab, level_style
from greenzone_desktop.ui.small_table import (
    Col,
    SmallTableModel,
    confirm,
    current_item,
    date_text,
    save_pdf,
    submit,
    table_view,
)
from greenzone_desktop.ui.table_views import page_heading
from greenzone_desktop.vocab import RISK_COLOUR_NAMES, RISK_COLOURS, RiskLevel

COLUMNS = [
    Col("Ngày", lambda a: date_text(a.assessed_on)),
    Col("Người đánh giá", lambda a: a.assessors),
    Col("Căn cứ", lambda a: (a.figures.get("preset_name") or a.preset).split(" (")[0]),
    Col("Mức đề xuất", lambda a: RiskLevel(a.proposed_level).label),
    Col("Mức quyết định", lambda a: f"{a.label} ({RISK_COLOUR_NAMES[a.level]})",
        colour=lambda a: "#b8860b" if a.level == "2" else RISK_COLOURS[a.level]),
    Col("Lý do điều chỉnh", lambda a: a.override_reason),
]


class AssessmentsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: AssessmentDialog | None = None
        self.model = SmallTableModel(COLUMNS, self)
        self.view = table_view(self.model, stretch=1)  # the assessors' names take what is left
        self.view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(5, 130)  # a long reason is cut, not scrolled off the page
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._detail())
        self.current_level = QLabel()
        new = QPushButton("Đánh giá mới…")
        new.clicked.connect(lambda: self.new_assessment())
        print_btn = QPushButton("In biên bản đánh giá…")
        print_btn.clicked.connect(lambda: self.print_selected())
        delete = QPushButton("Xóa")
        delete.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        for b in (new, print_btn, delete):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.current_level)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setMinimumWidth(320)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setSizes([790, 330])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.reload()

    def reload(self) -> None:
        db = self.ctx.db
        self.ctx.run(lambda: risk.list_assessments(db), self._show, parent=self)

    def _show(self, rows: list[risk.AssessmentView]) -> None:
        self.model.set_rows(rows)
        if rows:
            a = rows[0]
            self.current_level.setText(f"Mức hiện tại: {a.label} ({RISK_COLOUR_NAMES[a.level]})")
            self.current_level.setStyleSheet(level_style(a.level))
            self.view.selectRow(0)
        else:
            self.current_level.setText("Chưa có lần đánh giá nào")
            self.current_level.setStyleSheet("")
            self.detail.clear()

    def _detail(self) -> None:
        a = current_item(self.view)
        if a is None:
            self.detail.clear()
            return
        rows = "".join(f"<tr><td>{label}</td><td align='right'><b>{value}</b></td></tr>"
                       for label, value in figure_rows(a.figures))
        reasons = "; ".join(a.figures.get("reasons", []))
        override = (f"<p><b>Điều chỉnh:</b> {RiskLevel(a.proposed_level).label} → {a.label}. "
                    f"Lý do: {a.override_reason}</p>" if a.overridden else "")
        self.detail.setText(f"<p><b>Đánh giá ngày {date_text(a.assessed_on)}</b></p>"
                            f"<table cellspacing='4'>{rows}</table>"
                            f"<p><b>Đề xuất vì:</b> {reasons}</p>{override}")

    def new_assessment(self) -> AssessmentDialog:
        db = self.ctx.db
        presets = risk.presets(db)
        default = get_setting(db, "risk_preset") or "qd2686"
        dlg = AssessmentDialog(self.ctx, presets, default, self)

        def save(d: AssessmentDialog) -> None:
            value, figures = d.value(), d.figures
            submit(self.ctx, d, lambda: risk.record_assessment(db, value, figures),
                   risk.CHANGED)

        dlg.on_save = save
        self.dialog = dlg
        dlg.open()
        return dlg

    def print_selected(self, *, path: str | None = None) -> None:
        a = current_item(self.view)
        if a is None:
            return
        db = self.ctx.db
        save_pdf(self, self.ctx, f"danh-gia-nguy-co-{a.assessed_on:%Y-%m-%d}.pdf",
                 lambda out: print_assessment(db, a.id, out), path=path)

    def delete_selected(self) -> None:
        a = current_item(self.view)
        if a is None or not confirm(self, f"Xóa lần đánh giá ngày {date_text(a.assessed_on)}?"):
            return
        db = self.ctx.db
        self.ctx.run(lambda: risk.delete_assessment(db, a.id), self.ctx.announce, parent=self)


class RiskPage(QWidget):
    title = "Đánh giá nguy cơ"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.assessments = AssessmentsTab(ctx)
        self.thresholds = ThresholdsTab(ctx, ctx.announce)
        self.report = DailyReportTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.assessments, "Các lần đánh giá")
        self.tabs.addTab(self.thresholds, "Bộ ngưỡng đánh giá")
        self.tabs.addTab(self.report, "Báo cáo ngày")
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title))
        layout.addWidget(self.tabs, 1)
        self._load_presets()

    def _load_presets(self) -> None:
        db = self.ctx.db
        self.ctx.run(lambda: risk.presets(db), self.thresholds.set_presets, parent=self)

    def on_changes(self, changes: Changes) -> None:
        if changes.community:
            self.assessments.reload()
        if changes.settings:
            self._load_presets()
        if changes.any():
            self.report.reload()

    def show_target(self, **target: Any) -> None:
        tab = target.get("tab")
        widget = {"report": self.report, "thresholds": self.thresholds}.get(tab,
                                                                           self.assessments)
        self.tabs.setCurrentWidget(widget)
