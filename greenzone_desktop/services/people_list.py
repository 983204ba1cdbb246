"""Everyone in the unit as a lazy list: the ordered keys for a search and filters, and the rows
of a block of keys.

Speed over 80 000 people comes from never reading the wide person rows to build the list.
On SQLite a person's list key is the table's rowid: the covering search index
`(deleted, sort_key, search_key, household_id)` holds it, so the whole list in the official name
order, or the people matching a search, comes from the index alone (fetching the text id
instead reads every row). Each filter is a `rowid IN (…)` over another small index (birth
year, the live-dose index of vaccinations, active health periods) or one sequential pass
(residency). Rowids of existing rows never change while the app runs (the app does not VACUUM);
the rows carry the person's id for everything else. On other databases the key is the id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Select, and_, false, func, literal_column, or_, select, text
from sqlalchemy.sql.elements import ColumnElement

from greenzone_desktop.models import HealthStatus, Household, Person, Vaccination
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.settings import get_setting
from greenzone_desktop.text import fold, format_birth
from greenzone_desktop.vocab import HealthKind, Relation, Residency, Sex

AGE_BANDS: dict[str, tuple[str, int, int | None]] = {
    "0-11": ("0–11 tuổi", 0, 11),
    "12-17": ("12–17 tuổi", 12, 17),
    "18+": ("Từ 18 tuổi", 18, None),
    "50+": ("Từ 50 tuổi", 50, None),
}
VACCINATION = {"none": "Chưa tiêm mũi nào", "any": "Đã tiêm ít nhất 1 mũi",
               "full": "Đã tiêm đủ liều"}
HEALTH = {"F0": "Đang là F0", "F1": "Đang là F1", "F2": "Đang là F2",
          "quarantine": "Đang cách ly", "any": "Bất kỳ (F0/F1/F2/cách ly)"}
SORTS = ("name", "birth", "sex", "cccd", "phone", "relation", "residency", "household", "area")
DIRECT_MIN_CHARS = 3  # a search this long is selective enough to check filters row by row
BLOCK_MAX = 900  # keys per row fetch (SQLite binds at most 32 766 values; keep plans simple)


@dataclass(frozen=True)
class PeopleQuery:
    """What the people page asks for: a search text and filters ("" = no filter)."""

    text: str = ""
    age_band: str = ""  # AGE_BANDS key
    residency: str = ""  # Residency code
    vaccination: str = ""  # VACCINATION key
    health: str = ""  # HEALTH key
    area: str = ""  # household area (tổ), exact
    today: date | None = None  # age and health are as of this day (default: today)


@dataclass(frozen=True)
class PersonRow:
    """One line of the people table. `id` is the list key (see the module docstring)."""

    id: int | str
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
    doses: int
    health: tuple[str, ...]  # active HealthKind codes

    @property
    def birth_text(self) -> str:
        return format_birth(self.birth_date, self.birth_year)

    @property
    def sex_label(self) -> str:
        return _label(Sex, self.sex)

    @property
    def relation_label(self) -> str:
        return _label(Relation, self.relation)

    @property
    def residency_label(self) -> str:
        return _label(Residency, self.residency)

    @property
    def doses_text(self) -> str:
        return f"{self.doses} mũi" if self.doses else "Chưa tiêm"

    @property
    def health_text(self) -> str:
        return ", ".join("Cách ly" if k == HealthKind.QUARANTINE else k for k in self.health)


def _label(vocab: type, code: str) -> str:
    try:
        return vocab(code).label
    except ValueError:
        return code or ""


# -- keys -------------------------------------------------------------------------------------

def _uses_rowid(db: Database) -> bool:
    return db.engine.dialect.name == "sqlite"


def _key(db: Database, qualified: bool = True) -> ColumnElement:
    if _uses_rowid(db):
        return literal_column("persons.rowid" if qualified else "rowid")
    return Person.id


def _keys_where(db: Database, *where: ColumnElement) -> ColumnElement:
    """`key IN (keys of persons where …)`: the inner query may use any index of persons."""
    inner = select(_key(db, qualified=False)).select_from(Person).where(*where)
    return _key(db).in_(inner)


def _live_doses(db: Database, at_least: int = 1):  # noqa: ANN202 - a select of person ids
    """Ids of the people with at least `at_least` live doses. On SQLite the partial unique index
    of live doses is named: without statistics the planner walks the "deleted" index instead
    and reads every dose row (4× slower over 130 000 doses)."""
    if _uses_rowid(db):
        return text(
            "SELECT person_id FROM vaccinations INDEXED BY uq_vaccinations_person_dose"
            " WHERE deleted = 0 GROUP BY person_id HAVING count(*) >= :at_least"
        ).bindparams(at_least=at_least).columns(Vaccination.person_id)
    return (select(Vaccination.person_id).where(Vaccination.deleted.is_(False))
            .group_by(Vaccination.person_id).having(func.count() >= at_least))


def _years_ago(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _age_clause(db: Database, band: str, today: date, direct: bool = False) -> ColumnElement:
    """Age in full years on `today` (people known by birth year only: by year)."""
    _, low, high = AGE_BANDS[band]
    # birth years surely inside the band come from the birth-year index alone
    surely = [Person.birth_year <= today.year - low - 1]
    edges = [today.year - low]
    precise = [or_(Person.birth_date.is_(None), Person.birth_date <= _years_ago(today, low))]
    if high is not None:
        surely.append(Person.birth_year >= today.year - high)
        edges.append(today.year - high - 1)
        precise.append(or_(
            and_(Person.birth_date.is_(None), Person.birth_year >= today.year - high),
            Person.birth_date > _years_ago(today, high + 1),
        ))
    if direct:
        return or_(and_(*surely), and_(Person.birth_year.in_(edges), *precise))
    # the two edge years need the birth date: only their rows are read
    return or_(_keys_where(db, *surely),
               _keys_where(db, Person.birth_year.in_(edges), *precise))


def _vaccination_clause(db: Database, kind: str, direct: bool = False) -> ColumnElement:
    at_least = int(get_setting(db, "full_doses") or 2) if kind == "full" else 1
    if direct:  # counted for each matching person through the person_id index
        doses = (select(func.count()).where(Vaccination.person_id == Person.id,
                                            _live(Vaccination.deleted))
                 .correlate(Person).scalar_subquery())
        return doses == 0 if kind == "none" else doses >= at_least
    doses = _live_doses(db, at_least)
    with_dose = _keys_where(db, Person.id.in_(doses))
    return ~with_dose if kind == "none" else with_dose


def _live(deleted: ColumnElement) -> ColumnElement:
    """A row is live: `deleted IS NOT 1`, a form no index answers. Without statistics SQLite
    takes `deleted = 0` for selective and walks the (useless) "deleted" index instead of the
    person_id one, reading every dose row for a block of 200 people."""
    return deleted.is_not(True)


def _active(today: date) -> ColumnElement:
    """Health periods running on `today` (stats.active_health_clause, index-friendly)."""
    return and_(_live(HealthStatus.deleted), HealthStatus.start_date <= today,
                or_(HealthStatus.end_date.is_(None), HealthStatus.end_date >= today))


def _health_clause(db: Database, kind: str, today: date) -> ColumnElement:
    periods = select(HealthStatus.person_id).where(_active(today))
    if kind != "any":
        periods = periods.where(HealthStatus.kind == kind)
    return _keys_where(db, Person.id.in_(periods))


def _filters(db: Database, q: PeopleQuery) -> list[ColumnElement]:
    """The filters as WHERE terms. Without a search each is a set built once from a small index
    (`key IN (…)`); with a search, the few people it matches are checked one by one instead
    (building a set of 50 000 adults to keep 30 of them costs more than the search). One or
    two letters match most people: sets again."""
    today = q.today or date.today()
    direct = len(" ".join(fold(q.text).split())) >= DIRECT_MIN_CHARS
    out: list[ColumnElement] = []
    if q.age_band:
        if q.age_band not in AGE_BANDS:
            raise ValueError(f"nhóm tuổi không hợp lệ: {q.age_band!r}")
        out.append(_age_clause(db, q.age_band, today, direct))
    if q.residency:
        out.append(Person.residency == q.residency if direct
                   else _keys_where(db, Person.residency == q.residency))
    if q.vaccination:
        if q.vaccination not in VACCINATION:
            raise ValueError(f"lọc tiêm chủng không hợp lệ: {q.vaccination!r}")
        out.append(_vaccination_clause(db, q.vaccination, direct))
    if q.health:
        if q.health not in HEALTH:
            raise ValueError(f"lọc sức khỏe không hợp lệ: {q.health!r}")
        out.append(_health_clause(db, q.health, today))
    if q.area:
        out.append(Person.household_id.in_(select(Household.id).where(
            Household.deleted == false(), Household.area == q.area)))
    return out


def _order(db: Database, sort: str | None, descending: bool) -> list[ColumnElement]:
    sort = sort or "name"
    if sort not in SORTS:
        raise ValueError(f"cột sắp xếp không hợp lệ: {sort!r}")
    columns: dict[str, list[ColumnElement]] = {
        "name": [Person.sort_key],
        "birth": [Person.birth_year, Person.birth_date],
        "sex": [Person.sex],
        "cccd": [Person.cccd],
        "phone": [Person.phone],
        "relation": [Person.relation],
        "residency": [Person.residency],
        "household": [Household.code],
        "area": [Household.area, Household.code],
    }
    keys = [c.desc() if descending else c for c in columns[sort]]
    if sort == "name":
        # the rest of the covering index's order, so SQLite sorts nothing
        tail = [Person.search_key, Person.household_id, _key(db)]
        return keys + [c.desc() if descending else c for c in tail]
    return [*keys, Person.sort_key, _key(db)]


def first_column(conn: Connection, stmt: Select) -> list:
    """The first column of every row of `stmt`. On SQLite straight from the driver's cursor:
    SQLAlchemy's row handling costs 3× the query itself for 80 000 keys (500 ms against 190 ms
    measured). The values bound here (folded search text, codes, years, dates) need none of
    SQLAlchemy's bind processing: sqlite3 adapts them the same way."""
    if conn.dialect.name != "sqlite":
        return list(conn.execute(stmt).scalars())
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    args = [params[name] for name in compiled.positiontup or ()]
    cursor = conn.connection.driver_connection.cursor()
    try:
        return [row[0] for row in cursor.execute(str(compiled), args)]
    finally:
        cursor.close()


