"""Accent-insensitive search over people and households (name, CCCD, phone, address, code)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select

from greenzone_desktop.models import Household, Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.text import fold, format_birth


@dataclass(frozen=True)
class PersonHit:
    person_id: str
    full_name: str
    birth_date: date | None
    birth_year: int | None
    sex: str
    cccd: str | None
    phone: str | None
    relation: str
    residency: str
    household_id: str
    household_code: str
    address: str
    area: str

    @property
    def birth_text(self) -> str:
        return format_birth(self.birth_date, self.birth_year)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _household_keys_like(pattern: str):  # noqa: ANN202 - SQLAlchemy expression
    return Person.household_id.in_(
        select(Household.id).where(Household.deleted.is_(False),
                                   Household.search_key.like(pattern, escape="\\"))
    )


def person_match_clause(query: str):  # noqa: ANN201 - SQLAlchemy expression
    """Every word of `query` somewhere in the person's name, CCCD or phone, or in the
    household's code or address."""
    clauses = [
        or_(Person.search_key.like(_like(w), escape="\\"), _household_keys_like(_like(w)))
        for w in fold(query).split()
    ]
    return and_(*clauses) if clauses else None


def phrase_clause(query: str):  # noqa: ANN201 - SQLAlchemy expression
    """The whole folded query as one run of text in a person's or household's search key."""
    pattern = _like(fold(query))
    return or_(Person.search_key.like(pattern, escape="\\"), _household_keys_like(pattern))


def find_people(db: Database, query: str, *, limit: int = 200) -> list[PersonHit]:
    """People matching `query` as a phrase ("nguyen van" → Nguyễn Văn …) in the official
    name order; if the phrase matches nobody, people matching every word anywhere."""
    if not fold(query):
        return []
    hits = _find(db, phrase_clause(query), limit)
    if not hits and len(fold(query).split()) > 1:
        hits = _find(db, person_match_clause(query), limit)
    return hits


def _find(db: Database, clause, limit: int) -> list[PersonHit]:  # noqa: ANN001
    stmt = (
        select(
            Person.id, Person.full_name, Person.birth_date, Person.birth_year, Person.sex,
            Person.cccd, Person.phone, Person.relation, Person.residency, Person.household_id,
            Household.code, Household.address, Household.area,
        )
        .join(Household, Person.household_id == Household.id)
        .where(Person.deleted.is_(False), clause)
        .order_by(Person.sort_key)
        .limit(limit)
    )
    with db.session() as s:
        return [PersonHit(*row) for row in s.execute(stmt)]
