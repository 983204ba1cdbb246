"""The daily report to the ward: the day's figures as PDF and Excel, the history of reports
made and sent, and the reminder at the configured hour (setting `daily_report_hour`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import case, func, select

from greenzone_desktop.exchange.excel_writer import Column, ReportTable, write_report
from greenzone_desktop.models import (
    DailyReport,
    HealthStatus,
    Inspection,
    Person,
    TestResult,
    Tip,
    Violation,
)
from greenzone_desktop.models.db import Database
from greenzone_desktop.printing.daily_report import DailyReportDoc, ReportLine, write_daily_report
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ServiceError
from greenzone_desktop.services.green_zone import staffing
from greenzone_desktop.services.print_unit import unit_info
from greenzone_desktop.services.risk import compute_figures, current_assessment
from greenzone_desktop.services.settings import get_setting
from greenzone_desktop.services.stats import register_stats
from greenzone_desktop.text import format_number

CHANGED = Changes(community=True)


@dataclass(frozen=True)
class Figure:
    section: str
    item: str
    value: float | int | None  # a float is a percentage
    note: str = ""  # what the value is out of ("trên 12 cơ sở"), or the text when no value

    @property
    def shown(self) -> str:
        if self.value is None:
            return self.note
        if isinstance(self.value, float):
            text = f"{self.value:.1f}".replace(".", ",") + " %"
        else:
            text = format_number(self.value)
        return f"{text} {self.note}".strip()


@dataclass(frozen=True)
class ReportRecord:
    id: str
    report_on: date
    sent_at: datetime | None
    files: tuple[str, ...]
    figures: dict[str, Any]


def _new_on(s, kind: str, day: date) -> int:  # noqa: ANN001 - session
    return s.scalar(select(func.count(func.distinct(HealthStatus.person_id)))
                    .join(Person, Person.id == HealthStatus.person_id)
                    .where(Person.deleted.is_(False), HealthStatus.deleted.is_(False),
                           HealthStatus.kind == kind, HealthStatus.start_date == day)) or 0


def day_figures(db: Database, day: date | None = None) -> list[Figure]:
    """The day's figures, by section, as the ward asks for them."""
    day = day or date.today()
    st = register_stats(db, day)
    risk = compute_figures(db, day)
    staffed, shifts = staffing(db, day)
    assessment = current_assessment(db)
    with db.session() as s:
        new_f0, new_f1 = _new_on(s, "F0", day), _new_on(s, "F1", day)
        tested = s.execute(select(func.count(), func.sum(
            case((TestResult.outcome == "positive", 1), else_=0))).where(
            TestResult.deleted.is_(False), TestResult.tested_on == day)).one()
        inspections = s.scalar(select(func.count()).select_from(Inspection).where(
            Inspection.deleted.is_(False), Inspection.inspected_on == day)) or 0
        violations = s.scalar(select(func.count()).select_from(Violation).where(
            Violation.deleted.is_(False), Violation.occurred_on == day)) or 0
        tips = s.scalar(select(func.count()).select_from(Tip).where(
            Tip.deleted.is_(False), Tip.received_on == day)) or 0
    h, c = st["health"], st["commitments"]
    pop, hl = "Dân số", "Y tế"
    return [
        Figure(pop, "Số hộ", st["households"]),
        Figure(pop, "Số nhân khẩu", st["persons"]),
        Figure(pop, "Thường trú", st["by_residency"]["thuong_tru"]),
        Figure(pop, "Tạm trú", st["by_residency"]["tam_tru"]),
        Figure(pop, "Tạm vắng", st["by_residency"]["tam_vang"]),
        Figure(hl, "F0 phát hiện mới trong ngày", new_f0),
        Figure(hl, "F1 phát hiện mới trong ngày", new_f1),
        Figure(hl, "F0 đang điều trị", h["F0"]),
        Figure(hl, "F1 đang cách ly, theo dõi", h["F1"]),
        Figure(hl, "Cách ly tại nhà", h["quarantine_home"]),
        Figure(hl, "Cách ly tập trung", h["quarantine_centralised"]),
        Figure(hl, "Ca cộng đồng trong 14 ngày", risk.cases_14d),
        Figure(hl, "Người được xét nghiệm trong ngày", tested[0] or 0),
        Figure(hl, "Kết quả dương tính trong ngày", int(tested[1] or 0)),
        Figure(hl, "Tỷ lệ người từ 18 tuổi đã tiêm ≥ 1 mũi", risk.coverage_one_dose),
        Figure(hl, "Tỷ lệ người từ 50 tuổi đã tiêm đủ liều", risk.coverage_full_50),
        Figure("Cam kết", "Hộ đã ký cam kết", c["households_signed"]),
        Figure("Cam kết", "Hộ chưa ký cam kết", c["households_unsigned"]),
        Figure("Cam kết", "Cơ quan, cơ sở đã ký cam kết", c["organizations_signed"],
               f"trên {c['organizations']} cơ sở"),
        Figure("Kiểm soát", "Ca trực đủ người (7 ngày tới)", staffed, f"trên {shifts} ca"),
        Figure("Kiểm soát", "Lượt kiểm tra trong ngày", inspections),
        Figure("Kiểm soát", "Vi phạm phát hiện trong ngày", violations),
        Figure("Kiểm soát", "Tin báo nhận trong ngày", tips),
        Figure("Đánh giá", "Mức nguy cơ hiện tại", None,
               f"{assessment.label} (đánh giá ngày {assessment.assessed_on:%d/%m/%Y})"
               if assessment else "Chưa đánh giá"),
    ]


