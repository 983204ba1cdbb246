"""Local bookkeeping for USB handoff (schema version 2). These tables never travel.

- `HandoffLog`: every package written or read (when, peer, sequence, counts) — the ward page
  shows each village's last package from it.
- `SyncBase`: per peer and row, the state both sides last agreed on (version, origin and the
  values). A row changed on both sides since then is a conflict; one changed on one side only
  simply moves forward. A row stored exactly as a peer sent it needs no entry: its
  `received_from` names the peer and the row is the agreed state, until its first change here,
  when a trigger (`create_base_triggers`) writes the entry from the row as it was.
- `SyncConflict`: conflicts waiting for a person to decide field by field.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import JSON, Boolean, Connection, DateTime, Index, Integer, Table
from sqlalchemy.orm import Mapped, mapped_column

from greenzone_desktop.models.base import Base, String, Text, new_id, utcnow


class HandoffLog(Base):
    __tablename__ = "handoff_log"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    package_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    direction: Mapped[str] = mapped_column(String(3))  # "out" | "in"
    peer_unit_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    source_unit_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    source_name: Mapped[str] = mapped_column(String(300), default="")
    sequence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)  # as the source PC said
    logged_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    file_name: Mapped[str] = mapped_column(Text, default="")
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncBase(Base):
    __tablename__ = "sync_base"
    __table_args__ = (Index("ix_sync_base_peer_row", "peer_unit_id", "table_name", "row_id",
                            unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    peer_unit_id: Mapped[str] = mapped_column(sa.String(36))
    table_name: Mapped[str] = mapped_column(sa.String(40))
    row_id: Mapped[str] = mapped_column(sa.String(36))
    version: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(sa.String(36))
    data: Mapped[dict] = mapped_column(JSON, default=dict)


class SyncConflict(Base):
    __tablename__ = "sync_conflicts"

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    package_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    peer_unit_id: Mapped[str] = mapped_column(sa.String(36))
    table_name: Mapped[str] = mapped_column(sa.String(40))
    row_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    local: Mapped[dict] = mapped_column(JSON, default=dict)
    remote: Mapped[dict] = mapped_column(JSON, default=dict)
    base: Mapped[dict] = mapped_column(JSON, default=dict)
    fields: Mapped[list] = mapped_column(JSON, default=list)  # the fields both sides changed
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


# Columns a merge never compares: identity and the change stamp.
STAMP = ("id", "version", "origin", "created_at", "updated_at")


def synced_columns(table: Table) -> tuple[str, ...]:
    """A synced table's columns as they travel (local ones never do), the id first."""
    cols = sorted((c for c in table.columns if not c.info.get("local")),
                  key=lambda c: c.name != "id")
    return tuple(str(c.name) for c in cols)


def merge_columns(table: Table) -> tuple[str, ...]:
    """The columns a merge compares field by field, in the order SyncBase.data keeps them."""
    return tuple(c for c in synced_columns(table) if c not in STAMP)


def base_trigger_sql(table: Table) -> str:
    """Before the first change of a row stored as a peer sent it: its agreed state, from the
    row as it was, into sync_base (OR IGNORE: an entry already there is newer)."""
    name = table.name
    columns = ", ".join(f'"{c}"' for c in synced_columns(table))
    values = ", ".join(f'OLD."{c}"' for c in merge_columns(table))
    return (
        f'CREATE TRIGGER "sync_base_keep_{name}" BEFORE UPDATE OF {columns} ON "{name}"\n'
        "WHEN OLD.received_from IS NOT NULL BEGIN\n"
        "  INSERT OR IGNORE INTO sync_base (peer_unit_id, table_name, row_id, version, origin, "
        "data)\n"
        f"  VALUES (OLD.received_from, '{name}', OLD.id, OLD.version, OLD.origin, "
        f"json_array({values}));\n"
        "END"
    )


def create_base_triggers(conn: Connection) -> None:
    """(Re)create the trigger of every synced table. A migration that changes a synced
    table's columns calls this again (tests compare the triggers with the tables)."""
    from greenzone_desktop.models import SYNCED_MODELS

    for model in SYNCED_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "sync_base_keep_{table.name}"')
        conn.exec_driver_sql(base_trigger_sql(table))
