"""Official document layout (Nghị định 30/2020/NĐ-CP, Phụ lục I) on ReportLab platypus.

A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; the issuing body and the national motto in
the header table; title in bold capitals; body 13 pt justified with a 1 cm first-line indent;
signature blocks; page numbers centred in the top margin from the second page of each document.
Several documents can share one PDF: each starts on a new page (on an odd page when `duplex`),
and each numbers its own pages.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
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
from greenzone_desktop.printing.fonts import (
    SERIF,
    SERIF_BOLD,
    SERIF_BOLD_ITALIC,
    SERIF_ITALIC,
    register_fonts,
    string_width,
)

MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
SIGN_HINT = "(Ký, ghi rõ họ tên)"


def vn_date(d: date | None, blank: str = "…/…/……") -> str:
    """"dd/mm/yyyy", or `blank` when there is no date."""
    return d.strftime("%d/%m/%Y") if d else blank


def place_date(place: str, d: date | None) -> str:
    """"Phúc Yên, ngày 05 tháng 9 năm 2021" (NĐ 30/2020: a leading zero for days under 10 and
    for months 1 and 2 only), or a line to fill in by hand when there is no date."""
    place = nfc(place)
    if d is None:
        return f"{place}, ngày …… tháng …… năm 20……"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"


def upper_vn(text: str) -> str:
    """Capitals that keep Vietnamese letters right (đ → Đ, ư → Ư): str.upper does, in NFC."""
    return nfc(text).upper()


def para_text(text: object) -> str:
    """Plain text made safe for Paragraph markup."""
    return escape(nfc(text))


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_flush: ParagraphStyle
    item: ParagraphStyle
    title: ParagraphStyle
    summary: ParagraphStyle
    centre: ParagraphStyle
    centre_bold: ParagraphStyle
    centre_italic: ParagraphStyle
    small: ParagraphStyle
    small_italic: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    recipients_label: ParagraphStyle
    recipients: ParagraphStyle


def make_styles(size: float = 13) -> Styles:
    """Paragraph styles of an official document with body text at `size` points."""
    register_fonts()
    lead = size * 1.25
    base = ParagraphStyle("gz", fontName=SERIF, fontSize=size, leading=lead)

    def s(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        body=s("body", alignment=TA_JUSTIFY, firstLineIndent=1 * cm, spaceAfter=6),
        body_flush=s("body_flush", alignment=TA_JUSTIFY, spaceAfter=3),
        item=s("item", alignment=TA_JUSTIFY, firstLineIndent=1 * cm, spaceAfter=4),
        title=s("title", fontName=SERIF_BOLD, fontSize=14, leading=18, alignment=TA_CENTER,
                spaceBefore=10),
        summary=s("summary", fontName=SERIF_BOLD, alignment=TA_CENTER, spaceAfter=10),
        centre=s("centre", alignment=TA_CENTER),
        centre_bold=s("centre_bold", fontName=SERIF_BOLD, alignment=TA_CENTER),
        centre_italic=s("centre_italic", fontName=SERIF_ITALIC, alignment=TA_CENTER),
        small=s("small", fontSize=11, leading=13.5),
        small_italic=s("small_italic", fontName=SERIF_ITALIC, fontSize=11, leading=13.5,
                       alignment=TA_CENTER),
        cell=s("cell", fontSize=11, leading=13, alignment=TA_LEFT),
        cell_head=s("cell_head", fontName=SERIF_BOLD, fontSize=11, leading=13,
                    alignment=TA_CENTER),
        recipients_label=s("recipients_label", fontName=SERIF_BOLD_ITALIC, fontSize=12,
                           leading=14),
        recipients=s("recipients", fontSize=11, leading=13),
    )


class Rule(Flowable):
    """A solid horizontal rule of a given length, centred in the available width."""

    def __init__(self, length: float, gap: float = 2, thickness: float = 0.6) -> None:
        super().__init__()
        self.length, self.gap, self.thickness = length, gap, thickness

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self.gap + self.thickness + 2

    def draw(self) -> None:
        x0 = (self._avail - self.length) / 2
        y = self.thickness + 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x0, y, x0 + self.length, y)


class DocumentStart(Flowable):
    """Zero-size marker: a new document begins here (page numbers, progress, cancel)."""

    def __init__(self, index: int, job: _Job) -> None:
        super().__init__()
        self.index, self.job = index, job

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.job.start_document(self.index, self.canv.getPageNumber())


class _Job:
    def __init__(self, total: int, progress: ProgressFn | None, cancelled: CancelledFn | None):
        self.total, self.progress, self.cancelled = total, progress, cancelled
        self.doc_start_page = 1

    def start_document(self, index: int, page: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise PrintCancelled()
        if self.progress is not None and index > 0:
            self.progress(index, self.total)
        self.doc_start_page = page


class OddPageBreak(Flowable):
    """Page break that also leaves the next page's back blank when needed (duplex)."""

    def __init__(self, duplex: bool) -> None:
        super().__init__()
        self.duplex = duplex

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def split(self, *a: object) -> list[Flowable]:
        return []

    def draw(self) -> None:  # handled by OfficialDocTemplate.handle_flowable
        pass


