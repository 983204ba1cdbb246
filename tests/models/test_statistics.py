"""The planner's statistics are gathered when missing or stale, and not again when fresh."""

from __future__ import annotations

import sqlite3

from greenzone_desktop.models import db as db_module
from greenzone_desktop.models.migrations import open_database


def _stat_rows(path) -> int:  # noqa: ANN001
    conn = sqlite3.connect(path)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return 0
        return conn.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'persons'").fetchone()[0]
    finally:
        conn.close()


def test_small_databases_are_left_alone(demo_db) -> None:  # noqa: ANN001
    assert not demo_db.refresh_statistics()
    assert _stat_rows(demo_db.path) == 0


def test_statistics_gathered_once_then_after_growth(demo_db, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(db_module, "STATISTICS_MIN_ROWS", 100)
    path = demo_db.path
    demo_db.dispose()
    reopened = open_database(path)  # opening analyses a database that has none
    assert _stat_rows(path) > 0
    assert not reopened.refresh_statistics()  # fresh: nothing to do
    with reopened.engine.begin() as conn:  # the register doubles (e.g. a ward import)
        conn.exec_driver_sql("CREATE TEMP TABLE p AS SELECT * FROM persons")
        conn.exec_driver_sql("UPDATE p SET id = id || '-2', cccd = NULL")
        conn.exec_driver_sql("INSERT INTO persons SELECT * FROM p")
    assert reopened.refresh_statistics()
    assert not reopened.refresh_statistics()
    assert reopened.refresh_statistics(force=True)
    reopened.dispose()
