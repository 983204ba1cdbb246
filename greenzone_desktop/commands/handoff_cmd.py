"""`greenzone handoff …`: USB packages between a village and its ward.

export / import (with --dry-run), conflicts and resolve, status and report (ward), drives.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from greenzone_desktop.commands.common import emit_json, open_db, say
from greenzone_desktop.services.drives import removable_drives
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff import (
    ImportResult,
    export_package,
    import_package,
    import_packages,
)
from greenzone_desktop.services.handoff_conflicts import (
    LOCAL,
    REMOTE,
    list_conflicts,
    resolve_all,
    resolve_conflict,
)
from greenzone_desktop.services.handoff_ward import village_status, write_ward_report

PASSWORD_ENV = "GREENZONE_HANDOFF_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
    h = sub.add_parser("handoff", help="gói dữ liệu chuyển giao qua USB giữa thôn và xã/phường")
    hs = h.add_subparsers(dest="handoff_command", parser_class=type(h))

    p = hs.add_parser("export", help="xuất gói (những gì nơi nhận chưa xác nhận đã có)")
    p.add_argument("--out", type=Path, required=True, help="tệp .gzx hoặc thư mục (ví dụ USB)")
    p.add_argument("--password-file", type=Path, help="tệp chứa mật khẩu chung (dòng đầu)")
    p.add_argument("--all", action="store_true", help="xuất toàn bộ dữ liệu, không chỉ phần mới")
    p.add_argument("--to", help="xã/phường: thôn nhận gói (tên hoặc mã)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_export)

    p = hs.add_parser("import", help="nhập gói (xem trước với --dry-run); nhiều gói một lần: "
                                     "sao lưu một lần rồi nhập lần lượt")
    p.add_argument("file", type=Path, nargs="+")
    p.add_argument("--password-file", type=Path, help="tệp chứa mật khẩu chung (dòng đầu)")
    p.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không thay đổi gì")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)

    p = hs.add_parser("conflicts", help="các xung đột chờ quyết định")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_conflicts)

    p = hs.add_parser("resolve", help="giải quyết xung đột theo từng trường")
    p.add_argument("id", nargs="?", help="mã xung đột (8 ký tự đầu là đủ)")
    p.add_argument("--all", action="store_true", help="mọi xung đột đang chờ")
    side = p.add_mutually_exclusive_group()
    side.add_argument("--keep-local", action="store_true", help="giữ bản ở máy này")
    side.add_argument("--take-remote", action="store_true", help="lấy bản nhận được")
    p.add_argument("--field", action="append", default=[], metavar="TRƯỜNG=local|remote",
                   help="chọn cho một trường (lặp lại cho nhiều trường)")
    p.set_defaults(handler=cmd_resolve)

    p = hs.add_parser("status", help="xã/phường: gói gần nhất của từng thôn, thôn quá hạn")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_status)

    p = hs.add_parser("report", help="xã/phường: báo cáo Excel tổng hợp các thôn")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=cmd_report)

    p = hs.add_parser("drives", help="các ổ USB đang cắm")
    p.set_defaults(handler=cmd_drives)
    h.set_defaults(handler=_usage(h))


def _usage(parser: argparse.ArgumentParser):  # noqa: ANN202 - a handler
    def handler(_args: argparse.Namespace) -> int:
        parser.print_usage(sys.stderr)
        sys.stderr.write("Sai cách dùng: thiếu lệnh con (export, import, conflicts, resolve, "
                         "status, report, drives).\n")
        return 2
    return handler


def read_password(path: Path | None) -> str:
    """The shared password: --password-file, else the environment, else typed in."""
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise ServiceError(f"Không đọc được tệp mật khẩu «{path}»: {exc.strerror}.") from exc
        password = text.splitlines()[0] if text.splitlines() else ""
    elif os.environ.get(PASSWORD_ENV):
        password = os.environ[PASSWORD_ENV]
    elif sys.stdin.isatty():
        password = getpass.getpass("Mật khẩu chung: ")
    else:
        raise ServiceError("Cần mật khẩu chung: dùng --password-file TỆP.")
    if not password:
        raise ServiceError("Mật khẩu chung đang để trống.")
    return password


def cmd_export(args: argparse.Namespace) -> int:
    db = open_db(args)
    result = export_package(db, args.out, read_password(args.password_file),
                            to_unit_id=args.to, everything=args.all)
    if args.json:
        emit_json({"file": str(result.path), "package_id": result.package_id,
                   "sequence": result.sequence, "to": result.peer_name,
                   "rows": result.counts, "bytes": result.size, "verified": True})
        return 0
    what = "toàn bộ dữ liệu" if result.everything else "dữ liệu mới/thay đổi"
    say(f"Đã xuất và kiểm tra lại gói số {result.sequence} gửi {result.peer_name} "
        f"({what}): {result.rows} dòng, {result.size / 1024:.0f} KB.\nTệp: {result.path}")
    return 0


_KINDS = (("new", "mới"), ("updated", "cập nhật"), ("unchanged", "không đổi"),
          ("deleted", "xoá"), ("conflicts", "xung đột"), ("older", "cũ hơn, bỏ qua"))


def _import_json(r: ImportResult) -> dict:
    return {"package_id": r.package_id, "from": r.source_name, "sequence": r.sequence,
            "dry_run": r.dry_run, "already_imported": r.already_imported,
            "new_village": r.new_village, "backup": str(r.backup) if r.backup else None,
            "tables": {t.table: {k: getattr(t, k) for k, _ in _KINDS} for t in r.tables}}


def cmd_import(args: argparse.Namespace) -> int:
    db = open_db(args)
    password = read_password(args.password_file)
    if len(args.file) == 1:
        results = [import_package(db, args.file[0], password, dry_run=args.dry_run)]
    else:  # a pile: previewed as it would go in, each package after the ones before it
        results = import_packages(db, list(args.file), password, dry_run=args.dry_run)
    if args.json:
        data = [_import_json(r) for r in results]
        emit_json(data[0] if len(data) == 1 else data)
        return 0
    for r in results:
        _say_import(r)
    if results and results[-1].backup:
        say(f"Bản sao lưu trước khi nhập: {results[-1].backup}")
    return 0


def _say_import(r: ImportResult) -> None:
    if r.already_imported:
        say(f"Gói số {r.sequence} của {r.source_name} đã được nhập trước đây: không thay đổi gì.")
        return
    head = "Xem trước (chưa thay đổi gì)" if r.dry_run else "Đã nhập"
    say(f"{head}: gói số {r.sequence} của {r.source_name}.")
    if r.new_village:
        say(f"Thôn mới được thêm vào xã/phường: {r.source_name}.")
    if r.older_package:
        say(f"Lưu ý: gói này cũ hơn gói số {r.last_sequence} đã nhập; dữ liệu mới hơn được giữ.")
    for t in r.tables:
        parts = [f"{getattr(t, k)} {label}" for k, label in _KINDS if getattr(t, k)]
        say(f"  {t.label}: {', '.join(parts)}")
    if not r.tables:
        say("  Không có dòng nào thay đổi.")
    if r.total("conflicts"):
        say(f"Có {r.total('conflicts')} xung đột cần quyết định: «greenzone handoff conflicts».")


def cmd_conflicts(args: argparse.Namespace) -> int:
    conflicts = list_conflicts(open_db(args))
    if args.json:
        emit_json([{"id": c.id, "table": c.table, "row_id": c.row_id, "row": c.row_label,
                    "fields": [{"field": f.field, "label": f.label, "local": f.local,
                                "remote": f.remote, "base": f.base} for f in c.fields]}
                   for c in conflicts])
        return 0
    if not conflicts:
        say("Không có xung đột nào đang chờ.")
        return 0
    for c in conflicts:
        say(f"[{c.id[:8]}] {c.table_label}: {c.row_label}")
        for f in c.fields:
            say(f"    {f.label} ({f.field}): máy này «{f.local}» — nhận được «{f.remote}» "
                f"(trước đây «{f.base}»)")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    db = open_db(args)
    side = LOCAL if args.keep_local else REMOTE if args.take_remote else None
    if args.all:
        if side is None:
            raise ServiceError("Với --all hãy chọn --keep-local hoặc --take-remote.")
        resolve_all(db, side)
        say("Đã giải quyết mọi xung đột đang chờ.")
        return 0
    if not args.id:
        raise ServiceError("Hãy cho mã xung đột (xem «greenzone handoff conflicts») hoặc --all.")
    matches = [c for c in list_conflicts(db) if c.id.startswith(args.id)]
    if len(matches) != 1:
        raise ServiceError(f"Không tìm thấy đúng một xung đột có mã «{args.id}».")
    conflict = matches[0]
    choices = {f.field: side for f in conflict.fields if side}
    for item in args.field:
        name, _, value = item.partition("=")
        if value not in (LOCAL, REMOTE):
            raise ServiceError(f"«{item}»: phải là TRƯỜNG=local hoặc TRƯỜNG=remote.")
        choices[name] = value
    resolve_conflict(db, conflict.id, choices)
    say(f"Đã giải quyết xung đột {conflict.id[:8]} ({conflict.row_label}).")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    rows = village_status(open_db(args))
    if args.json:
        emit_json([{"unit_id": v.unit_id, "name": v.name, "last_received": v.last_received,
                    "sequence": v.sequence, "packages": v.packages, "rows": v.rows,
                    "households": v.households, "persons": v.persons, "overdue": v.overdue}
                   for v in rows])
        return 0
    for v in rows:
        when = v.last_received.strftime("%d/%m/%Y %H:%M") if v.last_received else "chưa có gói"
        flag = " — QUÁ HẠN" if v.overdue else ""
        say(f"{v.name}: gói số {v.sequence}, nhận {when}, {v.households} hộ, "
            f"{v.persons} nhân khẩu{flag}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    path = write_ward_report(open_db(args), args.out)
    say(f"Đã ghi báo cáo tổng hợp các thôn: {path}")
    return 0


def cmd_drives(_args: argparse.Namespace) -> int:
    drives = removable_drives()
    if not drives:
        say("Không thấy ổ USB nào.")
    for d in drives:
        say(d.display)
    return 0
