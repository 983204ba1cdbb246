"""Write an import plan to the database in one transaction: all of it, or nothing.

New households, people and their vaccination doses go in as multi-row inserts
(`import_sql.insert_rows`) of the rows `import_rows.RowWriter` builds (an 80 000-row sheet takes
seconds), each with an "import" entry in the audit log naming the file, sheet and row. A table
receiving more rows than it holds has its indexes built once afterwards instead of row by row,
and a large import tests the tables' CHECK constraints once over its new rows. People the user
chose to update are changed through the audited session, so their history shows each field
before and after.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import date
from operator import itemgetter

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from greenzone_desktop.models import AuditEntry, Household, Person, Vaccination
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.search_keys import refresh_members_key
from greenzone_desktop.services.bulk_writes import (
    REBUILD_MIN,
    create_indexes,
    drop_indexes,
    worth_rebuilding,
)
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.import_checks import paused_gc
from greenzone_desktop.services.import_rows import (
    COLUMNS,
    DOSES,
    NAME,
    RELATION,
    SORT_KEY,
    TEXTS,
    RowWriter,
)
from greenzone_desktop.services.import_sql import checks_once, insert_rows
from greenzone_desktop.services.importing import (
    CancelledFn,
    ImportPlan,
    ProgressFn,
    relation_of,
    remember_mapping,
)
from greenzone_desktop.services.units import home_unit
from greenzone_desktop.text import fold, name_sort_key
from greenzone_desktop.vocab import Relation

__all__ = ["ImportResult", "apply_import"]

_CHUNK = 5000
_STEP = 500  # rows between progress reports and cancel checks
_REBUILD_MIN = REBUILD_MIN  # rows a table must receive before its indexes are rebuilt instead


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
        **{key: values.get(key) for key in TEXTS},
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
    for number, key in enumerate(DOSES, start=1):
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
    planned = plan.counts
    total = len(plan.rows)
    writer: RowWriter | None = None
    try:
        with db.session() as s:
            writer = RowWriter(db, s, plan)
            _write(s, writer, planned, counts, progress, cancelled)
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
    return ImportResult(
        counts["households"], counts["created"], counts["updated"], planned["skip"],
        planned["error"], time.perf_counter() - started,
        Changes(households=True, persons=True, health=writer.any_doses),
    )  # fmt: skip


def _write(
    s: Session,
    writer: RowWriter,
    planned: dict[str, int],
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
    doses = sum(isinstance(v.get(key), date) for _, key in writer.doses for v in final.values())
    _drop_indexes(s, writer, {
        "persons": planned["new"], "households": planned["households"], "vaccinations": doses,
        "audit_log": planned["new"] + planned["households"]})  # fmt: skip
    done, check_at = 0, 0
    bulk = writer.sqlite and planned["new"] >= _REBUILD_MIN
    with checks_once(_raw(s) if bulk else None, ("households", "persons", "vaccinations")):
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
                household_id = writer.new_id()
            added = [writer.person(values, household_id, row.sheet_row) for row, values in rows]
            counts["created"] += len(added)
            head = next((p for p in added if p[RELATION] == _HEAD), None)
            if household.existing_id is None:  # its head and members' keys go in with it
                writer.household(household_id, household.key, rows, added, head or added[0])
                counts["households"] += 1
            else:
                touched.add(household_id)
                if head is not None:
                    joins.append((household_id, head))
            if len(writer.rows["persons"]) >= _CHUNK:  # written as we go: memory stays flat
                _insert(s, writer)
        _check(cancelled)
        _insert(s, writer)
    _create_indexes(s, writer, "persons")  # the refresh finds members by household
    refresh_members_key(s.connection(), touched)  # households that were there gained members
    _create_indexes(s, writer)
    for household_id, head in joins:
        _join_head(s, household_id, head)


_HEAD = Relation.HEAD.value


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
        household.head_id, household.head_name = head[0], head[NAME]
        household.head_sort = head[SORT_KEY]


def _raw(s: Session) -> sqlite3.Connection:
    """The driver's connection, inside the session's transaction (begun if not yet)."""
    raw = s.connection().connection.driver_connection
    if not raw.in_transaction:
        raw.execute("BEGIN")
    return raw


def _drop_indexes(s: Session, writer: RowWriter, adding: dict[str, int]) -> None:
    """Drop the indexes of a table about to receive more rows than it has: building an index
    once over all the rows costs a fraction of updating it row by row. `_create_indexes` makes
    them again, with their exact definitions, before the transaction ends (a failure rolls the
    drop back with everything else)."""
    if not writer.sqlite:
        return
    raw = _raw(s)
    for table, count in adding.items():
        if worth_rebuilding(raw, table, count, minimum=_REBUILD_MIN):
            writer.rebuild += [(table, sql)
                               for sql in drop_indexes(raw, table, keep_unique=False)]


def _create_indexes(s: Session, writer: RowWriter, table: str | None = None) -> None:
    """Create again the indexes dropped from `table` (from every table by default)."""
    due = [sql for name, sql in writer.rebuild if table in (None, name)]
    if due:
        create_indexes(_raw(s), due)
        writer.rebuild = [(name, sql) for name, sql in writer.rebuild if sql not in due]


def _insert(s: Session, writer: RowWriter) -> None:
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
            writer.rows["persons"].sort(key=itemgetter(SORT_KEY))
        for table, rows in writer.rows.items():
            insert_rows(raw, table, COLUMNS[table], rows)
        raw.executemany("UPDATE households SET head_id = ? WHERE id = ?", writer.heads)
    else:
        for table, rows in writer.rows.items():
            columns = COLUMNS[table]
            for start in range(0, len(rows), _CHUNK):
                conn.execute(tables[table].insert(),
                             [dict(zip(columns, r, strict=True))
                              for r in rows[start : start + _CHUNK]])  # fmt: skip
        if writer.heads:
            table = Household.__table__
            conn.execute(
                update(table).where(table.c.id == bindparam("hid")).values(head_id=bindparam("head")),
                [{"head": h, "hid": i} for h, i in writer.heads],
            )  # fmt: skip
    for rows in writer.rows.values():
        rows.clear()
    writer.heads.clear()


def _restore_connection(db: Database, writer: RowWriter) -> None:
    """The connection's page cache and file map as they were (read through a map, a whole
    imported register would count as the import's memory)."""
    if writer.cache_size is not None:
        with db.engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA cache_size = {writer.cache_size}")
            conn.exec_driver_sql(f"PRAGMA mmap_size = {writer.mmap_size or 0}")
