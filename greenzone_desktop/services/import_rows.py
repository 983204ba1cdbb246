"""The rows an import plan creates, built as tuples in column order for bulk inserts.

Each new household, person and dose carries the columns every synchronised row has (unit,
version, origin), and each household and person its "import" entry for the audit log, naming the
file, sheet and row. A new household is built after its people, so it goes in with its head's
name and sort key and its members' search keys (`households.members_key`) already filled: only
its head id follows, once the head is written. Values are already clean (NFC, validated); for
SQLite they are in the driver's own form (ISO text dates, 0/1, JSON text), so nothing processes
them again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from itertools import count

from sqlalchemy import select
from sqlalchemy.orm import Session

from greenzone_desktop.models import Household, Unit
from greenzone_desktop.models.base import utcnow
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.search_keys import SEPARATOR
from greenzone_desktop.services.importing import ImportPlan, RowPlan, relation_of
from greenzone_desktop.text import fold, name_sort_key
from greenzone_desktop.vocab import AuditAction, HouseholdKind, Relation, Residency, Sex

__all__ = ["COLUMNS", "DOSES", "NAME", "RELATION", "SORT_KEY", "TEXTS", "RowWriter", "date_text"]

TEXTS = ("cccd_issued_by", "religion", "occupation", "workplace", "insurance_no", "notes")
DOSES = ("dose1_date", "dose2_date", "dose3_date")


def _new_ids() -> Iterator[str]:
    """Version 4 UUIDs that ascend within one import: 76 random bits shared by the import, then a
    48-bit counter from a random start below 2**47 (room for any import). Unique like uuid4(),
    but each table's new keys go in at one place of its index instead of all over the file,
    which makes a large import several times faster."""
    high = bytearray(os.urandom(10))
    high[6] = 0x40 | (high[6] & 0x0F)  # version 4
    high[8] = 0x80 | (high[8] & 0x3F)  # RFC 4122 variant
    top = high.hex()
    prefix = f"{top[:8]}-{top[8:12]}-{top[12:16]}-{top[16:20]}-"
    start = int.from_bytes(os.urandom(6), "big") >> 1
    return map(f"{prefix}{{:012x}}".format, count(start))


_AUDIT_JSON = json.dumps({"Nhập từ tệp": [None, "\x00"]}).split(json.dumps("\x00"))
_STAMP = ("id", "unit_id", "created_at", "updated_at", "version", "origin", "deleted")
COLUMNS = {
    "households": (*_STAMP, "code", "kind", "head_id", "head_name", "head_sort", "address",
                   "area", "phone", "notes", "search_key", "members_key"),
    "persons": (*_STAMP, "household_id", "full_name", "name_key", "sort_key", "birth_date",
                "birth_year", "sex", "relation", "cccd", "phone", "residency", "cccd_issued_on",
                "residency_until", "ethnicity", "search_key", *TEXTS),
    "vaccinations": (*_STAMP, "person_id", "dose_no", "given_on", "vaccine", "place"),
    "audit_log": ("id", "at", "actor", "unit_id", "table_name", "row_id", "action", "changes"),
}  # fmt: skip
_PERSON = COLUMNS["persons"]
NAME, SORT_KEY, RELATION = (_PERSON.index(c) for c in ("full_name", "sort_key", "relation"))
_SEARCH_KEY = _PERSON.index("search_key")
_IMPORT = AuditAction.IMPORT.value
_NO_TEXTS = ("",) * len(TEXTS)
_HEAD, _OTHER = Relation.HEAD.value, Relation.OTHER.value
_PERMANENT = Residency.PERMANENT.value
# Enum members -> the text stored (str() of each member costs a call per row).
_STORED: dict[object, str] = {m: m.value for e in (Relation, Residency, Sex, HouseholdKind)
                              for m in e}  # fmt: skip


class RowWriter:
    """Builds the rows to insert for one plan, as tuples in `COLUMNS` order."""

    def __init__(self, db: Database, s: Session, plan: ImportPlan) -> None:
        self.plan = plan
        self.unit_id = db.home_unit_id
        self.origin = db.installation_id
        self.actor = db.actor
        now = utcnow()
        # SQLite: values go in as the driver stores them (ISO text dates, 0/1, JSON text).
        self.sqlite = s.connection().dialect.name == "sqlite"
        self.now: object = date_text(now) if self.sqlite else now
        self.false: object = 0 if self.sqlite else False
        self.mapped = set(plan.mapping.columns)
        self.text_slots = tuple((i, key) for i, key in enumerate(TEXTS) if key in self.mapped)
        self.doses = tuple((n, key) for n, key in enumerate(DOSES, start=1) if key in self.mapped)
        self.rows: dict[str, list[tuple]] = {table: [] for table in COLUMNS}
        self.heads: list[tuple[str, str]] = []  # (head id, household id) of new households
        self.new_id = _new_ids().__next__
        self.any_doses = False
        self.cache_size: int | None = None
        self.mmap_size: int | None = None
        self.rebuild: list[tuple[str, str]] = []  # (table, index) dropped, to create again
        self.names: dict[str, tuple[str, str]] = {}  # name -> (accent-free key, sort key)
        self.words: dict[str, str] = {}  # word -> folded
        self.days: dict[date, object] = {}  # date -> as this database takes it
        self.where = f"{plan.file}, trang «{plan.sheet}», dòng "
        self.where_json = f"{_AUDIT_JSON[0]}{json.dumps(self.where)[:-1]}"
        self.where_end = f'"{_AUDIT_JSON[1]}'
        self.stamp = (self.unit_id, self.now, self.now, 1, self.origin, self.false)
        self.audit_stamp = (self.now, self.actor, self.unit_id)
        unit = s.get(Unit, self.unit_id) if self.unit_id else None
        self.prefix = (unit.code if unit and unit.code else "") or "HG"
        codes = set(s.scalars(select(Household.code)))
        self.used = {c for c in codes if c}
        numbers = [int(c.rsplit("-", 1)[1]) for c in self.used
                   if c.startswith(f"{self.prefix}-") and c.rsplit("-", 1)[1].isdigit()]  # fmt: skip
        self.next_number = max(numbers, default=0) + 1

    def audit(self, table: str, row_id: str, sheet_row: int) -> None:
        """The "import" entry of a created row, naming the file, sheet and row."""
        changes: object
        if self.sqlite:  # JSON text; the row number, digits, needs no escaping
            changes = f"{self.where_json}{sheet_row}{self.where_end}"
        else:
            changes = {"Nhập từ tệp": [None, f"{self.where}{sheet_row}"]}
        self.rows["audit_log"].append((self.new_id(), *self.audit_stamp, table, row_id, _IMPORT,
                                       changes))  # fmt: skip

    def fold(self, text: str) -> str:
        """`text.fold`, word by word with each distinct word folded once (fold works on words
        alone: it splits and joins on white space); plain ASCII words are only lower-cased."""
        words, out = self.words, []
        for word in text.split():
            folded = words.get(word)
            if folded is None:
                folded = words[word] = word.lower() if word.isascii() else fold(word)
            if folded:
                out.append(folded)
        return " ".join(out)

    def day(self, value: object) -> object:
        """A date as this database takes it."""
        if value is None or not self.sqlite or not isinstance(value, date):
            return value
        text = self.days.get(value)
        if text is None:
            text = self.days[value] = date_text(value)
        return text

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
        person_id = self.new_id()
        days, day = self.days, self.day
        born, issued, until = get("birth_date"), get("cccd_issued_on"), get("residency_until")
        if born is not None:
            born = days.get(born) or day(born)
        if issued is not None:
            issued = days.get(issued) or day(issued)
        if until is not None:
            until = days.get(until) or day(until)
        relation = get("relation")
        if not isinstance(relation, Relation):  # as `importing.relation_of`
            relation = _HEAD if get("is_head") else _OTHER
        ethnicity = get("ethnicity") if "ethnicity" in self.mapped else "Kinh"
        residency = get("residency")
        search = keys[0]  # the name's key, CCCD and phone, those there are
        if cccd:
            search = f"{search} {cccd}" if search else cccd
        if phone:
            search = f"{search} {phone}" if search else phone
        texts = _NO_TEXTS
        if self.text_slots:
            texts = list(texts)
            for slot, key in self.text_slots:
                if (text := get(key)) is not None:
                    texts[slot] = text if type(text) is str else str(text)
        sex = values["sex"]
        row = (
            person_id, *self.stamp, household_id, name, keys[0], keys[1], born,
            get("birth_year"), _STORED.get(sex) or str(sex),
            _STORED.get(relation) or str(relation), cccd, phone,
            _STORED.get(residency) or str(residency or _PERMANENT), issued, until,
            "" if ethnicity is None else str(ethnicity), search, *texts,
        )  # fmt: skip
        self.rows["persons"].append(row)
        self.audit("persons", person_id, sheet_row)
        for number, key in self.doses:
            given = get(key)
            if isinstance(given, date):
                self.rows["vaccinations"].append((
                    self.new_id(), *self.stamp, person_id, number, days.get(given) or day(given),
                    get("vaccine") or "", "",
                ))  # fmt: skip
                self.any_doses = True
        return row

    def household(self, household_id: str, key: str, rows: list[tuple[RowPlan, dict]],
                  members: list[tuple], head: tuple) -> None:  # fmt: skip
        """A new household of the people just built (`members`), headed by `head`: its head's
        name and its members' search keys go in with it; its head id once the head is written
        (the head must exist first)."""
        head_values = next((v for _, v in rows if relation_of(v) == Relation.HEAD), rows[0][1])
        address = head_values.get("address") or next(
            (v["address"] for _, v in rows if v.get("address")), "")  # fmt: skip
        area = head_values.get("area") or next((v["area"] for _, v in rows if v.get("area")), "")
        kind = head_values.get("household_kind") or HouseholdKind.FAMILY
        code = self.new_code(key)
        search = " ".join(x for x in (self.fold(code), self.fold(str(address)),
                                      self.fold(str(area))) if x)  # fmt: skip
        members_key = SEPARATOR.join(p[_SEARCH_KEY] for p in members)
        self.rows["households"].append((
            household_id, *self.stamp, code, _STORED.get(kind) or str(kind), None, head[NAME],
            head[SORT_KEY], str(address), str(area), None, "", search, members_key,
        ))  # fmt: skip
        self.heads.append((head[0], household_id))
        self.audit("households", household_id, rows[0][0].sheet_row)


@lru_cache(maxsize=65536)
def date_text(value: date) -> str:
    """A date or time as SQLAlchemy stores it in SQLite."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value.isoformat()


