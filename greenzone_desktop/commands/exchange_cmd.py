"""`greenzone import excel …` and `greenzone export excel …`: person lists in, ward reports out.

Import reads the sheet, reports every problem by file, sheet, row and column, and writes all the
good rows in one transaction (`--dry-run` writes nothing). Rows with errors are left out and,
with `--errors OUT.xlsx`, saved with an error column to fix and import again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from greenzone_desktop.commands.common import emit_json, open_db, say
from greenzone_desktop.services.exports import REPORTS, export_report
from greenzone_desktop.services.import_apply import apply_import
from greenzone_desktop.services.importing import (
    ACTION_LABELS,
    ACTIONS,
    ImportOptions,
    plan_import,
    write_rejected_rows,
)

_SHOWN_PROBLEMS = 30


def register(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("import", help="nhập dữ liệu từ tệp")
    isub = group.add_subparsers(dest="import_command", metavar="LOẠI")
    p = isub.add_parser("excel", help="nhập danh sách nhân khẩu từ Excel (.xlsx, .xls, .ods)")
    p.add_argument("file", type=Path, metavar="FILE", help="tệp bảng tính")
    p.add_argument("--sheet", metavar="S", help="tên trang tính (mặc định: tự tìm)")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    p.add_argument("--errors", type=Path, metavar="OUT.xlsx",
                   help="ghi các dòng lỗi kèm cột lỗi ra tệp này để sửa rồi nhập lại")
    p.add_argument("--on-duplicate", choices=ACTIONS, default="skip",
                   help="người đã có (trùng CCCD hoặc họ tên + ngày sinh): update (cập nhật), "
                        "keep (giữ cả hai), skip (bỏ qua, mặc định)")
    p.add_argument("--json", action="store_true", help="kết quả dạng JSON")
    p.set_defaults(handler=cmd_import_excel)

    group = sub.add_parser("export", help="xuất báo cáo ra tệp")
    esub = group.add_subparsers(dest="export_command", metavar="LOẠI")
    p = esub.add_parser("excel", help="xuất báo cáo Excel")
    p.add_argument("report", choices=list(REPORTS), metavar="REPORT",
                   help=" | ".join(f"{k} ({v})" for k, v in REPORTS.items()))
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help="tệp .xlsx")
    p.set_defaults(handler=cmd_export_excel)


def cmd_import_excel(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        options = ImportOptions(sheet=args.sheet, on_duplicate=args.on_duplicate)
        plan = plan_import(db, args.file, options)
        counts = plan.counts
        errors = [p for p in plan.problems if p.kind == "error"]
        for problem in errors[:_SHOWN_PROBLEMS]:
            sys.stderr.write(f"{plan.file}, trang «{plan.sheet}», {problem}\n")
        if len(errors) > _SHOWN_PROBLEMS:
            sys.stderr.write(f"… và {len(errors) - _SHOWN_PROBLEMS} lỗi khác.\n")
        saved = 0
        if args.errors is not None and counts["error"]:
            saved = write_rejected_rows(plan, args.errors)
        result = None if args.dry_run else apply_import(db, plan)
    finally:
        db.dispose()
    if args.json:
        emit_json({
            "file": plan.file, "sheet": plan.sheet, "header_row": plan.header_row,
            "rows": len(plan.rows), "counts": counts, "dry_run": args.dry_run,
            "households_created": result.households_created if result else 0,
            "persons_created": result.persons_created if result else 0,
            "persons_updated": result.persons_updated if result else 0,
            "problems": [str(p) for p in plan.problems],
        })  # fmt: skip
        return 0
    say(f"Tệp «{plan.file}», trang «{plan.sheet}», dòng tiêu đề {plan.header_row}: "
        f"{len(plan.rows)} dòng nhân khẩu.")  # fmt: skip
    if counts["duplicates"]:
        say(f"{counts['duplicates']} dòng trùng với người đã có: "
            f"{ACTION_LABELS[args.on_duplicate].lower()}.")  # fmt: skip
    if args.dry_run:
        say(f"Chạy thử, chưa ghi gì: sẽ nhập {counts['new']} người mới ({counts['households']} "
            f"hộ mới), cập nhật {counts['update']}, bỏ qua {counts['skip']}, "
            f"{counts['error']} dòng lỗi.")  # fmt: skip
    elif result is not None:
        say(result.summary)
    if saved:
        say(f"Đã ghi {saved} dòng lỗi vào «{args.errors}»: sửa các ô rồi nhập lại tệp đó.")
    elif counts["error"] and args.errors is None:
        say("Thêm «--errors LOI.xlsx» để lưu các dòng lỗi ra tệp và sửa.")
    return 0


def cmd_export_excel(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        result = export_report(db, args.report, args.out)
    finally:
        db.dispose()
    say(result.summary)
    return 0
