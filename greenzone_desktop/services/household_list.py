"""The households of the unit as a lazy list: the ordered ids for a search and filters, and the
table rows of a block of ids.

Filtering and ordering are SQL. Each filter is `households.id IN (…)` over a small set (active
health periods, household commitments); a search reads the household's own key and its members'
(`members_key`, see models/search_keys.py) from one covering index walked in code order.
Live rows are tested with `deleted IS NOT 1`, a form no index answers, so the planner never
seeks on the live flag (almost every row is live) instead of the area, the ids or the order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, and_, cast, distinct, func, or_, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from greenzone_desktop.models import (
    Commitment,
    HealthStatus,
    Household,
    Person,
    Vaccination,
    search_index,
)
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.errors import NotFoundError
from greenzone_desktop.services.register import HouseholdView, MemberView
from greenzone_desktop.text import fold
from greenzone_desktop.vocab import CarePlace, CommitmentKind, HealthKind, HouseholdKind, Residency

HEALTH = {
    "any": "Có người đang F0/F1/cách ly",
    "F0": "Có F0 đang điều trị",
    "F1": "Có F1 đang cách ly",
    "home_quarantine": "Đang cách ly tại nhà",
}
RESIDENCY = {
    Residency.TEMPORARY.value: "Có người tạm trú",
    Residency.AWAY.value: "Có người tạm vắng",
}
KINDS = {k.value: k.label for k in HouseholdKind}
SORTS = ("code", "head", "area", "address", "members", "temporary", "signed", "health")


@dataclass(frozen=True)
class HouseholdQuery:
    """What the households page asks for ("" / False = no filter)."""

    text: str = ""
    area: str = ""  # tổ / khu vực, exact
    kind: str = ""  # HouseholdKind code (nhà trọ = boarding_house)
    residency: str = ""  # RESIDENCY key: has a member with this residency
    unsigned: bool = False  # no household commitment signed
    health: str = ""  # HEALTH key
    today: date | None = None  # health as of this day (default: today)


@dataclass(frozen=True)
class HouseholdRow:
    """One line of the households table."""

    id: str
    code: str
    kind: str
    head_name: str
    address: str
    area: str
    phone: str | None
    members: int
    temporary: int
    signed_on: date | None
    f0: int
    f1: int
    home_quarantine: int
    deleted: bool = False

    @property
    def is_boarding_house(self) -> bool:
        return self.kind == HouseholdKind.BOARDING_HOUSE.value

    @property
    def health_text(self) -> str:
        parts = []
        if self.f0:
            parts.append("F0" if self.f0 == 1 else f"F0 ×{self.f0}")
        if self.f1:
            parts.append("F1" if self.f1 == 1 else f"F1 ×{self.f1}")
        if self.home_quarantine:
            parts.append("Cách ly tại nhà")
        return ", ".join(parts)

# Core columns, not ORM attributes: the ids of 20 000 households come back as plain rows
# (an ORM-enabled select costs about three times as much per row).
_H_TABLE, _P_TABLE = Household.__table__, Person.__table__
_HS_TABLE, _C_TABLE = HealthStatus.__table__, Commitment.__table__
H, P, HS, C = _H_TABLE.c, _P_TABLE.c, _HS_TABLE.c, _C_TABLE.c


# -- building blocks ------------------------------------------------------------------------

def _live(deleted: ColumnElement) -> ColumnElement:
    """Live row, in a form no index answers (see the module docstring)."""
    return deleted.is_not(True)


def like_pattern(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _text_clause(words: list[str]) -> ColumnElement:
    """The words (as one phrase when `words` has one item) in a member's name, CCCD or phone,
    or in the household's code, address, area or phone."""
    clauses = []
    for w in words:
        pattern = like_pattern(w)
        clauses.append(or_(H.search_key.like(pattern, escape="\\"),
                           H.members_key.like(pattern, escape="\\")))
    return and_(*clauses)


