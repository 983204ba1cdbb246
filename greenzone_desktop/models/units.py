"""The administrative unit tree and the per-database settings."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from greenzone_desktop.models.base import Base, String, SyncMixin, enum_check
from greenzone_desktop.vocab import UnitLevel


class Unit(Base, SyncMixin):
    """A province, district, commune/ward or village; the tree's district level is optional.

    A unit owns itself (`unit_id == id`); its parent is `parent_id`.
    """

    __tablename__ = "units"
    __table_args__ = (enum_check("level", UnitLevel.codes()),)

    parent_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), index=True)
    level: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(20))


class Setting(Base, SyncMixin):
    """Business configuration (rules, hotlines' display, colours): travels with the data."""

    __tablename__ = "settings"
    __table_args__ = (UniqueConstraint("unit_id", "key"),)

    key: Mapped[str] = mapped_column(String(100))
    value: Mapped[object] = mapped_column(JSON)


class LocalState(Base):
    """Facts about this database file itself (home unit, installation id); never exported."""

    __tablename__ = "local_state"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(2000))
