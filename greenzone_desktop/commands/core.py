"""init, demo, stats, find, check, backup, restore."""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

from greenzone_desktop.commands.common import emit_json, open_db, say
from greenzone_desktop.models.db import copy_database, default_db_path
from greenzone_desktop.services.demo import generate_demo
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.search import find_people
from greenzone_desktop.services.stats import register_stats
from greenzone_desktop.services.units import home_unit, init_units
from greenzone_desktop.vocab import Relation, Residency


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="tạo cơ sở dữ liệu cho một thôn (hoặc xã/phường)")
    p.add_argument("--province", required=True, help="tỉnh/thành phố")
    p.add_argument("--district", help="quận/huyện (không bắt buộc)")
    p.add_argument("--commune", required=True, help="xã/phường/thị trấn")
    p.add_argument("--village", help="thôn/xóm/tổ dân phố; bỏ trống để tạo CSDL cấp xã/phường")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="tạo dữ liệu mẫu thực tế cho đơn vị")
    p.add_argument("--households", type=int, default=300, help="số hộ (mặc định 300)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--if-new", action="store_true",
                   help="chỉ tạo khi cơ sở dữ liệu chưa có đơn vị nào (máy mới); nếu đã có thì "
                        "không làm gì và không báo lỗi")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("stats", help="các số liệu tổng hợp")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser("find", help="tìm người theo tên, CCCD, điện thoại, mã hộ (không dấu)")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=cmd_find)

    p = sub.add_parser("check", help="kiểm tra tính toàn vẹn của cơ sở dữ liệu")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu")
    p.add_argument("--out", type=Path)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="khôi phục từ bản sao lưu")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_restore)


def cmd_init(args: argparse.Namespace) -> int:
    path = Path(args.db) if args.db else default_db_path()
    existed = path.exists()
    db = open_db(args, must_exist=False)
    try:
        unit = init_units(db, province=args.province, commune=args.commune,
                          village=args.village, district=args.district)
    except ServiceError:
        db.dispose()
        if not existed:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    kind = "xã/phường (gộp các thôn)" if unit.is_ward else "thôn/tổ dân phố"
    say(f"Đã tạo cơ sở dữ liệu cho {kind}: {unit.display_name}\nTệp: {path}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    db = open_db(args, must_exist=False)
    if args.if_new and db.home_unit_id:
        say(f"Đã có dữ liệu ({home_unit(db).display_name}): không tạo thôn mẫu.")
        return 0

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(f"\rĐang tạo dữ liệu mẫu: {done}/{total} hộ")

    summary = generate_demo(db, households=args.households, seed=args.seed, progress=progress)
    db.refresh_statistics()  # the planner needs them at this size (see ARCHITECTURE.md)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    say(f"Đã tạo {summary.households} hộ, {summary.persons} nhân khẩu cho "
        f"{home_unit(db).display_name} trong {summary.seconds:.1f} giây.")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    db = open_db(args)
    stats = register_stats(db)
    try:
        from greenzone_desktop.services.health_stats import health_stats

        stats.update(health_stats(db))
    except ModuleNotFoundError:
        pass
    if args.json:
        emit_json(stats)
        return 0
    r, c, h = stats["by_residency"], stats["commitments"], stats["health"]
    say(f"{stats['unit']} — ngày {datetime.fromisoformat(stats['date']).strftime('%d/%m/%Y')}")
    say(f"  Hộ gia đình:        {stats['households']:>8}  (nhà trọ: {stats['boarding_houses']})")
    say(f"  Nhân khẩu:          {stats['persons']:>8}")
    say(f"    thường trú:       {r['thuong_tru']:>8}")
    say(f"    tạm trú:          {r['tam_tru']:>8}")
    say(f"    tạm vắng:         {r['tam_vang']:>8}")
    say(f"  F0 / F1 / F2:       {h['F0']} / {h['F1']} / {h['F2']}")
    say(f"  Cách ly tại nhà:    {h['quarantine_home']:>8}")
    say(f"  Cách ly tập trung:  {h['quarantine_centralised']:>8}")
    say(f"  Hộ đã ký cam kết:   {c['households_signed']:>8}  ({c['households_percent']} %)")
    _say_vaccination_and_testing(stats)
    return 0


