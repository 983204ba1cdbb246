"""Local bookkeeping for USB handoff (schema version 2). These tables never travel.

- `HandoffLog`: every package written or read (when, peer, sequence, counts) — the ward page
  shows each village's last package from it.
- `SyncBase`: per peer and row, the state both sides last agreed on (version, origin and the
  values). A row changed on both sides since then is a conflict; one changed on one side only
  simply moves forward.
- `SyncConflict`: conflicts waiting for a person to decide field by field.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import JSON, Boolean, DateTime, Index, Integer
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
