"""The risk-assessment record (biên bản đánh giá mức độ nguy cơ) in the Nghị định 30 layout:
who assessed, on what basis, the figures, the proposed and the decided level in its colour,
the reason for an override, signatures."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from greenzone_desktop.printing.data import PrintSummary, UnitInfo, nfc
from greenzone_desktop.printing.fonts import SERIF_BOLD
from greenzone_desktop.printing.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    Signature,
    build_documents,
    grid_table,
    header_table,
    make_styles,
    para_text,
    signature_row,
    upper_vn,
)
from greenzone_desktop.printing.output import atomic_pdf

WIDTH = A4[0] - MARGIN_LEFT - MARGIN_RIGHT


@dataclass(frozen=True)
class RiskRecordDoc:
    when: date
    area: str  # "tổ dân phố Xuân Mai"
    assessors: str
    basis: str  # the preset's name: "QĐ 2686/QĐ-BCĐQG (31/5/2021): 4 mức nguy cơ"
    figures: Sequence[tuple[str, str]]  # (figure, value as shown)
    proposed: str  # level name
    reasons: Sequence[str]
    level: str  # level name decided
    colour: str  # "#f2c811"
    colour_name: str  # "vàng"
    override_reason: str = ""
    number: str = "……"
    signatures: list[Signature] = field(default_factory=list)


def _swatch(text: str, colour: str) -> Table:
    """The level's name on its colour, as a banner across the page."""
    fill = colors.HexColor(colour)
    ink = colors.black if fill.red + fill.green > 1.3 else colors.white
    t = Table([[upper_vn(text)]], colWidths=[WIDTH * 0.7], rowHeights=[26])
    t.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), fill),
                           ("TEXTCOLOR", (0, 0), (-1, -1), ink),
                           ("FONTNAME", (0, 0), (-1, -1), SERIF_BOLD),
                           ("FONTSIZE", (0, 0), (-1, -1), 14),
                           ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("BOX", (0, 0), (-1, -1), 0.8, colors.black)]))
    return t


def risk_story(doc: RiskRecordDoc, unit: UnitInfo) -> list[Flowable]:
    st = make_styles(13)
    story: list[Flowable] = [
        header_table(unit, doc.number, doc.when, WIDTH, st), Spacer(1, 8),
        Paragraph("BIÊN BẢN", st.title),
        Paragraph(para_text(f"Đánh giá mức độ nguy cơ dịch COVID-19 tại {nfc(doc.area)}"),
                  st.summary),
        Paragraph(para_text(f"Hôm nay, ngày {doc.when:%d/%m/%Y}, tại {nfc(doc.area)}, chúng tôi "
                            f"gồm: {nfc(doc.assessors)}, tiến hành đánh giá mức độ nguy cơ dịch "
                            "COVID-19 trên địa bàn."), st.body),
        Paragraph(para_text(f"Căn cứ đánh giá: {nfc(doc.basis)}."), st.body),
        Paragraph("<b>1. Các chỉ số tại thời điểm đánh giá</b>", st.body),
        grid_table(("Chỉ số", "Giá trị"), [(a, b) for a, b in doc.figures],
                   [WIDTH * 0.7, WIDTH * 0.3], st, numbered=True),
        Spacer(1, 6),
        Paragraph("<b>2. Mức đề xuất theo bộ tiêu chí</b>", st.body),
        Paragraph(para_text(f"{nfc(doc.proposed)} ({'; '.join(nfc(r) for r in doc.reasons)})."),
                  st.body),
        Paragraph("<b>3. Kết luận</b>", st.body),
        Paragraph(para_text(f"Địa bàn được đánh giá ở mức: {nfc(doc.level)} (màu "
                            f"{nfc(doc.colour_name)})."), st.body),
        _swatch(doc.level, doc.colour), Spacer(1, 6),
    ]
    if doc.override_reason:
        story.append(Paragraph(para_text(f"Lý do khác với mức đề xuất: {nfc(doc.override_reason)}"),
                               st.body))
    sigs = doc.signatures or [Signature("NGƯỜI LẬP BIÊN BẢN"),
                              Signature(unit.signer_title, authority="TM. BAN CHỈ ĐẠO",
                                        name=unit.signer_name)]
    # the closing sentence stays with the signatures (never a page of signatures alone)
    story.append(KeepTogether([
        Paragraph("Biên bản được lập thành 02 bản, đã được đọc lại cho những người tham dự "
                  "cùng nghe, nhất trí và ký tên dưới đây.", st.body),
        Spacer(1, 6), signature_row(sigs, WIDTH, st, space=44)]))
    return story


def write_risk_records(path: str | os.PathLike[str], docs: Sequence[RiskRecordDoc],
                       unit: UnitInfo) -> PrintSummary:
    """The records of `docs` in one PDF, each starting on a new page."""
    with atomic_pdf(path) as tmp:
        return build_documents(tmp, [risk_story(d, unit) for d in docs],
                               title="BIÊN BẢN ĐÁNH GIÁ MỨC ĐỘ NGUY CƠ")