def _say_vaccination_and_testing(stats: dict) -> None:
    bands = stats.get("vaccination", {}).get("by_age_band", {})
    if bands:
        say("  Tiêm vắc-xin (≥ 1 mũi / đủ liều):")
        for band, v in bands.items():
            say(f"    {band + ' tuổi:':<17} {v['one_dose_percent']:>6} % / {v['full_percent']} %"
                f"  ({v['people']} người)")
    current = (stats.get("testing") or {}).get("current_round")
    if current:
        say(f"  Đợt xét nghiệm «{current.get('name', '')}»: đã xét nghiệm "
            f"{current.get('tested', 0)}, chưa xét nghiệm {current.get('untested', 0)}")


def cmd_find(args: argparse.Namespace) -> int:
    db = open_db(args)
    hits = find_people(db, args.text, limit=args.limit)
    if args.json:
        emit_json([{
            "person_id": h.person_id, "full_name": h.full_name, "birth": h.birth_text,
            "sex": h.sex, "cccd": h.cccd, "phone": h.phone,
            "relation": Relation(h.relation).label, "residency": Residency(h.residency).label,
            "household_id": h.household_id, "household_code": h.household_code,
            "address": h.address, "area": h.area,
        } for h in hits])
        return 0
    if not hits:
        say(f"Không tìm thấy ai khớp với «{args.text}».")
        return 0
    for h in hits:
        say(f"{h.full_name:<28} {h.birth_text:<10}  {h.cccd or '':<12}  {h.phone or '':<10}  "
            f"hộ {h.household_code} ({Relation(h.relation).label}), {h.address}, {h.area}")
    say(f"— {len(hits)} người" + (" (có thể còn nữa; thêm --limit)" if len(hits) == args.limit else ""))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    db = open_db(args)
    with db.engine.connect() as conn:
        integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
        fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if integrity != "ok" or fk:
        say(f"Cơ sở dữ liệu có lỗi: {integrity}; {len(fk)} liên kết hỏng.")
        return 1
    say("Cơ sở dữ liệu toàn vẹn: không có lỗi.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    db = open_db(args)
    out = args.out or db.path.with_name(
        f"{db.path.stem}-saoluu-{datetime.now().strftime('%Y%m%d-%H%M%S')}.sqlite")
    db.backup_to(out)
    say(f"Đã sao lưu vào {out}")
    return 0


def _refuse_if_open(target: Path) -> None:
    """Refuse to write over a database another program has open (the app's window, another
    command): it would go on writing into the restored file. SQLite lets a connection leave
    write-ahead logging only when it is the only one; doing so also folds the log into the
    file."""
    try:
        conn = sqlite3.connect(target, timeout=1)
    except sqlite3.Error:
        return
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise ServiceError(
                f"Cơ sở dữ liệu «{target}» đang được mở ở nơi khác (cửa sổ Sổ Vùng Xanh hoặc "
                "một lệnh khác): hãy đóng lại rồi khôi phục. Chưa thay đổi gì.") from exc
    except sqlite3.DatabaseError:
        pass  # not a database any more: restoring it is the point
    finally:
        conn.close()


def cmd_restore(args: argparse.Namespace) -> int:
    src: Path = args.file
    if not src.exists():
        raise ServiceError(f"Không tìm thấy tệp sao lưu «{src}».")
    try:
        conn = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        has = conn.execute("SELECT count(*) FROM sqlite_master WHERE name='local_state'").fetchone()[0]
        conn.close()
    except sqlite3.DatabaseError as exc:
        raise ServiceError(f"Tệp «{src}» không phải bản sao lưu hợp lệ ({exc}).") from exc
    if not ok or not has:
        raise ServiceError(f"Tệp «{src}» không phải bản sao lưu hợp lệ của Sổ Vùng Xanh.")
    target = Path(args.db) if args.db else default_db_path()
    if target.exists():
        _refuse_if_open(target)
        keep = target.with_name(f"{target.stem}-truockhiphuchoi-{datetime.now():%Y%m%d-%H%M%S}.sqlite")
        try:
            copy_database(target, keep)  # with what its log holds (after a crash)
        except sqlite3.DatabaseError:  # not readable as a database: its bytes are kept
            shutil.copy2(target, keep)
        say(f"Bản hiện tại được giữ ở {keep}")
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy2(src, target)
    say(f"Đã khôi phục {target} từ {src}")
    return 0
