"""Rows stored exactly as a peer sent them are their own agreed state: a ward's first packages
write no copy of them, and the copy is made before the row first changes here."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from greenzone_desktop.models.db import Database
from greenzone_desktop.models.handoff import merge_columns
from greenzone_desktop.services.handoff_codec import SPEC_BY_NAME, SPECS
from tests.services.handoff_helpers import (
    edit_person,
    export,
    import_,
    person,
    some_person,
    synced_rows,
    ward,
)


def _query(db: Database, sql: str, *params: object) -> list[tuple]:
    db.engine.dispose()
    conn = sqlite3.connect(db.path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_the_agreed_state_is_written_in_the_order_the_merge_reads_it() -> None:
    for spec in SPECS:
        assert merge_columns(spec.model.__table__) == spec.merge_fields  # type: ignore[attr-defined]


def test_a_first_package_leaves_no_copy_and_nothing_goes_back(demo_db: Database,
                                                               tmp_path: Path) -> None:
    w = ward(tmp_path)
    first = import_(w, export(demo_db, tmp_path / "p1.gzx").path)
    vid = demo_db.home_unit_id
    assert vid and first.total("new") > 1000
    copies = _query(w, "SELECT table_name, count(*) FROM sync_base GROUP BY table_name")
    floats = {s.name for s in SPECS if "float" in s.kinds}
    assert {table for table, _ in copies} <= floats  # SQLite cannot keep their floats exactly
    senders = _query(w, "SELECT received_from, count(*) FROM persons GROUP BY 1")
    assert senders == [(vid, len(synced_rows(demo_db, {vid})["persons"]))]
    back = export(w, tmp_path / "back.gzx")
    assert back.counts.get("persons", 0) == 0 and back.counts.get("vaccinations", 0) == 0
    everything = export(w, tmp_path / "all.gzx", everything=True)
    assert everything.counts["persons"] == senders[0][1]
    assert import_(demo_db, everything.path).total("updated") == 0  # the same rows, agreed


def test_the_first_change_here_keeps_the_agreed_state_first(demo_db: Database,
                                                            tmp_path: Path) -> None:
    w = ward(tmp_path)
    import_(w, export(demo_db, tmp_path / "p1.gzx").path)
    pid = some_person(demo_db, 4)
    before = person(w, pid)
    edit_person(w, pid, occupation="Thợ hồ")
    edit_person(w, pid, workplace="Công trường")  # a second change keeps the first copy
    [(version, origin, data)] = _query(
        w, "SELECT version, origin, data FROM sync_base WHERE table_name = 'persons' "
        "AND row_id = ? AND peer_unit_id = ?", pid, demo_db.home_unit_id)
    spec = SPEC_BY_NAME["persons"]
    assert (version, origin) == (before["version"], before["origin"])
    assert dict(zip(spec.merge_fields, json.loads(data), strict=True))["occupation"] == (
        before["occupation"])
    # The village changes another field: both changes meet without a conflict.
    edit_person(demo_db, pid, phone="0977777777")
    result = import_(w, export(demo_db, tmp_path / "p2.gzx").path)
    assert result.total("conflicts") == 0
    merged = person(w, pid)
    assert (merged["occupation"], merged["workplace"], merged["phone"]) == (
        "Thợ hồ", "Công trường", "0977777777")