def _active(today: date) -> ColumnElement:
    return and_(_live(HS.deleted), HS.start_date <= today,
                or_(HS.end_date.is_(None), HS.end_date >= today))


def _health_households(kind: str, today: date):  # noqa: ANN202 - a select of household ids
    q = (select(P.household_id)
         .join(_HS_TABLE, HS.person_id == P.id)
         .where(_active(today), _live(P.deleted)))
    if kind == "F0":
        q = q.where(HS.kind == HealthKind.F0.value)
    elif kind == "F1":
        q = q.where(HS.kind == HealthKind.F1.value)
    elif kind == "home_quarantine":
        q = q.where(HS.kind.in_([HealthKind.QUARANTINE.value, HealthKind.F1.value,
                                 HealthKind.F0.value]),
                    HS.place == CarePlace.HOME.value)
    return q


def _signed_households():  # noqa: ANN202 - a select of household ids
    return select(C.household_id).where(
        _live(C.deleted), C.kind == CommitmentKind.HOUSEHOLD.value,
        C.household_id.is_not(None))


def _filters(q: HouseholdQuery) -> list[ColumnElement]:
    today = q.today or date.today()
    out: list[ColumnElement] = []
    if q.area:
        out.append(H.area == q.area)
    if q.kind:
        if q.kind not in KINDS:
            raise ValueError(f"loại hộ không hợp lệ: {q.kind!r}")
        out.append(H.kind == q.kind)
    if q.residency:
        if q.residency not in RESIDENCY:
            raise ValueError(f"lọc cư trú không hợp lệ: {q.residency!r}")
        out.append(H.id.in_(select(P.household_id).where(
            _live(P.deleted), P.residency == q.residency)))
    if q.unsigned:
        out.append(H.id.not_in(_signed_households()))
    if q.health:
        if q.health not in HEALTH:
            raise ValueError(f"lọc sức khỏe không hợp lệ: {q.health!r}")
        out.append(H.id.in_(_health_households(q.health, today)))
    return out


_DIGITS = "0123456789"


def _order(sort: str | None, descending: bool, today: date) -> list[ColumnElement]:
    sort = sort or "code"
    if sort not in SORTS:
        raise ValueError(f"cột sắp xếp không hợp lệ: {sort!r}")
    members = (select(func.count()).where(P.household_id == H.id,
                                          _live(P.deleted)).scalar_subquery())
    temporary = (select(func.count()).where(
        P.household_id == H.id, _live(P.deleted),
        P.residency == Residency.TEMPORARY.value).scalar_subquery())
    # "Tổ 2" before "Tổ 10": the text before the trailing number, then the number
    area_text = func.rtrim(H.area, _DIGITS)
    area_no = cast(func.substr(H.area, func.length(area_text) + 1), Integer)
    columns: dict[str, list[ColumnElement]] = {
        "code": [H.code],
        "head": [H.head_sort],
        "area": [area_text, area_no],
        "address": [H.address],
        "members": [members],
        "temporary": [temporary],
        "signed": [H.id.in_(_signed_households())],
        "health": [H.id.in_(_health_households("any", today))],
    }
    keys = columns[sort]
    # Code then id end every order; said once, so the code order is the search index's order.
    tail = [H.id] if sort == "code" else [H.code, H.id]
    return [c.desc() if descending else c for c in keys + tail]


def _ids_in_order(s: Session, stmt: Select) -> list[str]:
    """The ids the statement selects, in its order.

    On SQLite they come back as one comma-joined text (ids are UUIDs): the driver builds one
    Python row instead of 20 000, which was half the time of a one-letter search. The ids are
    joined in the order the subquery yields them (`test_household_list` holds SQLite to that
    for every sort). The statement goes through SQLAlchemy's compiled cache."""
    if s.get_bind().dialect.name != "sqlite":
        return list(s.scalars(stmt))
    sub = stmt.subquery()
    joined = s.execute(select(func.group_concat(sub.c.id, ","))).scalar()
    return joined.split(",") if joined else []