def people_keys(db: Database, query: PeopleQuery | None = None, sort: str | None = "name",
                descending: bool = False) -> list[int | str]:
    """The list keys of the live people matching `query`, in SQL order (default: the official
    name order). A search is a phrase ("tran thi" → Trần Thị …) in a person's name, CCCD or
    phone or the household's code or address; if no one matches the phrase, every word."""
    q = query or PeopleQuery()
    filters = _filters(db, q)
    order = _order(db, sort, descending)
    joined = sort in ("household", "area")

    def run(clause: ColumnElement | None) -> list[int | str]:
        stmt = select(_key(db)).select_from(Person)
        if joined:
            stmt = stmt.join(Household, Household.id == Person.household_id)
        # "= 0", not "IS 0": SQLite matches index terms and partial-index WHERE clauses by form
        stmt = stmt.where(Person.deleted == false(), *filters)
        if clause is not None:
            stmt = stmt.where(clause)
        with db.session() as s:
            return first_column(s.connection(), stmt.order_by(*order))

    words = fold(q.text).split()
    if not words:
        return run(None)
    keys = run(_text_clause(db, [" ".join(words)]))
    if not keys and len(words) > 1:
        keys = run(_text_clause(db, words))
    return keys


def _text_clause(db: Database, parts: list[str]) -> ColumnElement:
    """Each part in the person's search key (name, CCCD, phone) or the household's (code,
    address, area): search.phrase_clause / person_match_clause, with the households read in
    one pass instead of through their "deleted" index (35 % faster when every household
    matches, as after the first letter typed). A part no household matches (most names:
    "tran thi") leaves the household test out, and the search is the covering index alone."""
    clauses = []
    with db.session() as s:
        for part in parts:
            like = like_pattern(part)
            households = select(Household.id).where(
                _live(Household.deleted), Household.search_key.like(like, escape="\\"))
            person = Person.search_key.like(like, escape="\\")
            if s.execute(households.limit(1)).first() is None:
                clauses.append(person)
            else:
                clauses.append(or_(person, Person.household_id.in_(households)))
    return and_(*clauses)


