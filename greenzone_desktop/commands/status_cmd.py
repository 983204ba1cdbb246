"""`greenzone status [--json]`: the five green-zone criteria, each met or not with what is
missing, and the current risk level."""

from __future__ import annotations

import argparse

from greenzone_desktop.commands.common import emit_json, open_db, say
from greenzone_desktop.services.green_zone import green_zone_status
from greenzone_desktop.services.units import home_unit
from greenzone_desktop.vocab import RISK_COLOUR_NAMES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("status", help="các tiêu chí vùng xanh (đạt/chưa đạt, còn thiếu gì) và "
                                      "mức nguy cơ hiện tại")
    p.add_argument("--json", action="store_true", help="kết quả dạng JSON")
    p.set_defaults(handler=cmd_status)


def cmd_status(args: argparse.Namespace) -> int:
    db = open_db(args)
    status = green_zone_status(db)
    if args.json:
        emit_json(status.as_dict() | {"unit": home_unit(db).display_name})
        return 0
    met = sum(c.met for c in status.criteria)
    verdict = "ĐẠT vùng xanh" if status.green else "CHƯA ĐẠT vùng xanh"
    say(f"{home_unit(db).display_name} — ngày {status.on:%d/%m/%Y}: {verdict} "
        f"({met}/{len(status.criteria)} tiêu chí)")
    for i, c in enumerate(status.criteria, 1):
        say(f"{'✓' if c.met else '✗'} {i}. {c.title}")
        for m in c.missing:
            say(f"    - {m.label}")
    r = status.risk
    if r is None:
        say("Mức nguy cơ: chưa đánh giá")
    else:
        say(f"Mức nguy cơ: {r.label} ({RISK_COLOUR_NAMES[r.level]}), đánh giá ngày "
            f"{r.assessed_on:%d/%m/%Y}")
    return 0
