"""What every command shares: opening the database, printing, and turning errors into exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from greenzone_desktop.models.db import Database, default_db_path
from greenzone_desktop.models.migrations import SchemaError, open_database
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.text import TextError

Handler = Callable[[argparse.Namespace], int]


_opened: list[Database] = []  # by open_db, for run_handler to close


def open_db(args: argparse.Namespace, *, must_exist: bool = True) -> Database:
    path = Path(args.db) if args.db else default_db_path()
    if must_exist and not path.exists():
        raise ServiceError(
            f"Chưa có cơ sở dữ liệu «{path}». Hãy tạo bằng «greenzone init --province … "
            "--commune … [--village …]» hoặc «greenzone demo»."
        )
    db = open_database(path)
    _opened.append(db)
    return db


def emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def run_handler(args: argparse.Namespace) -> int:
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        sys.stderr.write("Sai cách dùng: thiếu lệnh con (xem «greenzone --help»).\n")
        return 2
    try:
        return _run(handler, args)
    finally:  # closed when the command ends: the log folded into the file, none left open
        while _opened:
            _opened.pop().dispose()


def _run(handler: Handler, args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except (ServiceError, TextError, SchemaError) as exc:
        sys.stderr.write(f"Lỗi: {exc}\n")
        return 1
    except ValueError as exc:  # exchange/printing errors carry Vietnamese messages too
        sys.stderr.write(f"Lỗi: {exc}\n")
        return 1
    except BrokenPipeError:  # output piped into `head` and closed early
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("Đã hủy.\n")
        return 1
