"""USB handoff between a village and its ward: export a package, import one (preview first).

Export: the rows of every synced table in the receiver's scope (the village and the units
below it) that the receiver is not known to have yet — everything whose (version, origin)
differs from the state both sides last agreed on (SyncBase) — deletions included; or
everything. Each row carries that agreed (version, origin) as its base. Rows sent are remembered
as "sent" markers; when the peer's next package acknowledges the sequence, they become agreed.

Import: verify and decrypt, check the sender belongs here, then merge row by row
(handoff_merge) in ONE transaction after an automatic backup. A package already imported
changes nothing; `dry_run` computes the very same preview and rolls back.
The rules are documented in docs/HANDOFF-FORMAT.md §8.
"""

from __future__ import annotations

import time as clock
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from greenzone_desktop.exchange.package import PackageError, read_package, write_package
from greenzone_desktop.exchange.package_crypto import DEFAULT_SCRYPT_N
from greenzone_desktop.models import HandoffLog, SyncConflict, utcnow
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.migrations import SCHEMA_VERSION
from greenzone_desktop.models.search_keys import refresh_members_key
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff_codec import (
    BASE_ORIGIN,
    BASE_VERSION,
    SPEC_BY_NAME,
    SPECS,
    TABLE_NAMES,
    TableSpec,
)
from greenzone_desktop.services.handoff_labels import changes_for, table_label
from greenzone_desktop.services.handoff_merge import KINDS, TablePlan, apply_plan, plan_table
from greenzone_desktop.services.handoff_sync import (
    acknowledge,
    last_sequences,
    pending_rows,
    remember_sent,
)
from greenzone_desktop.services.handoff_units import (
    Peer,
    Sender,
    peer_for_export,
    resolve_sender,
    subtree,
    unit_chain,
)
from greenzone_desktop.text import fold

SUFFIX = ".gzx"
BACKUPS_KEPT = 10
IMPORT_CACHE_KIB = 256 * 1024  # random-order UUID keys: a big page cache keeps inserts in memory
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_id: str
    sequence: int
    peer_name: str
    counts: dict[str, int]
    size: int
    everything: bool
    seconds: float

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class TableCounts:
    table: str
    label: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0
    older: int = 0


@dataclass(frozen=True)
class ImportResult:
    package_id: str
    source_name: str
    source_level: str
    sequence: int
    created_at: str
    tables: tuple[TableCounts, ...] = ()
    dry_run: bool = False
    already_imported: bool = False
    last_sequence: int = 0  # highest sequence imported from this sender before
    new_village: bool = False
    backup: Path | None = None
    changes: Changes = field(default_factory=Changes)
    seconds: float = 0.0

    def total(self, kind: str) -> int:
        return sum(getattr(t, kind) for t in self.tables)

    @property
    def older_package(self) -> bool:
        return 0 < self.sequence < self.last_sequence


# --- export ----------------------------------------------------------------------------------


def _now_text() -> str:
    return utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")


def _file_name(source: dict[str, Any], peer: Peer, sequence: int) -> str:
    def short(name: str) -> str:
        return "-".join(fold(name).replace("/", " ").split())[:40] or "don-vi"

    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    return f"goi-{short(source['name'])}-gui-{short(peer.name)}-so{sequence}-{stamp}{SUFFIX}"


