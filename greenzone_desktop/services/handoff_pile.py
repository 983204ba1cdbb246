"""Applying handoff packages: one package, or a ward's pile of them, in ONE transaction.

Everything a pile brings goes in together or not at all: a bad package (or a cancel) leaves the
database exactly as it was, and the message names the package. Packages are read inside the
transaction, so a pile's later packages see what the earlier ones added (the first package of
a village adds the village).

A pile of several packages, or one that will add more rows to a table than it holds (a ward's
first packages), is written in bulk: such a table's secondary indexes are dropped before the
first package and built once at the end (the unique ones stay, so a duplicate CCCD is still
refused at its package, and so does the persons' household index, for the members' search
keys each package refreshes), and each package's rows are checked against the tables' CHECK
constraints by one query per table once the package is in, instead of row by row while
writing (bulk_writes.first_broken_row) — the package that breaks one is named. So are its
references: by set where the pile knows every id of the parent table (one it found empty, or
the units), by the same query otherwise.
A bulk pile commits with its write-ahead log synced to disk and leaves the copy of that log
into the database file (a ward's first pile: ~265 MB, over a second) to a background thread
(`Database.checkpoint_in_background`): when the import says "done", it is on disk.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, update
from sqlalchemy.exc import IntegrityError

from greenzone_desktop.models import HandoffLog, SyncConflict, utcnow
from greenzone_desktop.models.db import BULK_COMMIT, NORMAL_COMMIT, Database
from greenzone_desktop.models.search_keys import refresh_members_key
from greenzone_desktop.services.bulk_writes import (
    ForeignKey,
    create_indexes,
    drop_indexes,
    first_broken_row,
    foreign_keys,
    last_rowid,
    worth_rebuilding,
)
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff_codec import SPECS
from greenzone_desktop.services.handoff_labels import table_label
from greenzone_desktop.services.handoff_merge import TablePlan, apply_plan, plan_table
from greenzone_desktop.services.handoff_sync import acknowledge
from greenzone_desktop.services.handoff_units import Sender

# Kept through a bulk pile: each package's households get their members' search key at once,
# looked up by household (the rest are built once, at the end).
_KEPT_INDEXES = ("ix_persons_household_id",)
IMPORT_CACHE_KIB = 256 * 1024  # random-order UUID keys: a big page cache keeps inserts in memory
Progress = Callable[[int, int], None]
_NO_ROWID = 2**63 - 1  # no row inserted: only the updated ones are checked


@dataclass
class Incoming:
    """A package read, checked and decoded, ready to merge."""

    manifest: dict[str, Any]
    sender: Sender
    rows: dict[str, list[tuple]]
    carried: dict[str, list[tuple[Any, Any]]]
    path: Path


class Cancelled(ServiceError):
    """The person stopped the import: nothing of it stays."""


class Pile:
    """The open transaction of an import and what it must do before it commits."""

    def __init__(self, db: Database, conn: Connection, packages: int, dry_run: bool):
        self.db = db
        self.conn = conn
        self.raw: sqlite3.Connection = conn.connection.driver_connection  # type: ignore[assignment]
        self.packages = packages
        self.dry_run = dry_run
        self.started = False
        self.bulk = False
        self.rebuild: list[str] = []
        # Tables empty when the pile first came to them: every id they hold is one it inserted,
        # so an incoming row is looked up only when a package before brought the same id.
        self.present: dict[str, set[str] | None] = {}
        self.keys: dict[str, list[ForeignKey]] = {}  # the references each table declares
        self.unit_ids: set[str] | None = None
        self.peer_name = ""
        self.now = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")

    def _begin(self, first: Incoming) -> None:
        """Before the first write: bulk mode when the first package, times the packages in the
        pile, outnumbers what a table holds (a preview never rebuilds anything)."""
        tables = [] if self.dry_run else [
            spec.name for spec in SPECS
            if worth_rebuilding(self.raw, spec.name, len(first.rows[spec.name]) * self.packages)]
        # Several packages are checked package by package too: a missing parent then names
        # its package, which a COMMIT failing at the end of the pile could not.
        self.bulk = bool(tables) or self.packages > 1
        if self.bulk:
            self.raw.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction
            self.raw.execute("PRAGMA ignore_check_constraints = ON")
            if not self.dry_run:
                for pragma in BULK_COMMIT:  # the log synced at COMMIT, checkpointed after
                    self.raw.execute(pragma)
        self.raw.execute("BEGIN")
        self.started = True
        # Parents and children arrive in any order (a household names its head): references
        # are checked once, when the whole package is in.
        self.raw.execute("PRAGMA defer_foreign_keys = ON")
        for table in tables:
            self.rebuild += drop_indexes(self.raw, table, keep=_KEPT_INDEXES)

    def apply(self, incoming: Incoming, progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None) -> list[TablePlan]:
        """Merge one package, table after table, inside the pile's transaction."""
        if not self.started:
            self._begin(incoming)
        m = incoming.manifest
        peer = incoming.sender.peer
        self.peer_name = peer.name
        conn = self.conn
        plans: list[TablePlan] = []
        conn.execute(insert(HandoffLog).values(
            id=str(uuid.uuid4()), package_id=m["package_id"], direction="in",
            peer_unit_id=peer.unit_id, source_unit_id=m["source_unit"]["id"],
            source_name=m["source_unit"]["name"], sequence=m["sequence"],
            created_at=_manifest_time(m["created_at"]), counts={},
            file_name=incoming.path.name, acknowledged=False))
        acked = (m.get("acknowledges") or {}).get("sequence")
        acknowledge(conn, peer.unit_id, acked if type(acked) is int else 0)
        total = len(SPECS)
        marks: dict[str, int] = {}
        try:
            for i, spec in enumerate(SPECS):
                if progress:
                    progress(i, total)
                if cancelled and cancelled():
                    raise Cancelled("Đã huỷ nhập gói: cơ sở dữ liệu không thay đổi.")
                present = self._present(spec.name)
                plan = plan_table(conn, spec, incoming.rows[spec.name],
                                  incoming.carried[spec.name], peer_id=peer.unit_id,
                                  installation_id=self.db.installation_id, now=self.now,
                                  present=present)
                if self.bulk and plan.inserts:
                    marks[spec.name] = last_rowid(self.raw, spec.name)
                apply_plan(conn, plan)
                if present is not None:
                    present.update(map(itemgetter(0), plan.inserts))
                _record_conflicts(conn, plan, m["package_id"], peer.unit_id)
                plans.append(plan)
        except IntegrityError as exc:
            raise integrity_error(exc, peer.name) from exc
        if self.bulk:
            self._check_rows(plans, marks)
        touched = _households_touched(plans)
        if touched:  # rows went in as plain statements: no session hook keeps the key
            refresh_members_key(conn, touched)  # now, while the next package is being read
        counts = {p.spec.name: dict(p.counts) for p in plans if p.counts}
        conn.execute(update(HandoffLog).where(
            HandoffLog.package_id == m["package_id"], HandoffLog.direction == "in"
        ).values(counts=counts))
        if progress:
            progress(total, total)
        return plans

    def _present(self, table: str) -> set[str] | None:
        if table not in self.present:
            empty = self.raw.execute(f'SELECT NOT EXISTS (SELECT 1 FROM "{table}")').fetchone()
            self.present[table] = set() if empty[0] else None
        return self.present[table]

    def finish(self) -> None:
        """Indexes built again; the planner's statistics, if due, before the COMMIT."""
        if not self.started:
            return
        create_indexes(self.raw, self.rebuild)
        self.rebuild = []
        if not self.dry_run:  # a first package can multiply the register
            self.db.refresh_statistics(conn=self.conn)

    def _check_rows(self, plans: list[TablePlan], marks: dict[str, int]) -> None:
        """The rows a package wrote, against the CHECK constraints and references it skipped."""
        self.unit_ids = None  # the package may have added a village
        for plan in plans:
            if not plan.changes_rows:
                continue
            name = plan.spec.name
            checked, broken = self._orphan(plan)
            if broken is None:
                broken = first_broken_row(
                    self.raw, name, after_rowid=marks.get(name, _NO_ROWID),
                    updated=[u[-1] for u in plan.updates], checked=checked)
            if broken is None:
                continue
            row_id, parent = broken
            why = (f"thiếu dữ liệu liên quan ở bảng «{table_label(parent)}»" if parent
                   else "giá trị trái ràng buộc của cơ sở dữ liệu")
            raise ServiceError(
                f"Gói có dữ liệu không hợp lệ: bảng «{table_label(name)}», dòng {row_id}: "
                f"{why}. Cơ sở dữ liệu không thay đổi; hãy xuất lại gói ở máy gửi (với tuỳ "
                "chọn «toàn bộ dữ liệu» nếu thiếu dữ liệu liên quan)."
            )

    def _orphan(self, plan: TablePlan) -> tuple[list[ForeignKey], tuple[str, str] | None]:
        """The plan's references to a table whose every id the pile knows, checked here by
        set (SQLite would search the parent's index row by row): those references, and the
        first row written that names a parent which is not there."""
        spec, checked = plan.spec, []
        if spec.name not in self.keys:
            self.keys[spec.name] = foreign_keys(self.raw, spec.name)
        for key in self.keys[spec.name]:
            ids = self._all_ids(key.parent)
            if (ids is None or key.parent_columns != ("id",)
                    or key.columns[0] not in spec.columns[1:]):
                continue
            checked.append(key)
            i = spec.index(key.columns[0])  # updates: the values without the id, then the id
            for rows, at, row_id in ((plan.inserts, i, 0), (plan.updates, i - 1, -1)):
                values = set(map(itemgetter(at), rows))
                values.discard(None)
                if not values <= ids:
                    row = next(r for r in rows if r[at] is not None and r[at] not in ids)
                    return checked, (row[row_id], key.parent)
        return checked, None

    def _all_ids(self, table: str) -> set[str] | None:
        """Every id `table` holds, when the pile knows them without asking: a table it found
        empty (the ids it inserted), or the units (a few dozen)."""
        if table != "units":
            return self.present.get(table)
        if self.unit_ids is None:
            self.unit_ids = {r[0] for r in self.raw.execute("SELECT id FROM units")}
        return self.unit_ids


