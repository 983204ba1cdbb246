"""Household inspections, sweeps, inspection-team records, findings and recommendations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from greenzone_desktop.models.base import Base, String, SyncMixin, Text, enum_check, order_check
from greenzone_desktop.vocab import InspectionKind, RecommendationStatus


class Sweep(Base, SyncMixin):
    """Đợt rà soát: a round in which every household is to be visited."""

    __tablename__ = "sweeps"
    __table_args__ = (order_check("started_on", "ended_on"),)

    name: Mapped[str] = mapped_column(String(200))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class Inspection(Base, SyncMixin):
    """A household inspection, or an inspection-team record (biên bản kiểm tra)."""

    __tablename__ = "inspections"
    __table_args__ = (
        enum_check("kind", InspectionKind.codes()),
        order_check("started_at", "ended_at"),
        CheckConstraint(
            "kind <> 'household' OR household_id IS NOT NULL", name="household_needed"
        ),
    )

    kind: Mapped[str] = mapped_column(String(10))
    inspected_on: Mapped[date] = mapped_column(Date, index=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    household_id: Mapped[str | None] = mapped_column(ForeignKey("households.id"), index=True)
    sweep_id: Mapped[str | None] = mapped_column(ForeignKey("sweeps.id"), index=True)
    previous_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"))
    place: Mapped[str] = mapped_column(String(300), default="")
    inspectors: Mapped[str] = mapped_column(Text, default="")
    members: Mapped[list] = mapped_column(JSON, default=list)  # [{name, title, role}]
    chair: Mapped[str] = mapped_column(String(200), default="")
    secretary: Mapped[str] = mapped_column(String(200), default="")
    scope: Mapped[str] = mapped_column(Text, default="")
    checklist: Mapped[dict] = mapped_column(JSON, default=dict)  # item code -> bool
    notes: Mapped[str] = mapped_column(Text, default="")


class Finding(Base, SyncMixin):
    """Tồn tại (a shortcoming) and the remedy proposed for it."""

    __tablename__ = "findings"

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    remedy: Mapped[str] = mapped_column(Text, default="")


class Recommendation(Base, SyncMixin):
    __tablename__ = "recommendations"
    __table_args__ = (enum_check("status", RecommendationStatus.codes()),)

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id"), index=True)
    household_id: Mapped[str | None] = mapped_column(ForeignKey("households.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default=RecommendationStatus.OPEN.value)
    checked_by_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"))
    closed_on: Mapped[date | None] = mapped_column(Date)
