"""Health-status periods, vaccinations, testing rounds and results, zones."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, text
from sqlalchemy.orm import Mapped, mapped_column

from greenzone_desktop.models.base import Base, String, SyncMixin, Text, enum_check, order_check
from greenzone_desktop.vocab import (
    CarePlace,
    HealthKind,
    TestMethod,
    TestOutcome,
    TestTarget,
    ZoneKind,
)


class HealthStatus(Base, SyncMixin):
    """A period of F0 / F1 / F2 / quarantine for one person."""

    __tablename__ = "health_statuses"
    __table_args__ = (
        enum_check("kind", HealthKind.codes()),
        enum_check("place", [*CarePlace.codes(), ""]),
        order_check("start_date", "end_date"),
        order_check("start_date", "planned_end"),
    )

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    planned_end: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(12), default="")
    source_person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), index=True)
    zone_id: Mapped[str | None] = mapped_column(ForeignKey("zones.id"))
    notes: Mapped[str] = mapped_column(Text, default="")


class Vaccination(Base, SyncMixin):
    __tablename__ = "vaccinations"
    __table_args__ = (
        CheckConstraint("dose_no BETWEEN 1 AND 6", name="dose_no_range"),
        Index(
            "uq_vaccinations_person_dose",
            "person_id",
            "dose_no",
            unique=True,
            sqlite_where=text("deleted = 0"),
            postgresql_where=text("deleted = false"),
        ),
    )

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    dose_no: Mapped[int] = mapped_column(Integer)
    given_on: Mapped[date | None] = mapped_column(Date)
    vaccine: Mapped[str] = mapped_column(String(100), default="")
    place: Mapped[str] = mapped_column(String(200), default="")


class Zone(Base, SyncMixin):
    """Khu phong tỏa / cách ly y tế."""

    __tablename__ = "zones"
    __table_args__ = (
        enum_check("kind", ZoneKind.codes()),
        order_check("started_on", "lifted_on"),
        order_check("started_on", "last_f0_on"),
    )

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(12), default=ZoneKind.LOCKDOWN.value)
    started_on: Mapped[date] = mapped_column(Date)
    last_f0_on: Mapped[date | None] = mapped_column(Date)
    lifted_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class ZoneHousehold(Base, SyncMixin):
    __tablename__ = "zone_households"

    zone_id: Mapped[str] = mapped_column(ForeignKey("zones.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)


class TestingRound(Base, SyncMixin):
    __tablename__ = "testing_rounds"
    __test__ = False  # not a pytest class
    __table_args__ = (
        enum_check("method", TestMethod.codes()),
        enum_check("target", TestTarget.codes()),
        CheckConstraint("pool_size IS NULL OR pool_size BETWEEN 1 AND 20", name="pool_size"),
    )

    name: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(12))
    pool_size: Mapped[int | None] = mapped_column(Integer)
    target: Mapped[str] = mapped_column(String(12), default=TestTarget.EVERYONE.value)
    area: Mapped[str] = mapped_column(String(100), default="")
    zone_id: Mapped[str | None] = mapped_column(ForeignKey("zones.id"))
    closed: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class TestResult(Base, SyncMixin):
    __tablename__ = "test_results"
    __test__ = False
    __table_args__ = (
        enum_check("outcome", TestOutcome.codes()),
        Index(
            "uq_test_results_round_person",
            "round_id",
            "person_id",
            unique=True,
            sqlite_where=text("deleted = 0"),
            postgresql_where=text("deleted = false"),
        ),
    )

    round_id: Mapped[str] = mapped_column(ForeignKey("testing_rounds.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    tested_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(10), default=TestOutcome.PENDING.value)
    pool_code: Mapped[str] = mapped_column(String(40), default="")
