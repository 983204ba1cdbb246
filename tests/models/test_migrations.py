"""Schema versions: an older database is upgraded in place, after a backup, keeping its data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from greenzone_desktop.models import Household, Person
from greenzone_desktop.models.migrations import SCHEMA_VERSION, SchemaError, open_database, upgrade
from greenzone_desktop.services.register import HouseholdInput, PersonInput, create_household

V1_DUMP = Path(__file__).resolve().parent.parent / "data" / "greenzone_schema_v1.sql"


def _v1_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(V1_DUMP.read_text(encoding="utf-8"))
    conn.close()


def _columns(path: Path, table: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def _rows(path: Path, table: str, columns: list[str] | None = None) -> list[tuple]:
    """Every row of `table` (only `columns`, to compare with a table that gained some)."""
    conn = sqlite3.connect(path)
    try:
        names = ", ".join(f'"{c}"' for c in columns) if columns else "*"
        return conn.execute(f"SELECT {names} FROM {table} ORDER BY id").fetchall()
    finally:
        conn.close()


def test_v1_database_upgrades_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _v1_database(path)
    tables = ("households", "persons", "vaccinations", "units")
    columns = {t: _columns(path, t) for t in tables}
    before = {t: _rows(path, t) for t in tables}
    assert len(before["persons"]) == 53

    db = open_database(path)
    try:
        tables = set(inspect(db.engine).get_table_names())
        assert {"handoff_log", "sync_base", "sync_conflicts"} <= tables
        assert db.get_local("schema_version") == str(SCHEMA_VERSION)
        for table, rows in before.items():
            assert _rows(path, table, columns[table]) == rows, table
        backups = list(tmp_path.glob("old.v1-*.bak"))
        assert len(backups) == 1
        assert len(_rows(backups[0], "persons")) == 53
        # the upgraded database works: a new household goes in next to the old ones
        create_household(db, HouseholdInput(address="Số 1"), [PersonInput("Lê Thị Hoa", "nu", "1990")])
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Person)) == 54
            assert s.scalar(select(func.count()).select_from(Household)) == 13
    finally:
        db.dispose()


def test_upgrade_twice_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _v1_database(path)
    open_database(path).dispose()
    db = open_database(path)
    try:
        result = upgrade(db)
        assert (result.from_version, result.backup) == (SCHEMA_VERSION, None)
    finally:
        db.dispose()
    assert len(list(tmp_path.glob("*.bak"))) == 1


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    db = open_database(path)
    db.set_local("schema_version", str(SCHEMA_VERSION + 5))
    db.dispose()
    with pytest.raises(SchemaError, match="phiên bản mới hơn"):
        open_database(path)


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(SchemaError, match="không phải cơ sở dữ liệu"):
        open_database(path)


def test_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "x.sqlite")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        db.dispose()


def test_v3_gives_households_their_members_keys_and_drops_the_deleted_indexes(
        tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _v1_database(path)
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    try:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "ix_households_search" in indexes
        assert not [i for i in indexes if i.endswith("_deleted")], indexes
        for hid, key in conn.execute("SELECT id, members_key FROM households"):
            members = sorted(r[0] for r in conn.execute(
                "SELECT search_key FROM persons WHERE household_id = ? AND deleted = 0", (hid,)))
            assert sorted(key.split(" | ")) == members if members else key == ""
        assert conn.execute("SELECT count(*) FROM households WHERE members_key <> ''"
                            ).fetchone()[0] == 12
    finally:
        conn.close()


def _triggers(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                 "AND name LIKE 'sync_base_keep_%'"))
    finally:
        conn.close()


def test_v5_rows_name_their_sender_and_every_synced_table_keeps_its_agreed_state(
        tmp_path: Path) -> None:
    from greenzone_desktop.models import SYNCED_MODELS
    from greenzone_desktop.models.handoff import base_trigger_sql

    old, fresh = tmp_path / "old.sqlite", tmp_path / "fresh.sqlite"
    _v1_database(old)
    open_database(old).dispose()
    open_database(fresh).dispose()
    expected = {f"sync_base_keep_{m.__tablename__}": base_trigger_sql(m.__table__)
                for m in SYNCED_MODELS}
    assert _triggers(old) == _triggers(fresh) == expected
    for model in SYNCED_MODELS:
        assert "received_from" in _columns(old, model.__tablename__)
    assert _rows(old, "persons", ["received_from"])[0] == (None,)  # made here: no sender
