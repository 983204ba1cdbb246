"""`greenzone print roster --week YYYY-MM-DD --out FILE.pdf [--slips] [--excel FILE.xlsx]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from greenzone_desktop.commands.common import open_db, say
from greenzone_desktop.services.roster_excel import export_roster_excel
from greenzone_desktop.services.roster_print import parse_week, print_roster


def register_roster(psub: argparse._SubParsersAction) -> None:
    """Add `roster` to the `print` group."""
    p = psub.add_parser("roster", help="lịch trực các chốt kiểm soát trong một tuần (A4 ngang, "
                                       "mỗi chốt một trang) hoặc phiếu báo lịch trực từng người")
    p.add_argument("--week", required=True, metavar="YYYY-MM-DD",
                   help="ngày đầu tuần (lịch gồm 7 ngày từ ngày này)")
    p.add_argument("--out", type=Path, required=True, help="tệp PDF")
    p.add_argument("--slips", action="store_true",
                   help="in phiếu báo lịch trực của từng người thay cho lịch trực các chốt")
    p.add_argument("--excel", type=Path, metavar="FILE.xlsx",
                   help="đồng thời xuất lịch trực ra tệp Excel")
    p.set_defaults(handler=cmd_roster)


def cmd_roster(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    db = open_db(args)
    summary = print_roster(db, week, args.out, slips=args.slips)
    what = "phiếu báo lịch trực" if args.slips else "lịch trực (mỗi chốt một trang)"
    say(f"Đã in {what}: {summary.documents} {'người' if args.slips else 'chốt'}, "
        f"{summary.pages} trang A4 → {args.out}")
    if args.excel:
        n = export_roster_excel(db, week, args.excel)
        say(f"Đã xuất lịch trực ra Excel: {n} lượt trực → {args.excel}")
    return 0