class OfficialDocTemplate(BaseDocTemplate):
    """A4 (or A4 landscape) with the official margins and per-document page numbers."""

    def __init__(self, path: str, job: _Job, *, wide: bool = False, **kw: object) -> None:
        size = landscape(A4) if wide else A4
        super().__init__(
            path, pagesize=size, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, initialFontName=SERIF,
            initialFontSize=13, **kw,
        )
        self.job = job
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._page_number)])

    def _page_number(self, canv: object, doc: BaseDocTemplate) -> None:
        n = canv.getPageNumber() - self.job.doc_start_page + 1
        if n >= 2 and not getattr(canv, "_gz_blank", False):
            canv.setFont(SERIF, 13)
            canv.drawCentredString(self.pagesize[0] / 2, self.pagesize[1] - MARGIN_TOP / 2 - 4,
                                   str(n))
        canv._gz_blank = False

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        f = flowables[0] if flowables else None
        if isinstance(f, OddPageBreak):
            flowables.pop(0)
            page = self.canv.getPageNumber()
            self.handle_pageBreak()
            if f.duplex and page % 2 == 1:  # next page would be even: leave it blank
                self.canv._gz_blank = True
                self.handle_pageBreak()
            return
        super().handle_flowable(flowables)


def header_table(unit: UnitInfo, number: str, when: date | None, width: float,
                 st: Styles) -> Table:
    """The two-column heading: issuing body with "Số:" on the left, the motto and date right."""
    left_w = width * 0.42
    right_w = width - left_w
    parent = upper_vn(unit.parent_body)
    issuer = upper_vn(unit.issuing_body or unit.parent_body)
    s12 = ParagraphStyle("h12", parent=st.centre, fontSize=12, leading=14.5)
    s12b = ParagraphStyle("h12b", parent=s12, fontName=SERIF_BOLD)
    s13b = ParagraphStyle("h13b", parent=st.centre_bold, fontSize=13, leading=15.5)
    s13i = ParagraphStyle("h13i", parent=st.centre_italic, fontSize=13, leading=15.5)
    issuer_w = min(string_width(issuer, SERIF_BOLD, 12), left_w - 4)
    left: list[Flowable] = []
    if parent and parent != issuer:
        left.append(Paragraph(para_text(parent), s12))
    left += [Paragraph(para_text(issuer), s12b), Rule(issuer_w * 0.4), Spacer(1, 4),
             Paragraph(f"Số: {para_text(number)}", ParagraphStyle("no", parent=s12, fontSize=13))]
    motto_w = string_width(NATIONAL_MOTTO, SERIF_BOLD, 13)
    right: list[Flowable] = [
        Paragraph(NATIONAL_NAME, s12b),
        Paragraph(para_text(NATIONAL_MOTTO), s13b),
        Rule(motto_w),
        Spacer(1, 6),
        Paragraph(para_text(place_date(unit.place_name or unit.commune, when)), s13i),
    ]
    t = Table([[left, right]], colWidths=[left_w, right_w])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("FONTNAME", (0, 0), (-1, -1), SERIF),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def motto_header(st: Styles) -> list[Flowable]:
    """The national name and motto centred, for forms a citizen signs (no issuing body)."""
    s12b = ParagraphStyle("m12b", parent=st.centre_bold, fontSize=13, leading=15.5)
    s13b = ParagraphStyle("m13b", parent=st.centre_bold, fontSize=14, leading=16.5)
    return [Paragraph(NATIONAL_NAME, s12b), Paragraph(para_text(NATIONAL_MOTTO), s13b),
            Rule(string_width(NATIONAL_MOTTO, SERIF_BOLD, 14))]


