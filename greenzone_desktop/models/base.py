"""Declarative base and the columns every synchronised row carries."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class String(TypeDecorator):
    """VARCHAR that stores text NFC-normalised, whatever the keyboard or Excel produced."""

    impl = sa.String
    cache_ok = True

    def process_bind_param(self, value, dialect):  # noqa: ANN001 - SQLAlchemy hook
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


class Text(String):
    """TEXT, NFC-normalised."""

    impl = sa.Text
    cache_ok = True


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def enum_check(column: str, values: list[str], name: str | None = None) -> CheckConstraint:
    """A CHECK constraint keeping `column` inside a closed vocabulary."""
    allowed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=name or f"{column}_enum")


def order_check(first: str, second: str) -> CheckConstraint:
    """A CHECK constraint: `second` is empty or not before `first`."""
    return CheckConstraint(
        f"{second} IS NULL OR {first} IS NULL OR {second} >= {first}",
        name=f"{second}_after_{first}",
    )


class SyncMixin:
    """UUID key, owning unit, timestamps, version counter, origin and soft delete.

    `version` grows by one on every change made on this PC; `origin` names the installation
    that made the latest change. USB merges compare (version, origin), never clocks.
    """

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    origin: Mapped[str] = mapped_column(sa.String(36), default="")
    # No index: almost every row is live, so an index on it only misleads the planner.
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # The peer (unit) this row came from in a USB package, stored exactly as sent: until it
    # changes here, the row itself is the state both sides agreed on, and sync_base keeps no
    # copy (a trigger keeps one before its first change: models/handoff.py). Never travels.
    received_from: Mapped[str | None] = mapped_column(sa.String(36), nullable=True,
                                                      info={"local": True})

    @declared_attr
    def unit_id(cls) -> Mapped[str]:  # noqa: N805 - declared_attr receives the class
        return mapped_column(sa.String(36), ForeignKey("units.id"), index=True)
