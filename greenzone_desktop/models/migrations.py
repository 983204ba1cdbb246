"""Versioned schema: a new database gets the current tables; an older one is upgraded step by
step after a backup of the file. Steps use Alembic's operations so they stay dialect-neutral."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, text

from greenzone_desktop.models.base import Base, new_id
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.handoff import create_base_triggers

SCHEMA_VERSION = 5

# target version -> step taking it there from the version before.
Step = Callable[[Operations, Connection], None]


def _v2_handoff_tables(_ops: Operations, conn: Connection) -> None:
    """Version 2: USB handoff bookkeeping (package log, sync base, conflicts); search indexes."""
    from greenzone_desktop.models.handoff import HandoffLog, SyncBase, SyncConflict

    for model in (HandoffLog, SyncBase, SyncConflict):
        model.__table__.create(conn, checkfirst=True)
    # Search indexes: walk people in name order over a covering index; scan household keys.
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_persons_search_sorted "
                      "ON persons (deleted, sort_key, search_key, household_id)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_households_search "
                      "ON households (deleted, search_key)"))


def _v3_search_keys(ops: Operations, conn: Connection) -> None:
    """Version 3: households carry their members' search keys; no index on `deleted` (almost
    every row is live, and such an index only led the planner astray)."""
    from sqlalchemy import Column

    from greenzone_desktop.models.base import Text
    from greenzone_desktop.models.search_keys import refresh_members_key

    ops.add_column("households", Column("members_key", Text, nullable=False, server_default=""))
    for table in Base.metadata.sorted_tables:
        if "deleted" in table.c:
            conn.execute(text(f'DROP INDEX IF EXISTS "ix_{table.name}_deleted"'))
    conn.execute(text("DROP INDEX IF EXISTS ix_households_search"))
    conn.execute(text("CREATE INDEX ix_households_search ON households "
                      "(code, id, deleted, search_key, members_key)"))
    refresh_members_key(conn)


def _v4_search_index(_ops: Operations, conn: Connection) -> None:
    """Version 4: a trigram index over the households' keys (models/search_index.py)."""
    from greenzone_desktop.models.search_index import create_search_index

    create_search_index(conn)


def _v5_received_rows(ops: Operations, conn: Connection) -> None:
    """Version 5: rows stored exactly as a peer sent them name it (`received_from`) instead of a
    copy in sync_base; a trigger per synced table keeps the copy before their first change."""
    from sqlalchemy import Column, String

    from greenzone_desktop.models import SYNCED_MODELS
    from greenzone_desktop.models.handoff import create_base_triggers

    for model in SYNCED_MODELS:
        ops.add_column(model.__tablename__, Column("received_from", String(36), nullable=True))
    create_base_triggers(conn)


MIGRATIONS: dict[int, Step] = {2: _v2_handoff_tables, 3: _v3_search_keys, 4: _v4_search_index,
                               5: _v5_received_rows}


class SchemaError(RuntimeError):
    """The database cannot be opened by this version of the app (message in Vietnamese)."""


@dataclass(frozen=True)
class UpgradeResult:
    from_version: int
    to_version: int
    backup: Path | None


def _read_version(conn: Connection) -> int:
    row = conn.execute(text("SELECT value FROM local_state WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else 1


def _write_version(conn: Connection, version: int) -> None:
    conn.execute(text("DELETE FROM local_state WHERE key = 'schema_version'"))
    conn.execute(
        text("INSERT INTO local_state (key, value) VALUES ('schema_version', :v)"),
        {"v": str(version)},
    )


def upgrade(db: Database) -> UpgradeResult:
    """Create or upgrade the schema; returns what was done."""
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        current = _read_version(conn) if "local_state" in tables else 0
    if not tables:
        with db.engine.begin() as conn:
            Base.metadata.create_all(conn)
            create_base_triggers(conn)
            _write_version(conn, SCHEMA_VERSION)
            conn.execute(
                text("INSERT INTO local_state (key, value) VALUES ('installation_id', :v)"),
                {"v": new_id()},
            )
        return UpgradeResult(0, SCHEMA_VERSION, None)
    if "local_state" not in tables or "units" not in tables:
        raise SchemaError(f"Tệp «{db.path}» không phải cơ sở dữ liệu của Sổ Vùng Xanh.")
    if current > SCHEMA_VERSION:
        raise SchemaError(
            f"Cơ sở dữ liệu «{db.path}» do phiên bản mới hơn tạo ra (lược đồ {current}, "
            f"ứng dụng này hỗ trợ đến {SCHEMA_VERSION}). Hãy cập nhật ứng dụng."
        )
    backup = None
    if current < SCHEMA_VERSION:
        if db.engine.dialect.name == "sqlite":
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = db.backup_to(db.path.with_name(f"{db.path.stem}.v{current}-{stamp}.bak"))
        with db.engine.begin() as conn:
            ops = Operations(MigrationContext.configure(conn))
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version](ops, conn)
            _write_version(conn, SCHEMA_VERSION)
    return UpgradeResult(current, SCHEMA_VERSION, backup)


def open_database(path: str | Path | None = None, *, actor: str = "") -> Database:
    """Open (creating or upgrading as needed) the database at `path`."""
    db = Database(path, actor=actor)
    try:
        upgrade(db)
        db.refresh_statistics()
    except Exception:
        db.dispose()
        raise
    return db
