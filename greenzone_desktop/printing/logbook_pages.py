"""The parts of the logbook that are the same for every household of a unit.

Drawn once per PDF into form XObjects by `logbook.py`. `geo` is a `logbook.Geo`.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from greenzone_desktop.printing import draw
from greenzone_desktop.printing.data import UnitInfo, nfc
from greenzone_desktop.printing.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC
from greenzone_desktop.printing.textfit import wrap_words
from greenzone_desktop.printing.texts import FIVE_K, SYMPTOMS

INSPECTION_HEADER = ("TT", "Ngày, giờ kiểm tra", "Người kiểm tra", "Nhận xét, kiến nghị",
                     "Người kiểm tra ký", "Chủ hộ ký")
INSPECTION_WIDTHS = (0.45, 1.3, 1.7, 3.3, 1.2, 1.1)
COVER_TITLE = "SỔ VÙNG XANH"
COVER_SUBTITLE = "GHI CHÉP PHÒNG, CHỐNG DỊCH COVID-19 CỦA HỘ GIA ĐÌNH"
HOTLINE_TITLE = "ĐƯỜNG DÂY NÓNG"


def draw_cover_static(c: Canvas, g: Any, unit: UnitInfo) -> None:
    s = g.size
    m = g.margin
    c.setLineWidth(2.2)
    c.rect(m, m, g.w - 2 * m, g.h - 2 * m)
    c.setLineWidth(0.6)
    c.rect(m + 4, m + 4, g.w - 2 * m - 8, g.h - 2 * m - 8)
    y = g.h - m - s * 2.6
    width = g.inner_w - 30
    if unit.parent_body:
        y = draw.paragraph(c, m + 15, y, nfc(unit.parent_body).upper(), SERIF, s * 1.15, width,
                           align="centre")
    if unit.issuing_body:
        y = draw.paragraph(c, m + 15, y, nfc(unit.issuing_body).upper(), SERIF_BOLD, s * 1.15,
                           width, align="centre")
    c.setLineWidth(0.6)
    c.line(g.w / 2 - 30, y + s * 0.6, g.w / 2 + 30, y + s * 0.6)
    title_size = s * 3.6
    ty = g.h * 0.70
    draw.text(c, g.w / 2, ty, COVER_TITLE, SERIF_BOLD, title_size, align="centre", max_w=width)
    y = draw.paragraph(c, m + 15, ty - title_size * 0.9, COVER_SUBTITLE, SERIF_BOLD, s * 1.3,
                       width, align="centre")
    if unit.display_name:
        draw.paragraph(c, m + 15, y - s * 0.4, unit.display_name, SERIF_ITALIC, s * 1.3, width,
                       align="centre")
    # household box (values and QR code are drawn per household)
    top = g.h * 0.47
    box_h = s * 1.25 * 1.9 * 5 + s * 2
    c.setLineWidth(0.8)
    c.roundRect(m + 6, top - box_h, g.inner_w - 12, box_h, 6)
    # hotlines at the foot of the cover
    lines = [f"{nfc(label)}: {nfc(num)}" for label, num in unit.hotlines]
    y = top - box_h - s * 3
    draw.text(c, g.w / 2, y, HOTLINE_TITLE, SERIF_BOLD, s * 1.3, align="centre")
    y -= s * 1.8
    cols = 2 if len(lines) > 3 else 1
    col_w = (g.inner_w - 30) / cols
    per_col = -(-len(lines) // cols)
    for i, ln in enumerate(lines):
        col, row = divmod(i, per_col)
        x = m + 15 + col * col_w
        yy = y - row * s * 1.5
        if yy < m + s * 1.5:
            break
        if cols == 1:
            draw.text(c, g.w / 2, yy, ln, SERIF, s * 1.1, align="centre", max_w=col_w)
        else:
            draw.text(c, x, yy, ln, SERIF, s * 1.1, max_w=col_w - 6)


def _instruction_sections(unit: UnitInfo) -> list[tuple[str, list[str]]]:
    hot = [f"{nfc(label)}: {nfc(num)}" for label, num in unit.hotlines] or ["……………………"]
    zalo = [nfc(z) for z in unit.zalo_groups] or ["……………………"]
    boxes = [nfc(b) for b in unit.mailboxes] or ["……………………"]
    return [
        ("1. Thực hiện Thông điệp 5K của Bộ Y tế", [" – ".join(FIVE_K) + "."]),
        ("2. Ghi chép hằng ngày vào sổ", [
            "Mỗi lần thành viên trong hộ ra khỏi nhà: ghi họ tên, giờ đi – giờ về, nơi đến, "
            "mục đích.",
            "Người đến nhà, tiếp xúc với gia đình: ghi giờ đến, họ và tên, đến từ đâu, "
            "số điện thoại.",
            "Cuối ngày đánh dấu tình trạng sức khỏe của cả nhà.",
        ]),
        ("3. Thực hiện “ai ở đâu ở đó”", [
            "Không ra khỏi nhà khi không thật sự cần thiết; không tụ tập, không sang nhà "
            "người khác chơi.",
            "Người từ nơi khác đến, về địa phương phải khai báo y tế ngay.",
        ]),
        ("4. Khi có dấu hiệu bệnh", [
            f"Khi có người {SYMPTOMS}: báo ngay cho Tổ COVID cộng đồng hoặc đường dây nóng; "
            "không tự đi khám ở nơi đông người.",
        ]),
        ("5. Đường dây nóng", hot),
        ("6. Nhóm Zalo của khu dân cư", zalo),
        ("7. Hòm thư “An toàn COVID-19” đặt tại", boxes + [
            "Tiếp nhận thông tin, phản ánh vi phạm quy định phòng, chống dịch, người lạ cư "
            "trú trái phép.",
        ]),
        ("8. Kiểm tra sổ", [
            "Giữ sổ cẩn thận; xuất trình khi Ban Chỉ đạo, Tổ COVID cộng đồng kiểm tra.",
        ]),
    ]


def _instructions_height(sections: list[tuple[str, list[str]]], s: float, w: float) -> float:
    h = s * 3.2
    for _head, items in sections:
        h += s * 1.25 + s * 0.5
        for it in items:
            lines = wrap_words(it, SERIF, s, w - s * 1.2) or [it]
            h += len(lines) * s * 1.25
        h += s * 0.5
    return h


def draw_instructions(c: Canvas, g: Any, unit: UnitInfo) -> None:
    sections = _instruction_sections(unit)
    w = g.inner_w
    avail = g.h - 2 * g.margin - 12
    s = g.size * 1.6
    while s > 5 and _instructions_height(sections, s, w) > avail:
        s -= 0.25
    y = g.h - g.margin - s * 1.4
    draw.text(c, g.w / 2, y, "HƯỚNG DẪN GHI SỔ VÙNG XANH", SERIF_BOLD, s * 1.35, align="centre")
    y -= s * 1.8
    for head, items in sections:
        y -= s * 0.5
        draw.text(c, g.margin, y, head, SERIF_BOLD, s)
        y -= s * 1.25
        for it in items:
            c.setFont(SERIF, s)
            c.drawString(g.margin + s * 0.3, y, "–")
            y = draw.paragraph(c, g.margin + s * 1.2, y, it, SERIF, s, w - s * 1.2)
        y -= s * 0.5


def draw_inspection(c: Canvas, g: Any) -> None:
    s = g.size
    y = g.h - g.margin - s * 1.4
    draw.paragraph(c, g.margin, y, "THEO DÕI, KIỂM TRA CỦA BAN CHỈ ĐẠO VÀ TỔ COVID CỘNG ĐỒNG",
                   SERIF_BOLD, s * 1.3, g.inner_w, align="centre")
    y -= s * 2.2 * (2 if g.inner_w < 450 else 1) + s
    widths = [g.inner_w * x / sum(INSPECTION_WIDTHS) for x in INSPECTION_WIDTHS]
    rows = 14 if g.inner_w > 450 else 10
    row_h = (y - g.margin - 14 - s * 3) / rows
    draw.table(c, g.margin, y, widths, INSPECTION_HEADER, [[str(i + 1)] for i in range(rows)],
               n_rows=rows, row_h=row_h, head_h=s * 3, font=SERIF, bold=SERIF_BOLD,
               size=s * 0.9)


def draw_notes(c: Canvas, g: Any) -> None:
    s = g.size
    y = g.h - g.margin - s * 1.4
    draw.text(c, g.w / 2, y, "GHI CHÚ", SERIF_BOLD, s * 1.4, align="centre")
    y -= s * 2.5
    c.setLineWidth(0.4)
    c.setDash(1, 2)
    while y > g.margin + 14:
        c.line(g.margin, y, g.w - g.margin, y)
        y -= 8 * mm if g.inner_w > 450 else 7 * mm
    c.setDash()
