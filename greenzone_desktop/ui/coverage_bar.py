"""The commitment coverage, always in sight: households, organisations and home-quarantine
households that have signed, each as "signed / total (percent)" with a bar."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from greenzone_desktop.services.commitments import Coverage
from greenzone_desktop.text import format_number

STYLE = """
QFrame#coverage_bar { background: #eef5ee; border: 1px solid #b9d7bd; border-radius: 4px; }
QFrame#coverage_bar QLabel { color: #1d3b22; }
QProgressBar { border: 1px solid #9bbf9f; border-radius: 3px; background: white; height: 10px; }
QProgressBar::chunk { background: #2e9d46; }
QProgressBar[low="true"]::chunk { background: #d68910; }
"""


def percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + " %"


class _Part(QWidget):
    def __init__(self, title: str):
        super().__init__()
        self.title = title
        self.label = QLabel(title)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)

    def show_value(self, signed: int, total: int, pct: float, noun: str) -> None:
        if total:
            self.label.setText(f"{self.title}: <b>{format_number(signed)}</b>/"
                               f"{format_number(total)} {noun} đã ký (<b>{percent(pct)}</b>)")
        else:
            self.label.setText(f"{self.title}: không có {noun}")
        self.bar.setValue(round(pct * 10))
        self.bar.setProperty("low", pct < 100.0)
        self.bar.style().unpolish(self.bar)
        self.bar.style().polish(self.bar)
        left = format_number(total - signed)
        self.label.setToolTip(f"Còn {left} {noun} chưa ký" if total else "")


class CoverageBar(QFrame):
    """`show_coverage(Coverage)`; `text()` reads the three figures as one line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("coverage_bar")
        self.setStyleSheet(STYLE)
        self.households = _Part("Hộ gia đình")
        self.organizations = _Part("Cơ quan, cơ sở")
        self.quarantine = _Part("Cách ly tại nhà")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(24)
        for part in (self.households, self.organizations, self.quarantine):
            layout.addWidget(part, 1)
        self.coverage: Coverage | None = None

    def show_coverage(self, c: Coverage) -> None:
        self.coverage = c
        self.households.show_value(c.households_signed, c.households, c.households_percent, "hộ")
        self.organizations.show_value(c.organizations_signed, c.organizations,
                                      c.organizations_percent, "cơ sở")
        self.quarantine.show_value(c.quarantine_signed, c.quarantine_households,
                                   c.quarantine_percent, "hộ")

    def text(self) -> str:
        return " · ".join(p.label.text().replace("<b>", "").replace("</b>", "")
                          for p in (self.households, self.organizations, self.quarantine))
