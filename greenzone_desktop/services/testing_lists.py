"""The lists the testing screen shows: who a round still misses ("chưa xét nghiệm"), who was
tested with what result, and the households still to visit. In the official name order."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from greenzone_desktop.models import Household, Person, TestResult
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.search import person_match_clause
from greenzone_desktop.services.testing import scope_select, tested_ids_select
from greenzone_desktop.text import format_birth

LIST_LIMIT = 20000
# Sorting on the expression, not the column, keeps SQLite from walking the whole sort-key index
# and fetching every row in index order: a ward-wide list sorts 3-4x faster in a temporary
# B-tree, and a small round is found through its area or zone first anyway.
NAME_ORDER = Person.sort_key.concat("")


@dataclass(frozen=True)
class RoundPerson:
    person_id: str
    full_name: str
    birth_text: str
    household_id: str
    household_code: str
    address: str
    area: str
    outcome: str  # "" while not tested
    pool_code: str

    @property
    def id(self) -> str:
        return self.person_id


@dataclass(frozen=True)
class HouseholdLeft:
    household_id: str
    code: str
    head_name: str
    area: str
    left: int  # members still untested


_COLUMNS = (Person.id, Person.full_name, Person.birth_date, Person.birth_year, Person.household_id,
            Household.code, Household.address, Household.area)


def _filtered(stmt, query: str):  # noqa: ANN001, ANN202
    clause = person_match_clause(query) if query else None
    return stmt.where(clause) if clause is not None else stmt


def untested(db: Database, round_id: str, *, query: str = "", limit: int = LIST_LIMIT,
             ) -> list[RoundPerson]:
    """People the round covers who have not been ticked yet."""
    with db.session() as s:
        stmt = _filtered(scope_select(s, round_id, *_COLUMNS).where(
            Person.id.not_in(tested_ids_select(round_id))), query)
        rows = s.execute(stmt.order_by(NAME_ORDER).limit(limit)).all()
    return [RoundPerson(pid, name, format_birth(bd, by), hid, code, addr, area, "", "")
            for pid, name, bd, by, hid, code, addr, area in rows]


def untested_count(db: Database, round_id: str) -> int:
    with db.session() as s:
        return s.scalar(scope_select(s, round_id, func.count()).where(
            Person.id.not_in(tested_ids_select(round_id)))) or 0


def tested(db: Database, round_id: str, *, query: str = "", limit: int = LIST_LIMIT,
           ) -> list[RoundPerson]:
    """People ticked in the round, with their result."""
    stmt = (select(*_COLUMNS, TestResult.outcome, TestResult.pool_code)
            .select_from(TestResult)
            .join(Person, Person.id == TestResult.person_id)
            .join(Household, Household.id == Person.household_id)
            .where(TestResult.round_id == round_id, TestResult.deleted.is_(False)))
    with db.session() as s:
        rows = s.execute(_filtered(stmt, query).order_by(Person.sort_key).limit(limit)).all()
    return [RoundPerson(pid, name, format_birth(bd, by), hid, code, addr, area, outcome, pool)
            for pid, name, bd, by, hid, code, addr, area, outcome, pool in rows]


def households_left(db: Database, round_id: str, *, limit: int = LIST_LIMIT) -> list[HouseholdLeft]:
    """Households with members still untested, by area and code (the order of a walk)."""
    with db.session() as s:
        stmt = (scope_select(s, round_id, Household.id, Household.code, Household.head_name,
                             Household.area, func.count())
                .where(Person.id.not_in(tested_ids_select(round_id)))
                .group_by(Household.id, Household.code, Household.head_name, Household.area)
                .order_by(Household.area, Household.code).limit(limit))
        return [HouseholdLeft(*row) for row in s.execute(stmt)]


def untested_ids(db: Database, round_id: str, query: str = "") -> list[str]:
    """Ids of the untested, in name order (the lazy table fetches their rows by block)."""
    with db.session() as s:
        stmt = _filtered(scope_select(s, round_id, Person.id).where(
            Person.id.not_in(tested_ids_select(round_id))), query)
        return list(s.scalars(stmt.order_by(NAME_ORDER)))


def tested_ids(db: Database, round_id: str, query: str = "") -> list[str]:
    stmt = (select(Person.id).select_from(TestResult)
            .join(Person, Person.id == TestResult.person_id)
            .join(Household, Household.id == Person.household_id)
            .where(TestResult.round_id == round_id, TestResult.deleted.is_(False)))
    with db.session() as s:
        return list(s.scalars(_filtered(stmt, query).order_by(Person.sort_key)))


def round_rows(db: Database, round_id: str, ids: list[str]) -> list[RoundPerson]:
    """The rows of these people for the round (result "" when not tested)."""
    stmt = (select(*_COLUMNS, TestResult.outcome, TestResult.pool_code)
            .select_from(Person).join(Household, Household.id == Person.household_id)
            .outerjoin(TestResult, (TestResult.person_id == Person.id)
                       & (TestResult.round_id == round_id) & TestResult.deleted.is_(False))
            .where(Person.id.in_(ids)))
    with db.session() as s:
        rows = s.execute(stmt).all()
    return [RoundPerson(pid, name, format_birth(bd, by), hid, code, addr, area, outcome or "",
                        pool or "")
            for pid, name, bd, by, hid, code, addr, area, outcome, pool in rows]
