"""Personal duty slips (phiếu báo lịch trực): each person's shifts of the week, several slips
per A4 sheet with a dashed line to cut along, so a village hands everyone their own paper."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from greenzone_desktop.printing.data import (
    CancelledFn,
    PrintCancelled,
    PrintSummary,
    ProgressFn,
    UnitInfo,
    nfc,
)
from greenzone_desktop.printing.fonts import SERIF, SERIF_BOLD, register_fonts
from greenzone_desktop.printing.layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    Styles,
    _authority,
    make_styles,
    para_text,
    upper_vn,
)
from greenzone_desktop.printing.output import atomic_pdf
from greenzone_desktop.printing.roster_doc import DutySlip, hours_text, week_text, weekday_name

SLIP_TITLE = "PHIẾU BÁO LỊCH TRỰC CHỐT"
WIDTH = A4[0] - MARGIN_LEFT - MARGIN_RIGHT
HEADER = ("TT", "Ngày", "Giờ trực", "Chốt, địa điểm", "Điện thoại", "Trực cùng")
WIDTHS = (0.7, 2.7, 2.2, 4.1, 2.3, 3.7)
REMINDER = ("Đến trực đúng giờ, đeo khẩu trang, mang theo điện thoại. Không đến được thì báo "
            "ngay cho Ban Chỉ đạo để bố trí người thay")


class CutLine(Flowable):
    """A dashed line across the frame, between two slips."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._w = avail_width
        return avail_width, 16

    def draw(self) -> None:
        self.canv.setDash(4, 3)
        self.canv.setLineWidth(0.5)
        self.canv.setStrokeGray(0.4)
        self.canv.line(-MARGIN_LEFT / 2, 8, self._w + MARGIN_RIGHT / 2, 8)


class _Tick(Flowable):
    """Zero-size marker before each slip: progress and cancel."""

    def __init__(self, index: int, total: int, progress: ProgressFn | None,
                 cancelled: CancelledFn | None) -> None:
        super().__init__()
        self.index, self.total, self.progress, self.cancelled = index, total, progress, cancelled

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise PrintCancelled()
        if self.progress is not None and self.index:
            self.progress(self.index, self.total)


def _contact(unit: UnitInfo) -> str:
    if unit.hotlines:
        label, number = unit.hotlines[0]
        return f" ({nfc(label)}: {nfc(number)})"
    return ""


def slip_story(slip: DutySlip, unit: UnitInfo, st: Styles) -> list[Flowable]:
    """One person's slip."""
    s11 = ParagraphStyle("s11", parent=st.cell, fontSize=10.5, leading=12.2)
    s11c = ParagraphStyle("s11c", parent=s11, alignment=1)
    s11b = ParagraphStyle("s11b", parent=s11c, fontName=SERIF_BOLD)
    issuer = upper_vn(unit.issuing_body or unit.parent_body)
    head = Table([[Paragraph(para_text(issuer), s11b),
                   [Paragraph(SLIP_TITLE, ParagraphStyle("st", parent=s11b, fontSize=13,
                                                         leading=16)),
                    Paragraph(f"<i>{para_text(week_text(slip.week_start))}</i>", s11c)]]],
                 colWidths=[WIDTH * 0.42, WIDTH * 0.58])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("FONTNAME", (0, 0), (-1, -1), SERIF),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    who = f"Họ và tên: <b>{para_text(slip.name)}</b>"
    if slip.phone:
        who += f"; điện thoại: {para_text(slip.phone)}"
    if slip.organisation:
        who += f"; đơn vị: {para_text(slip.organisation)}"
    rel = sum(WIDTHS)
    rows: list[list[object]] = [[Paragraph(h, ParagraphStyle("sh", parent=s11b, fontSize=10.5))
                                 for h in HEADER]]
    for i, d in enumerate(slip.duties, 1):
        where = nfc(d.checkpoint) + (f" – {nfc(d.location)}" if d.location else "")
        rows.append([Paragraph(str(i), s11c),
                     Paragraph(f"{weekday_name(d.day)}, {d.day:%d/%m}", s11),
                     Paragraph(para_text(d.time), s11c), Paragraph(para_text(where), s11),
                     Paragraph(para_text(d.checkpoint_phone), s11c),
                     Paragraph(para_text(", ".join(d.partners)), s11)])
    grid = Table(rows, colWidths=[WIDTH * w / rel for w in WIDTHS], repeatRows=1)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                              ("FONTNAME", (0, 0), (-1, -1), SERIF),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                              ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
                              ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]))
    total = f"Tổng số: {len(slip.duties)} ca, {hours_text(slip.hours)}."
    sign = [Paragraph(para_text(_authority(unit)), s11b),
            Paragraph(para_text(upper_vn(unit.signer_title)), s11b), Spacer(1, 20),
            Paragraph(f"<b>{para_text(unit.signer_name)}</b>", s11c)]
    tail = Table([[Paragraph(para_text(REMINDER + _contact(unit) + "."), s11), sign]],
                 colWidths=[WIDTH * 0.6, WIDTH * 0.4])
    tail.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("FONTNAME", (0, 0), (-1, -1), SERIF),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [head, Spacer(1, 6), Paragraph(who, ParagraphStyle("who", parent=st.body_flush,
                                                                fontSize=12, leading=15)),
            Spacer(1, 3), grid, Spacer(1, 3), Paragraph(para_text(total), s11), Spacer(1, 4),
            tail]


def write_duty_slips(path: str | os.PathLike[str], slips: Sequence[DutySlip], unit: UnitInfo,
                     *, progress: ProgressFn | None = None,
                     cancelled: CancelledFn | None = None) -> PrintSummary:
    """The slips of `slips` on A4 portrait, as many per sheet as fit, never split."""
    if not slips:
        raise ValueError("no duty slips to print")
    register_fonts()
    st = make_styles(13)
    flow: list[Flowable] = []
    for i, slip in enumerate(slips):
        if i:
            flow.append(CutLine())
        flow.append(_Tick(i, len(slips), progress, cancelled))
        flow.append(KeepTogether(slip_story(slip, unit, st)))
    with atomic_pdf(path) as tmp:
        out = Path(tmp)
        doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=MARGIN_LEFT,
                              rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP,
                              bottomMargin=MARGIN_BOTTOM, initialFontName=SERIF, initialFontSize=11,
                              title=upper_vn("Phiếu báo lịch trực"), creator="GreenZone Desktop")
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0, id="slips")
        doc.addPageTemplates([PageTemplate("slips", [frame])])
        try:
            doc.build(flow)
        except BaseException:
            with contextlib.suppress(OSError):
                out.unlink()
            raise
        pages = doc.page
    if progress is not None:
        progress(len(slips), len(slips))
    return PrintSummary(pages=pages, sheets=pages, documents=len(slips))