# -- the list -------------------------------------------------------------------------------

def household_ids(db: Database, query: HouseholdQuery | None = None, sort: str | None = "code",
                  descending: bool = False, limit: int | None = None) -> list[str]:
    """Ids of the live households matching `query`, in SQL order (default: by code); only the
    first `limit` when given (a screenful: the scan stops there).

    A search is a phrase ("tran thi" → a member named Trần Thị …) in a member's name, CCCD or
    phone, or in the household's code, address, area or phone; if the phrase matches no
    household, every word somewhere in the household."""
    q = query or HouseholdQuery()
    filters = _filters(q)
    order = _order(sort, descending, q.today or date.today())
    words = fold(q.text).split()

    def run(terms: list[str] | None) -> list[str]:
        stmt = select(H.id).where(_live(H.deleted), *filters)
        with db.session() as s:
            if terms is not None:
                stmt = stmt.where(_search(s, terms, screenful=limit is not None))
            stmt = stmt.order_by(*order)
            if limit is not None:
                stmt = stmt.limit(limit)
            return _ids_in_order(s, stmt)

    if not words:
        return run(None)
    found = run([" ".join(words)])
    if not found and len(words) > 1:
        found = run(words)
    return found


# A screenful of a search that matches more households than this reads the keys in code order
# (it stops after the screenful); fewer are looked up in the trigram index and then ordered.
INDEX_MATCHES_MAX = 600
_INDEXED = text(f"households.rowid IN (SELECT rowid FROM {search_index.TABLE} "
                f"WHERE {search_index.TABLE} MATCH :match)")
_INDEX_COUNT = (f"SELECT count(*) FROM (SELECT 1 FROM {search_index.TABLE} "
                f"WHERE {search_index.TABLE} MATCH ? LIMIT {INDEX_MATCHES_MAX})")


def _search(s: Session, terms: list[str], screenful: bool) -> ColumnElement:
    """The clause for a phrase (one term) or for every word (several): from the trigram index
    (models/search_index.py) when it can answer, else reading the keys (`_text_clause`)."""
    match = (search_index.index_phrase(terms[0]) if len(terms) == 1
             else search_index.index_words(terms))
    if match is not None and s.get_bind().dialect.name == "sqlite":
        conn = s.connection()
        if search_index.sync_search_index(conn) and (  # the index, with what was just written
                not screenful
                or conn.exec_driver_sql(_INDEX_COUNT, (match,)).scalar() < INDEX_MATCHES_MAX):
            return _INDEXED.bindparams(match=match)
    return _text_clause(terms)


# One statement for a block of rows (members, temporary residents and the latest household
# commitment as subqueries by household), one for the health flags of the few who have any:
# plain SQL, so a block of 64 rows costs two statements instead of four built and compiled.
_ROWS_SQL = (
    "SELECT h.id, h.code, h.kind, h.head_name, h.address, h.area, h.phone, h.deleted, "
    "(SELECT count(*) FROM persons AS p WHERE p.household_id = h.id AND p.deleted IS NOT 1), "
    "(SELECT count(*) FROM persons AS p WHERE p.household_id = h.id AND p.deleted IS NOT 1 "
    f"AND p.residency = '{Residency.TEMPORARY.value}'), "
    "(SELECT max(c.signed_on) FROM commitments AS c WHERE c.household_id = h.id "
    f"AND c.deleted IS NOT 1 AND c.kind = '{CommitmentKind.HOUSEHOLD.value}') "
    "FROM households AS h WHERE h.id IN ({marks})"
)
_HEALTH_SQL = (
    "SELECT p.household_id, s.kind, s.place, count(DISTINCT s.person_id) "
    "FROM health_statuses AS s JOIN persons AS p ON p.id = s.person_id "
    "WHERE s.deleted IS NOT 1 AND s.start_date <= ? AND (s.end_date IS NULL OR s.end_date >= ?) "
    "AND p.deleted IS NOT 1 AND p.household_id IN ({marks}) "
    "GROUP BY p.household_id, s.kind, s.place"
)


