"""Bulk import: the indexes of tables an import more than doubles are built once afterwards, and
the database comes out with exactly the indexes it had, whether the import succeeds or not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from greenzone_desktop.models.db import Database
from greenzone_desktop.services import import_apply
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.exports import export_report
from greenzone_desktop.services.import_apply import apply_import
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
