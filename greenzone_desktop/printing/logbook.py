"""Sổ vùng xanh: the household green-zone logbook, one household or a whole unit in one PDF.

Each logbook: cover (unit, household code, head, address, QR code, hotlines), household page
(members), instructions, daily pages (several days per page), inspection page. In a batch every
logbook starts on an odd page (two-sided printing). The A5 booklet option imposes the A5 pages
two-up on A4 landscape in booklet order, so each sheet pile folds and staples into a "sổ".

Personal data is printed on the cover and the household page only; the other pages carry the
household code so loose sheets can be matched. Pages that are the same for every household
(instructions, the grids of the daily and inspection pages) are drawn once per PDF as form
XObjects and reused, which keeps a 3 000-household PDF small and fast.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from greenzone_desktop.printing import draw
from greenzone_desktop.printing.data import (
    CancelledFn,
    HouseholdDoc,
    MemberRow,
    PrintRules,
    PrintSummary,
    ProgressFn,
    UnitInfo,
    nfc,
)
from greenzone_desktop.printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from greenzone_desktop.printing.logbook_pages import (
    draw_cover_static,
    draw_inspection,
    draw_instructions,
    draw_notes,
)
from greenzone_desktop.printing.output import atomic_pdf, check_cancel

MEMBER_HEADER = ("TT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD/CMND", "Điện thoại",
                 "Quan hệ với chủ hộ", "Cư trú", "Tiêm vắc-xin")
MEMBER_WIDTHS = (0.45, 2.6, 1.2, 0.75, 1.55, 1.3, 1.05, 1.05, 1.05)
ITINERARY_HEADER = ("Họ và tên thành viên", "Giờ đi – về", "Nơi đến", "Mục đích")
ITINERARY_WIDTHS = (2.2, 1.1, 2.6, 2.1)
VISITOR_HEADER = ("Giờ đến", "Họ và tên người đến", "Đến từ đâu", "Số điện thoại")
VISITOR_WIDTHS = (0.9, 2.5, 2.6, 1.5)


@dataclass(frozen=True)
class Geo:
    """Page geometry and type sizes for one logbook page size."""

    w: float
    h: float
    margin: float
    size: float
    small: float
    member_rows: int  # member rows a household page holds

    @property
    def inner_w(self) -> float:
        return self.w - 2 * self.margin


GEO_A4 = Geo(A4[0], A4[1], 14 * mm, 10.5, 8, 24)
GEO_A5 = Geo(A5[0], A5[1], 9 * mm, 8.5, 6.5, 16)


def _days_per_page(rules: PrintRules, booklet: bool) -> int:
    return max(1, rules.booklet_days_per_page if booklet else rules.days_per_page)


def _content_pages(rules: PrintRules, booklet: bool, members: int = 0) -> int:
    geo = GEO_A5 if booklet else GEO_A4
    household_pages = max(1, math.ceil(members / geo.member_rows))
    daily = math.ceil(max(0, rules.logbook_days) / _days_per_page(rules, booklet))
    return 1 + household_pages + 1 + daily + 1


def _padded(pages: int, booklet: bool) -> int:
    unit = 4 if booklet else 2
    return -(-pages // unit) * unit


def count_logbook_pages(n_households: int, rules: PrintRules, booklet: bool = False,
                        ) -> PrintSummary:
    """Pages and sheets a batch will take (households of up to one household page of members).

    `pages` are PDF pages (A4 sides; in booklet mode two A5 pages each), `sheets` sheets of A4
    printed on both sides.
    """
    per = _padded(_content_pages(rules, booklet), booklet)
    if booklet:
        return PrintSummary(pages=n_households * per // 2, sheets=n_households * per // 4,
                            documents=n_households)
    return PrintSummary(pages=n_households * per, sheets=n_households * per // 2,
                        documents=n_households)


PageFn = Callable[[Canvas], None]


class _Writer:
    """Draws the pages of logbooks on one canvas, sharing forms between households."""

    def __init__(self, c: Canvas, unit: UnitInfo, rules: PrintRules, geo: Geo, dpp: int):
        self.c, self.unit, self.rules, self.geo, self.dpp = c, unit, rules, geo, dpp
        g = geo
        self.block_gap = 5 * mm
        body_h = g.h - 2 * g.margin - 10  # footer line
        self.block_h = (body_h - self.block_gap * (dpp - 1)) / dpp
        self._forms()

    # -- forms drawn once per PDF ---------------------------------------------------------
    def _forms(self) -> None:
        c, g = self.c, self.geo
        c.beginForm("cover", 0, 0, g.w, g.h)
        draw_cover_static(c, g, self.unit)
        c.endForm()
        c.beginForm("instructions", 0, 0, g.w, g.h)
        draw_instructions(c, g, self.unit)
        c.endForm()
        c.beginForm("day", 0, 0, g.inner_w, self.block_h)
        self._day_block_static()
        c.endForm()
        c.beginForm("inspection", 0, 0, g.w, g.h)
        draw_inspection(c, g)
        c.endForm()
        c.beginForm("notes", 0, 0, g.w, g.h)
        draw_notes(c, g)
        c.endForm()

    def _day_block_static(self) -> None:
        """One day's block (origin bottom-left, inner width × block height)."""
        c, g, r = self.c, self.geo, self.rules
        w, h = g.inner_w, self.block_h
        s = g.size
        bar = s * 1.9
        c.setFillGray(0.88)
        c.rect(0, h - bar, w, bar, stroke=0, fill=1)
        c.setFillGray(0)
        c.setLineWidth(0.8)
        c.rect(0, h - bar, w, bar, stroke=1, fill=0)
        draw.text(c, 4, h - bar + s * 0.6, "NGÀY THỨ", SERIF_BOLD, s * 1.1)
        if self.rules.logbook_start is None:
            draw.text(c, w - 4, h - bar + s * 0.6, "Ngày ……/……/20……", SERIF, s, align="right")
        rows_total = r.itinerary_rows + r.visitor_rows
        label_h = s * 1.7
        health_h = s * 2.2
        avail = h - bar - 2 * label_h - health_h - 2 * (s * 2.6)  # two header rows
        row_h = max(s * 1.3, avail / max(1, rows_total))
        y = h - bar - label_h + s * 0.5
        draw.text(c, 0, y, "1. Lịch trình đi lại của các thành viên trong ngày", SERIF_BOLD, s)
        widths = [w * x / sum(ITINERARY_WIDTHS) for x in ITINERARY_WIDTHS]
        y = draw.table(c, 0, y - s * 0.5, widths, ITINERARY_HEADER, [], n_rows=r.itinerary_rows,
                       row_h=row_h, head_h=s * 2.6, font=SERIF, bold=SERIF_BOLD, size=s * 0.95)
        y -= label_h - s * 0.5
        draw.text(c, 0, y, "2. Người đến nhà, tiếp xúc với gia đình trong ngày", SERIF_BOLD, s)
        widths = [w * x / sum(VISITOR_WIDTHS) for x in VISITOR_WIDTHS]
        y = draw.table(c, 0, y - s * 0.5, widths, VISITOR_HEADER, [], n_rows=r.visitor_rows,
                       row_h=row_h, head_h=s * 2.6, font=SERIF, bold=SERIF_BOLD, size=s * 0.95)
        y -= s * 1.5
        x = 0.0
        draw.text(c, x, y, "3. Sức khỏe cả nhà:", SERIF_BOLD, s)
        x += draw.width_of("3. Sức khỏe cả nhà:", SERIF_BOLD, s) + 8
        for label in ("Bình thường", "Có người sốt, ho, khó thở → đã báo Tổ COVID cộng đồng"):
            draw.checkbox(c, x, y - 1, s * 0.85)
            x += s * 0.85 + 4
            draw.text(c, x, y, label, SERIF, s, max_w=w - x)
            x += draw.width_of(label, SERIF, s) + 10

    # -- pages ------------------------------------------------------------------------------
    def pages(self, hh: HouseholdDoc, page_total: int) -> list[PageFn]:
        g, rules = self.geo, self.rules
        out: list[PageFn] = [lambda c: self._cover(c, hh)]
        members = hh.members
        chunks = [members[i:i + g.member_rows] for i in range(0, len(members), g.member_rows)]
        for k, chunk in enumerate(chunks or [[]]):
            out.append(lambda c, chunk=chunk, k=k: self._household(c, hh, chunk, k))
        out.append(lambda c: c.doForm("instructions"))
        days = max(0, rules.logbook_days)
        for first in range(1, days + 1, self.dpp):
            last = min(days, first + self.dpp - 1)
            out.append(lambda c, a=first, b=last: self._daily(c, a, b))
        out.append(lambda c: c.doForm("inspection"))
        while len(out) < page_total:
            out.append(lambda c: c.doForm("notes"))
        numbered: list[PageFn] = []
        for i, fn in enumerate(out):
            numbered.append(self._with_footer(fn, hh.code, i + 1))
        return numbered

    def _with_footer(self, fn: PageFn, code: str, n: int) -> PageFn:
        def page(c: Canvas) -> None:
            fn(c)
            if n > 1:
                g = self.geo
                c.setFont(SERIF_ITALIC, g.small)
                c.drawString(g.margin, g.margin * 0.55, f"Sổ vùng xanh – hộ {nfc(code)}")
                c.drawRightString(g.w - g.margin, g.margin * 0.55, f"Trang {n}")
        return page

    def _cover(self, c: Canvas, hh: HouseholdDoc) -> None:
        g = self.geo
        c.doForm("cover")
        s = g.size * 1.25
        x = g.margin + 12
        top = g.h * 0.47
        qr = g.inner_w * 0.25
        field_w = g.inner_w - qr - 36
        fields = [("Mã hộ:", hh.code), ("Chủ hộ:", hh.head_name), ("Địa chỉ:", hh.address),
                  ("Tổ/khu:", hh.area), ("Điện thoại:", hh.phone)]
        y = top - s * 1.6
        for label, value in fields:
            draw.dotted_field(c, x, y, field_w, label, nfc(value), SERIF, SERIF_BOLD, s)
            y -= s * 1.9
        qx = g.w - g.margin - qr - 12
        qy = top - qr - 4
        draw.qr_code(c, qx, qy, qr, hh.code)
        draw.text(c, qx + qr / 2, qy - g.small * 1.2, hh.code, SERIF, g.small, align="centre",
                  max_w=qr)

    def _household(self, c: Canvas, hh: HouseholdDoc, members: list[MemberRow], k: int) -> None:
        g = self.geo
        s = g.size
        y = g.h - g.margin - s * 1.4
        title = "THÔNG TIN HỘ GIA ĐÌNH" + (f" (tiếp theo {k})" if k else "")
        draw.text(c, g.w / 2, y, title, SERIF_BOLD, s * 1.5, align="centre")
        y -= s * 2.6
        half = g.inner_w / 2
        draw.dotted_field(c, g.margin, y, half - 8, "Mã hộ:", hh.code, SERIF, SERIF_BOLD, s)
        draw.dotted_field(c, g.margin + half, y, half, "Điện thoại:", hh.phone, SERIF,
                          SERIF_BOLD, s)
        y -= s * 1.7
        draw.dotted_field(c, g.margin, y, g.inner_w, "Chủ hộ:", hh.head_name, SERIF, SERIF_BOLD, s)
        y -= s * 1.7
        draw.dotted_field(c, g.margin, y, g.inner_w, "Địa chỉ:", hh.address, SERIF, SERIF_BOLD, s)
        y -= s * 1.2
        widths = [g.inner_w * x / sum(MEMBER_WIDTHS) for x in MEMBER_WIDTHS]
        start = k * g.member_rows
        rows = [[str(start + i + 1), m.full_name, m.birth, m.sex, m.cccd, m.phone, m.relation,
                 m.residency, m.vaccination] for i, m in enumerate(members)]
        bottom_text = s * 5
        avail = y - g.margin - bottom_text - s * 3.2
        row_h = avail / g.member_rows
        y = draw.table(c, g.margin, y, widths, MEMBER_HEADER, rows, n_rows=g.member_rows,
                       row_h=row_h, head_h=s * 3.2, font=SERIF, bold=SERIF_BOLD, size=s * 0.85)
        y -= s * 1.5
        y = draw.paragraph(
            c, g.margin, y, "Khi có thay đổi (người đến ở, đi khỏi, sinh, mất, tiêm thêm mũi "
            "vắc-xin), ghi bổ sung vào các dòng trống và báo ngay cho Tổ COVID cộng đồng.",
            SERIF_ITALIC, s * 0.9, g.inner_w)
        team = nfc(hh.team_leader)
        if team:
            phone = f", điện thoại {nfc(hh.team_phone)}" if hh.team_phone else ""
            draw.paragraph(c, g.margin, y, f"Thành viên Tổ COVID cộng đồng phụ trách hộ: "
                           f"{team}{phone}.", SERIF, s * 0.9, g.inner_w)

    def _daily(self, c: Canvas, first: int, last: int) -> None:
        g, s = self.geo, self.geo.size
        top = g.h - g.margin
        x_num = g.margin + 4 + draw.width_of("NGÀY THỨ", SERIF_BOLD, s * 1.1) + 5
        for i, day in enumerate(range(first, last + 1)):
            y0 = top - (i + 1) * self.block_h - i * self.block_gap
            c.saveState()
            c.translate(g.margin, y0)
            c.doForm("day")
            c.restoreState()
            base = y0 + self.block_h - s * 1.9 + s * 0.6
            draw.text(c, x_num, base, str(day), SERIF_BOLD, s * 1.1)
            start = self.rules.logbook_start
            if start is not None:
                d = start + timedelta(days=day - 1)
                draw.text(c, g.w - g.margin - 4, base, f"Ngày {d:%d/%m/%Y}", SERIF_BOLD, s,
                          align="right")


