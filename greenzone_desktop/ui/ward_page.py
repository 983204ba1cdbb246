"""«Phường/xã» (ward databases only): each village's last package and who is overdue,
consolidated figures across villages, people registered in two villages, the Excel report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.handoff_ward import (
    DuplicateEntry,
    VillageFigures,
    VillageStatus,
    duplicate_cccd,
    is_ward,
    sum_figures,
    village_status,
    ward_figures,
    write_ward_report,
)
from greenzone_desktop.services.units import home_unit
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext, error_text
from greenzone_desktop.ui.handoff_models import GREEN, RED, number
from greenzone_desktop.ui.small_table import Col, SmallTableModel, table_view
from greenzone_desktop.ui.table_views import page_heading


def _when(v: VillageStatus) -> str:
    if v.last_received is None:
        return "Chưa nhận gói nào"
    days = f" ({v.days_since} ngày trước)" if v.days_since else " (hôm nay)"
    return v.last_received.strftime("%d/%m/%Y %H:%M") + days


STATUS_COLUMNS = [
    Col("Thôn, tổ dân phố", lambda v: v.name),
    Col("Gói gần nhất", _when),
    Col("Gói số", lambda v: str(v.sequence) if v.sequence else "", align_right=True),
    Col("Số gói", lambda v: format_number(v.packages), align_right=True),
    Col("Dòng trong gói", lambda v: number(v.rows), align_right=True),
    Col("Số hộ", lambda v: format_number(v.households), align_right=True),
    Col("Nhân khẩu", lambda v: format_number(v.persons), align_right=True),
    Col("Tình trạng", lambda v: "Quá hạn gửi gói" if v.overdue else "Đúng hạn",
           colour=lambda v: RED if v.overdue else GREEN),
]
FIGURE_COLUMNS = [
    Col("Thôn, tổ dân phố", lambda f: f.name),
    Col("Số hộ", lambda f: format_number(f.households), align_right=True),
    Col("Nhân khẩu", lambda f: format_number(f.persons), align_right=True),
    Col("Tiêm ≥ 1 mũi", lambda f: format_number(f.vaccinated), align_right=True),
    Col("Tiêm đủ liều", lambda f: format_number(f.fully_vaccinated), align_right=True),
    Col("F0", lambda f: format_number(f.f0), align_right=True,
        colour=lambda f: RED if f.f0 else ""),
    Col("F1", lambda f: format_number(f.f1), align_right=True),
    Col("Đang cách ly", lambda f: format_number(f.quarantine), align_right=True),
    Col("Hộ ký cam kết", lambda f: format_number(f.households_signed), align_right=True),
    Col("Tỷ lệ ký", lambda f: f"{f.signed_share * 100:.1f} %".replace(".", ","),
           align_right=True),
]
DUPLICATE_COLUMNS = [
    Col("Số CCCD/CMND", lambda e: e[0]),
    Col("Thôn, tổ dân phố", lambda e: e[1].village),
    Col("Họ và tên", lambda e: e[1].full_name),
    Col("Năm sinh", lambda e: str(e[1].birth_year or ""), align_right=True),
    Col("Mã hộ", lambda e: e[1].household_code),
]


@dataclass(frozen=True)
class WardState:
    name: str
    status: tuple[VillageStatus, ...]
    figures: tuple[VillageFigures, ...]
    duplicates: tuple[tuple[str, DuplicateEntry], ...]


def load_ward(db: Any) -> WardState:
    figures = ward_figures(db)
    rows = (*figures, sum_figures(figures)) if figures else ()
    dups = tuple((d.cccd, e) for d in duplicate_cccd(db) for e in d.entries)
    return WardState(home_unit(db).unit.name, tuple(village_status(db)), rows, dups)


class WardPage(QWidget):
    title = "Phường/xã"

    @classmethod
    def available(cls, ctx: AppContext) -> bool:
        """Only a ward database (it holds its villages as units) has this page."""
        return is_ward(ctx.db)

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.heading = page_heading(self.title)  # then the ward's name, once loaded
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.status_model = SmallTableModel(STATUS_COLUMNS, self)
        self.status_view = table_view(self.status_model, stretch=0)
        self.figures_model = SmallTableModel(FIGURE_COLUMNS, self, bold_last=True)
        self.figures_view = table_view(self.figures_model, stretch=0)
        self.dup_model = SmallTableModel(DUPLICATE_COLUMNS, self)
        self.dup_view = table_view(self.dup_model, stretch=2)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.figures_view, "Số liệu tổng hợp")
        self.tabs.addTab(self.dup_view, "Người đăng ký ở hai thôn")
        self.report_button = QPushButton("Xuất báo cáo Excel…")
        self.report_button.clicked.connect(self.export_report)
        refresh = QPushButton("Làm mới")
        refresh.clicked.connect(self.reload)
        self.report_status = QLabel("")
        self.report_status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(refresh)
        top.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Gói dữ liệu của các thôn"))
        layout.addWidget(self.status_view, 2)
        layout.addWidget(self.tabs, 3)
        layout.addWidget(self.report_status)
        self.reload()

    def reload(self) -> None:
        self.ctx.run(lambda: load_ward(self.ctx.db), self._loaded, parent=self)

    def _loaded(self, state: WardState) -> None:
        self.heading.setText(f"{state.name} — các thôn, tổ dân phố")
        self.status_model.set_rows(state.status)
        self.figures_model.set_rows(state.figures)
        self.dup_model.set_rows(state.duplicates)
        overdue = [v.name for v in state.status if v.overdue]
        people = len({c for c, _ in state.duplicates})
        parts = [f"{len(state.status)} thôn, tổ dân phố"]
        parts.append("quá hạn gửi gói: " + ", ".join(overdue) if overdue else
                     "tất cả đã gửi gói đúng hạn")
        parts.append(f"{people} số CCCD đăng ký ở hai thôn trở lên" if people else
                     "không có ai đăng ký ở hai thôn")
        self.summary.setText("; ".join(parts) + ".")
        self.tabs.setTabText(1, f"Người đăng ký ở hai thôn ({people})")

    def export_report(self, path: str | None = None) -> None:
        if not path:
            suggested = f"bao-cao-tong-hop-{date.today():%d-%m-%Y}.xlsx"
            path, _ = QFileDialog.getSaveFileName(self, "Lưu báo cáo Excel", suggested,
                                                  "Tệp Excel (*.xlsx)")
        if not path:
            return
        out = Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")

        def done(written: Path) -> None:
            self.report_status.setStyleSheet(f"color: {GREEN};")
            self.report_status.setText(f"Đã lưu báo cáo: {written}")

        def failed(exc: BaseException) -> None:
            self.report_status.setStyleSheet(f"color: {RED};")
            self.report_status.setText("Chưa lưu được báo cáo: " + error_text(exc))

        self.ctx.run(lambda: write_ward_report(self.ctx.db, out), done, parent=self,
                     on_error=failed)

    def on_changes(self, changes: Changes) -> None:
        if changes.units or changes.households or changes.persons or changes.health:
            self.reload()