def like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def people_rows(db: Database, keys: Sequence[int | str], today: date | None = None
                ) -> list[PersonRow]:
    """The rows of `keys` (in the same order; keys no longer found are left out)."""
    if not keys:
        return []
    today = today or date.today()
    found: dict[int | str, PersonRow] = {}
    for start in range(0, len(keys), BLOCK_MAX):
        found.update(_rows_block(db, list(keys[start:start + BLOCK_MAX]), today))
    return [found[k] for k in keys if k in found]


def _rows_block(db: Database, keys: list[int | str], today: date) -> dict[int | str, PersonRow]:
    key = _key(db)
    stmt = (select(key, Person.id, Person.full_name, Person.birth_date, Person.birth_year,
                   Person.sex, Person.cccd, Person.phone, Person.relation, Person.residency,
                   Person.household_id, Household.code, Household.address, Household.area)
            .join(Household, Household.id == Person.household_id)
            .where(key.in_(keys)))
    with db.session() as s:
        conn = s.connection()
        rows = conn.execute(stmt).all()
        ids = [r[1] for r in rows]
        doses = dict(conn.execute(
            select(Vaccination.person_id, func.count(func.distinct(Vaccination.dose_no)))
            .where(Vaccination.person_id.in_(ids), _live(Vaccination.deleted))
            .group_by(Vaccination.person_id)).all()) if ids else {}
        health: dict[str, set[str]] = {}
        if ids:
            for pid, kind in conn.execute(select(HealthStatus.person_id, HealthStatus.kind).where(
                    HealthStatus.person_id.in_(ids), _active(today))):
                health.setdefault(pid, set()).add(kind)
    order = {k.value: i for i, k in enumerate(HealthKind)}
    return {r[0]: PersonRow(*r, doses=doses.get(r[1], 0),
                            health=tuple(sorted(health.get(r[1], ()), key=order.get)))
            for r in rows}


def person_count(db: Database) -> int:
    """Live people in the database (for "n of N" captions)."""
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Person)
                        .where(Person.deleted == false())) or 0


def areas(db: Database) -> list[str]:
    """The household areas (tổ) in use, in natural order ("Tổ 2" before "Tổ 10")."""
    with db.session() as s:
        names = list(s.scalars(select(Household.area).where(
            Household.deleted == false(), Household.area != "").distinct()))
    return sorted(names, key=_natural)


def _natural(name: str) -> tuple:
    parts = fold(name).replace("-", " ").split()
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)

