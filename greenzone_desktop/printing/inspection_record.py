"""The inspection record (biên bản kiểm tra) in the Nghị định 30 layout (Phụ lục III, Mẫu 1.9):
heading, title and summary, time and place it starts, participants, chair and secretary,
content (checklist, shortcomings and remedies, re-check of earlier recommendations, new
recommendations), the time it closes, signatures."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from greenzone_desktop.printing.data import PrintSummary, UnitInfo, nfc
from greenzone_desktop.printing.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    Signature,
    Styles,
    build_documents,
    grid_table,
    header_table,
    make_styles,
    para_text,
    signature_row,
    vn_date,
)
from greenzone_desktop.printing.output import atomic_pdf

WIDTH = A4[0] - MARGIN_LEFT - MARGIN_RIGHT


@dataclass(frozen=True)
class Participant:
    name: str
    title: str = ""
    role: str = ""


@dataclass(frozen=True)
class RecheckRow:
    text: str
    made_on: date | None
    due_on: date | None
    result: str  # "Đã khắc phục" / "Chưa khắc phục"


@dataclass(frozen=True)
class InspectionRecordDoc:
    """Everything printed on one biên bản (plain data from the inspections service)."""

    summary: str  # "Kiểm tra công tác phòng, chống dịch COVID-19 tại hộ gia đình …"
    when: date
    place: str
    started_at: datetime | None = None
    ended_at: datetime | None = None
    number: str = "……"
    participants: list[Participant] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # "Ông Nguyễn Văn A – chủ hộ"
    chair: str = ""
    secretary: str = ""
    scope: str = ""
    checklist: list[tuple[str, str]] = field(default_factory=list)  # (item, "Đạt"/"Chưa đạt")
    findings: list[tuple[str, str]] = field(default_factory=list)  # (tồn tại, khắc phục)
    rechecks: list[RecheckRow] = field(default_factory=list)
    recommendations: list[tuple[str, date | None]] = field(default_factory=list)
    notes: str = ""
    signatures: list[Signature] = field(default_factory=list)


def _clock(t: datetime | None, d: date) -> str:
    """"08 giờ 30 phút, ngày 14 tháng 9 năm 2021" or a line to fill in by hand."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    day = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    if t is None:
        return f"…… giờ …… phút, {day}"
    return f"{t.hour:02d} giờ {t.minute:02d} phút, {day}"


def _heading(text: str, st: Styles) -> Paragraph:
    return Paragraph(f"<b>{para_text(text)}</b>", st.body_flush)


def _numbered(items: Sequence[str], st: Styles) -> list[Flowable]:
    return [Paragraph(f"{i}. {para_text(t)}", st.item) for i, t in enumerate(items, 1)]


def record_story(doc: InspectionRecordDoc, unit: UnitInfo, st: Styles) -> list[Flowable]:
    """One biên bản as flowables."""
    story: list[Flowable] = [header_table(unit, doc.number, doc.when, WIDTH, st), Spacer(1, 8),
                             Paragraph("BIÊN BẢN", st.title),
                             Paragraph(para_text(doc.summary), st.summary)]
    story.append(Paragraph(para_text(f"Hôm nay, vào hồi {_clock(doc.started_at, doc.when)}, "
                                     f"tại {nfc(doc.place) or '……………………'}."), st.body))
    story.append(_heading("I. THÀNH PHẦN", st))
    if doc.participants:
        lines = []
        for p in doc.participants:
            extra = " – ".join(x for x in (nfc(p.title), nfc(p.role)) if x)
            lines.append(f"Ông/Bà {nfc(p.name)}" + (f", {extra}" if extra else "") + ";")
        story += [Paragraph("- " + para_text(t), st.item) for t in lines]
    for other in doc.others:
        story.append(Paragraph("- " + para_text(other), st.item))
    if doc.chair or doc.secretary:
        story.append(Paragraph(para_text(
            f"Chủ trì: {nfc(doc.chair) or '……………'}; thư ký: {nfc(doc.secretary) or '……………'}."),
            st.body))
    story.append(_heading("II. NỘI DUNG", st))
    section = 0

    def sub(title: str) -> None:
        nonlocal section
        section += 1
        story.append(Paragraph(f"<b>{section}. {para_text(title)}</b>", st.body))

    if doc.scope:
        sub("Nội dung, phạm vi kiểm tra")
        story.append(Paragraph(para_text(doc.scope), st.body))
    if doc.checklist:
        sub("Kết quả kiểm tra theo các tiêu chí")
        rows = [(item, result) for item, result in doc.checklist]
        story.append(grid_table(("Tiêu chí", "Kết quả"), rows, [WIDTH * 0.72, WIDTH * 0.28],
                                st, numbered=True))
        story.append(Spacer(1, 6))
    if doc.rechecks:
        sub("Kiểm tra lại các kiến nghị lần trước")
        rows = [(r.text, vn_date(r.made_on, ""), vn_date(r.due_on, ""), r.result)
                for r in doc.rechecks]
        story.append(grid_table(("Kiến nghị", "Ngày kiến nghị", "Hạn khắc phục", "Kết quả"),
                                rows, [WIDTH * w for w in (0.46, 0.17, 0.17, 0.20)], st,
                                numbered=True))
        story.append(Spacer(1, 6))
    sub("Tồn tại, hạn chế và biện pháp khắc phục")
    if doc.findings:
        rows = [(t, r) for t, r in doc.findings]
        story.append(grid_table(("Tồn tại, hạn chế", "Biện pháp khắc phục"), rows,
                                [WIDTH * 0.5, WIDTH * 0.5], st, numbered=True))
        story.append(Spacer(1, 6))
    else:
        story.append(Paragraph("Không phát hiện tồn tại, hạn chế.", st.body))
    sub("Kiến nghị")
    if doc.recommendations:
        story += _numbered([nfc(t) + (f" (hạn khắc phục: {vn_date(d)})" if d else "")
                            for t, d in doc.recommendations], st)
    else:
        story.append(Paragraph("Không có kiến nghị.", st.body))
    if doc.notes:
        sub("Ý kiến khác")
        story.append(Paragraph(para_text(doc.notes), st.body))
    end = doc.ended_at
    closing = (f"Biên bản kết thúc vào hồi {end.hour:02d} giờ {end.minute:02d} phút cùng ngày"
               if end else "Biên bản kết thúc vào hồi …… giờ …… phút cùng ngày")
    sigs = doc.signatures or [Signature("THƯ KÝ", name=doc.secretary),
                              Signature("CHỦ TRÌ", name=doc.chair)]
    # the closing sentence stays with the signatures: a page of signatures alone invites a
    # swapped page
    story.append(KeepTogether([
        Paragraph(para_text(closing + ", đã được đọc lại cho những người tham dự cùng nghe, "
                                      "nhất trí và ký tên dưới đây."), st.body),
        Spacer(1, 6), signature_row(sigs, WIDTH, st, space=48)]))
    return story


def write_inspection_records(path: str | os.PathLike[str], docs: Sequence[InspectionRecordDoc],
                             unit: UnitInfo) -> PrintSummary:
    """The biên bản of `docs` in one PDF, each starting on a new page."""
    st = make_styles(13)
    stories = [record_story(d, unit, st) for d in docs]
    with atomic_pdf(path) as tmp:
        return build_documents(tmp, stories, title="BIÊN BẢN KIỂM TRA")