def field_line(label: str, value: object, st: Styles, dots: int = 60) -> Paragraph:
    """"Label: value" with the value bold, or a dotted line to fill in by hand."""
    v = nfc(value)
    shown = f"<b>{para_text(v)}</b>" if v else "…" * dots
    return Paragraph(f"{para_text(label)} {shown}", st.body_flush)


@dataclass(frozen=True)
class Signature:
    """One signature block: "TM. BAN CHỈ ĐẠO" / "TRƯỞNG BAN" / name."""

    title: str
    authority: str = ""
    name: str = ""
    hint: str = SIGN_HINT


def signature_cell(sig: Signature, st: Styles) -> list[Flowable]:
    """Authority, title and the "(Ký, ghi rõ họ tên)" hint of one signature block."""
    out: list[Flowable] = []
    if sig.authority:
        out.append(Paragraph(para_text(upper_vn(sig.authority)), st.centre_bold))
    out.append(Paragraph(para_text(upper_vn(sig.title)), st.centre_bold))
    if sig.hint:
        out.append(Paragraph(para_text(sig.hint), st.small_italic))
    return out


def signature_row(sigs: Sequence[Signature], width: float, st: Styles,
                  recipients: Sequence[str] | None = None, space: float = 52,
                  dated: str = "") -> Table:
    """Signature blocks side by side, names aligned on one line below the space to sign.

    "Nơi nhận:" takes the left cell when given; `dated` (place and date) goes in italics above
    the last block.
    """
    tops: list[list[Flowable]] = []
    names: list[object] = []
    if recipients is not None:
        rec: list[Flowable] = [Paragraph(RECIPIENTS_LABEL, st.recipients_label)]
        rec += [Paragraph("- " + para_text(r), st.recipients) for r in recipients]
        tops.append(rec)
        names.append("")
    for sig in sigs:
        tops.append(signature_cell(sig, st))
        names.append(Paragraph(para_text(sig.name), st.centre_bold) if sig.name else "")
    n = len(tops)
    rows: list[list[object]] = [tops, names]
    style: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                          ("FONTNAME", (0, 0), (-1, -1), SERIF),
                          ("TOPPADDING", (0, -1), (-1, -1), space),
                          ("LEFTPADDING", (0, 0), (-1, -1), 2),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    if recipients is not None:
        style.append(("VALIGN", (0, 0), (0, 0), "TOP"))
    if dated:
        span = 2 if len(sigs) >= 3 else 1  # a narrow column would break the date line
        first = n - span
        rows.insert(0, [""] * first + [Paragraph(para_text(dated), st.centre_italic)]
                    + [""] * (span - 1))
        if span > 1:
            style.append(("SPAN", (first, 0), (n - 1, 0)))
        if recipients is not None:
            style += [("SPAN", (0, 0), (0, 1)), ("VALIGN", (0, 0), (0, 1), "TOP")]
    t = Table(rows, colWidths=[width / n] * n)
    t.setStyle(TableStyle(style))
    return t


def grid_table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
               st: Styles, *, repeat: bool = True, numbered: bool = False) -> Table:
    """A ruled table with a bold header row; cells wrap."""
    head = list(header)
    data_rows = [list(r) for r in rows]
    ws = list(widths)
    if numbered:
        head = ["TT", *head]
        data_rows = [[str(i), *r] for i, r in enumerate(data_rows, 1)]
        no_w = 1.0 * cm
        scale = (sum(ws) - no_w) / sum(ws)
        ws = [no_w, *[w * scale for w in ws]]
    data = [[Paragraph(para_text(h), st.cell_head) for h in head]]
    data += [[Paragraph(para_text(c), st.cell) for c in r] for r in data_rows]
    t = Table(data, colWidths=ws, repeatRows=1 if repeat else 0)
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


