"""The households' trigram index (models/search_index.py): a search answered from it finds
exactly what reading the keys finds, and the triggers keep it in step with every writer."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from greenzone_desktop.models import Household, search_index
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.migrations import open_database
from greenzone_desktop.services import household_list as hl
from greenzone_desktop.services.household_list import HouseholdQuery
from greenzone_desktop.services.register import (
    HouseholdInput,
    PersonInput,
    create_household,
    delete_household,
    restore_household,
    update_household,
)
from tests.conftest import search_index_faults
from tests.models.test_migrations import _v1_database


def _by_keys(monkeypatch: pytest.MonkeyPatch, db: Database, text: str,
             limit: int | None) -> list[str]:
    """The same search with the index switched off (every key read)."""
    with monkeypatch.context() as m:
        m.setattr(hl, "_search", lambda _s, terms, screenful: hl._text_clause(terms))
        return hl.household_ids(db, HouseholdQuery(text=text), limit=limit)


def _used_index(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records, for each search clause built, whether the index answered it."""
    used: list[bool] = []
    real = hl._search

    def spy(s, terms, screenful):  # noqa: ANN001, ANN202
        clause = real(s, terms, screenful)
        used.append(search_index.TABLE in str(clause))
        return clause

    monkeypatch.setattr(hl, "_search", spy)
    return used


def _faults(db: Database) -> list[str]:
    conn = sqlite3.connect(db.path)
    try:
        return search_index_faults(conn)
    finally:
        conn.close()


