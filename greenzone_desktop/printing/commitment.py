"""Commitment forms (BẢN CAM KẾT): household, organisation/business, home quarantine.

Prefilled from the register; blank dotted lines where the register has nothing. Printed with
`rules.commitment_copies` copies of each (e.g. two: one posted in the house, one kept by the
community COVID team), each document starting on an odd page so that two-sided printing never
puts two households on one sheet.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from greenzone_desktop.printing.data import (
    CancelledFn,
    HouseholdDoc,
    OrganisationDoc,
    PrintRules,
    PrintSummary,
    ProgressFn,
    QuarantineDoc,
    UnitInfo,
    nfc,
)
from greenzone_desktop.printing.layout import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    Signature,
    Styles,
    build_documents,
    field_line,
    make_styles,
    motto_header,
    para_text,
    place_date,
    signature_row,
    upper_vn,
    vn_date,
)
from greenzone_desktop.printing.output import atomic_pdf
from greenzone_desktop.printing.texts import FIVE_K, SYMPTOMS

KINDS = {
    "household": "Cam kết của hộ gia đình",
    "organisation": "Cam kết của cơ quan, cơ sở sản xuất, kinh doanh",
    "quarantine": "Cam kết cách ly y tế tại nhà",
}
TITLE = "BẢN CAM KẾT"
TEAM_SIGNATURE = "ĐẠI DIỆN TỔ COVID CỘNG ĐỒNG"
WIDTH = A4[0] - MARGIN_LEFT - MARGIN_RIGHT


def _hotlines(unit: UnitInfo) -> str:
    return "; ".join(f"{nfc(label)}: {nfc(num)}" for label, num in unit.hotlines)


def _recipient(unit: UnitInfo) -> str:
    body = nfc(unit.issuing_body) or f"Ban Chỉ đạo phòng, chống dịch COVID-19 {unit.display_name}"
    return f"<b>Kính gửi:</b> {para_text(body)}"


def _items(items: Sequence[str], st: Styles) -> list[Flowable]:
    return [Paragraph(f"{i}. {para_text(t)}", st.item) for i, t in enumerate(items, 1)]


def _copy_note(copy: int, copies: int, where: Sequence[str]) -> str:
    if copies <= 1:
        return ""
    target = where[copy - 1] if copy - 1 < len(where) else ""
    return f"Bản số {copy}/{copies}" + (f" – {target}" if target else "")


def _head(st: Styles, summary: str, note: str) -> list[Flowable]:
    out: list[Flowable] = []
    if note:
        out.append(Paragraph(f"<i>{para_text(note)}</i>", st.small))
    out += motto_header(st)
    out += [Spacer(1, 10), Paragraph(TITLE, st.title), Paragraph(para_text(summary), st.summary)]
    return out


def _when(unit: UnitInfo, rules: PrintRules) -> str:
    return place_date(unit.place_name or unit.commune, rules.document_date)


def household_story(doc: HouseholdDoc, unit: UnitInfo, rules: PrintRules, st: Styles,
                    note: str = "") -> list[Flowable]:
    """A household's commitment (chủ hộ signs for the family)."""
    hot = _hotlines(unit)
    items = [
        "Thực hiện nghiêm Thông điệp 5K của Bộ Y tế: " + " – ".join(FIVE_K) + ".",
        "Thực hiện “ai ở đâu ở đó”; không ra khỏi nhà khi không thật sự cần thiết.",
        "Không tổ chức, không tham gia tụ tập đông người; không tổ chức ăn uống, sinh hoạt "
        "đông người tại gia đình.",
        "Khai báo đầy đủ, trung thực với Tổ COVID cộng đồng về người đến nhà, người thân từ "
        "nơi khác về và lịch trình đi lại của các thành viên; ghi chép hằng ngày vào “Sổ vùng "
        "xanh”.",
        f"Khi trong gia đình có người {SYMPTOMS}: báo ngay cho Tổ COVID cộng đồng"
        + (f" hoặc đường dây nóng ({hot})" if hot else " hoặc đường dây nóng") + ".",
        "Chấp hành cách ly y tế, xét nghiệm, tiêm vắc-xin theo hướng dẫn của cơ quan y tế và "
        "chính quyền địa phương.",
        "Tố giác tổ chức, cá nhân vi phạm quy định phòng, chống dịch, người lạ cư trú trái "
        "phép qua đường dây nóng hoặc hòm thư “An toàn COVID-19”.",
        "Nếu vi phạm, tôi và gia đình xin chịu hoàn toàn trách nhiệm trước pháp luật.",
    ]
    story = _head(st, "Thực hiện các biện pháp phòng, chống dịch COVID-19 của hộ gia đình", note)
    story += [Paragraph(_recipient(unit), st.centre), Spacer(1, 6),
              field_line("Tôi tên là:", doc.head_name, st),
              field_line("Là chủ hộ, mã hộ:", doc.code, st),
              field_line("Địa chỉ:", doc.address, st),
              field_line("Số điện thoại:", doc.phone, st),
              field_line("Số thành viên trong hộ:", len(doc.members) or "", st, dots=20),
              Paragraph("Thay mặt các thành viên trong gia đình, tôi xin cam kết:", st.body_flush)]
    story += _items(items, st)
    story.append(Paragraph("Bản cam kết được lập thành 02 bản: 01 bản dán tại nhà, 01 bản Tổ "
                           "COVID cộng đồng lưu.", st.body))
    story.append(KeepTogether([
        Spacer(1, 4),
        signature_row([Signature(TEAM_SIGNATURE), Signature("CHỦ HỘ", name=doc.head_name)],
                      WIDTH, st, space=44, dated=_when(unit, rules)),
    ]))
    return story