def export_package(
    db: Database,
    out: str | Path,
    password: str,
    *,
    to_unit_id: str | None = None,
    everything: bool = False,
    scrypt_n: int = DEFAULT_SCRYPT_N,
    progress: Progress | None = None,
) -> ExportResult:
    """Write a package for the peer (the ward; in ward mode a chosen village) and verify it."""
    started = clock.perf_counter()
    if not password:
        raise ServiceError("Hãy nhập mật khẩu chung để mã hoá gói (gói chứa dữ liệu cá nhân).")
    peer = peer_for_export(db, to_unit_id)
    scope = sorted(subtree(db, peer.village_id))
    source = unit_chain(db)
    target = Path(out)
    counts: dict[str, int] = {}
    with db.session(raw=True) as s:
        conn = s.connection()
        # One snapshot for everything below: the rows written to the package and the rows
        # remembered as sent (read again by SQL afterwards) must be the very same.
        conn.exec_driver_sql("BEGIN")
        last_out, last_acked, last_in = last_sequences(conn, peer.unit_id)
        sequence = last_out + 1
        if target.is_dir():
            target = target / _file_name(source, peer, sequence)
        manifest = {
            "kind": "greenzone-handoff",
            "source_unit": source,
            "target_unit": {"id": peer.unit_id, "name": peer.name, "level": peer.level},
            "installation_id": db.installation_id,
            "sequence": sequence,
            "since": None if everything else {"acknowledged_sequence": last_acked},
            "acknowledges": {"sequence": last_in},
            "schema_version": SCHEMA_VERSION,
        }
        total = len(SPECS) + 1
        begun = [0]

        def step() -> None:  # tables are written in name order, so count them as they start
            if progress:
                progress(begun[0], total)
            begun[0] += 1

        tables = {spec.name: pending_rows(conn, spec, peer.unit_id, scope, everything, counts,
                                          step) for spec in SPECS}
        info = write_package(target, manifest, tables, password, scrypt_n=scrypt_n)
        remember_sent(conn, peer.unit_id, scope, sequence, counts)
        conn.execute(insert(HandoffLog).values(
            id=str(uuid.uuid4()), package_id=info.package_id, direction="out",
            peer_unit_id=peer.unit_id, source_unit_id=source["id"], source_name=source["name"],
            sequence=sequence, created_at=utcnow(), counts=info.counts, file_name=str(target),
            acknowledged=False))
        conn.execute(update(HandoffLog).where(
            HandoffLog.direction == "in", HandoffLog.peer_unit_id == peer.unit_id,
            HandoffLog.sequence <= last_in).values(acknowledged=True))
    if progress:
        progress(total, total)
    return ExportResult(target, info.package_id, sequence, peer.name, dict(info.counts),
                        info.size, everything, clock.perf_counter() - started)


# --- import ----------------------------------------------------------------------------------


@dataclass
class _Incoming:
    manifest: dict[str, Any]
    sender: Sender
    rows: dict[str, list[tuple]]
    carried: dict[str, list[tuple[Any, Any]]]
    path: Path


def read_incoming(db: Database, path: str | Path, password: str | None) -> _Incoming:
    """Verify, decrypt and check a package; raises PackageError or ServiceError (Vietnamese)."""
    package = read_package(path, password, allowed_tables=TABLE_NAMES,
                           max_schema_version=SCHEMA_VERSION)
    manifest = package.manifest
    if manifest.get("kind", "greenzone-handoff") != "greenzone-handoff":
        raise ServiceError("Tệp này không phải gói chuyển giao giữa thôn và xã/phường.")
    sender = resolve_sender(db, manifest)
    allowed = subtree(db, sender.peer.village_id) | {sender.peer.village_id}
    rows: dict[str, list[tuple]] = {}
    carried: dict[str, list[tuple[Any, Any]]] = {}
    for spec in SPECS:
        raw_rows = package.tables.get(spec.name, [])
        rows[spec.name], carried[spec.name] = _decode(spec, raw_rows, sender, allowed)
    if sender.new_village and not any(r[0] == sender.peer.village_id for r in rows["units"]):
        raise ServiceError(
            f"Đây là gói đầu tiên xã/phường nhận từ {sender.peer.name} nhưng gói không có "
            "thông tin của thôn: hãy xuất lại ở thôn với tuỳ chọn «toàn bộ dữ liệu»."
        )
    return _Incoming(manifest, sender, rows, carried, Path(path))


def _decode(spec: TableSpec, raw_rows: list[dict[str, Any]], sender: Sender, allowed: set[str]
            ) -> tuple[list[tuple], list[tuple[Any, Any]]]:
    id_map = sender.id_map
    iu = spec.index("unit_id")
    ip = spec.index("parent_id") if spec.name == "units" else -1
    rows: list[tuple] = []
    carried: list[tuple[Any, Any]] = []
    for raw in raw_rows:
        row = spec.from_package(raw)
        if id_map and (row[iu] in id_map or (ip >= 0 and row[ip] in id_map)):
            values = list(row)
            values[iu] = id_map.get(values[iu], values[iu])
            if ip >= 0:
                values[ip] = id_map.get(values[ip], values[ip])
            row = tuple(values)
        if spec.name == "units":
            if row[0] == sender.peer.village_id and row[ip] != sender.local_parent_id:
                raise ServiceError(f"Thông tin đơn vị «{sender.peer.name}» trong gói không khớp "
                                   "với đơn vị cấp trên ở máy này: không nhập.")
            if row[ip] in allowed:
                allowed.add(row[0])
        if row[iu] not in allowed:
            raise ServiceError(
                f"Gói có dữ liệu của đơn vị khác ngoài {sender.peer.name} (bảng "
                f"«{table_label(spec.name)}», dòng {row[0]}): không nhập."
            )
        base = (raw.get(BASE_VERSION), raw.get(BASE_ORIGIN))
        if not (base[0] is None or type(base[0]) is int) or not (
                base[1] is None or isinstance(base[1], str)):
            raise spec._bad(raw, BASE_VERSION, "mốc đồng bộ không hợp lệ")
        rows.append(row)
        carried.append(base)
    if len({r[0] for r in rows}) != len(rows):
        raise ServiceError(f"Gói có dòng trùng mã trong bảng «{table_label(spec.name)}».")
    return rows, carried


