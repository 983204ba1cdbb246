"""Team member lists (Ban chỉ đạo, Tổ Covid cộng đồng, Tổ tự quản, Tổ phản ứng nhanh) in the
official layout: heading, title, the team's name and area, a ruled list, the signature."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from greenzone_desktop.printing.data import PrintSummary, UnitInfo, nfc
from greenzone_desktop.printing.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    Signature,
    Styles,
    _authority,
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
HEADER = ("Họ và tên", "Chức danh trong tổ", "Đơn vị, đoàn thể", "Điện thoại", "Ký tên")
WIDTHS = (5.2, 3.6, 3.6, 2.8, 2.0)


@dataclass(frozen=True)
class TeamMemberRow:
    full_name: str
    role: str
    organisation: str = ""
    phone: str = ""  # already grouped for reading


@dataclass(frozen=True)
class TeamListDoc:
    kind_label: str  # "Tổ Covid cộng đồng"
    name: str  # "Tổ Covid cộng đồng số 3"
    area: str = ""
    households: int = 0  # households the team covers (0: not a covering team)
    members: list[TeamMemberRow] = field(default_factory=list)
    when: date | None = None
    number: str = "……"


def team_story(doc: TeamListDoc, unit: UnitInfo, st: Styles) -> list[Flowable]:
    """One team's list: heading, title, summary, members, signature."""
    story: list[Flowable] = [header_table(unit, doc.number, doc.when, WIDTH, st), Spacer(1, 8),
                             Paragraph("DANH SÁCH THÀNH VIÊN", st.title),
                             Paragraph(para_text(nfc(doc.name)), st.summary)]
    facts = []
    if doc.area:
        facts.append(f"Địa bàn: {nfc(doc.area)}")
    if doc.households:
        facts.append(f"Số hộ phụ trách: {doc.households}")
    facts.append(f"Số thành viên: {len(doc.members)}")
    story.append(Paragraph(para_text("; ".join(facts) + "."), st.body_flush))
    story.append(Spacer(1, 6))
    rel = sum(WIDTHS)
    rows = [(m.full_name, m.role, m.organisation, m.phone, "") for m in doc.members]
    story.append(grid_table(HEADER, rows, [WIDTH * w / rel for w in WIDTHS], st, numbered=True))
    story.append(Spacer(1, 12))
    sig = Signature(title=unit.signer_title, authority=_authority(unit), name=unit.signer_name)
    story.append(KeepTogether([signature_row([sig], WIDTH, st, recipients=["Lưu: VT."])]))
    return story


def write_team_list(path: str | os.PathLike[str], docs: Sequence[TeamListDoc],
                    unit: UnitInfo) -> PrintSummary:
    """The member lists of `docs` in one PDF, each team starting on a new page."""
    st = make_styles(13)
    stories = [team_story(d, unit, st) for d in docs]
    title = upper_vn("Danh sách thành viên")
    with atomic_pdf(path) as tmp:
        return build_documents(tmp, stories, title=title)