def organisation_story(doc: OrganisationDoc, unit: UnitInfo, rules: PrintRules, st: Styles,
                       note: str = "") -> list[Flowable]:
    """An office's, workshop's or shop's commitment."""
    items = [
        "Thực hiện nghiêm Thông điệp 5K; bố trí nước rửa tay, dung dịch sát khuẩn, đo thân "
        "nhiệt ở lối vào; yêu cầu người lao động và khách đeo khẩu trang, khai báo y tế.",
        "Bố trí giãn cách nơi làm việc, bán hàng; không để tụ tập đông người; thực hiện đúng "
        "quy định của chính quyền địa phương về số người và giờ hoạt động.",
        "Lập danh sách người lao động, theo dõi sức khỏe và lịch trình đi lại hằng ngày; không "
        "nhận người từ vùng có dịch khi chưa khai báo, xét nghiệm, cách ly theo quy định.",
        f"Khi phát hiện người {SYMPTOMS}: báo ngay cho Trạm Y tế và Tổ COVID cộng đồng; phối "
        "hợp truy vết, khử khuẩn.",
        "Vệ sinh, khử khuẩn thường xuyên nơi làm việc, phương tiện, đồ dùng chung.",
        "Chấp hành sự kiểm tra, giám sát của Ban Chỉ đạo phòng, chống dịch và cơ quan chức năng.",
        "Nếu vi phạm, chúng tôi xin chịu hoàn toàn trách nhiệm trước pháp luật.",
    ]
    story = _head(st, "Thực hiện các biện pháp phòng, chống dịch COVID-19 tại cơ quan, cơ sở "
                  "sản xuất, kinh doanh", note)
    story += [Paragraph(_recipient(unit), st.centre), Spacer(1, 6),
              field_line("Tên cơ quan, cơ sở:", doc.name, st),
              field_line("Địa chỉ:", doc.address, st),
              field_line("Người đại diện:", doc.representative, st),
              field_line("Chức vụ:", doc.title, st),
              field_line("Số điện thoại:", doc.phone, st),
              field_line("Ngành nghề:", doc.sector, st),
              field_line("Số người lao động:", doc.workers or "", st, dots=20),
              Paragraph("Cơ quan, cơ sở xin cam kết:", st.body_flush)]
    story += _items(items, st)
    story.append(KeepTogether([
        Spacer(1, 4),
        signature_row([Signature("ĐẠI DIỆN BAN CHỈ ĐẠO"),
                       Signature("NGƯỜI ĐẠI DIỆN", name=doc.representative)], WIDTH, st,
                      space=44, dated=_when(unit, rules)),
    ]))
    return story


