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
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.importing import (
    CancelledFn,
    ImportPlan,
    ProgressFn,
    RowPlan,
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


class _Writer:
    """Builds the rows to insert for one plan."""

    def __init__(self, db: Database, s: Session, plan: ImportPlan) -> None:
        self.plan = plan
        self.unit_id = db.home_unit_id
        self.origin = db.installation_id
        self.actor = db.actor
        self.now = utcnow()
        # SQLite: values go in as the driver stores them (ISO text dates, 0/1, JSON text).
        self.sqlite = s.connection().dialect.name == "sqlite"
        self.stamp_now: object = _date_text(self.now) if self.sqlite else self.now
        self.mapped = set(plan.mapping.columns)
        self.households: list[dict] = []
        self.persons: list[dict] = []
        self.doses: list[dict] = []
        self.audit: list[dict] = []
        self.heads: list[dict] = []
        self.ids = _new_ids()
        self.any_doses = False
        self.cache_size: int | None = None
        self.names: dict[str, tuple[str, str]] = {}  # name -> (accent-free key, sort key)
        unit = s.get(Unit, self.unit_id) if self.unit_id else None
        self.prefix = (unit.code if unit and unit.code else "") or "HG"
        codes = set(s.scalars(select(Household.code)))
        self.used = {c for c in codes if c}
        numbers = [int(c.rsplit("-", 1)[1]) for c in self.used
                   if c.startswith(f"{self.prefix}-") and c.rsplit("-", 1)[1].isdigit()]  # fmt: skip
        self.next_number = max(numbers, default=0) + 1

    def stamp(self, table: str, row_id: str, sheet_row: int | None) -> dict:
        """The columns every row carries, and its audit entry (doses, `sheet_row` None, are
        recorded with their person's)."""
        now = self.stamp_now
        if sheet_row is not None:
            where = f"{self.plan.file}, trang «{self.plan.sheet}», dòng {sheet_row}"
            changes: object = {"Nhập từ tệp": [None, where]}
            if self.sqlite:
                changes = json.dumps(where).join(_AUDIT_JSON)
            self.audit.append({
                "id": next(self.ids), "at": now, "actor": self.actor, "unit_id": self.unit_id,
                "table_name": table, "row_id": row_id, "action": AuditAction.IMPORT.value,
                "changes": changes,
            })  # fmt: skip
        return {"id": row_id, "unit_id": self.unit_id, "created_at": now, "updated_at": now,
                "version": 1, "origin": self.origin, "deleted": 0 if self.sqlite else False}

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

    def text(self, values: dict, name: str, default: str = "") -> str:
        if name not in self.mapped:
            return default
        value = values.get(name)
        return "" if value is None else str(value)

    def person(self, values: dict, household_id: str, sheet_row: int) -> dict:
        name = str(values["full_name"])
        keys = self.names.get(name)
        if keys is None:
            keys = self.names[name] = (fold(name), name_sort_key(name))
        cccd, phone = values.get("cccd"), values.get("phone")
        row = self.stamp("persons", next(self.ids), sheet_row)
        residency = values.get("residency") or Residency.PERMANENT
        row.update(
            household_id=household_id, full_name=name, name_key=keys[0],
            sort_key=keys[1], birth_date=self.day(values.get("birth_date")),
            birth_year=values.get("birth_year"), sex=str(values["sex"]),
            relation=str(relation_of(values)), cccd=cccd, phone=phone, residency=str(residency),
            cccd_issued_on=self.day(values.get("cccd_issued_on")),
            residency_until=self.day(values.get("residency_until")),
            ethnicity=self.text(values, "ethnicity", "Kinh"),
            search_key=" ".join(x for x in (keys[0], cccd, phone) if x),
            **{key: self.text(values, key) for key in _TEXTS},
        )  # fmt: skip
        self.persons.append(row)
        self.add_doses(row["id"], values, sheet_row)
        return row

    def add_doses(self, person_id: str, values: dict, sheet_row: int) -> None:
        vaccine = values.get("vaccine") or ""
        for number, name in enumerate(_DOSES, start=1):
            given = values.get(name)
            if isinstance(given, date):
                dose = self.stamp("vaccinations", next(self.ids), None)
                dose.update(person_id=person_id, dose_no=number, given_on=self.day(given),
                            vaccine=vaccine, place="")  # fmt: skip
                self.doses.append(dose)
                self.any_doses = True

    def household(self, key: str, rows: list[tuple[RowPlan, dict]]) -> tuple[str, str]:
        head_values = next((v for _, v in rows if relation_of(v) == Relation.HEAD), rows[0][1])
        address = head_values.get("address") or next(
            (v["address"] for _, v in rows if v.get("address")), "")  # fmt: skip
        area = head_values.get("area") or next((v["area"] for _, v in rows if v.get("area")), "")
        kind = head_values.get("household_kind") or HouseholdKind.FAMILY
        code = self.new_code(key)
        row = self.stamp("households", next(self.ids), rows[0][0].sheet_row)
        row.update(
            code=code, kind=str(kind), head_id=None, head_name="", head_sort="",
            address=str(address), area=str(area), phone=None, notes="",
            search_key=" ".join(x for x in (fold(code), fold(str(address)), fold(str(area))) if x),
        )  # fmt: skip
        self.households.append(row)
        return row["id"], code


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
    """Import the plan's rows in one transaction; a failure or a cancel leaves nothing behind."""
    started = time.perf_counter()
    home_unit(db)  # refuses a database that was never set up for a unit
    final = _final_values(plan)
    counts = {"households": 0, "created": 0, "updated": 0}
    total = len(plan.rows)
    try:
        with db.session() as s:
            writer = _Writer(db, s, plan)
            done, check_at = 0, 0
            for household in plan.households:
                rows = [(r, final[r.sheet_row]) for r in household.rows
                        if r.sheet_row in final and r.action in ("new", "keep")]  # fmt: skip
                updates = [(r, final[r.sheet_row]) for r in household.rows
                           if r.sheet_row in final and r.action == "update"]  # fmt: skip
                for row, values in updates:
                    if row.existing_id is not None:
                        _update_person(s, row.existing_id, values, writer.mapped)
                        counts["updated"] += 1
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
                    household_id, _ = writer.household(household.key, rows)
                    counts["households"] += 1
                added = [writer.person(values, household_id, row.sheet_row) for row, values in rows]
                counts["created"] += len(added)
                head = next((p for p in added if p["relation"] == Relation.HEAD.value), None)
                if household.existing_id is None:
                    head = head or added[0]
                    writer.heads.append({"hid": household_id, "head": head["id"],
                                         "name": head["full_name"],
                                         "sort": head["sort_key"]})  # fmt: skip
                elif head is not None:
                    _join_head(s, household_id, head)
                if len(writer.persons) >= _CHUNK:  # written as we go: memory stays flat
                    _insert(s, writer)
            _check(cancelled)
            _insert(s, writer)
            _restore_cache(s, writer)
    except (IntegrityError, sqlite3.IntegrityError) as exc:
        raise ServiceError(
            "Không nhập được: dữ liệu trong tệp trùng với dữ liệu đã có (số CCCD hoặc mã hộ); "
            f"cơ sở dữ liệu giữ nguyên như trước. Chi tiết: {getattr(exc, 'orig', exc)}"
        ) from None
    if remember:
        remember_mapping(db, plan.headers, dict(plan.mapping.columns), plan.grouping)
    db.refresh_statistics()  # a first import can multiply the register
    if progress is not None:
        progress(total, total)
    plan_counts = plan.counts
    return ImportResult(
        counts["households"], counts["created"], counts["updated"], plan_counts["skip"],
        plan_counts["error"], time.perf_counter() - started,
        Changes(households=True, persons=True, health=writer.any_doses),
    )  # fmt: skip


def _check(cancelled: CancelledFn | None) -> None:
    if cancelled is not None and cancelled():
        raise ServiceError("Đã dừng nhập; cơ sở dữ liệu giữ nguyên như trước.")


def _join_head(s: Session, household_id: str, head: dict) -> None:
    """A new "Chủ hộ" row joining an existing household heads it if its head has gone."""
    household = s.get(Household, household_id)
    if household is None:
        return
    current = s.get(Person, household.head_id) if household.head_id else None
    if current is None or current.deleted or current.household_id != household.id:
        household.head_id, household.head_name = head["id"], head["full_name"]
        household.head_sort = head["sort_key"]


@lru_cache(maxsize=65536)
def _date_text(value: date) -> str:
    """A date or time as SQLAlchemy stores it in SQLite."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value.isoformat()


def _executemany(conn, table, rows: list[dict]) -> None:  # noqa: ANN001 - DBAPI, Table
    """Insert rows straight through the driver (the values are already clean, NFC and in the
    driver's form): SQLAlchemy's per-value processing would cost more than the insert itself."""
    if not rows:
        return
    columns = list(rows[0])
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO {table.name} ({", ".join(columns)}) VALUES ({marks})'
    conn.executemany(sql, map(itemgetter(*columns), rows))


def _insert(s: Session, writer: _Writer) -> None:
    """Write the rows gathered so far (in the open transaction) and forget them."""
    conn = s.connection()
    tables = ((Household.__table__, writer.households), (Person.__table__, writer.persons),
              (Vaccination.__table__, writer.doses), (AuditEntry.__table__, writer.audit))  # fmt: skip
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        if writer.cache_size is None:
            # Random UUID keys touch index pages all over the file: a bigger page cache for
            # this transaction saves most of the reads (the default is 2 MB; 16 MB keeps a ward-sized
            # import within its memory budget).
            writer.cache_size = int(raw.execute("PRAGMA cache_size").fetchone()[0])
            raw.execute("PRAGMA cache_size = -16384")
        # In name order the name indexes take each chunk in one sweep; the new keys ascend, so
        # the primary key is touched at one place whatever the order.
        writer.persons.sort(key=itemgetter("sort_key"))
        for table, rows in tables:
            _executemany(raw, table, rows)
        raw.executemany("UPDATE households SET head_id = ?, head_name = ?, head_sort = ? "
                        "WHERE id = ?", [(h["head"], h["name"], h["sort"], h["hid"])
                                         for h in writer.heads])  # fmt: skip
    else:
        for table, rows in tables:
            for start in range(0, len(rows), _CHUNK):
                conn.execute(table.insert(), rows[start : start + _CHUNK])
        if writer.heads:
            table = Household.__table__
            conn.execute(
                update(table).where(table.c.id == bindparam("hid")).values(
                    head_id=bindparam("head"), head_name=bindparam("name"),
                    head_sort=bindparam("sort")),
                writer.heads,
            )  # fmt: skip
    for _, rows in tables:
        rows.clear()
    writer.heads.clear()


def _restore_cache(s: Session, writer: _Writer) -> None:
    if writer.cache_size is not None:
        s.connection().connection.driver_connection.execute(
            f"PRAGMA cache_size = {writer.cache_size}")
