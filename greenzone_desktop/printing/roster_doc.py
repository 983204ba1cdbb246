"""The duty roster (lịch trực) of a checkpoint for a week, as an official A4 landscape document.

One page per checkpoint per week: the Nghị định 30 heading, the title, the checkpoint's facts,
a grid of the week's days × the day's shifts with each person's name and phone, and the
signature of the steering committee. The grid's type size is the largest that keeps the whole
document on one page (a 2-hour pattern has eight shifts a day); a week with no shifts yet
prints blank cells tall enough to write names in by hand.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from greenzone_desktop.printing.data import (
    CancelledFn,
    PrintSummary,
    ProgressFn,
    UnitInfo,
    nfc,
)
from greenzone_desktop.printing.fonts import SERIF, SERIF_BOLD
from greenzone_desktop.printing.layout import (
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    Signature,
    Styles,
    _authority,
    build_documents,
    header_table,
    make_styles,
    para_text,
    signature_row,
    upper_vn,
    vn_date,
)
from greenzone_desktop.printing.output import atomic_pdf

PAGE_W, PAGE_H = landscape(A4)
WIDTH = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
HEIGHT = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
TITLE = "LỊCH TRỰC CHỐT KIỂM SOÁT DỊCH COVID-19"
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
NO_SHIFT = "—"
GRID_SIZES = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0)
RECIPIENTS = ("Các thành viên trực chốt;", "Lưu: VT.")


def weekday_name(d: date) -> str:
    """"Thứ Hai" … "Chủ nhật"."""
    return WEEKDAYS[d.weekday()]


def week_text(start: date) -> str:
    """"Tuần từ ngày 13/09/2021 đến ngày 19/09/2021"."""
    return f"Tuần từ ngày {vn_date(start)} đến ngày {vn_date(start + timedelta(days=6))}"


@dataclass(frozen=True)
class DutyPerson:
    """Someone on a shift, as printed: name and a phone already grouped for reading."""

    name: str
    phone: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class RosterCell:
    """One shift: who stands it, and how many people are still missing (0: fully staffed)."""

    people: tuple[DutyPerson, ...] = ()
    missing: int = 0


@dataclass
class RosterSheet:
    """One checkpoint's week: `cells[slot][day]` is a RosterCell, or None when there is no
    such shift that day (checkpoint closed, not yet open)."""

    checkpoint: str
    week_start: date
    slots: list[str]  # "06:00–14:00", in the order of the day
    cells: list[list[RosterCell | None]]
    location: str = ""
    kind: str = ""  # "chốt cứng" / "chốt mềm"
    phone: str = ""
    hours: str = "24/24 giờ"
    min_staff: int = 0
    blank: bool = False  # no shifts planned yet: print empty cells to fill in by hand

    @property
    def days(self) -> list[date]:
        return [self.week_start + timedelta(days=i) for i in range(7)]

    @property
    def staffed(self) -> tuple[int, int]:
        """(shifts with nobody missing, shifts) of the week."""
        shifts = [c for row in self.cells for c in row if c is not None]
        return sum(1 for c in shifts if c.missing == 0), len(shifts)


def facts_line(sheet: RosterSheet) -> str:
    """The checkpoint's facts under the title."""
    name = nfc(sheet.checkpoint)
    if sheet.kind:
        name += f" ({nfc(sheet.kind)})"
    parts = [f"Chốt: {name}" + (f" – {nfc(sheet.location)}" if sheet.location else "")]
    if sheet.phone:
        parts.append(f"Điện thoại của chốt: {nfc(sheet.phone)}")
    duty = f"Thời gian trực: {nfc(sheet.hours)}"
    if sheet.min_staff:
        duty += f", tối thiểu {sheet.min_staff} người mỗi ca"
    parts.append(duty)
    return ". ".join(parts) + "."


def _cell_markup(cell: RosterCell | None, blank: bool, compact: bool = False) -> str:
    """A shift's people, name over phone (or both on one line when `compact`)."""
    if cell is None:
        return NO_SHIFT
    lines = []
    for p in cell.people:
        line = f"<b>{para_text(p.name)}</b>"
        if p.phone:
            line += (" " if compact else "<br/>") + para_text(p.phone)
        lines.append(line)
    if cell.missing and not blank:
        lines.append(f"<i>Thiếu {cell.missing} người</i>")
    return "<br/>".join(lines)


