"""USB handoff between a village and its ward: export a package, import one (preview first).

Export: the rows of every synced table in the receiver's scope (the village and the units
below it) that the receiver is not known to have yet — everything whose (version, origin)
differs from the state both sides last agreed on (SyncBase) — deletions included; or
everything. Each row carries that agreed (version, origin) as its base. Rows sent are remembered
as "sent" markers; when the peer's next package acknowledges the sequence, they become agreed.

Import: verify and decrypt, check the sender belongs here, then merge row by row
(handoff_merge) in ONE transaction after an automatic backup — one package, or a ward's whole
pile of them (handoff_pile: all of it or none). A package already imported changes nothing;
`dry_run` computes the very same preview and rolls back.
The rules are documented in docs/HANDOFF-FORMAT.md §8.
"""

from __future__ import annotations

import time as clock
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from greenzone_desktop.exchange.package import (
    PackageError,
    write_package,
)
from greenzone_desktop.exchange.package_crypto import DEFAULT_SCRYPT_N
from greenzone_desktop.models import HandoffLog, utcnow
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.migrations import SCHEMA_VERSION
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff_codec import (
    SPEC_BY_NAME,
    SPECS,
)
from greenzone_desktop.services.handoff_labels import changes_for, table_label
from greenzone_desktop.services.handoff_merge import KINDS, TablePlan
from greenzone_desktop.services.handoff_pile import (
    IMPORT_CACHE_KIB,
    Cancelled,
    Incoming,
    Progress,
    open_pile,
)
from greenzone_desktop.services.handoff_read import ReadAhead, read_incoming
from greenzone_desktop.services.handoff_sync import (
    last_sequences,
    pending_rows,
    remember_sent,
)
from greenzone_desktop.services.handoff_units import (
    Peer,
    peer_for_export,
    subtree,
    unit_chain,
)
from greenzone_desktop.text import fold

SUFFIX = ".gzx"
BACKUPS_KEPT = 10


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

        sent: dict[str, list[bytes]] = {spec.name: [] for spec in SPECS}
        tables = {spec.name: pending_rows(conn, spec, peer.unit_id, scope, everything, counts,
                                          step, sent[spec.name]) for spec in SPECS}
        info = write_package(target, manifest, tables, password, scrypt_n=scrypt_n)
        remember_sent(conn, peer.unit_id, sequence, sent)
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


def import_package(
    db: Database,
    path: str | Path,
    password: str | None,
    *,
    dry_run: bool = False,
    backup_dir: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import a package (or, with dry_run, only say what it would do) in one transaction,
    after an automatic backup."""
    [result] = _import(db, [path], password, dry_run=dry_run, backup_dir=backup_dir,
                       progress=progress, cancelled=cancelled)
    return result


def import_packages(
    db: Database,
    paths: list[str | Path],
    password: str | None,
    *,
    dry_run: bool = False,
    backup_dir: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ImportResult]:
    """Several packages (a ward's pile from its villages) after ONE backup, all in ONE
    transaction: all of them go in, or none (the message says which package was refused).
    `dry_run`: what the pile would do, each package after the ones before it."""
    return _import(db, paths, password, dry_run=dry_run, backup_dir=backup_dir,
                   pile_progress=progress, cancelled=cancelled, name_package=True)


def pile_tables(results: list[ImportResult]) -> list[TableCounts]:
    """The counts of a pile's packages added up, table by table."""
    summed: dict[str, TableCounts] = {}
    for result in results:
        for t in result.tables:
            before = summed.get(t.table, TableCounts(t.table, t.label))
            summed[t.table] = TableCounts(t.table, t.label, **{
                k: getattr(before, k) + getattr(t, k) for k in KINDS})
    return list(summed.values())


def _import(
    db: Database,
    paths: list[str | Path],
    password: str | None,
    *,
    dry_run: bool = False,
    backup_dir: Path | None = None,
    progress: Progress | None = None,
    pile_progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    name_package: bool = False,
) -> list[ImportResult]:
    results: list[ImportResult] = []
    backup: Path | None = None
    with open_pile(db, len(paths), dry_run=dry_run) as pile, ReadAhead(paths, password) as ahead:
        for i, path in enumerate(paths):
            if pile_progress:
                pile_progress(i, len(paths))
            started = clock.perf_counter()
            try:
                incoming = read_incoming(db, path, password, pile.conn, ahead.read(i))
                head, seen = _head(pile.conn, incoming)
                if seen:
                    results.append(ImportResult(**head, dry_run=dry_run, already_imported=True))
                    continue
                if backup is None and not dry_run:  # verified and new: worth a backup
                    backup = _backup(db, backup_dir)
                plans = pile.apply(incoming, progress, cancelled)
            except Cancelled:
                raise
            except ValueError as exc:
                if not name_package:
                    raise
                raise ServiceError(
                    f"Gói «{Path(path).name}»: {exc} (Không gói nào trong {len(paths)} gói "
                    "đã chọn được nhập; hãy bỏ gói này ra rồi nhập lại các gói kia.)") from exc
            results.append(_result(head, incoming, plans, dry_run, backup,
                                   clock.perf_counter() - started))
    if pile_progress:
        pile_progress(len(paths), len(paths))
    return results


def _head(conn: Connection, incoming: Incoming) -> tuple[dict[str, Any], bool]:
    """What the result says of the package itself, and whether it was imported before."""
    m = incoming.manifest
    seen = conn.execute(select(func.count()).select_from(HandoffLog).where(
        HandoffLog.package_id == m["package_id"], HandoffLog.direction == "in")).scalar()
    last_in = conn.execute(select(func.max(HandoffLog.sequence)).where(
        HandoffLog.direction == "in", HandoffLog.peer_unit_id == incoming.sender.peer.unit_id
    )).scalar() or 0
    return {"package_id": m["package_id"], "source_name": m["source_unit"]["name"],
            "source_level": m["source_unit"].get("level", ""), "sequence": m["sequence"],
            "created_at": m["created_at"], "last_sequence": last_in}, bool(seen)


def _result(head: dict[str, Any], incoming: Incoming, plans: list[TablePlan], dry_run: bool,
            backup: Path | None, seconds: float) -> ImportResult:
    tables = tuple(
        TableCounts(p.spec.name, table_label(p.spec.name), **{k: p.counts[k] for k in KINDS})
        for p in plans if any(p.counts.values())
    )
    changed = {p.spec.name for p in plans if p.changes_rows or p.conflicts}
    return ImportResult(
        **head, tables=tables, dry_run=dry_run,
        new_village=incoming.sender.new_village is not None, backup=backup,
        changes=Changes() if dry_run else changes_for(changed), seconds=seconds,
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


__all__ = ["IMPORT_CACHE_KIB", "SPEC_BY_NAME", "SUFFIX", "ExportResult", "ImportResult", "PackageError",
           "TableCounts", "export_package", "handoff_log", "import_package", "import_packages",
           "pile_tables", "read_incoming"]
