"""Rows of synced tables as they travel in handoff packages, and back, checked column by column.

A row travels in its stored form (what SQLite holds): dates 'YYYY-MM-DD', datetimes
'YYYY-MM-DD HH:MM:SS.ffffff', times 'HH:MM:SS.ffffff', JSON columns as their JSON text,
booleans as true/false. Reading a package checks every value against its column and brings it
back to exactly that stored form, so equal values compare equal and nothing odd reaches the
database: each table's `RowReader` does that (services/handoff_values.py, without the database
layer, for the pile's reading process). Everything here works on plain tuples and dicts for
speed (tens of thousands of rows).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, Time
from sqlalchemy.types import TypeDecorator

from greenzone_desktop.models import SYNCED_MODELS
from greenzone_desktop.models.handoff import merge_columns, synced_columns
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff_labels import table_label
from greenzone_desktop.services.handoff_values import BASE_ORIGIN, BASE_VERSION, RowReader

__all__ = ["BASE_ORIGIN", "BASE_VERSION", "SPECS", "SPEC_BY_NAME", "TABLE_NAMES", "TableSpec",
           "python_value", "sql_text"]


def sql_text(value: str) -> str:
    """A string as an SQL literal (a unit id written into a statement run for many rows)."""
    return "'" + value.replace("'", "''") + "'"


def _kind(column: Any) -> str:
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance if hasattr(kind, "impl_instance") else kind.impl
    for cls, name in ((Boolean, "bool"), (DateTime, "datetime"), (Date, "date"), (Time, "time"),
                      (JSON, "json"), (Float, "float"), (Integer, "int")):
        if isinstance(kind, cls):
            return name
    return "str"


@dataclass(frozen=True)
class TableSpec:
    """One synced table: its columns in a fixed order and how each is checked."""

    name: str
    model: type
    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    nullable: tuple[bool, ...]
    merge_fields: tuple[str, ...]  # compared field by field (everything but the stamp)
    bool_positions: tuple[int, ...] = ()
    reader: RowReader = field(default_factory=lambda: RowReader("", "", (), ()), compare=False)
    # A stored row as its package dict; `package_row_with_base` also takes the agreed
    # (version, origin) as two more items at the end of the tuple.
    package_row: Callable[[tuple], dict[str, Any]] = field(default=dict, compare=False)
    package_row_with_base: Callable[[tuple], dict[str, Any]] = field(default=dict,
                                                                     compare=False)

    def index(self, column: str) -> int:
        return self.columns.index(column)

    def select_sql(self, alias: str = "t") -> str:
        return ", ".join(f'{alias}."{c}"' for c in self.columns)

    def insert_sql(self) -> str:
        cols = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        return f'INSERT INTO "{self.name}" ({cols}) VALUES ({marks})'

    def update_sql(self) -> str:
        sets = ", ".join(f'"{c}" = ?' for c in self.columns if c != "id")
        return f'UPDATE "{self.name}" SET {sets} WHERE id = ?'

    def package_json_sql(self, alias: str = "t",
                         base: tuple[str, str] = ("b.version", "b.origin")) -> str | None:
        """SQL writing the row as its package line (UTF-8 bytes), base state (SQL for its
        version and origin) included, or None for a table SQLite cannot write exactly (a float
        column: SQLite keeps 15 digits)."""
        if "float" in self.kinds:
            return None
        items = [f"'{c}', json(CASE WHEN {alias}.\"{c}\" IS NULL THEN NULL "
                 f"WHEN {alias}.\"{c}\" THEN 'true' ELSE 'false' END)" if kind == "bool"
                 else f"'{c}', {alias}.\"{c}\"" for c, kind in zip(self.columns, self.kinds,
                                                                 strict=True)]
        items += [f"'{BASE_VERSION}', {base[0]}", f"'{BASE_ORIGIN}', {base[1]}"]
        return f"CAST(json_object({', '.join(items)}) AS BLOB)"

    def insert_received_sql(self, peer_id: str) -> str:
        """INSERT of rows stored exactly as `peer_id` sent them (`received_from`)."""
        cols = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        return (f'INSERT INTO "{self.name}" ({cols}, received_from) '
                f"VALUES ({marks}, {sql_text(peer_id)})")

    def json_array_sql(self, alias: str = "t") -> str:
        """SQL building the merge fields of a row as a JSON array (SyncBase.data)."""
        return "json_array(" + ", ".join(f'{alias}."{c}"' for c in self.merge_fields) + ")"

    def base_data(self, text: str | None) -> dict[str, Any] | None:
        """SyncBase.data (a JSON array in merge-field order) as a dict by field."""
        if text is None:
            return None
        values = json.loads(text)
        return dict(zip(self.merge_fields, values, strict=True))

    def to_package(self, row: tuple) -> dict[str, Any]:
        """A stored row (tuple in column order) as the flat dict written to a package."""
        return self.package_row(row)

    def from_package(self, raw: dict[str, Any]) -> tuple:
        """A package row back to the stored form, checked; raises ServiceError saying where."""
        return self.reader.from_package(raw)

    def _bad(self, raw: dict[str, Any], column: str, why: str) -> ServiceError:
        return self.reader.bad(raw, column, why)

    def data_of(self, row: tuple) -> dict[str, Any]:
        """The merge fields of a stored row (what SyncBase.data keeps)."""
        return {c: row[self.index(c)] for c in self.merge_fields}


class _Bools(dict):
    """Stored booleans (0/1/NULL) to JSON ones; anything else by its truth."""

    def __missing__(self, key: Any) -> bool:
        return bool(key)


_BOOLS = _Bools({0: False, 1: True, None: None})


def _package_maker(names: tuple[str, ...], bools: tuple[int, ...], with_base: bool
                   ) -> Callable[[tuple], dict[str, Any]]:
    """A function building a package dict from a stored tuple with one dict display (the
    fastest way CPython builds a dict with known keys). Generated once per table."""
    items = [f"{name!r}: BOOLS[r[{i}]]" if i in bools else f"{name!r}: r[{i}]"
             for i, name in enumerate(names)]
    if with_base:
        items += [f"{BASE_VERSION!r}: r[{len(names)}]", f"{BASE_ORIGIN!r}: r[{len(names) + 1}]"]
    scope: dict[str, Any] = {"BOOLS": _BOOLS}
    exec(f"def make(r):\n    return {{{', '.join(items)}}}\n", scope)  # noqa: S102 - names only
    return scope["make"]


def _spec(model: type) -> TableSpec:
    table = model.__table__  # type: ignore[attr-defined]
    # The id goes first: merge code addresses rows as (id, *rest). Columns marked local (a
    # search key this PC derives from other tables, where a row came from) never travel.
    # The order is the one sync_base's trigger writes the merge fields in (models/handoff.py).
    cols = tuple(table.columns[name] for name in synced_columns(table))
    checks = tuple((c.name, _kind(c), bool(c.nullable) and not c.primary_key) for c in cols)
    names = tuple(str(c.name) for c in cols)
    bools = tuple(i for i, c in enumerate(cols) if _kind(c) == "bool")
    return TableSpec(
        name=str(table.name),  # not quoted_name: sqlite3 would probe it on every row
        model=model,
        columns=names,
        kinds=tuple(_kind(c) for c in cols),
        nullable=tuple(bool(c.nullable) and not c.primary_key for c in cols),
        merge_fields=merge_columns(table),
        bool_positions=bools,
        reader=RowReader(str(table.name), table_label(str(table.name)), names, checks),
        package_row=_package_maker(names, bools, with_base=False),
        package_row_with_base=_package_maker(names, bools, with_base=True),
    )


SPECS: tuple[TableSpec, ...] = tuple(_spec(m) for m in SYNCED_MODELS)
SPEC_BY_NAME: dict[str, TableSpec] = {s.name: s for s in SPECS}
TABLE_NAMES: tuple[str, ...] = tuple(s.name for s in SPECS)


def python_value(spec: TableSpec, column: str, stored: Any) -> Any:
    """A stored value as the Python value the ORM expects (for resolving conflicts)."""
    if stored is None:
        return None
    kind = spec.kinds[spec.index(column)]
    if kind == "bool":
        return bool(stored)
    if kind == "date":
        return date.fromisoformat(stored)
    if kind == "datetime":
        return datetime.fromisoformat(stored)
    if kind == "time":
        return time.fromisoformat(stored)
    if kind == "json":
        return json.loads(stored)
    return stored
