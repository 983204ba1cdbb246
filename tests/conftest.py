"""Shared fixtures: a fresh village database, a small demo village, a synchronous UI context."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GREENZONE_DB", os.devnull + ".never-used")  # tests always pass a path

from greenzone_desktop.models.db import Database  # noqa: E402
from greenzone_desktop.models.migrations import open_database  # noqa: E402
from greenzone_desktop.services.demo import generate_demo  # noqa: E402
from greenzone_desktop.services.units import init_units  # noqa: E402

DEMO_TODAY = date(2021, 9, 15)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """An empty village database."""
    database = open_database(tmp_path / "village.sqlite", actor="kiểm thử")
    init_units(database, province="Vĩnh Phúc", commune="Phường Hùng Vương",
               village="Tổ dân phố Xuân Mai")
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(path, actor="kiểm thử")
    generate_demo(database, households=300, seed=7)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture
def demo_db(_demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A 300-household demo village (a fresh copy for each test)."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(_demo_template, path)
    database = open_database(path, actor="kiểm thử")
    yield database
    database.dispose()


@pytest.fixture
def ctx(qtbot, demo_db: Database):  # noqa: ANN001, ANN201
    """An AppContext whose database jobs run synchronously (no threads in tests)."""
    from greenzone_desktop.ui.context import AppContext
    from greenzone_desktop.ui.tasks import TaskRunner

    return AppContext(demo_db, TaskRunner(synchronous=True))


def stale_members_keys(db: Database) -> list[str]:
    """Households whose `members_key` is not their live members' search keys (should be none);
    "households_fts" among them when the trigram index disagrees with the households' keys."""
    conn = sqlite3.connect(db.path)
    try:
        members: dict[str, list[str]] = {}
        for hid, key in conn.execute("SELECT household_id, search_key FROM persons "
                                     "WHERE deleted = 0"):
            members.setdefault(hid, []).append(key)
        stale = [hid for hid, stored in conn.execute("SELECT id, members_key FROM households")
                 if sorted(stored.split(" | ") if stored else []) != sorted(members.get(hid, []))]
        return stale + search_index_faults(conn)
    finally:
        conn.close()


def search_index_faults(conn: sqlite3.Connection) -> list[str]:
    """["households_fts"] when the trigram index, with what its queue holds, is missing or out
    of step with `households` (FTS5 checks every row against the table), else []."""
    from greenzone_desktop.models.search_index import LAST_INDEXED, SYNC_STATEMENTS

    try:
        last = conn.execute(LAST_INDEXED).fetchone()[0]  # what was written since: indexed
        for statement in SYNC_STATEMENTS:
            conn.execute(statement, (last,) if "?1" in statement else ())
        conn.commit()
        conn.execute("INSERT INTO households_fts (households_fts, rank) "
                     "VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return ["households_fts"]
    return []
