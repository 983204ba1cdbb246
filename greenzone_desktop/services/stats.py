"""The counts a ward asks for: households, people by residency, health status, commitments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, or_, select

from greenzone_desktop.models import Commitment, HealthStatus, Household, Organization, Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.units import home_unit


def active_health_clause(today: date):  # noqa: ANN201 - SQLAlchemy expression
    """Health periods running on `today`."""
    return and_(
        HealthStatus.deleted.is_(False),
        HealthStatus.start_date <= today,
        or_(HealthStatus.end_date.is_(None), HealthStatus.end_date >= today),
    )


def register_stats(db: Database, today: date | None = None) -> dict:
    """Households, people, residency, commitments and health counts (plain dict, JSON-ready)."""
    today = today or date.today()
    unit = home_unit(db)
    with db.session() as s:
        households = s.scalar(select(func.count()).select_from(Household)
                              .where(Household.deleted.is_(False))) or 0
        boarding = s.scalar(select(func.count()).select_from(Household).where(
            Household.deleted.is_(False), Household.kind == "boarding_house")) or 0
        persons = s.scalar(select(func.count()).select_from(Person)
                           .where(Person.deleted.is_(False))) or 0
        residency = dict(s.execute(select(Person.residency, func.count())
                                   .where(Person.deleted.is_(False)).group_by(Person.residency)).all())
        sex = dict(s.execute(select(Person.sex, func.count())
                             .where(Person.deleted.is_(False)).group_by(Person.sex)).all())
        signed = s.scalar(select(func.count(func.distinct(Commitment.household_id))).where(
            Commitment.deleted.is_(False), Commitment.kind == "household",
            Commitment.household_id.in_(select(Household.id).where(Household.deleted.is_(False))),
        )) or 0
        orgs = s.scalar(select(func.count()).select_from(Organization)
                        .where(Organization.deleted.is_(False))) or 0
        orgs_signed = s.scalar(select(func.count(func.distinct(Commitment.organization_id))).where(
            Commitment.deleted.is_(False), Commitment.organization_id.is_not(None))) or 0
        active = s.execute(
            select(HealthStatus.kind, HealthStatus.place, func.count(func.distinct(HealthStatus.person_id)))
            .join(Person, Person.id == HealthStatus.person_id)
            .where(active_health_clause(today), Person.deleted.is_(False))
            .group_by(HealthStatus.kind, HealthStatus.place)
        ).all()
    health = {"F0": 0, "F1": 0, "F2": 0, "quarantine_home": 0, "quarantine_centralised": 0}
    for kind, place, n in active:
        if kind == "quarantine":
            key = "quarantine_home" if place == "home" else "quarantine_centralised"
            health[key] += n
        else:
            health[kind] += n
    return {
        "unit": unit.display_name,
        "date": today.isoformat(),
        "households": households,
        "boarding_houses": boarding,
        "persons": persons,
        "by_residency": {
            "thuong_tru": residency.get("thuong_tru", 0),
            "tam_tru": residency.get("tam_tru", 0),
            "tam_vang": residency.get("tam_vang", 0),
        },
        "by_sex": {"nam": sex.get("nam", 0), "nu": sex.get("nu", 0)},
        "health": health,
        "commitments": {
            "households_signed": signed,
            "households_unsigned": households - signed,
            "households_percent": round(100 * signed / households, 1) if households else 0.0,
            "organizations": orgs,
            "organizations_signed": orgs_signed,
        },
    }