def import_package(
    db: Database,
    path: str | Path,
    password: str | None,
    *,
    dry_run: bool = False,
    backup_dir: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    make_backup: bool = True,
    analyse: bool = True,
) -> ImportResult:
    """Import a package (or, with dry_run, only say what it would do).

    `analyse=False` leaves the planner statistics to the caller (one refresh after a pile)."""
    started = clock.perf_counter()
    incoming = read_incoming(db, path, password)
    m = incoming.manifest
    peer = incoming.sender.peer
    head = {"package_id": m["package_id"], "source_name": m["source_unit"]["name"],
            "source_level": m["source_unit"].get("level", ""), "sequence": m["sequence"],
            "created_at": m["created_at"]}
    with db.session() as s:
        seen = s.scalar(select(func.count()).select_from(HandoffLog).where(
            HandoffLog.package_id == m["package_id"], HandoffLog.direction == "in"))
        last_in = s.scalar(select(func.max(HandoffLog.sequence)).where(
            HandoffLog.direction == "in", HandoffLog.peer_unit_id == peer.unit_id)) or 0
    if seen:
        return ImportResult(**head, dry_run=dry_run, already_imported=True, last_sequence=last_in)
    backup = _backup(db, backup_dir) if make_backup and not dry_run else None
    plans = _apply(db, incoming, dry_run, progress, cancelled)
    if not dry_run and analyse:
        db.refresh_statistics()  # a first package can multiply the register
    tables = tuple(
        TableCounts(p.spec.name, table_label(p.spec.name), **{k: p.counts[k] for k in KINDS})
        for p in plans if any(p.counts.values())
    )
    changed = {p.spec.name for p in plans if p.changes_rows or p.conflicts}
    return ImportResult(
        **head, tables=tables, dry_run=dry_run, last_sequence=last_in,
        new_village=incoming.sender.new_village is not None, backup=backup,
        changes=Changes() if dry_run else changes_for(changed),
        seconds=clock.perf_counter() - started,
    )


def import_packages(
    db: Database,
    paths: list[str | Path],
    password: str | None,
    *,
    backup_dir: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ImportResult]:
    """Several packages (a ward's pile from its villages) after ONE backup, each package in its
    own transaction; stops at the first bad one, saying which and what went in before it."""
    results: list[ImportResult] = []
    backup = _backup(db, backup_dir)
    try:
        for i, path in enumerate(paths):
            if progress:
                progress(i, len(paths))
            try:
                result = import_package(db, path, password, cancelled=cancelled,
                                        make_backup=False, analyse=False)
            except ValueError as exc:
                done = f"đã nhập {len(results)} gói trước đó; " if results else ""
                raise ServiceError(f"Gói «{Path(path).name}»: {exc} "
                                   f"({done}bản sao lưu: {backup})") from exc
            results.append(replace(result, backup=backup))
    finally:
        if results:
            db.refresh_statistics()  # once for the pile: packages can multiply the register
    if progress:
        progress(len(paths), len(paths))
    return results


class _DryRun(Exception):  # noqa: N818 - control flow: roll the preview back
    pass


