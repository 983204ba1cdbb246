"""The daily report to the ward (báo cáo nhanh hằng ngày): the day's figures as a ruled table
in the official layout."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from greenzone_desktop.printing.data import PrintSummary, UnitInfo
from greenzone_desktop.printing.layout import write_table_document
from greenzone_desktop.printing.output import atomic_pdf


@dataclass(frozen=True)
class ReportLine:
    section: str  # "Dân số", "Y tế" …
    item: str
    value: str


@dataclass(frozen=True)
class DailyReportDoc:
    on: date
    lines: Sequence[ReportLine] = field(default_factory=tuple)
    notes: Sequence[str] = ()  # short paragraphs under the title


def write_daily_report(path: str | os.PathLike[str], doc: DailyReportDoc,
                       unit: UnitInfo) -> PrintSummary:
    """One report: heading, title with the day, the figures by section, signature."""
    rows = [(ln.section, ln.item, ln.value) for ln in doc.lines]
    with atomic_pdf(path) as tmp:
        return write_table_document(
            tmp, unit, "Báo cáo nhanh công tác phòng, chống dịch COVID-19",
            ("Lĩnh vực", "Chỉ tiêu", "Số liệu"), rows, widths=(2.2, 5.4, 2.0),
            summary=f"Ngày {doc.on:%d/%m/%Y}", when=doc.on, intro=list(doc.notes))
