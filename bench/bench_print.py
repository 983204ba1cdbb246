"""Benchmark: the logbooks of a whole unit in one PDF.

    .venv/bin/python bench/bench_print.py [--households 3000] [--days 28]

Writes the logbooks of N synthetic households with `write_logbooks`, then draws the same pages
(same table grid lines and text, same page count) with a bare ReportLab canvas, each in a fresh
child process so that peak memory (ru_maxrss) is measured per job. Prints pages per second for
both, their ratio (target ≥ 0.5×) and peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from greenzone_desktop.printing.data import (  # noqa: E402
    HouseholdDoc,
    MemberRow,
    PrintRules,
    UnitInfo,
)
from greenzone_desktop.printing.fonts import SERIF, SERIF_BOLD, register_fonts  # noqa: E402
from greenzone_desktop.printing.logbook import (  # noqa: E402
    ITINERARY_HEADER,
    ITINERARY_WIDTHS,
    MEMBER_HEADER,
    MEMBER_WIDTHS,
    VISITOR_HEADER,
    VISITOR_WIDTHS,
    count_logbook_pages,
    write_logbooks,
)
from greenzone_desktop.printing.logbook_pages import (  # noqa: E402
    INSPECTION_HEADER,
    INSPECTION_WIDTHS,
)

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Hữu", "Thu", "Minh", "Xuân"]
GIVEN = ["Dũng", "Hằng", "Lộc", "Ỹ", "Phượng", "Thắng", "Ước", "Nguyệt", "Đạt", "Hưng", "Yến"]

UNIT = UnitInfo(
    province="Vĩnh Phúc", commune="Phường Phúc Thắng", village="Tổ dân phố Đồng Đầm",
    parent_body="UBND phường Phúc Thắng",
    issuing_body="Ban Chỉ đạo phòng, chống dịch COVID-19 tổ dân phố Đồng Đầm",
    place_name="Phúc Yên",
    hotlines=[("Trạm Y tế phường", "0211 3869 115"), ("Tổ COVID cộng đồng", "0912 345 678"),
              ("Công an phường", "0211 3868 113")],
    zalo_groups=["Vùng xanh Đồng Đầm"], mailboxes=["Nhà văn hóa tổ dân phố"],
)


def households(n: int, seed: int = 1) -> list[HouseholdDoc]:
    rng = random.Random(seed)

    def name() -> str:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"

    out = []
    for i in range(n):
        members = [MemberRow(name(), f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/"
                             f"{rng.randint(1940, 2020)}", rng.choice(["Nam", "Nữ"]),
                             f"0261{rng.randint(10**7, 10**8 - 1)}",
                             f"09{rng.randint(10**7, 10**8 - 1)}",
                             "Chủ hộ" if k == 0 else rng.choice(["Vợ", "Con", "Mẹ"]),
                             "Thường trú", rng.choice(["2 mũi", "1 mũi"]))
                   for k in range(rng.randint(1, 7))]
        out.append(HouseholdDoc(f"DD-{i + 1:05d}", members[0].full_name,
                                f"Số {rng.randint(1, 300)}, đường Trưng Trắc", "Cụm 1", members,
                                f"09{rng.randint(10**7, 10**8 - 1)}"))
    return out


# -- the bare-canvas baseline: the same grids and text, drawn line by line -------------------

def _grid(c: Canvas, x: float, y_top: float, widths: list[float], heights: list[float]) -> None:
    total_w, total_h = sum(widths), sum(heights)
    y = y_top
    c.line(x, y, x + total_w, y)
    for h in heights:
        y -= h
        c.line(x, y, x + total_w, y)
    xx = x
    c.line(xx, y_top, xx, y_top - total_h)
    for w in widths:
        xx += w
        c.line(xx, y_top, xx, y_top - total_h)


def _table(c: Canvas, x: float, y: float, rel: tuple[float, ...], header: tuple[str, ...],
           rows: list[list[str]], n_rows: int, row_h: float, width: float) -> float:
    widths = [width * r / sum(rel) for r in rel]
    _grid(c, x, y, widths, [24] + [row_h] * n_rows)
    c.setFont(SERIF_BOLD, 8.5)
    xx = x
    for h, w in zip(header, widths, strict=True):
        c.drawCentredString(xx + w / 2, y - 15, h)
        xx += w
    c.setFont(SERIF, 8.5)
    yy = y - 24
    for r in rows:
        xx = x
        for cell, w in zip(r, widths, strict=False):
            c.drawString(xx + 2.5, yy - row_h / 2 - 3, cell)
            xx += w
        yy -= row_h
    return y - 24 - row_h * n_rows


def bare_canvas(path: str, hh: list[HouseholdDoc], rules: PrintRules) -> int:
    register_fonts()
    c = Canvas(path, pagesize=A4, initialFontName=SERIF, pageCompression=1)
    w, h = A4
    m = 14 * mm
    inner = w - 2 * m
    pages = 0
    per = count_logbook_pages(1, rules).pages
    for d in hh:
        n = 0
        # cover
        c.setFont(SERIF_BOLD, 36)
        c.drawCentredString(w / 2, h * 0.7, "SỔ VÙNG XANH")
        c.setFont(SERIF, 13)
        for i, (label, value) in enumerate([("Mã hộ:", d.code), ("Chủ hộ:", d.head_name),
                                            ("Địa chỉ:", d.address)]):
            c.drawString(m + 12, h * 0.45 - i * 24, f"{label} {value}")
        c.rect(m, m, inner, h - 2 * m)
        c.showPage()
        n += 1
        # household page
        c.setFont(SERIF_BOLD, 15)
        c.drawCentredString(w / 2, h - m - 15, "THÔNG TIN HỘ GIA ĐÌNH")
        rows = [[str(i + 1), x.full_name, x.birth, x.sex, x.cccd, x.phone, x.relation,
                 x.residency, x.vaccination] for i, x in enumerate(d.members)]
        _table(c, m, h - m - 80, MEMBER_WIDTHS, MEMBER_HEADER, rows, 24, 26, inner)
        c.showPage()
        n += 1
        # instructions
        c.setFont(SERIF, 12)
        for i in range(30):
            c.drawString(m, h - m - 20 - i * 20, "– Ghi chép hằng ngày: giờ đi – giờ về, nơi "
                         "đến, mục đích; người đến nhà.")
        c.showPage()
        n += 1
        # daily pages
        day = 1
        while day <= rules.logbook_days:
            y = h - m
            for _ in range(rules.days_per_page):
                if day > rules.logbook_days:
                    break
                c.setFont(SERIF_BOLD, 11)
                c.drawString(m + 4, y - 14, f"NGÀY THỨ {day}")
                y = _table(c, m, y - 36, ITINERARY_WIDTHS, ITINERARY_HEADER, [],
                           rules.itinerary_rows, 16, inner)
                y = _table(c, m, y - 20, VISITOR_WIDTHS, VISITOR_HEADER, [],
                           rules.visitor_rows, 16, inner)
                y -= 40
                day += 1
            c.showPage()
            n += 1
        # inspection + notes to the same page count
        while n < per:
            _table(c, m, h - m - 60, INSPECTION_WIDTHS, INSPECTION_HEADER,
                   [], 14, 45, inner)
            c.showPage()
            n += 1
        pages += n
    c.save()
    return pages


def _child(phase: str, n: int, days: int) -> None:
    rules = PrintRules(logbook_days=days)
    hh = households(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, f"{phase}.pdf")
        t0 = time.perf_counter()
        if phase == "logbook":
            pages = write_logbooks(path, UNIT, hh, rules).pages
        else:
            pages = bare_canvas(path, hh, rules)
        secs = time.perf_counter() - t0
        size = os.path.getsize(path)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"pages": pages, "seconds": secs, "bytes": size,
                      "peak_rss_mb": after / 1024, "rss_growth_mb": (after - before) / 1024}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--households", type=int, default=3000)
    ap.add_argument("--days", type=int, default=28)
    ap.add_argument("--phase", choices=["logbook", "canvas"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.phase:
        _child(a.phase, a.households, a.days)
        return
    expected = count_logbook_pages(a.households, PrintRules(logbook_days=a.days))
    print(f"Sổ vùng xanh benchmark: {a.households} households, {a.days} days, "
          f"{expected.pages} A4 pages ({expected.sheets} sheets two-sided)")
    results = {}
    for phase in ("logbook", "canvas"):
        out = subprocess.run([sys.executable, __file__, "--phase", phase, "--households",
                              str(a.households), "--days", str(a.days)],
                             check=True, capture_output=True, text=True).stdout
        results[phase] = r = json.loads(out.strip().splitlines()[-1])
        label = "write_logbooks" if phase == "logbook" else "bare canvas   "
        print(f"  {label}: {r['pages']:>7} pages in {r['seconds']:6.1f} s = "
              f"{r['pages'] / r['seconds']:7.0f} pages/s; PDF {r['bytes'] / 1e6:6.1f} MB; "
              f"peak RSS {r['peak_rss_mb']:6.0f} MB (+{r['rss_growth_mb']:.0f} MB while writing)")
    lb, cv = results["logbook"], results["canvas"]
    ratio = (lb["pages"] / lb["seconds"]) / (cv["pages"] / cv["seconds"])
    print(f"  ratio write_logbooks / bare canvas: {ratio:.2f}× (target ≥ 0.5×)")


if __name__ == "__main__":
    main()