def _apply(db: Database, incoming: _Incoming, dry_run: bool, progress: Progress | None,
           cancelled: Callable[[], bool] | None = None) -> list[TablePlan]:
    m = incoming.manifest
    peer = incoming.sender.peer
    plans: list[TablePlan] = []
    now = _now_text()
    total = len(SPECS)
    try:
        with db.session(raw=True) as s:
            conn = s.connection()
            conn.execute(insert(HandoffLog).values(
                id=str(uuid.uuid4()), package_id=m["package_id"], direction="in",
                peer_unit_id=peer.unit_id, source_unit_id=m["source_unit"]["id"],
                source_name=m["source_unit"]["name"], sequence=m["sequence"],
                created_at=_manifest_time(m["created_at"]), counts={},
                file_name=incoming.path.name, acknowledged=False))
            # Parents and children arrive in any order (a household names its head): check the
            # references once, when the whole package is in.
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            conn.exec_driver_sql(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
            acked = (m.get("acknowledges") or {}).get("sequence")
            acknowledge(conn, peer.unit_id, acked if type(acked) is int else 0)
            for i, spec in enumerate(SPECS):
                if progress:
                    progress(i, total)
                if cancelled and cancelled():
                    raise ServiceError("Đã huỷ nhập gói: cơ sở dữ liệu không thay đổi.")
                plan = plan_table(conn, spec, incoming.rows[spec.name],
                                  incoming.carried[spec.name], peer_id=peer.unit_id,
                                  installation_id=db.installation_id, now=now)
                apply_plan(conn, plan)
                _record_conflicts(conn, plan, m["package_id"], peer.unit_id)
                plans.append(plan)
            touched = _households_touched(plans)
            if touched:  # rows went in as plain statements: no session hook keeps the key
                refresh_members_key(conn, touched)
            counts = {p.spec.name: dict(p.counts) for p in plans if p.counts}
            conn.execute(update(HandoffLog).where(
                HandoffLog.package_id == m["package_id"], HandoffLog.direction == "in"
            ).values(counts=counts))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except IntegrityError as exc:
        raise _integrity_error(exc, peer.name) from exc
    if progress:
        progress(total, total)
    return plans


def _households_touched(plans: list[TablePlan]) -> set[str]:
    """Households whose members' search key a package may change: members added, changed or
    moved (both households), and households written."""
    touched: set[str] = set()
    for plan in plans:
        if plan.spec.name == "persons":
            ih = plan.spec.index("household_id")
            touched.update(r[ih] for r in plan.inserts)
            touched.update(u[ih - 1] for u in plan.updates)  # updates leave the id out first
            touched.update(r[ih] for r in plan.replaced)
        elif plan.spec.name == "households":
            touched.update(r[0] for r in plan.inserts)
            touched.update(u[-1] for u in plan.updates)
    return touched


def _record_conflicts(conn: Connection, plan: TablePlan, package_id: str, peer_id: str) -> None:
    if not plan.conflicts:
        return
    conn.execute(insert(SyncConflict), [
        {"id": str(uuid.uuid4()), "package_id": package_id, "peer_unit_id": peer_id,
         "resolved": False, "created_at": utcnow(), **c} for c in plan.conflicts
    ])


def _manifest_time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return utcnow()
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _integrity_error(exc: IntegrityError, peer_name: str) -> ServiceError:
    text = str(exc.orig)
    if "persons.cccd" in text:
        why = "một số CCCD đã có ở người khác trong cùng thôn"
    elif "households.code" in text:
        why = "một mã hộ đã có ở hộ khác trong cùng thôn"
    elif "FOREIGN KEY" in text:
        why = "gói thiếu dữ liệu liên quan (ví dụ hộ của một nhân khẩu)"
    else:
        why = f"dữ liệu trái ràng buộc ({text})"
    return ServiceError(
        f"Không nhập được gói của {peer_name}: {why}. Cơ sở dữ liệu không thay đổi. "
        "Hãy sửa ở một trong hai nơi (hoặc xoá bản trùng) rồi gửi lại gói."
    )


def _backup(db: Database, folder: Path | None) -> Path:
    """Copy the database before an import; keep the newest BACKUPS_KEPT of these copies."""
    folder = folder or db.path.parent / "sao-luu-truoc-khi-nhap-goi"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = db.backup_to(folder / f"{db.path.stem}-truoc-nhap-goi-{stamp}.sqlite")
    old = sorted(folder.glob(f"{db.path.stem}-truoc-nhap-goi-*.sqlite"))
    for extra in old[:-BACKUPS_KEPT]:
        extra.unlink(missing_ok=True)
    return dest


def handoff_log(db: Database, limit: int = 200) -> list[dict[str, Any]]:
    """The latest packages written and read (plain dicts, newest first)."""
    with db.session() as s:
        rows = s.scalars(select(HandoffLog).order_by(HandoffLog.logged_at.desc()).limit(limit))
        return [{"package_id": r.package_id, "direction": r.direction,
                 "peer_unit_id": r.peer_unit_id, "source_name": r.source_name,
                 "sequence": r.sequence, "created_at": r.created_at, "logged_at": r.logged_at,
                 "counts": dict(r.counts or {}), "file_name": r.file_name,
                 "acknowledged": r.acknowledged} for r in rows]


__all__ = ["SPEC_BY_NAME", "SUFFIX", "ExportResult", "ImportResult", "PackageError",
           "TableCounts", "export_package", "handoff_log", "import_package", "import_packages",
           "read_incoming"]
