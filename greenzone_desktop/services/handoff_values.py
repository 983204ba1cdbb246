"""Values of package rows: each checked against its column and brought back to exactly its
stored form (what SQLite holds: dates 'YYYY-MM-DD', datetimes 'YYYY-MM-DD HH:MM:SS.ffffff',
times 'HH:MM:SS.ffffff', JSON columns as their JSON text, booleans 0/1), so equal values
compare equal and nothing odd reaches the database.

Plain Python without the database layer: a pile's reading process imports only this, the
package reader and the errors (a tenth of a second instead of over a second for SQLAlchemy and
the models), so it is ready before the merge needs it.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

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


def _moment(kind: type[datetime] | type[time], stored: re.Pattern[str], form: str,
            what: str, shape: str, zone: str) -> Callable[[Any], Any]:
    """The check of a datetime or time column: any ISO form read, the stored form returned."""
    def check(v: Any) -> Any:
        if type(v) is not str:
            raise BadValue(f"phải là {what} dạng {shape}")
        try:
            parsed = kind.fromisoformat(v)
        except ValueError as exc:
            raise BadValue(f"không phải {what} hợp lệ") from exc
        if parsed.tzinfo is not None:
            raise BadValue(zone)
        return v if stored.fullmatch(v) else parsed.strftime(form)
    return check


_datetime = _moment(datetime, _DATETIME, "%Y-%m-%d %H:%M:%S.%f", "thời điểm",
                    "YYYY-MM-DD HH:MM:SS", "thời điểm không được kèm múi giờ (lưu theo UTC)")
_time = _moment(time, _TIME, "%H:%M:%S.%f", "giờ", "HH:MM:SS", "giờ không được kèm múi giờ")


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


@lru_cache(maxsize=64)  # the reading process gets the readers with every package
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


class RowReader:
    """How one table's package rows are read: its columns in order and how each is checked
    ((column, kind, nullable)); crosses to the reading process as those three, and builds its
    converter there."""

    def __init__(self, name: str, label: str, columns: tuple[str, ...],
                 checks: tuple[tuple[str, str, bool], ...]):
        self.name = name
        self.label = label  # the table's Vietnamese name, for messages
        self.columns = columns
        self.checks = checks
        self.convert = _converter(checks) if checks else (lambda raw, slow: ())

    def __reduce__(self) -> tuple[Any, ...]:
        return (RowReader, (self.name, self.label, self.columns, self.checks))

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
            raise self.bad(raw, column, "thiếu cột này")
        if v is None:
            if not nullable:
                raise self.bad(raw, column, "không được để trống")
            return None
        try:
            value = _CHECKS[kind](v)
        except BadValue as exc:
            raise self.bad(raw, column, f"{exc} (giá trị {str(v)[:40]!r})") from None
        if kind in ("date", "datetime") and len(_DAYS) < _DAYS_KEPT:
            _DAYS.add(value[:10])  # a valid day: the fast path takes it from now on
        return value

    def _check_extra(self, raw: dict[str, Any]) -> None:
        extra = set(raw) - set(self.columns) - {BASE_VERSION, BASE_ORIGIN}
        if extra:
            raise self.bad(raw, sorted(extra)[0], "cột không có trong cơ sở dữ liệu")

    def bad(self, raw: dict[str, Any], column: str, why: str) -> ServiceError:
        rid = raw.get("id") if isinstance(raw.get("id"), str) else "?"
        return ServiceError(
            f"Gói có dữ liệu không hợp lệ: bảng «{self.name}», dòng {rid}, cột «{column}»: "
            f"{why}. Không nhập gì cả; hãy xuất lại gói ở máy gửi."
        )