def write_logbooks(path: str | os.PathLike[str], unit: UnitInfo,
                   households: Iterable[HouseholdDoc], rules: PrintRules | None = None, *,
                   booklet: bool = False, progress: ProgressFn | None = None,
                   cancelled: CancelledFn | None = None) -> PrintSummary:
    """Write the logbooks of `households` into one PDF (A4, or A5 booklets imposed on A4).

    `progress(done, total)` after each household; when `cancelled()` turns true the job stops,
    the partial file is removed and PrintCancelled is raised.
    """
    register_fonts()
    rules = rules or PrintRules()
    items = list(households)
    total = len(items)
    geo = GEO_A5 if booklet else GEO_A4
    sheet_size = landscape(A4) if booklet else A4
    pages_out = 0
    with atomic_pdf(path) as tmp:
        c = Canvas(str(tmp), pagesize=sheet_size, initialFontName=SERIF, initialFontSize=10,
                   pageCompression=1)
        c.setTitle("Sổ vùng xanh")
        c.setCreator("GreenZone Desktop")
        writer = _Writer(c, unit, rules, geo, _days_per_page(rules, booklet))
        for i, hh in enumerate(items):
            check_cancel(cancelled)
            n = _padded(_content_pages(rules, booklet, len(hh.members)), booklet)
            page_fns = writer.pages(hh, n)
            if booklet:
                pages_out += _impose(c, page_fns, geo)
            else:
                for fn in page_fns:
                    fn(c)
                    c.showPage()
                pages_out += len(page_fns)
            if progress is not None:
                progress(i + 1, total)
        check_cancel(cancelled)
        c.save()
    return PrintSummary(pages=pages_out, sheets=pages_out // 2, documents=total)


def booklet_order(n_pages: int) -> list[tuple[int, int]]:
    """(left, right) page indexes (0-based) of each A4 side, for a saddle-stitched booklet of
    `n_pages` (a multiple of 4): sheet k front = (n-1-2k, 2k), back = (2k+1, n-2-2k)."""
    if n_pages % 4:
        raise ValueError("a booklet needs a multiple of 4 pages")
    sides: list[tuple[int, int]] = []
    for k in range(n_pages // 4):
        sides.append((n_pages - 1 - 2 * k, 2 * k))
        sides.append((2 * k + 1, n_pages - 2 - 2 * k))
    return sides


def _impose(c: Canvas, page_fns: list[PageFn], geo: Geo) -> int:
    for left, right in booklet_order(len(page_fns)):
        for idx, dx in ((left, 0.0), (right, geo.w)):
            c.saveState()
            c.translate(dx, 0)
            page_fns[idx](c)
            c.restoreState()
        # fold line guide, outside the printed area of both pages
        c.setLineWidth(0.3)
        c.setDash(2, 3)
        c.line(geo.w, 0, geo.w, 4 * mm)
        c.line(geo.w, geo.h - 4 * mm, geo.w, geo.h)
        c.setDash()
        c.showPage()
    return len(page_fns) // 2
