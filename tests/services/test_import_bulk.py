"""Bulk import: the indexes of tables an import more than doubles are built once afterwards, and
the database comes out with exactly the indexes it had, whether the import succeeds or not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from greenzone_desktop.models.db import Database
from greenzone_desktop.services import import_apply, import_rows
from greenzone_desktop.services.bulk_writes import check_expressions
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.exports import export_report
from greenzone_desktop.services.import_apply import apply_import
from greenzone_desktop.services.import_rows import RELATION
from greenzone_desktop.services.import_sql import insert_rows
from greenzone_desktop.services.importing import plan_import
from tests.conftest import DEMO_TODAY, stale_members_keys
from tests.services.test_importing import digest, people


def indexes(db: Database) -> set[tuple[str, str, str]]:
    conn = sqlite3.connect(db.path)
    try:
        return set(conn.execute(
            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index'"))  # fmt: skip
    finally:
        conn.close()


@pytest.fixture
def rebuild_small(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Rebuild from 10 rows up (a test register is smaller than a ward); records the drops."""
    monkeypatch.setattr(import_apply, "_REBUILD_MIN", 10)
    dropped: list[str] = []
    original = import_apply._drop_indexes

    def spy(s, writer, adding):  # noqa: ANN001, ANN202
        original(s, writer, adding)
        dropped.extend(table for table, _ in writer.rebuild)

    monkeypatch.setattr(import_apply, "_drop_indexes", spy)
    return dropped


def test_a_rebuilt_import_comes_back_field_for_field_with_every_index(
    demo_db: Database, db: Database, tmp_path: Path, rebuild_small: list[str]
) -> None:
    sheet = tmp_path / "nhan_khau.xlsx"
    export_report(demo_db, "persons", sheet, today=DEMO_TODAY)
    before_indexes = indexes(db)
    apply_import(db, plan_import(db, sheet))
    assert {"persons", "households", "vaccinations", "audit_log"} <= set(rebuild_small)
    assert indexes(db) == before_indexes
    before, after = people(demo_db), people(db)
    assert after.keys() == before.keys()
    for key, record in before.items():
        assert after[key] == record, key
    assert stale_members_keys(db) == []
    conn = sqlite3.connect(db.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'households_fts'").fetchone():
            # the search index holds exactly the households' keys (raises if not)
            conn.execute("INSERT INTO households_fts (households_fts, rank) "
                         "VALUES ('integrity-check', 1)")  # fmt: skip
    finally:
        conn.close()


def test_a_cancel_after_the_indexes_were_dropped_leaves_them_and_the_data(
    demo_db: Database, db: Database, tmp_path: Path, rebuild_small: list[str]
) -> None:
    sheet = tmp_path / "nhan_khau.xlsx"
    export_report(demo_db, "persons", sheet, today=DEMO_TODAY)
    plan = plan_import(db, sheet)
    before, before_indexes = digest(db), indexes(db)
    calls: list[int] = []
    with pytest.raises(ServiceError, match="Đã dừng nhập"):
        apply_import(db, plan, progress=lambda done, total: calls.append(done),
                     cancelled=lambda: len(calls) > 1)  # fmt: skip
    assert rebuild_small  # the indexes had been dropped when the user stopped
    assert indexes(db) == before_indexes
    assert digest(db) == before


def test_a_row_breaking_a_check_stops_a_bulk_import_and_leaves_the_checks_on(
    demo_db: Database, db: Database, tmp_path: Path, rebuild_small: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A large import writes with CHECK constraints off and tests its new rows once after: a
    row that breaks one still stops everything, and the connection checks again afterwards."""
    sheet = tmp_path / "nhan_khau.xlsx"
    export_report(demo_db, "persons", sheet, today=DEMO_TODAY)
    plan = plan_import(db, sheet)
    before, before_indexes = digest(db), indexes(db)
    person = import_rows.RowWriter.person

    def broken(self, values, household_id, sheet_row):  # noqa: ANN001, ANN202
        row = person(self, values, household_id, sheet_row)
        if len(self.rows["persons"]) == 7:  # one row among many with a relation nobody knows
            self.rows["persons"][-1] = (*row[:RELATION], "khong_ro", *row[RELATION + 1:])
        return row

    monkeypatch.setattr(import_rows.RowWriter, "person", broken)
    with pytest.raises(ServiceError, match="không qua được kiểm tra dữ liệu của bảng «persons»"):
        apply_import(db, plan)
    assert digest(db) == before and indexes(db) == before_indexes
    with db.engine.connect() as conn:  # the pool hands back the import's connection
        assert conn.exec_driver_sql("PRAGMA ignore_check_constraints").scalar() == 0


def test_check_expressions_are_read_from_the_table_definition() -> None:
    ddl = ("CREATE TABLE t (a TEXT DEFAULT 'CHECK (x)', \"check\" INT, b INT CHECK(b > (1)),\n"
           "\t[c] TEXT, CONSTRAINT ck_c CHECK (c IN ('a)', 'it''s')), checked INT)")  # fmt: skip
    assert check_expressions(ddl) == ["b > (1)", "c IN ('a)', 'it''s')"]
    assert check_expressions("CREATE TABLE u (a INT)") == []


def test_rows_go_in_blocks_of_a_power_of_two_within_the_variable_limit() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a INT, b TEXT, c TEXT)")
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 30)  # ten rows fit: eight a statement
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    rows = [(i, f"b{i}", None) for i in range(23)]
    insert_rows(conn, "t", ("a", "b", "c"), rows)
    assert conn.execute("SELECT a, b, c FROM t ORDER BY rowid").fetchall() == rows
    sizes = [s.count("), (") + 1 for s in statements if s.startswith("INSERT")]
    assert sizes == [8, 8, 4, 2, 1]  # few shapes for the driver's statement cache