def test_index_answers_exactly_what_the_keys_answer(demo_db: Database,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    conn = sqlite3.connect(demo_db.path)
    keys = [r[0] for r in conn.execute("SELECT search_key || ' | ' || members_key "
                                       "FROM households ORDER BY code")]
    conn.close()
    rng = random.Random(7)
    texts = ["tran thi", "khongcoaiten", 'a"b', "100%", "x_y", "to 1 an"]
    for key in rng.sample(keys, 60):  # fragments of names, CCCDs, phones, codes, addresses
        start = rng.randrange(len(key))
        texts.append(key[start:start + rng.randrange(3, 14)].strip())
    used = _used_index(monkeypatch)
    for text in texts:
        for limit in (None, 65):
            assert hl.household_ids(demo_db, HouseholdQuery(text=text), limit=limit) == \
                _by_keys(monkeypatch, demo_db, text, limit), (text, limit)
    assert sum(used) > len(texts)  # most of them came from the index


def test_short_words_and_many_matches_read_the_keys(demo_db: Database,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    used = _used_index(monkeypatch)
    assert hl.household_ids(demo_db, HouseholdQuery(text="an"), limit=65)  # 2 letters
    assert used == [False]
    used.clear()
    # more matches than a screenful is worth looking up: the ordered scan stops early
    monkeypatch.setattr(hl, "INDEX_MATCHES_MAX", 5)
    monkeypatch.setattr(hl, "_INDEX_COUNT", hl._INDEX_COUNT.replace("LIMIT 600", "LIMIT 5"))
    first = hl.household_ids(demo_db, HouseholdQuery(text="thi"), limit=65)
    every = hl.household_ids(demo_db, HouseholdQuery(text="thi"))
    assert used == [False, True]  # the screenful from the keys, every match from the index
    assert first == every[:65]
    used.clear()
    hl.household_ids(demo_db, HouseholdQuery(text="to 1 xy"), limit=65)  # "1": one letter
    assert used[-1] is False


def test_every_write_keeps_the_index_in_step(db: Database) -> None:
    search = lambda text: hl.household_ids(db, HouseholdQuery(text=text))  # noqa: E731
    hid = create_household(db, HouseholdInput(address="Số 7, Xóm Chùa"),
                           [PersonInput("Ngô Thị Mận", "nu", "1975", phone="0912345678")])
    assert search("xom chua") == [hid] and search("2345678") == [hid]
    update_household(db, hid, HouseholdInput(address="Số 9, Xóm Đình"))
    assert search("xom chua") == [] and search("xom dinh") == [hid]
    delete_household(db, hid)
    assert search("xom dinh") == []
    restore_household(db, hid)
    assert search("xom dinh") == [hid] and search("ngo thi man") == [hid]
    assert _faults(db) == []
    with db.engine.begin() as conn:  # a row removed for good leaves the index too
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.exec_driver_sql("DELETE FROM persons")
        conn.exec_driver_sql("DELETE FROM households")
    assert search("xom dinh") == [] and _faults(db) == []


def test_rows_written_around_the_session_are_indexed_before_a_search(demo_db: Database) -> None:
    conn = sqlite3.connect(demo_db.path)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(households)")]
    rows = conn.execute(f"SELECT {', '.join(cols)} FROM households LIMIT 40").fetchall()
    at = {c: i for i, c in enumerate(cols)}
    copies = []
    for n, row in enumerate(rows):  # new households, as a bulk writer inserts them
        row = list(row)
        row[at["id"]], row[at["code"]] = f"bulk-{n}", f"BK-{n:04d}"
        row[at["search_key"]] = f"bk-{n:04d} xom bai soi"
        copies.append(tuple(row))
    conn.executemany(f"INSERT INTO households ({', '.join(cols)}) "
                     f"VALUES ({', '.join('?' * len(cols))})", copies)
    conn.execute("UPDATE households SET search_key = 'bk-0000 xom ben do' WHERE id = 'bulk-0'")
    conn.execute("DELETE FROM households WHERE id = 'bulk-1'")
    old = [r[0] for r in conn.execute("SELECT id FROM households WHERE id NOT LIKE 'bulk-%' "
                                      "ORDER BY code LIMIT 2")]
    for n in range(3):  # households already indexed: queued once, with the keys indexed
        conn.execute("UPDATE households SET search_key = ? WHERE id IN (?, ?)",
                     (f"xom ben cu {n}", *old))
    conn.commit()
    queued = conn.execute(f"SELECT count(*) FROM {search_index.PENDING}").fetchone()[0]
    conn.close()
    assert queued == 2  # new households are not queued: they follow the last one indexed
    found = hl.household_ids(demo_db, HouseholdQuery(text="xom bai soi"))
    assert found == [f"bulk-{n}" for n in range(2, 40)]  # code order; bulk-1 is gone
    assert hl.household_ids(demo_db, HouseholdQuery(text="ben do")) == ["bulk-0"]
    assert hl.household_ids(demo_db, HouseholdQuery(text="xom ben cu 2")) == old
    assert _faults(demo_db) == []


def test_a_tampered_index_is_seen_and_rebuilt(db: Database) -> None:
    hid = create_household(db, HouseholdInput(address="Số 3, Ngõ Trạm"),
                           [PersonInput("Hà Văn Sơn", "nam", "1960")])
    with db.engine.begin() as conn:  # a write that went around the triggers
        conn.exec_driver_sql(f"DROP TRIGGER {search_index.TABLE}_update")
        conn.exec_driver_sql("UPDATE households SET search_key = 'zzz' WHERE id = ?", (hid,))
    assert _faults(db) == ["households_fts"]
    with db.engine.begin() as conn:
        search_index.drop_search_index(conn)
        assert not search_index.has_search_index(conn)
        assert search_index.create_search_index(conn)
    assert _faults(db) == []
    with db.session() as s:
        s.get(Household, hid).search_key = "ha van son ngo tram"
    assert hl.household_ids(db, HouseholdQuery(text="ngo tram")) == [hid]


def test_without_the_index_searches_read_the_keys(db: Database) -> None:
    hid = create_household(db, HouseholdInput(address="Số 5, Xóm Bến"),
                           [PersonInput("Lò Văn Páo", "nam", "1970")])
    with db.engine.begin() as conn:
        search_index.drop_search_index(conn)
    assert hl.household_ids(db, HouseholdQuery(text="xom ben"), limit=65) == [hid]
    assert hl.household_ids(db, HouseholdQuery(text="lo van pao")) == [hid]


def test_upgrade_to_v4_fills_the_index(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _v1_database(path)
    db = open_database(path)
    try:
        assert _faults(db) == []
        with db.session() as s:
            code = s.scalars(select(Household.code).where(Household.deleted.is_(False))).first()
        assert hl.household_ids(db, HouseholdQuery(text=code.lower()))
        conn = sqlite3.connect(path)
        assert conn.execute(f"SELECT count(*) FROM {search_index.TABLE}_docsize").fetchone()[0] == \
            conn.execute("SELECT count(*) FROM households").fetchone()[0]
        conn.close()
    finally:
        db.dispose()
