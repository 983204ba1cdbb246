"""The SQLite statements of a bulk import: rows in multi-row INSERTs, CHECK constraints tested
once over the new rows.

Used by `services.import_apply` inside its one transaction (a failure rolls everything back).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain

from greenzone_desktop.services.bulk_writes import check_expressions
from greenzone_desktop.services.errors import ServiceError

__all__ = ["checks_once", "insert_rows"]

_MAX_VARIABLES = 32766  # SQLite's default limit since 3.32 (999 before)
_MOST_ROWS = 256  # rows a statement: the gain is there; larger statements only cost memory


def insert_rows(raw: sqlite3.Connection, table: str, columns: Sequence[str],
                rows: Sequence[Sequence[object]]) -> None:  # fmt: skip
    """INSERT the rows, up to 256 in each statement.

    A statement is what SQLite works per: each executemany row is one, with its own statement
    journal, its CHECK value lists built anew, and the work of triggers per statement (an FTS5
    index fed by a trigger writes a segment per statement: 23 000 households took 3.5-4.5 s one
    by one, 1.2-1.4 s in blocks). Blocks have power-of-two sizes (256, then 128, 64 … for the
    rest), so the driver's statement cache holds a few shapes a table (about 4 KB a row of 28
    columns)."""
    width = len(columns)
    size = max(1, min(_MOST_ROWS, _variable_limit(raw) // width))
    size = 1 << (size.bit_length() - 1)
    start, total = 0, len(rows)
    while start < total:
        while size > total - start:
            size //= 2
        raw.execute(_statement(table, tuple(columns), size),
                    list(chain.from_iterable(rows[start : start + size])))  # fmt: skip
        start += size


@lru_cache(maxsize=64)
def _statement(table: str, columns: tuple[str, ...], rows: int) -> str:
    one = f"({', '.join('?' * len(columns))})"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([one] * rows)}"


def _variable_limit(raw: sqlite3.Connection) -> int:
    try:
        return min(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), _MAX_VARIABLES)
    except (AttributeError, sqlite3.Error):  # pragma: no cover - Python < 3.11
        return 999


@contextmanager
def checks_once(raw: sqlite3.Connection | None, tables: Iterable[str]) -> Iterator[None]:
    """The tables' CHECK constraints tested once over the new rows instead of row by row.

    SQLite evaluates every CHECK again for each statement, building the value lists
    of `x IN (…)` anew each time (for 80 000 people, a third of the time of writing them). For a
    large import the constraints are off while the rows go in, then one statement per table finds any
    new row that breaks one; such a row stops the import (the transaction rolls back). The
    connection's checks are back on whatever happens. Without a connection (a small import, or
    not SQLite) the constraints stay on."""
    if raw is None:
        yield
        return
    last = {t: raw.execute(f"SELECT ifnull(max(rowid), 0) FROM {t}").fetchone()[0] for t in tables}
    raw.execute("PRAGMA ignore_check_constraints = ON")
    try:
        yield
    finally:
        raw.execute("PRAGMA ignore_check_constraints = OFF")
    for table, after in last.items():
        ddl = raw.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                          (table,)).fetchone()[0]  # fmt: skip
        checks = check_expressions(ddl)
        if not checks:
            continue
        broken = " OR ".join(f"NOT ifnull(({check}), 1)" for check in checks)  # NULL passes
        if raw.execute(f"SELECT 1 FROM {table} WHERE rowid > ? AND ({broken}) LIMIT 1",
                       (after,)).fetchone() is not None:  # fmt: skip
            raise ServiceError(
                f"Không nhập được: có dòng không qua được kiểm tra dữ liệu của bảng «{table}»; "
                "cơ sở dữ liệu giữ nguyên như trước."
            )
