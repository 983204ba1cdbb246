"""Bulk writes into SQLite: indexes built once after, rules checked once per batch.

A table about to receive more rows than it holds is written faster without its secondary
indexes: building an index once over every row costs a fraction of updating it row by row
(random UUID keys touch a different page for nearly every row). The indexes are dropped and
created again inside the writer's transaction, with their exact stored definitions, so a failure
rolls the drop back with everything else.

The table's CHECK constraints and foreign keys can be checked the same way: once per batch, by
one query over the rows just written, instead of row by row while writing (SQLite rebuilds the
list of an `x IN (...)` check for every row an executemany inserts). `first_broken_row` finds a
written row that breaks a CHECK or names a missing parent, with the very expressions and
references the database declares.

Used by the USB handoff import; the Excel import (services/import_apply.py) keeps its own copy
of the index part for now and can switch to this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from functools import lru_cache
from typing import NamedTuple

import orjson

REBUILD_MIN = 2000  # rows a table must receive before rebuilding its indexes can pay


def worth_rebuilding(raw: sqlite3.Connection, table: str, adding: int, *,
                     minimum: int | None = None) -> bool:
    """Whether `adding` rows outnumber what `table` holds (and are at least `minimum`,
    REBUILD_MIN when not given)."""
    if adding < (REBUILD_MIN if minimum is None else minimum):
        return False
    held = raw.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    return bool(adding > held)


def drop_indexes(raw: sqlite3.Connection, table: str, *, keep_unique: bool = True,
                 keep: Collection[str] = ()) -> list[str]:
    """Drop the indexes made by CREATE INDEX on `table` (keeping the unique ones, so that the
    rows written meanwhile are still refused at once when they collide, and those named in
    `keep`); returns their CREATE statements for `create_indexes`. Call inside a transaction
    (`raw.in_transaction`)."""
    if not raw.in_transaction:
        raise RuntimeError("indexes are dropped only inside the writer's transaction")
    unique = {name for _, name, is_unique, origin, *_ in raw.execute(
        f'PRAGMA index_list("{table}")') if is_unique and origin == "c"}
    dropped: list[str] = []
    for name, sql in raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL ORDER BY name", (table,)).fetchall():
        if (keep_unique and name in unique) or name in keep:
            continue
        raw.execute(f'DROP INDEX "{name}"')
        dropped.append(sql)
    return dropped


def create_indexes(raw: sqlite3.Connection, statements: list[str]) -> None:
    """Create again indexes `drop_indexes` dropped (each over every row, in one sort)."""
    for sql in statements:
        raw.execute(sql)


def last_rowid(raw: sqlite3.Connection, table: str) -> int:
    """The table's highest rowid: rows inserted after this call have higher ones."""
    return int(raw.execute(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').fetchone()[0])


def check_expressions(create_sql: str) -> list[str]:
    """The expressions of every CHECK (...) in a CREATE TABLE statement, as written (quoted
    strings and names skipped, so a default 'CHECK (x)' or a column "check" is not one)."""
    found: list[str] = []
    i, size = 0, len(create_sql)
    while i < size:
        if create_sql[i] in "'\"`[":
            i = _after_quoted(create_sql, i)
            continue
        if create_sql[i:i + 5].upper() == "CHECK" and (i == 0 or not _word(create_sql[i - 1])) \
                and (i + 5 == size or not _word(create_sql[i + 5])):  # fmt: skip
            j = i + 5
            while j < size and create_sql[j].isspace():
                j += 1
            if j < size and create_sql[j] == "(":
                end = _closing(create_sql, j)
                found.append(create_sql[j + 1:end].strip())
                i = end + 1
                continue
        i += 1
    return found


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _after_quoted(text: str, start: int) -> int:
    """The index after a quoted string or name opening at `start` (a doubled quote inside
    reads as two strings side by side, which ends at the same place)."""
    close = "]" if text[start] == "[" else text[start]
    end = text.find(close, start + 1)
    return len(text) if end < 0 else end + 1


def _closing(text: str, start: int) -> int:
    """The index of the parenthesis closing the one at `start` (quotes skipped)."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch in "'\"`[":
            i = _after_quoted(text, i)
            continue
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return i
        i += 1
    raise ValueError("unbalanced CHECK expression")


class ForeignKey(NamedTuple):
    """A reference the table declares: its columns and the parent's (its primary key's when
    the declaration names none)."""

    parent: str
    columns: tuple[str, ...]
    parent_columns: tuple[str, ...]

    def missing_sql(self) -> str:
        """SQL true for a row `t` naming a parent row `p` that is not there."""
        present = " AND ".join(f't."{c}" IS NOT NULL' for c in self.columns)
        match = " AND ".join(f'p."{p}" = t."{c}"' for c, p in zip(
            self.columns, self.parent_columns, strict=True))
        return f'{present} AND NOT EXISTS (SELECT 1 FROM "{self.parent}" p WHERE {match})'


def foreign_keys(raw: sqlite3.Connection, table: str) -> list[ForeignKey]:
    keys: dict[int, tuple[str, list[str], list[str | None]]] = {}
    for fid, _seq, parent, child_col, parent_col, *_ in raw.execute(
            f'PRAGMA foreign_key_list("{table}")'):
        keys.setdefault(fid, (parent, [], []))
        keys[fid][1].append(child_col)
        keys[fid][2].append(parent_col)
    found = []
    for parent, children, parents in keys.values():
        if None in parents:  # the parent's primary key
            parents = [r[1] for r in sorted(
                (r for r in raw.execute(f'PRAGMA table_info("{parent}")') if r[5]),
                key=lambda r: r[5])]
        found.append(ForeignKey(parent, tuple(children), tuple(str(p) for p in parents)))
    return found


def _rules(raw: sqlite3.Connection, table: str, skip: Collection[ForeignKey]
           ) -> tuple[str, list[ForeignKey]]:
    """(the OR of the table's failing CHECKs, its references but those in `skip`)."""
    sql = raw.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                      (table,)).fetchone()[0]
    return _failing_checks(sql), [k for k in foreign_keys(raw, table) if k not in skip]


@lru_cache(maxsize=128)
def _failing_checks(create_sql: str) -> str:
    """SQL true for a row failing one of the table's CHECKs (a pile asks per package)."""
    # A CHECK fails only when its expression is false (NULL passes), as in SQLite itself.
    return " OR ".join(f"NOT coalesce(({e}), 1)" for e in check_expressions(create_sql))


def first_broken_row(raw: sqlite3.Connection, table: str, *, after_rowid: int,
                     updated: Collection[str] = (), key: str = "id",
                     checked: Collection[ForeignKey] = ()) -> tuple[str, str | None] | None:
    """A row written to `table` (inserted past `after_rowid`, or updated: their `key` values)
    that breaks one of its CHECK constraints, or whose parent row is missing: (its key, None
    for a CHECK or the parent table's name); None when every one of them is sound.
    `checked`: references the caller has checked itself."""
    broken, references = _rules(raw, table, checked)
    tests = ([broken] if broken else []) + [k.missing_sql() for k in references]
    if not tests:
        return None
    which = "(t.rowid > ?" + (f' OR t."{key}" IN (SELECT value FROM json_each(?))'
                             if updated else "") + ")"
    params: tuple = (after_rowid, orjson.dumps(list(updated)).decode()) if updated else (
        after_rowid,)
    # One pass over the rows written; what is wrong with the row found is asked afterwards.
    row = raw.execute(f'SELECT t."{key}" FROM "{table}" t WHERE {which} AND ('
                      + " OR ".join(f"({t})" for t in tests) + ") LIMIT 1", params).fetchone()
    if row is None:
        return None
    for k in references:
        if raw.execute(f'SELECT 1 FROM "{table}" t WHERE t."{key}" = ? AND {k.missing_sql()}',
                       (row[0],)).fetchone():
            return row[0], k.parent
    return row[0], None