def _file_stem(day: date) -> str:
    return f"bao-cao-ngay-{day:%Y-%m-%d}"


def make_daily_report(db: Database, folder: str | Path, day: date | None = None) -> ReportRecord:
    """Write the day's report as PDF and Excel into `folder` and record it in the history."""
    day = day or date.today()
    out = Path(folder)
    if not out.is_dir():
        raise ServiceError(f"Không có thư mục «{out}» để lưu báo cáo.")
    figures = day_figures(db, day)
    unit = unit_info(db)
    pdf = out / f"{_file_stem(day)}.pdf"
    xlsx = out / f"{_file_stem(day)}.xlsx"
    doc = DailyReportDoc(day, tuple(ReportLine(f.section, f.item, f.shown) for f in figures))
    write_daily_report(pdf, doc, unit)
    table = ReportTable(
        title="Báo cáo nhanh công tác phòng, chống dịch COVID-19",
        columns=[Column("section", "Lĩnh vực", width=14), Column("item", "Chỉ tiêu", width=42),
                 Column("value", "Số liệu", "number"), Column("note", "Ghi chú", width=34)],
        rows=[(f.section, f.item, f.value, f.note) for f in figures],
        unit_lines=[x for x in (unit.issuing_body, unit.display_name) if x], date=day,
        sheet_name="Báo cáo ngày")
    write_report(xlsx, table)
    data = {f.item: f.shown for f in figures}
    with db.session() as s:
        row = DailyReport(unit_id=db.home_unit_id, report_on=day, figures=data,
                          files=[str(pdf), str(xlsx)])
        s.add(row)
        s.flush()
        return ReportRecord(row.id, day, None, (str(pdf), str(xlsx)), data)


def mark_sent(db: Database, report_id: str, at: datetime | None = None) -> Changes:
    """Note that a report was sent to the ward (at `at`, default now)."""
    with db.session() as s:
        row = s.get(DailyReport, report_id)
        if row is None or row.deleted:
            raise NotFoundError("Không tìm thấy báo cáo này.")
        row.sent_at = at or datetime.now().replace(microsecond=0)
    return CHANGED


def report_history(db: Database, *, limit: int = 200) -> list[ReportRecord]:
    """Reports made, newest first."""
    with db.session() as s:
        rows = s.scalars(select(DailyReport).where(DailyReport.deleted.is_(False))
                         .order_by(DailyReport.report_on.desc(), DailyReport.created_at.desc())
                         .limit(limit)).all()
        return [ReportRecord(r.id, r.report_on, r.sent_at, tuple(r.files or ()),
                             dict(r.figures or {})) for r in rows]


def report_reminder(db: Database, now: datetime | None = None) -> str:
    """A reminder when the configured hour has passed and today's report is not sent ("")."""
    now = now or datetime.now()
    hour = int(get_setting(db, "daily_report_hour") or 16)
    if now.hour < hour:
        return ""
    day = now.date()
    with db.session() as s:
        sent = s.scalar(select(func.count()).select_from(DailyReport).where(
            DailyReport.deleted.is_(False), DailyReport.report_on == day,
            DailyReport.sent_at.is_not(None))) or 0
    if sent:
        return ""
    return (f"Đã quá {hour} giờ: báo cáo ngày {day:%d/%m/%Y} chưa gửi lên xã/phường.")
