"""The audit log: who changed what, when, with the values before and after."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index
from sqlalchemy.orm import Mapped, mapped_column

from greenzone_desktop.models.base import Base, String, new_id, utcnow


class AuditEntry(Base):
    """Append-only; local to this database (the rows it speaks of travel, the log does not)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_row", "table_name", "row_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    unit_id: Mapped[str | None] = mapped_column(String(36))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(10))
    changes: Mapped[dict] = mapped_column(JSON, default=dict)  # field -> [before, after]
