"""`households_fts`: a substring index over the households' search keys.

An FTS5 table with the trigram tokenizer over `households.search_key` and
`households.members_key` (external content: it stores no copy of the text, only the trigrams).
A phrase query finds the households whose key contains the phrase as a substring, in a few
milliseconds instead of a scan of every key: a phone or CCCD fragment, a household code, a rare
name. Three triggers keep it in step with `households` whatever writes the rows (the session,
Excel import, USB merge, demo), so no writer has to remember it.

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

_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "search_key, members_key, content='households', content_rowid='rowid', "
    "tokenize='trigram')"
)
# External content: the index is told the old text when a row changes or goes (a refresh that
# leaves the keys as they were costs nothing).
_TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON households BEGIN
  INSERT INTO {TABLE} (rowid, search_key, members_key)
  VALUES (new.rowid, new.search_key, new.members_key);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_update
AFTER UPDATE OF search_key, members_key ON households
WHEN old.search_key IS NOT new.search_key OR old.members_key IS NOT new.members_key BEGIN
  INSERT INTO {TABLE} ({TABLE}, rowid, search_key, members_key)
  VALUES ('delete', old.rowid, old.search_key, old.members_key);
  INSERT INTO {TABLE} (rowid, search_key, members_key)
  VALUES (new.rowid, new.search_key, new.members_key);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON households BEGIN
  INSERT INTO {TABLE} ({TABLE}, rowid, search_key, members_key)
  VALUES ('delete', old.rowid, old.search_key, old.members_key);
END""",
)


def create_search_index(conn: Connection) -> bool:
    """Create the index and its triggers and fill it from `households`; False (and nothing
    created) where this SQLite has no FTS5 trigram tokenizer."""
    try:
        conn.exec_driver_sql(_CREATE)
    except OperationalError as exc:  # no fts5 module, or no trigram tokenizer (< 3.34)
        log.warning("Không tạo được chỉ mục tìm kiếm hộ (%s): tìm kiếm đọc thẳng khoá.", exc)
        return False
    for statement in _TRIGGERS:
        conn.exec_driver_sql(statement)
    rebuild_search_index(conn)
    return True


def drop_search_index(conn: Connection) -> None:
    for suffix in ("insert", "update", "delete"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {TABLE}_{suffix}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def rebuild_search_index(conn: Connection) -> None:
    """Re-read every household's keys (after a repair; the triggers keep it otherwise)."""
    conn.exec_driver_sql(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('rebuild')")


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