def quarantine_story(doc: QuarantineDoc, unit: UnitInfo, rules: PrintRules, st: Styles,
                     note: str = "") -> list[Flowable]:
    """Home-quarantine commitment, signed by the person, the household head and the team."""
    start = doc.start
    end = doc.end or (start + timedelta(days=rules.quarantine_days - 1) if start else None)
    period = (f"từ ngày {vn_date(start)} đến hết ngày {vn_date(end)} "
              f"({rules.quarantine_days} ngày)")
    items = [
        "Ở trong phòng riêng suốt thời gian cách ly; không ra khỏi nhà; không tiếp xúc với "
        "người trong gia đình và người đến nhà.",
        "Luôn đeo khẩu trang, rửa tay, sát khuẩn; dùng đồ dùng cá nhân riêng; bỏ khẩu trang, "
        "khăn giấy, rác thải vào túi riêng, buộc kín.",
        f"Tự đo thân nhiệt, theo dõi sức khỏe 2 lần mỗi ngày; khi có {SYMPTOMS}: báo ngay "
        "cho Trạm Y tế, Tổ COVID cộng đồng.",
        "Chấp hành lấy mẫu xét nghiệm theo lịch của cơ quan y tế.",
        "Chủ hộ và các thành viên trong gia đình giám sát việc cách ly; không cho người khác "
        "đến nhà; báo ngay cho Tổ COVID cộng đồng khi người cách ly vi phạm.",
        "Nếu vi phạm, chúng tôi xin chịu hoàn toàn trách nhiệm trước pháp luật và chấp hành "
        "chuyển đi cách ly tập trung theo quy định.",
    ]
    story = _head(st, "Thực hiện cách ly y tế tại nhà phòng, chống dịch COVID-19", note)
    story += [Paragraph(_recipient(unit), st.centre), Spacer(1, 6),
              field_line("Họ và tên người cách ly:", doc.person_name, st),
              field_line("Ngày sinh:", doc.birth, st, dots=25),
              field_line("Số CCCD/CMND:", doc.cccd, st, dots=30),
              field_line("Số điện thoại:", doc.phone, st, dots=30),
              field_line("Lý do cách ly:", doc.reason, st),
              field_line("Chủ hộ:", doc.head_name, st),
              field_line("Địa chỉ nơi cách ly:", doc.address, st),
              field_line("Thời gian cách ly:", period, st),
              Paragraph("Người cách ly và chủ hộ xin cam kết:", st.body_flush)]
    story += _items(items, st)
    story.append(KeepTogether([
        Spacer(1, 4),
        signature_row([Signature(TEAM_SIGNATURE, name=doc.team_member),
                       Signature("CHỦ HỘ", name=doc.head_name),
                       Signature("NGƯỜI CÁCH LY", name=doc.person_name)], WIDTH, st,
                      space=44, dated=_when(unit, rules)),
    ]))
    return story


_STORIES: dict[str, Callable[..., list[Flowable]]] = {
    "household": household_story,
    "organisation": organisation_story,
    "quarantine": quarantine_story,
}
_COPY_PLACES = {
    "household": ("dán tại nhà", "Tổ COVID cộng đồng lưu"),
    "organisation": ("cơ sở lưu", "Ban Chỉ đạo lưu"),
    "quarantine": ("dán tại nơi cách ly", "Tổ COVID cộng đồng lưu"),
}


def write_commitments(path: str | os.PathLike[str], kind: str,
                      docs: Iterable[HouseholdDoc | OrganisationDoc | QuarantineDoc],
                      unit: UnitInfo, rules: PrintRules | None = None,
                      progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                      *, duplex: bool = True) -> PrintSummary:
    """Commitment forms of one `kind` ("household" | "organisation" | "quarantine")."""
    if kind not in _STORIES:
        raise ValueError(f"unknown commitment kind {kind!r}; expected one of {sorted(KINDS)}")
    rules = rules or PrintRules()
    st = make_styles(13)
    make = _STORIES[kind]
    copies = max(1, rules.commitment_copies)
    stories = []
    for d in docs:
        for k in range(1, copies + 1):
            stories.append(make(d, unit, rules, st, _copy_note(k, copies, _COPY_PLACES[kind])))
    with atomic_pdf(path) as tmp:
        summary = build_documents(tmp, stories, duplex=duplex, progress=progress,
                                  cancelled=cancelled, title=upper_vn(KINDS[kind]))
    return summary

