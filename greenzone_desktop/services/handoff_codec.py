"""Rows of synced tables as they travel in handoff packages, and back, checked column by column.

A row travels in its stored form (what SQLite holds): dates 'YYYY-MM-DD', datetimes
'YYYY-MM-DD HH:MM:SS.ffffff', times 'HH:MM:SS.ffffff', JSON columns as their JSON text,
booleans as true/false. Reading a package checks every value against its column and brings it
back to exactly that stored form, so equal values compare equal and nothing odd reaches the
database. Everything here works on plain tuples and dicts for speed (tens of thousands of rows).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, Time
from sqlalchemy.types import TypeDecorator

from greenzone_desktop.models import SYNCED_MODELS
from greenzone_desktop.models.handoff import merge_columns, synced_columns
from greenzone_desktop.services.errors import ServiceError

BASE_VERSION = "_base_version"  # the sender's last agreed (version, origin) for the row
BASE_ORIGIN = "_base_origin"
_DATETIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
_TIME = re.compile(r"\d\d:\d\d:\d\d\.\d{6}")
_MISSING = object()
# The fast path of reading a package: days already found valid (a register has a few thousand
# distinct ones), and the time of day exactly as stored (" HH:MM:SS.ffffff", in range).
_DAYS: set[str] = set()
_DAYS_KEPT = 100_000
_CLOCK = re.compile(r" (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{6}")


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


class BadValue(Exception):
    """One value that does not fit its column (caught and reported with where it was)."""


def _str(v: Any) -> Any:
    if type(v) is not str:
        raise BadValue("phải là chuỗi ký tự")
    return v if v.isascii() else unicodedata.normalize("NFC", v)


def _int(v: Any) -> Any:
    if type(v) is not int:
        raise BadValue("phải là số nguyên")
    return v


def _float(v: Any) -> Any:
    if type(v) not in (int, float) or not math.isfinite(v):
        raise BadValue("phải là số")
    return float(v)


def _bool(v: Any) -> Any:
    if type(v) is not bool:
        raise BadValue("phải là true/false")
    return 1 if v else 0


def _date(v: Any) -> Any:
    if type(v) is not str or len(v) != 10:
        raise BadValue("phải là ngày dạng YYYY-MM-DD")
    try:
        return date.fromisoformat(v).isoformat()
    except ValueError as exc:
        raise BadValue("không phải ngày hợp lệ") from exc


def _datetime(v: Any) -> Any:
    if type(v) is not str:
        raise BadValue("phải là thời điểm dạng YYYY-MM-DD HH:MM:SS")
    try:
        parsed = datetime.fromisoformat(v)
    except ValueError as exc:
        raise BadValue("không phải thời điểm hợp lệ") from exc
    if parsed.tzinfo is not None:
        raise BadValue("thời điểm không được kèm múi giờ (lưu theo UTC)")
    return v if _DATETIME.fullmatch(v) else parsed.strftime("%Y-%m-%d %H:%M:%S.%f")


def _time(v: Any) -> Any:
    if type(v) is not str:
        raise BadValue("phải là giờ dạng HH:MM:SS")
    try:
        parsed = time.fromisoformat(v)
    except ValueError as exc:
        raise BadValue("không phải giờ hợp lệ") from exc
    if parsed.tzinfo is not None:
        raise BadValue("giờ không được kèm múi giờ")
    return v if _TIME.fullmatch(v) else parsed.strftime("%H:%M:%S.%f")


def _json(v: Any) -> Any:
    if type(v) is not str:
        raise BadValue("phải là văn bản JSON")
    try:
        return json.dumps(json.loads(v))  # the form SQLAlchemy stores, so equal values match
    except ValueError as exc:
        raise BadValue("không phải JSON hợp lệ") from exc


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "str": _str, "int": _int, "float": _float, "bool": _bool, "date": _date,
    "datetime": _datetime, "time": _time, "json": _json,
}


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
    checks: tuple[tuple[str, str, bool], ...] = ()  # (column, kind, nullable)
    convert: Callable[..., tuple] = field(default=lambda raw, slow: (), compare=False)
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
        values = self.convert(raw, self._value)
        # Every column was found: only keys beyond them and the two base keys can be extra.
        if len(raw) != len(values) + 2 or BASE_VERSION not in raw or BASE_ORIGIN not in raw:
            self._check_extra(raw)
        return values

    def _value(self, i: int, v: Any, raw: dict[str, Any]) -> Any:
        """One value the fast path did not take: checked and converted, or refused."""
        column, kind, nullable = self.checks[i]
        if v is _MISSING:
            raise self._bad(raw, column, "thiếu cột này")
        if v is None:
            if not nullable:
                raise self._bad(raw, column, "không được để trống")
            return None
        try:
            value = _CHECKS[kind](v)
        except BadValue as exc:
            raise self._bad(raw, column, f"{exc} (giá trị {str(v)[:40]!r})") from None
        if kind in ("date", "datetime") and len(_DAYS) < _DAYS_KEPT:
            _DAYS.add(value[:10])  # a valid day: the fast path takes it from now on
        return value

    def _check_extra(self, raw: dict[str, Any]) -> None:
        extra = set(raw) - set(self.columns) - {BASE_VERSION, BASE_ORIGIN}
        if extra:
            raise self._bad(raw, sorted(extra)[0], "cột không có trong cơ sở dữ liệu")

    def _bad(self, raw: dict[str, Any], column: str, why: str) -> ServiceError:
        rid = raw.get("id") if isinstance(raw.get("id"), str) else "?"
        return ServiceError(
            f"Gói có dữ liệu không hợp lệ: bảng «{self.name}», dòng {rid}, cột «{column}»: "
            f"{why}. Không nhập gì cả; hãy xuất lại gói ở máy gửi."
        )

    def data_of(self, row: tuple) -> dict[str, Any]:
        """The merge fields of a stored row (what SyncBase.data keeps)."""
        return {c: row[self.index(c)] for c in self.merge_fields}


def _converter(checks: tuple[tuple[str, str, bool], ...]) -> Callable[..., tuple]:
    """A function turning a package row into a stored tuple, one line per column.

    Tens of thousands of rows per package: the common values (NFC text, integers, finite
    floats, booleans, allowed nulls, days already found valid, datetimes and times exactly in
    their stored form) are taken inline; anything else goes through `slow(i, value, raw)`,
    which checks it fully or raises. Generated once per table at import time.
    """
    lines = ["def convert(raw, slow):", "    get = raw.get"]
    for i, (column, kind, nullable) in enumerate(checks):
        lines.append(f"    v{i} = get({column!r}, MISSING)")
        null = f"v{i} is None or " if nullable else ""
        if kind == "bool":
            lines += [f"    if v{i} is True: v{i} = 1",
                      f"    elif v{i} is False: v{i} = 0",
                      f"    elif not ({null}False): v{i} = slow({i}, v{i}, raw)"]
            continue
        fast = {"str": f"type(v{i}) is str and (v{i}.isascii() or NORMAL('NFC', v{i}))",
                "int": f"type(v{i}) is int",
                "float": f"type(v{i}) is float and FINITE(v{i})",
                "date": f"type(v{i}) is str and v{i} in DAYS",
                "datetime": f"type(v{i}) is str and v{i}[:10] in DAYS and CLOCK(v{i}, 10)",
                "time": f"type(v{i}) is str and CLOCK(' ' + v{i})",
                }.get(kind, "False")
        lines.append(f"    if not ({null}{fast}): v{i} = slow({i}, v{i}, raw)")
    names = ", ".join(f"v{i}" for i in range(len(checks)))
    lines.append(f"    return ({names},)")
    scope: dict[str, Any] = {"MISSING": _MISSING, "NORMAL": unicodedata.is_normalized,
                             "FINITE": math.isfinite, "DAYS": _DAYS, "CLOCK": _CLOCK.fullmatch}
    exec("\n".join(lines), scope)  # noqa: S102 - code built above from column names only
    return scope["convert"]


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
        checks=checks,
        convert=_converter(checks),
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
