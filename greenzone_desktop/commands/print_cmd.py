"""`greenzone print …`: logbooks, commitment forms and signs as PDF files.

Other print commands join the group when their modules are present: `print roster` from
`commands/print_roster.py` (register_roster) and `print inspection` from
`commands/print_inspection.py` (register_inspection) or, failing that, from
`services/inspections.py` (print_inspection).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from greenzone_desktop.commands.common import open_db, say
from greenzone_desktop.printing.data import PrintSummary
from greenzone_desktop.printing.signage import SIZES, TEMPLATES
from greenzone_desktop.services.print_data import Scope
from greenzone_desktop.services.printing_service import (
    PrintPlan,
    plan_commitments,
    plan_logbooks,
    plan_sign,
    print_commitments,
    print_logbooks,
    print_sign,
)

# (module, function) that add sub-commands to the print group when present.
EXTENSIONS = (
    ("greenzone_desktop.commands.print_roster", "register_roster"),
    ("greenzone_desktop.commands.print_inspection", "register_inspection"),
)
KIND_NAMES = {"household": "hộ gia đình", "organisation": "cơ quan, cơ sở",
              "quarantine": "cách ly y tế tại nhà"}


def _optional(module: str) -> ModuleType | None:
    """The module, or None when it does not exist (an error inside it is not hidden)."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise


def register(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("print", help="in sổ vùng xanh, bản cam kết, biển báo ra tệp PDF")
    psub = group.add_subparsers(dest="print_command", metavar="TÀI_LIỆU")

    p = psub.add_parser("logbook", help="Sổ vùng xanh của một hộ hoặc của cả đơn vị")
    scope = p.add_mutually_exclusive_group(required=True)
    scope.add_argument("--household", metavar="MÃ_HỘ", help="mã hộ, ví dụ XM-0012")
    scope.add_argument("--all", action="store_true", help="tất cả các hộ (một tệp PDF)")
    scope.add_argument("--unsigned", action="store_true", help="các hộ chưa ký cam kết")
    p.add_argument("--booklet", action="store_true",
                   help="khổ A5 dạng sổ: ghép 2 trang trên một mặt A4, in hai mặt, gập đôi")
    p.add_argument("--days", type=int, help="số ngày ghi chép (mặc định theo cài đặt)")
    p.add_argument("--out", type=Path, required=True, help="tệp PDF")
    p.set_defaults(handler=cmd_logbook)

    p = psub.add_parser("commitment", help="bản cam kết điền sẵn từ sổ hộ")
    p.add_argument("kind", choices=list(KIND_NAMES), metavar="KIND",
                   help="household (hộ gia đình) | organisation (cơ quan, cơ sở) | "
                        "quarantine (cách ly tại nhà)")
    scope = p.add_mutually_exclusive_group(required=True)
    scope.add_argument("--household", metavar="MÃ_HỘ", help="mã hộ")
    scope.add_argument("--all", action="store_true", help="tất cả")
    scope.add_argument("--unsigned", action="store_true", help="những hộ/cơ sở chưa ký")
    p.add_argument("--out", type=Path, required=True, help="tệp PDF")
    p.set_defaults(handler=cmd_commitment)

    p = psub.add_parser("signage", help="biển báo nền xanh chữ trắng")
    p.add_argument("template", choices=list(TEMPLATES), metavar="TEMPLATE",
                   help=" | ".join(f"{k} ({v})" for k, v in TEMPLATES.items()))
    p.add_argument("--text", help="nội dung (mẫu free_text)")
    p.add_argument("--size", default="A4", type=str.upper, choices=list(SIZES),
                   help="khổ biển (mặc định A4; lớn hơn A4 thì in ghép nhiều tờ A4)")
    p.add_argument("--landscape", action="store_true", help="khổ ngang")
    p.add_argument("--out", type=Path, required=True, help="tệp PDF")
    p.set_defaults(handler=cmd_signage)

    _extensions(psub)


def _extensions(psub: argparse._SubParsersAction) -> None:
    """Sub-commands owned by other modules, each only when its module exists."""
    has_inspection = False
    for module_name, function in EXTENSIONS:
        module = _optional(module_name)
        if module is not None:
            getattr(module, function)(psub)
            has_inspection |= function == "register_inspection"
    if not has_inspection:
        service = _optional("greenzone_desktop.services.inspections")
        if service is not None and hasattr(service, "print_inspection"):
            p = psub.add_parser("inspection", help="biên bản kiểm tra")
            p.add_argument("inspection_id", metavar="ID", help="mã biên bản kiểm tra")
            p.add_argument("--out", type=Path, required=True, help="tệp PDF")
            p.set_defaults(handler=_inspection_handler(service.print_inspection))


def _inspection_handler(fn: Callable) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        db = open_db(args)
        result = fn(db, args.inspection_id, args.out)
        if isinstance(result, PrintSummary):
            say(f"Đã in biên bản kiểm tra: {result.pages} trang → {args.out}")
        else:
            say(f"Đã in biên bản kiểm tra → {args.out}")
        return 0
    return handler


def _scope(args: argparse.Namespace) -> Scope:
    if args.household:
        return Scope.household(args.household)
    return Scope("unsigned") if args.unsigned else Scope("all")


def _progress(noun: str) -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        sys.stderr.write(f"\rĐang in {done}/{total} {noun}…")
        if done >= total:
            sys.stderr.write("\n")
    return report


def _announce(plan: PrintPlan, noun: str) -> None:
    say(f"Sẽ in {plan.documents} {noun}: {plan.text} A4.")


def _done(summary: PrintSummary, out: Path, noun: str, duplex: bool = True) -> None:
    how = "in hai mặt" if duplex else "in một mặt"
    say(f"Đã in {summary.documents} {noun}: {summary.pages} trang, {summary.sheets} tờ A4 "
        f"({how}) → {out}")


def cmd_logbook(args: argparse.Namespace) -> int:
    db = open_db(args)
    scope = _scope(args)
    noun = "sổ vùng xanh"
    _announce(plan_logbooks(db, scope, booklet=args.booklet, days=args.days), noun)
    summary = print_logbooks(db, args.out, scope, booklet=args.booklet, days=args.days,
                             progress=_progress("sổ"))
    _done(summary, args.out, noun)
    return 0


def cmd_commitment(args: argparse.Namespace) -> int:
    db = open_db(args)
    scope = _scope(args)
    noun = f"bản cam kết ({KIND_NAMES[args.kind]})"
    plan = plan_commitments(db, args.kind, scope)
    say(f"Sẽ in cho {plan.documents} {'cơ sở' if args.kind == 'organisation' else 'người/hộ'}"
        f": {plan.text} A4.")
    summary = print_commitments(db, args.kind, args.out, scope, progress=_progress("bản"))
    _done(summary, args.out, noun)
    return 0


def cmd_signage(args: argparse.Namespace) -> int:
    db = open_db(args)
    plan = plan_sign(args.template, size=args.size, landscape=args.landscape, text=args.text)
    summary = print_sign(db, args.template, args.out, text=args.text, size=args.size,
                         landscape=args.landscape)
    tiles = " (ghép từ nhiều tờ A4)" if plan.sheets > 1 else ""
    say(f"Đã in biển «{TEMPLATES[args.template]}» khổ {args.size}"
        f"{' ngang' if args.landscape else ''}: {summary.pages} trang, {summary.sheets} tờ"
        f"{tiles} → {args.out}")
    return 0
