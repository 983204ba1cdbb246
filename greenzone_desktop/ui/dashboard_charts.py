"""The home page's trend charts (QtCharts): F0/F1 each day, commitments and first doses
(cumulative), inspections each day — from services/trends.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QTabWidget, QWidget

from greenzone_desktop.services.trends import Series, Trends

COLOURS = ("#d62f2f", "#f08a24", "#2e7d32", "#1565c0", "#6a1b9a")


def _ms(d: date) -> float:
    return float(QDateTime(datetime.combine(d, time(12))).toMSecsSinceEpoch())


def _nice_max(value: int) -> int:
    """An axis top a little above `value`, on a round number."""
    if value <= 4:
        return 4
    step = 10 ** (len(str(value)) - 1)
    return ((value * 11 // 10) // step + 1) * step


class TrendChart(QChartView):
    """One chart: a few line series over the same days."""

    def __init__(self, title: str, parent: QWidget | None = None):
        chart = QChart()
        chart.setTitle(title)
        font = QFont(chart.titleFont())
        font.setPointSize(10)
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setBackgroundRoundness(4)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(300, 280)
        self.series_names: list[str] = []

    def set_series(self, days: Sequence[date], series: Sequence[Series]) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if not days:
            return
        x = QDateTimeAxis()
        x.setFormat("dd/MM")
        x.setTickCount(6)
        x.setRange(QDateTime(datetime.combine(days[0], time(0))),
                   QDateTime(datetime.combine(days[-1], time(23))))
        y = QValueAxis()
        y.setLabelFormat("%d")
        top = max((max(s.values, default=0) for s in series), default=0)
        y.setRange(0, _nice_max(top))
        y.setTickCount(5)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        self.series_names = []
        for i, s in enumerate(series):
            line = QLineSeries()
            line.setName(s.name)
            pen = QPen(QColor(COLOURS[i % len(COLOURS)]))
            pen.setWidth(2)
            line.setPen(pen)
            for d, v in zip(days, s.values, strict=True):
                line.append(_ms(d), v)
            chart.addSeries(line)
            line.attachAxis(x)
            line.attachAxis(y)
            self.series_names.append(s.name)


class TrendCharts(QTabWidget):
    """The three charts, one tab each (each wide enough to read its dates)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.health = TrendChart("F0 đang điều trị, F1 đang cách ly (30 ngày qua)")
        self.coverage = TrendChart("Hộ đã ký cam kết, người đã tiêm (cộng dồn)")
        self.inspections = TrendChart("Lượt kiểm tra mỗi ngày (30 ngày qua)")
        self.addTab(self.health, "F0, F1")
        self.addTab(self.coverage, "Cam kết, tiêm chủng")
        self.addTab(self.inspections, "Kiểm tra")

    def set_trends(self, t: Trends) -> None:
        self.health.set_series(t.days, t.health)
        self.coverage.set_series(t.days, t.coverage)
        self.inspections.set_series(t.days, (t.inspections,))
