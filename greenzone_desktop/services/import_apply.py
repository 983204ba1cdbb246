"""Write an import plan to the database in one transaction: all of it, or nothing.

New households, people and their vaccination doses go in as bulk inserts (an 80 000-row sheet
takes seconds), each stamped like any other row (unit, version, origin) with an "import" entry in
the audit log naming the file, sheet and row. People the user chose to update are changed through
the audited session, so their history shows each field before and after.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from greenzone_desktop.models import AuditEntry, Household, Person, Unit, Vaccination
from greenzone_desktop.models.base import utcnow
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.search_keys import refresh_members_key
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.importing import (
    CancelledFn,
    ImportPlan,
    ProgressFn,
    RowPlan,
    paused_gc,
    relation_of,
    remember_mapping,
)
from greenzone_desktop.services.units import home_unit
from greenzone_desktop.text import fold, name_sort_key
from greenzone_desktop.vocab import AuditAction, HouseholdKind, Relation, Residency

__all__ = ["ImportResult", "apply_import"]

_TEXTS = ("cccd_issued_by", "religion", "occupation", "workplace", "insurance_no", "notes")
_DOSES = ("dose1_date", "dose2_date", "dose3_date")
_CHUNK = 5000
_STEP = 500  # rows between progress reports and cancel checks
_REBUILD_MIN = 2000  # rows a table must receive before its indexes are rebuilt instead


@dataclass(frozen=True)
class ImportResult:
    households_created: int
    persons_created: int
    persons_updated: int
    skipped: int
    rejected: int
    seconds: float
    changes: Changes

    @property
    def summary(self) -> str:
        return (
            f"Đã nhập {self.persons_created} nhân khẩu mới ({self.households_created} hộ mới), "
            f"cập nhật {self.persons_updated} người, bỏ qua {self.skipped} dòng trùng, "
            f"{self.rejected} dòng lỗi chưa nhập."
        )


def _new_ids() -> Iterator[str]:
    """Version 4 UUIDs that ascend within one import: 64 random bits shared by the import, then a
    counter from a random start. Unique like uuid4(), but each table's new keys go in at one
    place of its index instead of all over the file, which makes a large import several times
    faster."""
    high = bytearray(os.urandom(8))
    high[6] = 0x40 | (high[6] & 0x0F)  # version 4
    top = high.hex()
    low = int.from_bytes(os.urandom(8), "big") & ((1 << 61) - 1)
    while True:
        low += 1
        h = f"{(0b10 << 62) | low:016x}"  # RFC 4122 variant
        yield f"{top[:8]}-{top[8:12]}-{top[12:16]}-{h[:4]}-{h[4:]}"


_AUDIT_JSON = json.dumps({"Nhập từ tệp": [None, "\x00"]}).split(json.dumps("\x00"))
_STAMP = ("id", "unit_id", "created_at", "updated_at", "version", "origin", "deleted")
_COLUMNS = {
    "households": (*_STAMP, "code", "kind", "head_id", "head_name", "head_sort", "address",
                   "area", "phone", "notes", "search_key"),
    "persons": (*_STAMP, "household_id", "full_name", "name_key", "sort_key", "birth_date",
                "birth_year", "sex", "relation", "cccd", "phone", "residency", "cccd_issued_on",
                "residency_until", "ethnicity", "search_key", *_TEXTS),
    "vaccinations": (*_STAMP, "person_id", "dose_no", "given_on", "vaccine", "place"),
    "audit_log": ("id", "at", "actor", "unit_id", "table_name", "row_id", "action", "changes"),
}  # fmt: skip
_SORT_KEY = _COLUMNS["persons"].index("sort_key")


class _Writer:
    """Builds the rows to insert for one plan, as tuples in `_COLUMNS` order."""

    def __init__(self, db: Database, s: Session, plan: ImportPlan) -> None:
        self.plan = plan
        self.unit_id = db.home_unit_id
        self.origin = db.installation_id
        self.actor = db.actor
        now = utcnow()
        # SQLite: values go in as the driver stores them (ISO text dates, 0/1, JSON text).
        self.sqlite = s.connection().dialect.name == "sqlite"
        self.now: object = _date_text(now) if self.sqlite else now
        self.false: object = 0 if self.sqlite else False
        self.mapped = set(plan.mapping.columns)
        self.texts = tuple(key in self.mapped for key in _TEXTS)
        self.rows: dict[str, list[tuple]] = {table: [] for table in _COLUMNS}
        self.heads: list[tuple[str, str, str, str]] = []  # head id, name, sort key; household
        self.ids = _new_ids()
        self.any_doses = False
        self.cache_size: int | None = None
        self.mmap_size: int | None = None
        self.rebuild: list[tuple[str, str]] = []  # (table, index) dropped, to create again
        self.names: dict[str, tuple[str, str]] = {}  # name -> (accent-free key, sort key)
        self.where = f"{plan.file}, trang «{plan.sheet}», dòng "
        unit = s.get(Unit, self.unit_id) if self.unit_id else None
        self.prefix = (unit.code if unit and unit.code else "") or "HG"
        codes = set(s.scalars(select(Household.code)))
        self.used = {c for c in codes if c}
        numbers = [int(c.rsplit("-", 1)[1]) for c in self.used
                   if c.startswith(f"{self.prefix}-") and c.rsplit("-", 1)[1].isdigit()]  # fmt: skip
        self.next_number = max(numbers, default=0) + 1

    def audit(self, table: str, row_id: str, sheet_row: int) -> None:
        """The "import" entry of a created row, naming the file, sheet and row."""
        where = f"{self.where}{sheet_row}"
        changes: object = (json.dumps(where).join(_AUDIT_JSON) if self.sqlite
                           else {"Nhập từ tệp": [None, where]})  # fmt: skip
        self.rows["audit_log"].append((next(self.ids), self.now, self.actor, self.unit_id, table,
                                       row_id, AuditAction.IMPORT.value, changes))  # fmt: skip

    def day(self, value: object) -> object:
        """A date as this database takes it."""
        return _date_text(value) if self.sqlite and isinstance(value, date) else value

    def new_code(self, key: str) -> str:
        if key and not key.startswith("dòng ") and not key.isdigit() and key not in self.used:
            self.used.add(key)
            return key
        while (code := f"{self.prefix}-{self.next_number:04d}") in self.used:
            self.next_number += 1
        self.used.add(code)
        return code

    def person(self, values: dict, household_id: str, sheet_row: int) -> tuple:
        name = str(values["full_name"])
        keys = self.names.get(name)
        if keys is None:
            keys = self.names[name] = (fold(name), name_sort_key(name))
        get = values.get
        cccd, phone = get("cccd"), get("phone")
        person_id = next(self.ids)
        day = self.day
        ethnicity = get("ethnicity") if "ethnicity" in self.mapped else "Kinh"
        row = (
            person_id, self.unit_id, self.now, self.now, 1, self.origin, self.false,
            household_id, name, keys[0], keys[1], day(get("birth_date")), get("birth_year"),
            str(values["sex"]), str(relation_of(values)), cccd, phone,
            str(get("residency") or Residency.PERMANENT), day(get("cccd_issued_on")),
            day(get("residency_until")), "" if ethnicity is None else str(ethnicity),
            " ".join(x for x in (keys[0], cccd, phone) if x),
            *[_text(get(key)) if mapped else "" for key, mapped in zip(_TEXTS, self.texts, strict=True)],
        )  # fmt: skip
        self.rows["persons"].append(row)
        self.audit("persons", person_id, sheet_row)
        for number, key in enumerate(_DOSES, start=1):
            given = get(key)
            if isinstance(given, date):
                self.rows["vaccinations"].append((
                    next(self.ids), self.unit_id, self.now, self.now, 1, self.origin,
                    self.false, person_id, number, day(given), get("vaccine") or "", "",
                ))  # fmt: skip
                self.any_doses = True
        return row

    def household(self, key: str, rows: list[tuple[RowPlan, dict]]) -> str:
        head_values = next((v for _, v in rows if relation_of(v) == Relation.HEAD), rows[0][1])
        address = head_values.get("address") or next(
            (v["address"] for _, v in rows if v.get("address")), "")  # fmt: skip
        area = head_values.get("area") or next((v["area"] for _, v in rows if v.get("area")), "")
        kind = head_values.get("household_kind") or HouseholdKind.FAMILY
        code = self.new_code(key)
        household_id = next(self.ids)
        search = " ".join(x for x in (fold(code), fold(str(address)), fold(str(area))) if x)
        self.rows["households"].append((
            household_id, self.unit_id, self.now, self.now, 1, self.origin, self.false, code,
            str(kind), None, "", "", str(address), str(area), None, "", search,
        ))  # fmt: skip
        self.audit("households", household_id, rows[0][0].sheet_row)
        return household_id


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _final_values(plan: ImportPlan) -> dict[int, dict]:
    """Each imported row's values; a later duplicate row marked "update" fills its earlier twin
    (the twin's values are copied first, so the plan itself is left as it was)."""
    by_row = {r.sheet_row: r for r in plan.rows}
    values = {r.sheet_row: r.values for r in plan.rows if r.action in ("new", "keep", "update")}
    copied: set[int] = set()
    for row in plan.rows:
        if row.action != "update" or row.other_row is None:
            continue
        target = by_row.get(row.other_row)
        seen = {row.sheet_row}
        while target is not None and target.action == "update" and target.other_row is not None \
                and target.sheet_row not in seen:  # fmt: skip
            seen.add(target.sheet_row)
            target = by_row.get(target.other_row)
        if target is not None and target.sheet_row in values:
            if target.sheet_row not in copied:
                values[target.sheet_row] = dict(values[target.sheet_row])
                copied.add(target.sheet_row)
            values[target.sheet_row].update({k: v for k, v in row.values.items() if v is not None})
        values.pop(row.sheet_row, None)
    return values


def _update_person(s: Session, person_id: str, values: dict, mapped: set[str]) -> None:
    person = s.get(Person, person_id)
    if person is None or person.deleted:
        return
    plain = {
        "full_name": values.get("full_name"), "birth_date": values.get("birth_date"),
        "birth_year": values.get("birth_year"), "sex": values.get("sex"),
        "cccd": values.get("cccd"), "phone": values.get("phone"),
        "residency": values.get("residency"), "residency_until": values.get("residency_until"),
        "cccd_issued_on": values.get("cccd_issued_on"), "ethnicity": values.get("ethnicity"),
        **{key: values.get(key) for key in _TEXTS},
    }  # fmt: skip
    if "relation" in mapped or "is_head" in mapped:
        plain["relation"] = relation_of(values)
    for key, value in plain.items():
        if value is not None and value != "":  # an empty cell never erases what is known
            setattr(person, key, str(value) if hasattr(value, "label") else value)
    name = person.full_name
    person.name_key, person.sort_key = fold(name), name_sort_key(name)
    person.search_key = " ".join(x for x in (fold(name), person.cccd, person.phone) if x)
    existing = {v.dose_no: v for v in s.scalars(select(Vaccination).where(
        Vaccination.person_id == person.id, Vaccination.deleted.is_(False)))}  # fmt: skip
    for number, key in enumerate(_DOSES, start=1):
        given = values.get(key)
        if not isinstance(given, date):
            continue
        dose = existing.get(number)
        if dose is None:
            s.add(Vaccination(unit_id=person.unit_id, person_id=person.id, dose_no=number,
                              given_on=given, vaccine=values.get("vaccine") or ""))  # fmt: skip
        else:
            dose.given_on = given
            dose.vaccine = values.get("vaccine") or dose.vaccine


def apply_import(
    db: Database,
    plan: ImportPlan,
    *,
    remember: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ImportResult:
    """Import the plan's rows in one transaction; a failure or a cancel leaves nothing behind.

    People to update go first, through the audited session; then the new households, people and
    doses in bulk; then "Chủ hộ" rows joining households already in the database."""
    with paused_gc():
        return _apply_import(db, plan, remember, progress, cancelled)


def _apply_import(
    db: Database,
    plan: ImportPlan,
    remember: bool,
    progress: ProgressFn | None,
    cancelled: CancelledFn | None,
) -> ImportResult:
    started = time.perf_counter()
    home_unit(db)  # refuses a database that was never set up for a unit
    counts = {"households": 0, "created": 0, "updated": 0}
    total = len(plan.rows)
    writer: _Writer | None = None
    try:
        with db.session() as s:
            writer = _Writer(db, s, plan)
            _write(s, writer, counts, progress, cancelled)
        if remember:
            remember_mapping(db, plan.headers, dict(plan.mapping.columns), plan.grouping)
        # On the import's connection (the pool hands back the last one used), its page cache
        # still small and its file map off: ANALYZE reads every page of the register.
        db.refresh_statistics()  # a first import can multiply the register
    except (IntegrityError, sqlite3.IntegrityError) as exc:
        raise ServiceError(
            "Không nhập được: dữ liệu trong tệp trùng với dữ liệu đã có (số CCCD hoặc mã hộ); "
            f"cơ sở dữ liệu giữ nguyên như trước. Chi tiết: {getattr(exc, 'orig', exc)}"
        ) from None
    finally:
        if writer is not None:
            _restore_connection(db, writer)
    if progress is not None:
        progress(total, total)
    plan_counts = plan.counts
    return ImportResult(
        counts["households"], counts["created"], counts["updated"], plan_counts["skip"],
        plan_counts["error"], time.perf_counter() - started,
        Changes(households=True, persons=True, health=writer.any_doses),
    )  # fmt: skip


def _write(
    s: Session,
    writer: _Writer,
    counts: dict[str, int],
    progress: ProgressFn | None,
    cancelled: CancelledFn | None,
) -> None:
    """Everything the plan changes, in the session's one transaction."""
    plan = writer.plan
    final = _final_values(plan)
    total = len(plan.rows)
    joins: list[tuple[str, tuple]] = []  # (household already in the database, its new head)
    touched: set[str] = set()  # households that gained members
    for household in plan.households:
        for row in household.rows:
            if row.action == "update" and row.existing_id is not None and row.sheet_row in final:
                _update_person(s, row.existing_id, final[row.sheet_row], writer.mapped)
                counts["updated"] += 1
    s.flush()
    _check(cancelled)
    planned = plan.counts
    _drop_indexes(s, writer, {"persons": planned["new"], "households": planned["households"]})
    done, check_at = 0, 0
    for household in plan.households:
        rows = [(r, final[r.sheet_row]) for r in household.rows
                if r.action in ("new", "keep") and r.sheet_row in final]  # fmt: skip
        done += len(household.rows)
        if done >= check_at:
            check_at = done + _STEP
            _check(cancelled)
            if progress is not None:
                progress(done, total)
        if not rows:
            continue
        household_id = household.existing_id
        if household_id is None:
            household_id = writer.household(household.key, rows)
            counts["households"] += 1
        added = [writer.person(values, household_id, row.sheet_row) for row, values in rows]
        touched.add(household_id)
        counts["created"] += len(added)
        head = next((p for p in added if p[_RELATION] == Relation.HEAD.value), None)
        if household.existing_id is None:
            head = head or added[0]
            writer.heads.append((head[0], head[_NAME], head[_SORT_KEY], household_id))
        elif head is not None:
            joins.append((household_id, head))
        if len(writer.rows["persons"]) >= _CHUNK:  # written as we go: memory stays flat
            _insert(s, writer)
    _check(cancelled)
    _insert(s, writer)
    _create_indexes(s, writer, "persons")  # the refresh finds members by household
    refresh_members_key(s.connection(), touched)  # bulk rows: no session hook
    _create_indexes(s, writer)
    for household_id, head in joins:
        _join_head(s, household_id, head)


_RELATION = _COLUMNS["persons"].index("relation")
_NAME = _COLUMNS["persons"].index("full_name")


def _check(cancelled: CancelledFn | None) -> None:
    if cancelled is not None and cancelled():
        raise ServiceError("Đã dừng nhập; cơ sở dữ liệu giữ nguyên như trước.")


def _join_head(s: Session, household_id: str, head: tuple) -> None:
    """A new "Chủ hộ" row joining an existing household heads it if its head has gone."""
    household = s.get(Household, household_id)
    if household is None:
        return
    current = s.get(Person, household.head_id) if household.head_id else None
    if current is None or current.deleted or current.household_id != household.id:
        household.head_id, household.head_name = head[0], head[_NAME]
        household.head_sort = head[_SORT_KEY]


@lru_cache(maxsize=65536)
def _date_text(value: date) -> str:
    """A date or time as SQLAlchemy stores it in SQLite."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value.isoformat()


def _raw(s: Session) -> sqlite3.Connection:
    """The driver's connection, inside the session's transaction (begun if not yet)."""
    raw = s.connection().connection.driver_connection
    if not raw.in_transaction:
        raw.execute("BEGIN")
    return raw


def _drop_indexes(s: Session, writer: _Writer, adding: dict[str, int]) -> None:
    """Drop the indexes of a table about to receive more rows than it has: building an index
    once over all the rows costs a fraction of updating it row by row. `_create_indexes` makes
    them again, with their exact definitions, before the transaction ends (a failure rolls the
    drop back with everything else)."""
    if not writer.sqlite:
        return
    raw = _raw(s)
    for table, count in adding.items():
        if count < _REBUILD_MIN:
            continue
        if count <= raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
            continue
        for name, sql in raw.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL", (table,)).fetchall():  # fmt: skip
            raw.execute(f'DROP INDEX "{name}"')
            writer.rebuild.append((table, sql))


def _create_indexes(s: Session, writer: _Writer, table: str | None = None) -> None:
    """Create again the indexes dropped from `table` (from every table by default)."""
    due = [sql for name, sql in writer.rebuild if table in (None, name)]
    if due:
        raw = _raw(s)
        for sql in due:
            raw.execute(sql)
        writer.rebuild = [(name, sql) for name, sql in writer.rebuild if sql not in due]


def _insert(s: Session, writer: _Writer) -> None:
    """Write the rows gathered so far (in the open transaction) and forget them."""
    conn = s.connection()
    tables = {"households": Household.__table__, "persons": Person.__table__,
              "vaccinations": Vaccination.__table__, "audit_log": AuditEntry.__table__}  # fmt: skip
    if writer.sqlite:
        raw = _raw(s)
        if writer.cache_size is None:
            # The import's own page cache stays small (an 80 000-row sheet within its memory
            # budget); the session's connection gets its own size back at the end.
            writer.cache_size = int(raw.execute("PRAGMA cache_size").fetchone()[0])
            writer.mmap_size = int(raw.execute("PRAGMA mmap_size").fetchone()[0])
            raw.execute("PRAGMA cache_size = -16384")
            raw.execute("PRAGMA mmap_size = 0")
        if not any(name == "persons" for name, _ in writer.rebuild):
            # In name order the name indexes take each chunk in one sweep; the new keys ascend,
            # so the primary key is touched at one place whatever the order.
            writer.rows["persons"].sort(key=itemgetter(_SORT_KEY))
        for table, rows in writer.rows.items():
            if rows:
                columns = _COLUMNS[table]
                raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) "
                                f"VALUES ({', '.join('?' * len(columns))})", rows)  # fmt: skip
        raw.executemany("UPDATE households SET head_id = ?, head_name = ?, head_sort = ? "
                        "WHERE id = ?", writer.heads)  # fmt: skip
    else:
        for table, rows in writer.rows.items():
            columns = _COLUMNS[table]
            for start in range(0, len(rows), _CHUNK):
                conn.execute(tables[table].insert(),
                             [dict(zip(columns, r, strict=True))
                              for r in rows[start : start + _CHUNK]])  # fmt: skip
        if writer.heads:
            table = Household.__table__
            conn.execute(
                update(table).where(table.c.id == bindparam("hid")).values(
                    head_id=bindparam("head"), head_name=bindparam("name"),
                    head_sort=bindparam("sort")),
                [{"head": h, "name": n, "sort": k, "hid": i} for h, n, k, i in writer.heads],
            )  # fmt: skip
    for rows in writer.rows.values():
        rows.clear()
    writer.heads.clear()


def _restore_connection(db: Database, writer: _Writer) -> None:
    """The connection's page cache and file map as they were (read through a map, a whole
    imported register would count as the import's memory)."""
    if writer.cache_size is not None:
        with db.engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA cache_size = {writer.cache_size}")
            conn.exec_driver_sql(f"PRAGMA mmap_size = {writer.mmap_size or 0}")
