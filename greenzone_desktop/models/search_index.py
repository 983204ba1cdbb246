"""`households_fts`: a substring index over the households' search keys.

An FTS5 table with the trigram tokenizer over `households.search_key` and
`households.members_key` (external content: it stores no copy of the text, only the trigrams).
A phrase query finds the households whose key contains the phrase as a substring, in a few
milliseconds instead of a scan of every key: a phone or CCCD fragment, a household code, a rare
name. Whatever writes the households (the session, Excel import, USB merge, demo), two triggers
queue those whose keys changed or that went, and new ones follow the last rowid indexed; no
writer can forget it. `sync_search_index` brings it up to date in a few statements before a
search reads it, and after each flush and bulk write.

The index is derived and local (never in a package). Phrases shorter than three characters have
no trigram: those searches read the keys themselves (they match many households, and the
ordered scan stops after the first screenful). Where SQLite lacks FTS5 or its trigram tokenizer
the table is simply not created and every search reads the keys.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

log = logging.getLogger(__name__)

TABLE = "households_fts"
MIN_CHARS = 3  # a trigram index cannot answer shorter phrases

PENDING = f"{TABLE}_pending"
_INDEXED_ROWS = f"{TABLE}_docsize"  # FTS5's own table: one row per household in the index

_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "search_key, members_key, content='households', content_rowid='rowid', "
    "tokenize='trigram')",
    # Households whose keys changed or that went since the index was last brought up to date,
    # with the keys the index holds for them. New households need no entry: their rowids come
    # after the last one indexed.
    f"CREATE TABLE IF NOT EXISTS {PENDING} (rowid INTEGER PRIMARY KEY, "
    "search_key TEXT, members_key TEXT)",
)
# Why a queue and no trigger feeding the index itself: FTS5 writes a new segment of the index
# for every statement that touches it, so a bulk write cost 0.4-0.6 ms a household that way;
# the queue costs microseconds and `sync_search_index` moves it in a few statements.
# OR IGNORE: the first change since the last sync keeps the keys the index really holds. Rows
# after the last one indexed are not queued: the sync reads them all anyway.
_TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_update
AFTER UPDATE OF search_key, members_key ON households
WHEN (old.search_key IS NOT new.search_key OR old.members_key IS NOT new.members_key)
  AND old.rowid <= (SELECT max(id) FROM {_INDEXED_ROWS}) BEGIN
  INSERT OR IGNORE INTO {PENDING} (rowid, search_key, members_key)
  VALUES (old.rowid, old.search_key, old.members_key);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON households
WHEN old.rowid <= (SELECT max(id) FROM {_INDEXED_ROWS}) BEGIN
  INSERT OR IGNORE INTO {PENDING} (rowid, search_key, members_key)
  VALUES (old.rowid, old.search_key, old.members_key);
END""",
)
# Rows go in rowid order: FTS5 writes out what it holds whenever a rowid comes smaller than the
# last (in code order, 2 000 households took 0.6 s instead of 0.04 s). The `?` of the second
# statement: the last rowid indexed before the sync (LAST_INDEXED).
SYNC_STATEMENTS = (
    # External content: the index is told the text it holds when that text goes.
    f"INSERT INTO {TABLE} ({TABLE}, rowid, search_key, members_key) "
    f"SELECT 'delete', rowid, search_key, members_key FROM {PENDING} "
    f"WHERE rowid IN (SELECT id FROM {_INDEXED_ROWS}) ORDER BY rowid",
    f"INSERT INTO {TABLE} (rowid, search_key, members_key) "
    f"SELECT h.rowid, h.search_key, h.members_key FROM {PENDING} AS q "
    "CROSS JOIN households AS h ON h.rowid = q.rowid WHERE q.rowid <= ?1 "
    "UNION ALL SELECT rowid, search_key, members_key FROM households WHERE rowid > ?1 "
    "ORDER BY 1",
    f"DELETE FROM {PENDING}",
)
LAST_INDEXED = f"SELECT coalesce(max(id), 0) FROM {_INDEXED_ROWS}"
_BEHIND = (f"SELECT EXISTS (SELECT 1 FROM {PENDING}) "
           f"OR coalesce((SELECT max(rowid) FROM households), 0) > ({LAST_INDEXED})")


def create_search_index(conn: Connection) -> bool:
    """Create the index, its queue and triggers, and fill it from `households`; False (and
    nothing created) where this SQLite has no FTS5 trigram tokenizer."""
    try:
        conn.exec_driver_sql(_CREATE[0])
    except OperationalError as exc:  # no fts5 module, or no trigram tokenizer (< 3.34)
        log.warning("Không tạo được chỉ mục tìm kiếm hộ (%s): tìm kiếm đọc thẳng khoá.", exc)
        return False
    for statement in (*_CREATE[1:], *_TRIGGERS):
        conn.exec_driver_sql(statement)
    rebuild_search_index(conn)
    return True


def drop_search_index(conn: Connection) -> None:
    for suffix in ("update", "delete"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {TABLE}_{suffix}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {PENDING}")


def rebuild_search_index(conn: Connection) -> None:
    """Re-read every household's keys (after a repair; the queue keeps it otherwise)."""
    conn.exec_driver_sql(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('rebuild')")
    conn.exec_driver_sql(f"DELETE FROM {PENDING}")


def sync_search_index(conn: Connection) -> bool:
    """Bring the index up to date with the households written since the last time: a few
    statements whatever their number (searches call it first; flushes and bulk writers when
    done). False when this database has no index."""
    if not has_search_index(conn):
        return False
    if conn.exec_driver_sql(_BEHIND).scalar():
        last = conn.exec_driver_sql(LAST_INDEXED).scalar()
        for statement in SYNC_STATEMENTS:
            conn.exec_driver_sql(statement, (last,) if "?1" in statement else ())
    return True


def has_search_index(conn: Connection) -> bool:
    return conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
    ).first() is not None


def index_phrase(text: str) -> str | None:
    """The FTS5 query for a phrase, or None when the index cannot answer it (too short)."""
    if len(text) < MIN_CHARS:
        return None
    return '"' + text.replace('"', '""') + '"'


def index_words(words: list[str]) -> str | None:
    """Every word somewhere in the keys, or None if a word is too short for the index."""
    phrases = [index_phrase(w) for w in words]
    if not phrases or any(p is None for p in phrases):
        return None
    return " AND ".join(p for p in phrases if p)


def households_table_created(_table: Any, connection: Connection, **_kw: Any) -> None:
    """Metadata hook: a new database gets the index with the households table."""
    create_search_index(connection)


def households_table_dropping(_table: Any, connection: Connection, **_kw: Any) -> None:
    drop_search_index(connection)
