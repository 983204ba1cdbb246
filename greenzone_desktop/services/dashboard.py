"""Everything the home page shows, gathered in one call (one worker job, one refresh)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from greenzone_desktop.models.db import Database
from greenzone_desktop.services.green_zone import GreenZoneStatus, green_zone_status, staffing
from greenzone_desktop.services.inspections import inspections_between
from greenzone_desktop.services.risk import RiskFigures, compute_figures
from greenzone_desktop.services.stats import register_stats
from greenzone_desktop.services.trends import Trends, trends
from greenzone_desktop.text import format_number


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    note: str = ""
    page: str = ""  # where a click on it leads ("" : nowhere)


@dataclass(frozen=True)
class DashboardData:
    on: date
    status: GreenZoneStatus
    figures: tuple[KeyFigure, ...]
    risk_figures: RiskFigures
    trends: Trends


def _n(x: int) -> str:
    return format_number(x)


def _pct(x: float) -> str:
    return f"{x:.1f}".replace(".", ",") + " %"


def key_figures(stats: dict[str, Any], risk: RiskFigures, staffed: int, shifts: int,
                inspected: int) -> tuple[KeyFigure, ...]:
    """The home page's key figures, as text."""
    h, c = stats["health"], stats["commitments"]
    quarantine = h["quarantine_home"] + h["quarantine_centralised"]
    return (
        KeyFigure("Hộ gia đình", _n(stats["households"]),
                  f"{_n(stats['boarding_houses'])} nhà trọ", "households"),
        KeyFigure("Nhân khẩu", _n(stats["persons"]), "", "people"),
        KeyFigure("Người tạm trú", _n(stats["by_residency"]["tam_tru"]),
                  f"tạm vắng {_n(stats['by_residency']['tam_vang'])}", "people"),
        KeyFigure("F0 / F1 / cách ly", f"{_n(h['F0'])} / {_n(h['F1'])} / {_n(quarantine)}",
                  f"cách ly tập trung {_n(h['quarantine_centralised'])}; F2 {_n(h['F2'])}",
                  "health"),
        KeyFigure("Tiêm ≥ 1 mũi (từ 18 tuổi)", _pct(risk.coverage_one_dose),
                  f"từ 50 tuổi đủ liều {_pct(risk.coverage_full_50)}", "people"),
        KeyFigure("Hộ ký cam kết", _pct(c["households_percent"]),
                  f"{_n(c['households_signed'])}/{_n(stats['households'])} hộ", "commitments"),
        KeyFigure("Cơ sở ký cam kết", f"{_n(c['organizations_signed'])}/{_n(c['organizations'])}",
                  "cơ quan, cơ sở", "organizations"),
        KeyFigure("Kiểm tra tuần này", _n(inspected), "lượt, 7 ngày qua", "inspections"),
        KeyFigure("Ca trực đủ người", f"{_n(staffed)}/{_n(shifts)}", "ca, 7 ngày tới",
                  "roster"),
    )


def dashboard_data(db: Database, today: date | None = None, *, days: int = 30) -> DashboardData:
    """Criteria, key figures, risk figures and trends on `today`."""
    today = today or date.today()
    status = green_zone_status(db, today)
    stats = register_stats(db, today)
    risk = compute_figures(db, today)
    staffed, shifts = staffing(db, today)
    inspected = inspections_between(db, today - timedelta(days=6), today)
    return DashboardData(today, status, key_figures(stats, risk, staffed, shifts, inspected),
                         risk, trends(db, today, days))
