"""`greenzone`: the headless commands; with no command it opens the desktop app.

Exit codes: 0 success, 1 bad input (with a Vietnamese message saying what and where),
2 wrong usage. A failed command changes nothing: each service works in one transaction.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

# Each module registers its sub-commands with `register(subparsers)`.
COMMAND_MODULES = (
    "greenzone_desktop.commands.core",
    "greenzone_desktop.commands.exchange_cmd",
    "greenzone_desktop.commands.print_cmd",
    "greenzone_desktop.commands.status_cmd",
    "greenzone_desktop.commands.handoff_cmd",
)


class UsageError(Exception):
    pass


class VnArgumentParser(argparse.ArgumentParser):
    """argparse with Vietnamese usage errors and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Sai cách dùng: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = VnArgumentParser(
        prog="greenzone",
        description="Sổ Vùng Xanh — quản lý vùng xanh phòng, chống dịch COVID-19 (ngoại tuyến).",
    )
    parser.add_argument("--db", type=Path, help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu "
                        "của người dùng, hoặc biến môi trường GREENZONE_DB)")
    sub = parser.add_subparsers(dest="command", parser_class=VnArgumentParser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def db_path(args: argparse.Namespace) -> Path | None:
    return args.db or (Path(os.environ["GREENZONE_DB"]) if os.environ.get("GREENZONE_DB") else None)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from greenzone_desktop.ui.app import run_app

        return run_app(db_path(args))
    from greenzone_desktop.commands.common import run_handler

    return run_handler(args)
