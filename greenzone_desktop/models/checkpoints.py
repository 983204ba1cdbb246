"""Checkpoints, staff pool, shift patterns, shifts, assignments and the in/out log."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Time,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from greenzone_desktop.models.base import Base, String, SyncMixin, Text, enum_check, order_check
from greenzone_desktop.vocab import CheckpointKind


class Checkpoint(Base, SyncMixin):
    __tablename__ = "checkpoints"
    __table_args__ = (
        enum_check("kind", CheckpointKind.codes()),
        CheckConstraint("min_staff BETWEEN 1 AND 50", name="min_staff_range"),
        order_check("active_from", "active_to"),
    )

    name: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(6), default=CheckpointKind.HARD.value)
    opens_at: Mapped[time | None] = mapped_column(Time)  # None: 24/24
    closes_at: Mapped[time | None] = mapped_column(Time)
    min_staff: Mapped[int] = mapped_column(Integer, default=2)
    phone: Mapped[str | None] = mapped_column(String(15))
    active_from: Mapped[date | None] = mapped_column(Date)
    active_to: Mapped[date | None] = mapped_column(Date)
    pattern_id: Mapped[str | None] = mapped_column(ForeignKey("shift_patterns.id"))


class ShiftPattern(Base, SyncMixin):
    """Named list of daily slots, e.g. [["06:00", "14:00"], ["14:00", "22:00"], ...]."""

    __tablename__ = "shift_patterns"

    name: Mapped[str] = mapped_column(String(100))
    slots: Mapped[list] = mapped_column(JSON)


class Staff(Base, SyncMixin):
    """Someone who can stand at a checkpoint: a resident or an outsider (police, militia…)."""

    __tablename__ = "staff"
    __table_args__ = (
        CheckConstraint("doses >= 0", name="doses_positive"),
        CheckConstraint("max_hours_week > 0", name="max_hours_positive"),
    )

    person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    sort_key: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str | None] = mapped_column(String(15))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    doses: Mapped[int] = mapped_column(Integer, default=0)
    max_hours_week: Mapped[float] = mapped_column(Float, default=48.0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class Unavailability(Base, SyncMixin):
    __tablename__ = "unavailabilities"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ordered"),)

    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(String(200), default="")


class Shift(Base, SyncMixin):
    __tablename__ = "shifts"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ordered"),
        CheckConstraint("min_staff >= 1", name="min_staff_positive"),
        Index("ix_shifts_checkpoint_start", "checkpoint_id", "starts_at"),
    )

    checkpoint_id: Mapped[str] = mapped_column(ForeignKey("checkpoints.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    min_staff: Mapped[int] = mapped_column(Integer, default=2)


class Assignment(Base, SyncMixin):
    __tablename__ = "assignments"
    __table_args__ = (
        Index(
            "uq_assignments_shift_staff",
            "shift_id",
            "staff_id",
            unique=True,
            sqlite_where=text("deleted = 0"),
            postgresql_where=text("deleted = false"),
        ),
    )

    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.id"), index=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)


class GateEntry(Base, SyncMixin):
    """One line of a checkpoint's in/out log (sổ theo dõi người ra vào)."""

    __tablename__ = "gate_entries"
    __table_args__ = (order_check("time_in", "time_out"),)

    checkpoint_id: Mapped[str] = mapped_column(ForeignKey("checkpoints.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    cccd: Mapped[str | None] = mapped_column(String(12))
    phone: Mapped[str | None] = mapped_column(String(15))
    from_place: Mapped[str] = mapped_column(String(200), default="")
    to_place: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[str] = mapped_column(String(200), default="")
    time_in: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    time_out: Mapped[datetime | None] = mapped_column(DateTime)
    plate: Mapped[str] = mapped_column(String(20), default="")
    declared: Mapped[bool] = mapped_column(Boolean, default=False)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_reason: Mapped[str] = mapped_column(String(300), default="")
