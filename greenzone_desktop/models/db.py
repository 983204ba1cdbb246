"""Engine, sessions, SQLite pragmas, and the change stamp every write goes through."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Connection, create_engine, event, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from greenzone_desktop.models.audit import AuditEntry
from greenzone_desktop.models.base import SyncMixin, new_id, utcnow
from greenzone_desktop.models.search_keys import after_flush as _refresh_search_keys
from greenzone_desktop.models.units import LocalState

log = logging.getLogger(__name__)

APP_DIR_NAME = "GreenZone"
DB_FILE_NAME = "greenzone.sqlite"


def default_db_path() -> Path:
    """`--db`, else `GREENZONE_DB`, else the per-user data folder."""
    env = os.environ.get("GREENZONE_DB")
    if env:
        return Path(env)
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / DB_FILE_NAME


def _plain(value: object) -> object:
    if isinstance(value, datetime | date | time):  # time: checkpoint opening hours
        return value.isoformat()
    return value


def _stamp_changes(session: Session, _flush_context: object, _instances: object) -> None:
    """Bump version/updated_at/origin on every changed row and write the audit log."""
    if session.info.get("raw"):
        return
    actor = session.info.get("actor", "")
    origin = session.info.get("origin", "")
    now = utcnow()
    entries: list[AuditEntry] = []
    for obj in list(session.new):
        if not isinstance(obj, SyncMixin):
            continue
        if obj.id is None:
            obj.id = new_id()
        obj.created_at = obj.created_at or now
        obj.updated_at = now
        obj.origin = origin
        obj.version = obj.version or 1
        state = inspect(obj)
        values = {
            a.key: [None, _plain(getattr(obj, a.key))]
            for a in state.mapper.column_attrs
            if a.key not in _STAMP_FIELDS and getattr(obj, a.key) not in (None, "")
        }
        entries.append(_entry(obj, "create", values, actor, now))
    for obj in list(session.dirty):
        if not isinstance(obj, SyncMixin) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        changes: dict[str, list[object]] = {}
        for attr in state.mapper.column_attrs:
            if attr.key in _STAMP_FIELDS:
                continue
            hist = state.attrs[attr.key].history
            if hist.has_changes():
                before = hist.deleted[0] if hist.deleted else None
                after = hist.added[0] if hist.added else None
                if before != after:
                    changes[attr.key] = [_plain(before), _plain(after)]
        if not changes:
            continue
        obj.version = (obj.version or 0) + 1
        obj.updated_at = now
        obj.origin = origin
        action = "update"
        if "deleted" in changes:
            action = "delete" if obj.deleted else "restore"
        entries.append(_entry(obj, action, changes, actor, now))
    session.add_all(entries)


_STAMP_FIELDS = {"version", "updated_at", "created_at", "origin", "id"}


def _entry(obj: SyncMixin, action: str, changes: dict, actor: str, now: datetime) -> AuditEntry:
    return AuditEntry(
        id=new_id(),
        at=now,
        actor=actor,
        unit_id=obj.unit_id,
        table_name=obj.__tablename__,
        row_id=obj.id,
        action=action,
        changes=changes,
    )


JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024  # bytes; the log of everyday writes stays ~4 MB


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    # A log a bulk import grew (a ward's first pile: 265 MB) is cut back to this when it is
    # next reused, once checkpointed, instead of keeping its size on disk.
    cur.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")
    # A ward's search indexes (≈ 10 MB) stay in this connection's cache between keystrokes.
    cur.execute("PRAGMA cache_size = -65536")
    cur.close()


# A bulk write's commit (services/handoff_pile.py): its log synced to disk at COMMIT, and no
# checkpoint at COMMIT — `Database.checkpoint_in_background` moves the log into the file after.
BULK_COMMIT = ("PRAGMA synchronous = FULL", "PRAGMA wal_autocheckpoint = 0")
NORMAL_COMMIT = ("PRAGMA synchronous = NORMAL", "PRAGMA wal_autocheckpoint = 1000")


def _checkpoint(path: Path) -> None:
    """All of the log into the file, then the log cut to nothing if no reader is in it."""
    try:
        con = sqlite3.connect(path, timeout=30)
        try:
            con.execute("PRAGMA wal_checkpoint(PASSIVE)")
            con.execute("PRAGMA busy_timeout = 0")  # a reader in the log: the next time
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    except sqlite3.Error as exc:  # the commit is safe in the log; the next checkpoint copies it
        log.warning("Không chép được nhật ký ghi vào tệp cơ sở dữ liệu (%s).", exc)


def copy_database(path: Path, dest: Path) -> None:
    """A whole, consistent copy of the database at `path` (SQLite's online backup): with what
    its write-ahead log holds — after a crash the last transactions are there only, which a
    copy of the file alone would lose."""
    src = sqlite3.connect(path)
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
            # One self-contained file: opening a copy in WAL mode (even to read it, say from
            # a USB stick) would leave -wal and -shm files beside it.
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
    finally:
        src.close()


STATISTICS_MIN_ROWS = 2000  # below this SQLite plans well enough without statistics
ANALYSIS_LIMIT = 1000  # rows of each index ANALYZE reads (SQLite's analysis_limit)
_ANALYSED_AT = "statistics_people"  # local_state: the number of people at the last ANALYZE


def _refresh_statistics(conn: Connection, force: bool) -> bool:
    people = conn.exec_driver_sql("SELECT count(*) FROM persons").scalar_one()
    if not force:
        if people < STATISTICS_MIN_ROWS:
            return False
        has_stats = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
        known = None
        if has_stats:  # the people counted at the last ANALYZE (its own are sampled)
            known = conn.exec_driver_sql(
                "SELECT CAST(value AS INTEGER) FROM local_state "
                f"WHERE key = '{_ANALYSED_AT}'").scalar()
        if known and 0.8 * known <= people <= 1.25 * known:
            return False
    # Sampled: about a thousand rows of each index (0.01 s instead of 0.2-0.6 s after a
    # ward-sized import); the planner needs proportions, not exact counts.
    conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    try:
        conn.exec_driver_sql("ANALYZE")
    finally:
        conn.exec_driver_sql("PRAGMA analysis_limit = 0")
    conn.exec_driver_sql(f"DELETE FROM local_state WHERE key = '{_ANALYSED_AT}'")
    conn.exec_driver_sql("INSERT INTO local_state (key, value) VALUES (?, ?)",
                         (_ANALYSED_AT, str(people)))
    return True


class Database:
    """One database file (or URL): engine, session factory, and this installation's identity."""

    def __init__(self, path: str | Path | None = None, *, actor: str = "", url: str | None = None):
        self.path = Path(path) if path is not None else default_db_path()
        self.url = url or f"sqlite:///{self.path}"
        if url is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # LIFO: the next session gets the connection used last, whose page cache is warm.
        self.engine: Engine = create_engine(self.url, future=True, pool_use_lifo=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._factory, "before_flush", _stamp_changes)
        event.listen(self._factory, "after_flush", _refresh_search_keys)
        self.actor = actor or os.environ.get("USER") or os.environ.get("USERNAME") or ""
        self._local: dict[str, str] | None = None
        self._checkpoint: threading.Thread | None = None

    @contextmanager
    def session(self, *, raw: bool = False) -> Iterator[Session]:
        """A short unit of work: commits on success, rolls back on any error.

        `raw=True` skips the version stamp and audit (USB merge applies rows as they came).
        """
        with self._factory() as session:
            session.info.update(actor=self.actor, origin=self.installation_id, raw=raw)
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    # -- local state -------------------------------------------------------------------
    def _local_state(self) -> dict[str, str]:
        if self._local is None:
            with self._factory() as s:
                self._local = {r.key: r.value for r in s.scalars(select(LocalState))}
        return self._local

    def set_local(self, key: str, value: str) -> None:
        with self._factory() as s:
            s.merge(LocalState(key=key, value=value))
            s.commit()
        self._local = None

    def get_local(self, key: str, default: str = "") -> str:
        return self._local_state().get(key, default)

    @property
    def installation_id(self) -> str:
        return self._local_state().get("installation_id", "")

    @property
    def home_unit_id(self) -> str | None:
        return self._local_state().get("home_unit_id") or None

    def backup_to(self, dest: Path) -> Path:
        """A consistent copy of the SQLite file (online backup API, safe while in use)."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        copy_database(self.path, dest)
        return dest

    def refresh_statistics(self, *, force: bool = False, conn: Connection | None = None
                           ) -> bool:
        """Run ANALYZE when the planner's statistics are missing or stale. Without them SQLite
        walks the `deleted` index of a 80 000-person table instead of the household or name
        index (a household's members: 0.6–1.5 s instead of a few ms). Cheap when nothing is due:
        one count and one look at sqlite_stat1. Returns whether it analysed. `conn`: inside
        that open transaction (a bulk import, before it commits) instead of one of its own."""
        if self.engine.dialect.name != "sqlite":
            return False
        if conn is not None:
            return _refresh_statistics(conn, force)
        with self.engine.begin() as own:
            return _refresh_statistics(own, force)

    def checkpoint_in_background(self) -> None:
        """Move the write-ahead log into the database file on a thread of its own, after a bulk
        write that committed with its log synced and deferred this (`BULK_COMMIT`): the
        writer's "done" then need not wait for the copy (a ward's first pile: ~265 MB, over a
        second). The commit is already on disk, in the log; readers and writers go on
        meanwhile (a passive checkpoint blocks no one; any other checkpoint it meets is
        skipped). `dispose` waits for it, and so does the interpreter at exit."""
        if self.engine.dialect.name != "sqlite":
            return
        self.wait_checkpoint()
        self._checkpoint = threading.Thread(target=_checkpoint, args=(self.path,),
                                            name="greenzone-checkpoint")
        self._checkpoint.start()

    def wait_checkpoint(self) -> None:
        if self._checkpoint is not None:
            self._checkpoint.join()
            self._checkpoint = None

    def dispose(self) -> None:
        self.wait_checkpoint()
        self.engine.dispose()