def household_rows(db: Database, ids: Sequence[str], today: date | None = None,
                   ) -> list[HouseholdRow]:
    """The table rows of these households (deleted ones too, flagged), in no set order."""
    if not ids:
        return []
    day = (today or date.today()).isoformat()
    ids = list(ids)
    marks = ",".join("?" * len(ids))
    with db.session() as s:
        conn = s.connection()
        base = conn.exec_driver_sql(_ROWS_SQL.format(marks=marks), tuple(ids)).all()
        health: dict[str, dict[str, int]] = {}
        for hid, kind, place, n in conn.exec_driver_sql(
                _HEALTH_SQL.format(marks=marks), (day, day, *ids)):
            flags = health.setdefault(hid, {"F0": 0, "F1": 0, "home": 0})
            if kind in ("F0", "F1"):
                flags[kind] += n
            if place == CarePlace.HOME.value:
                flags["home"] += n
    none = {"F0": 0, "F1": 0, "home": 0}
    out = []
    for hid, code, kind, head, address, area, phone, deleted, n, t, signed in base:
        flags = health.get(hid, none)
        out.append(HouseholdRow(hid, code, kind, head, address, area, phone, n, t,
                                date.fromisoformat(signed) if signed else None,
                                flags["F0"], flags["F1"], flags["home"], bool(deleted)))
    return out


_NUMBER = re.compile(r"(\d+)")


def area_sort_key(area: str) -> tuple:
    """Natural order for area names: "Tổ 2" before "Tổ 10"."""
    return tuple(int(p) if p.isdigit() else fold(p) for p in _NUMBER.split(area))


def areas(db: Database) -> list[str]:
    """The areas (tổ) of the live households, in natural order, for a filter list."""
    with db.session() as s:
        found = [a for a in s.scalars(select(distinct(H.area)).where(
            _live(H.deleted))) if a]
    return sorted(found, key=area_sort_key)


def household_view(db: Database, household_id: str) -> HouseholdView:
    """The household and its live members (head first) with their doses, for the editor.

    Same result as `register.get_household`, with live rows tested as `deleted IS NOT 1` so
    that SQLite looks members and doses up by household and person (without statistics it
    otherwise walks the "deleted" index over every person and every dose)."""
    with db.session() as s:
        h = s.get(Household, household_id)
        if h is None:
            raise NotFoundError("Không tìm thấy hộ gia đình này (có thể đã bị xóa).")
        persons = list(s.scalars(select(Person).where(
            Person.household_id == h.id, _live(Person.deleted))))
        doses: dict[str, list[tuple[int, date | None, str]]] = {}
        if persons:
            for pid, no, on, vaccine in s.execute(
                select(Vaccination.person_id, Vaccination.dose_no, Vaccination.given_on,
                       Vaccination.vaccine)
                .where(Vaccination.person_id.in_([p.id for p in persons]),
                       _live(Vaccination.deleted))
                .order_by(Vaccination.dose_no)
            ):
                doses.setdefault(pid, []).append((no, on, vaccine))
        persons.sort(key=lambda p: (p.id != h.head_id, p.birth_year or 9999, p.sort_key))
        members = tuple(MemberView(
            p.id, p.full_name, p.sex, p.birth_date, p.birth_year, p.relation, p.cccd, p.phone,
            p.residency, p.residency_until, p.ethnicity, p.religion, p.occupation, p.workplace,
            p.insurance_no, p.cccd_issued_on, p.cccd_issued_by, p.notes,
            tuple(doses.get(p.id, ()))) for p in persons)
        return HouseholdView(h.id, h.code, h.kind, h.head_id, h.head_name, h.address, h.area,
                             h.phone, h.notes, h.unit_id, members)