def _grid(sheet: RosterSheet, size: float, row_h: float | None, compact: bool = False
          ) -> Table:
    lead = size * 1.18
    cell = ParagraphStyle("rc", fontName=SERIF, fontSize=size, leading=lead)
    head = ParagraphStyle("rh", parent=cell, fontName=SERIF_BOLD, alignment=1)
    off = ParagraphStyle("ro", parent=cell, alignment=1, textColor=colors.HexColor("#666666"))
    first_w = 66.0
    day_w = (WIDTH - first_w) / 7
    data: list[list[object]] = [[Paragraph("Ca trực", head)] + [
        Paragraph(f"{weekday_name(d)}<br/>{d:%d/%m/%Y}", head) for d in sheet.days]]
    for i, slot in enumerate(sheet.slots):
        row: list[object] = [Paragraph(f"<b>Ca {i + 1}</b><br/>{para_text(slot)}",
                                       ParagraphStyle("rs", parent=cell, alignment=1))]
        for c in sheet.cells[i]:
            row.append(Paragraph(_cell_markup(c, sheet.blank, compact),
                                 off if c is None else cell))
        data.append(row)
    heights = None if row_h is None else [None] + [row_h] * len(sheet.slots)
    t = Table(data, colWidths=[first_w] + [day_w] * 7, rowHeights=heights, repeatRows=1)
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (1, 1), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1 if compact else 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 if compact else 2.5),
    ]))
    return t


def _height(flowables: Sequence[Flowable]) -> float:
    total = 0.0
    for f in flowables:
        _, h = f.wrap(WIDTH, HEIGHT)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def roster_story(sheet: RosterSheet, unit: UnitInfo, st: Styles, *, when: date | None = None,
                 number: str = "……") -> list[Flowable]:
    """One checkpoint's week on one landscape page."""
    facts = ParagraphStyle("facts", parent=st.body_flush, fontSize=12, leading=14.5)
    top: list[Flowable] = [
        header_table(unit, number, when, WIDTH, st), Spacer(1, 4),
        Paragraph(TITLE, st.title),
        Paragraph(para_text(week_text(sheet.week_start)), st.summary),
        Paragraph(para_text(facts_line(sheet)), facts), Spacer(1, 4)]
    sig = Signature(title=unit.signer_title, authority=_authority(unit), name=unit.signer_name)

    def bottom(space: float) -> list[Flowable]:
        return [Spacer(1, 4), signature_row([sig], WIDTH, st, recipients=RECIPIENTS,
                                            space=space)]

    # name over phone while the type stays readable; then name and phone on one line, with
    # less room to sign (a 2-hour pattern has eight shifts a day)
    tries = [(size, False) for size in GRID_SIZES if size >= 7] + [
        (size, True) for size in GRID_SIZES if size <= 8]
    grid: Table | None = None
    tail = bottom(36)
    for size, compact in tries:
        tail = bottom(22 if compact else 36)
        room = HEIGHT - _height(top) - _height(tail) - 2
        grid = _grid(sheet, size, None, compact)
        if _height([grid]) <= room:
            break
    if sheet.blank and sheet.slots:  # room to write by hand: share the free height out
        head_h = _height([_grid(RosterSheet(sheet.checkpoint, sheet.week_start, [], []),
                                GRID_SIZES[0], None)])
        row_h = min((room - head_h) / len(sheet.slots), 90.0)
        grid = _grid(sheet, GRID_SIZES[0], max(row_h, 14.0))
    assert grid is not None
    return [*top, grid, *tail]


def write_roster(path: str | os.PathLike[str], sheets: Sequence[RosterSheet], unit: UnitInfo,
                 *, when: date | None = None, number: str = "……",
                 progress: ProgressFn | None = None,
                 cancelled: CancelledFn | None = None) -> PrintSummary:
    """The rosters of `sheets` in one landscape PDF, one page per checkpoint per week."""
    if not sheets:
        raise ValueError("a roster needs at least one checkpoint")
    st = make_styles(13)
    stories = [roster_story(s, unit, st, when=when, number=number) for s in sheets]
    with atomic_pdf(path) as tmp:
        return build_documents(tmp, stories, wide=True, progress=progress, cancelled=cancelled,
                               title=upper_vn("Lịch trực chốt kiểm soát"))


@dataclass(frozen=True)
class Duty:
    """One shift on a personal slip."""

    day: date
    time: str  # "22:00–06:00"
    checkpoint: str
    location: str = ""
    checkpoint_phone: str = ""
    partners: tuple[str, ...] = ()
    hours: float = 0.0


@dataclass
class DutySlip:
    """A person's duties for the week (phiếu báo lịch trực)."""

    name: str
    week_start: date
    phone: str = ""
    organisation: str = ""
    duties: list[Duty] = field(default_factory=list)

    @property
    def hours(self) -> float:
        return sum(d.hours for d in self.duties)


def hours_text(hours: float) -> str:
    """"24 giờ", "7,5 giờ" (Vietnamese decimal comma)."""
    n = f"{hours:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{n} giờ"