@contextmanager
def open_pile(db: Database, packages: int, *, dry_run: bool = False) -> Iterator[Pile]:
    """A pile's transaction: committed when the block ends (rolled back on any error, or
    always for a preview); the connection gets its settings back either way."""
    with db.engine.connect() as conn:
        raw: sqlite3.Connection = conn.connection.driver_connection  # type: ignore[assignment]
        cache = raw.execute("PRAGMA cache_size").fetchone()[0]
        raw.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
        pile = Pile(db, conn, packages, dry_run)
        try:
            with conn.begin() as transaction:
                yield pile
                pile.finish()
                if dry_run or not pile.started:
                    transaction.rollback()
        except IntegrityError as exc:  # a reference missing, found at COMMIT
            raise integrity_error(exc, pile.peer_name) from exc
        finally:
            if raw.in_transaction:
                raw.rollback()
            for pragma in (*NORMAL_COMMIT, "PRAGMA foreign_keys = ON",
                           "PRAGMA ignore_check_constraints = OFF",
                           f"PRAGMA cache_size = {cache}"):
                raw.execute(pragma)
        if pile.bulk and not dry_run:  # committed, with its log on disk
            db.checkpoint_in_background()


def _households_touched(plans: list[TablePlan]) -> set[str]:
    """Households whose members' search key a package may change: members added, changed or
    moved (both households), and households written."""
    touched: set[str] = set()
    for plan in plans:
        if plan.spec.name == "persons":
            ih = plan.spec.index("household_id")
            touched.update(map(itemgetter(ih), plan.inserts))
            touched.update(map(itemgetter(ih - 1), plan.updates))  # updates: no id first
            touched.update(map(itemgetter(ih), plan.replaced))
        elif plan.spec.name == "households":
            touched.update(map(itemgetter(0), plan.inserts))
            touched.update(map(itemgetter(-1), plan.updates))
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


def integrity_error(exc: IntegrityError, peer_name: str) -> ServiceError:
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