def build_documents(path: str | os.PathLike[str], stories: Sequence[list[Flowable]], *,
                    wide: bool = False, duplex: bool = False,
                    progress: ProgressFn | None = None,
                    cancelled: CancelledFn | None = None, title: str = "") -> PrintSummary:
    """Write `stories` (one per document) into one PDF; each document starts on a new page.

    With `duplex`, each document starts on an odd page so that two-sided printing never puts
    two documents on one sheet. Cancel removes the partial file and raises PrintCancelled.
    """
    register_fonts()
    out = Path(path)
    job = _Job(len(stories), progress, cancelled)
    flow: list[Flowable] = []
    for i, story in enumerate(stories):
        if i:
            flow.append(OddPageBreak(duplex))
        flow.append(DocumentStart(i, job))
        flow.extend(story)
    doc = OfficialDocTemplate(str(out), job, wide=wide, title=nfc(title),
                              creator="GreenZone Desktop")
    try:
        doc.build(flow)
    except BaseException:
        with contextlib.suppress(OSError):
            out.unlink()
        raise
    pages = doc.page
    if progress is not None:
        progress(len(stories), len(stories))
    sheets = (pages + 1) // 2 if duplex else pages
    return PrintSummary(pages=pages, sheets=sheets, documents=len(stories))


def write_table_document(path: str | os.PathLike[str], unit: UnitInfo, title: str,
                         header: Sequence[str], rows: Iterable[Sequence[object]], *,
                         widths: Sequence[float] | None = None, summary: str = "",
                         number: str = "……", when: date | None = None,
                         wide: bool = False, numbered: bool = True,
                         signature: Signature | None = None,
                         intro: Sequence[str] = (),
                         progress: ProgressFn | None = None,
                         cancelled: CancelledFn | None = None) -> PrintSummary:
    """A listing (team members, daily report …) in the official layout, portrait or landscape.

    `widths` are relative column widths (default equal).
    """
    st = make_styles(13)
    page_w = (landscape(A4) if wide else A4)[0] - MARGIN_LEFT - MARGIN_RIGHT
    rel = list(widths) if widths else [1.0] * len(header)
    col_w = [page_w * w / sum(rel) for w in rel]
    story: list[Flowable] = [header_table(unit, number, when, page_w, st), Spacer(1, 8),
                             Paragraph(para_text(upper_vn(title)), st.title)]
    if summary:
        story.append(Paragraph(para_text(summary), st.summary))
    story += [Paragraph(para_text(p), st.body) for p in intro]
    story.append(Spacer(1, 6))
    text_rows = [[nfc(c) for c in r] for r in rows]
    story.append(grid_table(header, text_rows, col_w, st, numbered=numbered))
    story.append(Spacer(1, 12))
    sig = signature or Signature(title=unit.signer_title, authority=_authority(unit),
                                 name=unit.signer_name)
    story.append(signature_row([sig], page_w, st, recipients=["Lưu: VT."]))
    return build_documents(path, [story], wide=wide, progress=progress, cancelled=cancelled,
                           title=title)


def _authority(unit: UnitInfo) -> str:
    """"TM. BAN CHỈ ĐẠO" from the issuing body's name (the part before the unit's name)."""
    if unit.signer_authority:
        return upper_vn(unit.signer_authority)
    body = upper_vn(unit.issuing_body)
    if "BAN CHỈ ĐẠO" in body:
        return "TM. BAN CHỈ ĐẠO"
    for word in (" THÔN", " XÃ", " PHƯỜNG", " TỔ DÂN PHỐ", " XÓM", " LÀNG"):
        if word in body:
            body = body.split(word)[0]
            break
    return f"TM. {body}" if body else ""
