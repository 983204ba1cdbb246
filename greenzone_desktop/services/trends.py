"""Figures over time for the dashboard's charts, from the dates the register keeps (health
periods, commitment signing dates, vaccination dates, inspection dates)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from greenzone_desktop.models import Commitment, HealthStatus, Inspection, Person, Vaccination
from greenzone_desktop.models.db import Database


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Trends:
    days: tuple[date, ...]
    health: tuple[Series, ...]  # F0 and F1 under treatment/quarantine each day
    coverage: tuple[Series, ...]  # cumulative: households signed, people with a first dose
    inspections: Series  # inspections held each day


def _cumulative(before: int, by_day: dict[date, int], days: list[date]) -> tuple[int, ...]:
    out, total = [], before
    for d in days:
        total += by_day.get(d, 0)
        out.append(total)
    return tuple(out)


def trends(db: Database, today: date | None = None, days: int = 30) -> Trends:
    """Daily figures over the `days` days ending `today`."""
    today = today or date.today()
    first = today - timedelta(days=days - 1)
    span = [first + timedelta(days=i) for i in range(days)]
    live = Person.deleted.is_(False)
    with db.session() as s:
        periods = s.execute(
            select(HealthStatus.kind, HealthStatus.start_date, HealthStatus.end_date)
            .join(Person, Person.id == HealthStatus.person_id)
            .where(live, HealthStatus.deleted.is_(False), HealthStatus.kind.in_(("F0", "F1")),
                   HealthStatus.start_date <= today,
                   (HealthStatus.end_date.is_(None)) | (HealthStatus.end_date >= first))).all()
        signed = select(Commitment.household_id, func.min(Commitment.signed_on).label("on")) \
            .where(Commitment.deleted.is_(False), Commitment.household_id.is_not(None)) \
            .group_by(Commitment.household_id).subquery()
        signed_before = s.scalar(select(func.count()).select_from(signed)
                                 .where(signed.c.on < first)) or 0
        signed_by_day = dict(s.execute(select(signed.c.on, func.count()).where(
            signed.c.on >= first, signed.c.on <= today).group_by(signed.c.on)).all())
        dose = (select(Vaccination.given_on, func.count())
                .join(Person, Person.id == Vaccination.person_id)
                .where(live, Vaccination.deleted.is_(False), Vaccination.dose_no == 1))
        dosed_before = s.scalar(select(func.count()).select_from(Vaccination)
                                .join(Person, Person.id == Vaccination.person_id)
                                .where(live, Vaccination.deleted.is_(False),
                                       Vaccination.dose_no == 1,
                                       Vaccination.given_on < first)) or 0
        dosed_by_day = dict(s.execute(dose.where(Vaccination.given_on >= first,
                                                 Vaccination.given_on <= today)
                                      .group_by(Vaccination.given_on)).all())
        inspected = dict(s.execute(select(Inspection.inspected_on, func.count())
                                   .where(Inspection.deleted.is_(False),
                                          Inspection.inspected_on >= first,
                                          Inspection.inspected_on <= today)
                                   .group_by(Inspection.inspected_on)).all())
    active = {"F0": [0] * days, "F1": [0] * days}
    for kind, start, end in periods:
        for i, d in enumerate(span):
            if start <= d and (end is None or end >= d):
                active[kind][i] += 1
    return Trends(
        days=tuple(span),
        health=(Series("F0 đang điều trị", tuple(active["F0"])),
                Series("F1 đang cách ly", tuple(active["F1"]))),
        coverage=(Series("Hộ đã ký cam kết", _cumulative(signed_before, signed_by_day, span)),
                  Series("Người đã tiêm ≥ 1 mũi", _cumulative(dosed_before, dosed_by_day, span))),
        inspections=Series("Lượt kiểm tra", tuple(inspected.get(d, 0) for d in span)),
    )
