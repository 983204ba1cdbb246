"""A pile of packages in one transaction: written in bulk (indexes built once, CHECK constraints
and references checked per package by query), all or nothing, the bad package named."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from greenzone_desktop.models import db as db_module
from greenzone_desktop.models.db import Database
from greenzone_desktop.services import bulk_writes
from greenzone_desktop.services.demo import generate_demo
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff import import_packages
from greenzone_desktop.services.handoff_pile import Pile
from tests.services.handoff_helpers import (
    PASSWORD,
    digest,
    export,
    import_,
    synced_rows,
    village,
    ward,
)


def _indexes(db: Database) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db.path)
    try:
        return conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                            "ORDER BY name").fetchall()
    finally:
        conn.close()


def _village_id(db: Database) -> str:
    assert db.home_unit_id
    return db.home_unit_id


def _second_village(tmp_path: Path) -> Database:
    db = village(tmp_path, "hai", "Thôn Hai")
    generate_demo(db, households=12, seed=9001)  # ids differ from the demo's
    return db


def _break(db: Database, sql: str) -> None:
    """Write what the app never would (checks and references off), then export it."""
    db.engine.dispose()
    conn = sqlite3.connect(db.path)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def _settings(db: Database) -> tuple[int, int]:
    with db.engine.connect() as conn:
        keys = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
        checks = conn.exec_driver_sql("PRAGMA ignore_check_constraints").scalar()
    return int(keys or 0), int(checks or 0)


def _refused_pile(w: Database, paths: list[Path], tmp_path: Path) -> str:
    """The message refusing the pile; the ward's rows are exactly as before."""
    before = digest(w)
    with pytest.raises(ServiceError) as refused:
        import_packages(w, paths, PASSWORD, backup_dir=tmp_path / "bk")
    assert digest(w) == before
    return str(refused.value)


def test_a_bulk_pile_comes_back_row_for_row_with_every_index(
        demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_writes, "REBUILD_MIN", 10)  # the 300-household demo goes in bulk
    dropped: list[str] = []
    drop = bulk_writes.drop_indexes

    def spy(raw: sqlite3.Connection, table: str, **kwargs: Any) -> list[str]:
        statements = drop(raw, table, **kwargs)
        dropped.extend(statements)
        return statements

    monkeypatch.setattr("greenzone_desktop.services.handoff_pile.drop_indexes", spy)
    other = _second_village(tmp_path)
    w = ward(tmp_path)
    before = _indexes(w)
    paths = [export(demo_db, tmp_path / "a.gzx").path, export(other, tmp_path / "b.gzx").path]
    results = import_packages(w, paths, PASSWORD, backup_dir=tmp_path / "bk")
    assert any("ix_persons_sort_key" in sql for sql in dropped)
    assert not any("UNIQUE" in sql for sql in dropped)  # unique ones refuse rows as they come
    # kept: each package's households get their members' key as the package goes in
    assert not any("ix_persons_household_id" in sql for sql in dropped)
    assert _indexes(w) == before
    assert [r.new_village for r in results] == [True, True]
    for source in (demo_db, other):
        vid = _village_id(source)
        assert synced_rows(w, {vid}) == synced_rows(source, {vid})
    assert _settings(w) == (1, 0)  # the pooled connection has its checks back
    with w.engine.connect() as conn:  # the members' search keys were refreshed in the pile
        empty = conn.exec_driver_sql("SELECT count(*) FROM households h WHERE members_key = '' "
                                     "AND EXISTS (SELECT 1 FROM persons p WHERE "
                                     "p.household_id = h.id AND p.deleted = 0)").scalar()
    assert empty == 0


def _persons_in_file(path: Path, folder: Path, *, with_log: bool) -> int:
    """People in a copy of the database as the disk holds it: the file, with or without its
    write-ahead log (as after a power cut, or a file copied alone)."""
    folder.mkdir()
    for suffix in ("", "-wal") if with_log else ("",):
        shutil.copy(f"{path}{suffix}", folder / f"copy.sqlite{suffix}")
    conn = sqlite3.connect(folder / "copy.sqlite")
    try:
        return int(conn.execute("SELECT count(*) FROM persons").fetchone()[0])
    finally:
        conn.close()


def test_a_bulk_pile_is_on_disk_when_done_and_its_log_goes_into_the_file_after(
        demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w = ward(tmp_path)
    w.checkpoint_in_background()  # the empty ward, all of it in its file
    w.wait_checkpoint()
    deferred: list[Path] = []
    # As if the app stopped right after "done", before the background copy.
    monkeypatch.setattr(db_module, "_checkpoint", deferred.append)
    monkeypatch.setattr(db_module, "STATISTICS_MIN_ROWS", 100)
    at_commit: list[int] = []
    finish = Pile.finish

    def spy(pile: Pile) -> None:  # the last step before the COMMIT
        finish(pile)
        at_commit.extend(pile.raw.execute(f"PRAGMA {p}").fetchone()[0]
                         for p in ("synchronous", "wal_autocheckpoint"))

    monkeypatch.setattr(Pile, "finish", spy)
    paths = [export(demo_db, tmp_path / "a.gzx").path,
             export(_second_village(tmp_path), tmp_path / "b.gzx").path]
    import_packages(w, paths, PASSWORD, backup_dir=tmp_path / "bk")
    w.wait_checkpoint()
    assert deferred == [w.path]
    assert at_commit == [2, 0]  # FULL: the log synced to disk at COMMIT; no checkpoint there
    with w.engine.connect() as conn:
        people = conn.exec_driver_sql("SELECT count(*) FROM persons").scalar()
        # the pooled connection commits as usual again: no forced sync, checkpoints at 1000 pages
        assert [conn.exec_driver_sql(f"PRAGMA {p}").scalar()
                for p in ("synchronous", "wal_autocheckpoint")] == [1, 1000]
    assert people and people > 300
    # Not checkpointed at COMMIT: the rows are in the log, which a reopened copy reads.
    assert _persons_in_file(w.path, tmp_path / "file", with_log=False) == 0
    assert _persons_in_file(w.path, tmp_path / "log", with_log=True) == people
    monkeypatch.undo()
    w.checkpoint_in_background()
    w.wait_checkpoint()
    assert Path(f"{w.path}-wal").stat().st_size == 0  # all of it in the file, the log cut
    assert _persons_in_file(w.path, tmp_path / "after", with_log=False) == people
    with w.engine.connect() as conn:  # statistics gathered inside the pile, before its COMMIT
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_stat1").scalar()


def test_a_log_a_pile_grew_shrinks_back_when_reused_though_a_reader_kept_it(
        demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    limit = 64 * 1024
    monkeypatch.setattr(db_module, "JOURNAL_SIZE_LIMIT", limit)
    w = ward(tmp_path)
    w.engine.dispose()  # its next connections take the limit
    reader = sqlite3.connect(w.path)  # e.g. a page of the app reading all along
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM units").fetchone()
    paths = [export(demo_db, tmp_path / "a.gzx").path,
             export(_second_village(tmp_path), tmp_path / "b.gzx").path]
    import_packages(w, paths, PASSWORD, backup_dir=tmp_path / "bk")
    w.wait_checkpoint()  # could neither copy what the reader may still need nor cut the log
    wal = Path(f"{w.path}-wal")
    assert wal.stat().st_size > 4 * limit
    reader.rollback()
    reader.close()
    for n in range(2):  # the first write checkpoints; the next one starts the log over
        w.set_local("after_pile", str(n))
    assert wal.stat().st_size <= limit


def test_a_row_breaking_a_check_refuses_the_pile_naming_the_package(
        demo_db: Database, tmp_path: Path) -> None:
    other = _second_village(tmp_path)
    _break(other, "UPDATE persons SET sex = 'x' WHERE rowid = (SELECT min(rowid) FROM persons)")
    w = ward(tmp_path)
    paths = [export(demo_db, tmp_path / "a.gzx").path, export(other, tmp_path / "b.gzx").path]
    text = _refused_pile(w, paths, tmp_path)
    assert text.startswith("Gói «b.gzx»") and "trái ràng buộc" in text and "Nhân khẩu" in text
    assert _settings(w) == (1, 0)


def _spy_checked(monkeypatch: pytest.MonkeyPatch) -> dict[str, set[str]]:
    """By table: the parents whose references the pile checked itself (by set, not SQL)."""
    checked: dict[str, set[str]] = {}
    real = bulk_writes.first_broken_row

    def spy(raw: sqlite3.Connection, table: str, **kwargs: Any) -> Any:
        checked.setdefault(table, set()).update(k.parent for k in kwargs.get("checked", ()))
        return real(raw, table, **kwargs)

    monkeypatch.setattr("greenzone_desktop.services.handoff_pile.first_broken_row", spy)
    return checked


@pytest.mark.parametrize("ward_holds_people", [False, True])  # ids known to the pile; or not
def test_a_missing_parent_refuses_the_pile_naming_the_package(
        demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        ward_holds_people: bool) -> None:
    w = ward(tmp_path)
    if ward_holds_people:
        third = village(tmp_path, "ba", "Thôn Ba")
        generate_demo(third, households=5, seed=9002)
        import_(w, export(third, tmp_path / "c.gzx").path)
    _break(demo_db, f"UPDATE vaccinations SET person_id = '{uuid.uuid4()}' "
                    "WHERE rowid = (SELECT max(rowid) FROM vaccinations)")
    other = _second_village(tmp_path)
    checked = _spy_checked(monkeypatch)
    paths = [export(other, tmp_path / "b.gzx").path, export(demo_db, tmp_path / "a.gzx").path]
    text = _refused_pile(w, paths, tmp_path)
    assert text.startswith("Gói «a.gzx»") and "thiếu dữ liệu liên quan" in text
    assert "«Nhân khẩu»" in text  # the parent missing: a person
    # the first package's vaccinations were checked; by set only when the pile knows every id
    assert ("persons" in checked["vaccinations"]) is not ward_holds_people
    assert "units" in checked["vaccinations"]


def test_a_household_whose_head_is_missing_is_refused_by_set_too(demo_db: Database, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A household whose head is missing (its parent comes later in the package) is refused."""
    _break(demo_db, f"UPDATE households SET head_id = '{uuid.uuid4()}' "
                    "WHERE rowid = (SELECT max(rowid) FROM households)")
    checked = _spy_checked(monkeypatch)
    w = ward(tmp_path)
    paths = [export(_second_village(tmp_path), tmp_path / "b.gzx").path,
             export(demo_db, tmp_path / "a.gzx").path]
    text = _refused_pile(w, paths, tmp_path)
    assert text.startswith("Gói «a.gzx»") and "«Hộ gia đình»" in text and "«Nhân khẩu»" in text
    assert {"persons", "units"} <= checked["households"]


@pytest.mark.parametrize("rebuild_min", [10, 10**9])  # in bulk; row by row, at COMMIT
def test_one_package_with_a_missing_parent_is_refused(
        demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rebuild_min: int
) -> None:
    monkeypatch.setattr(bulk_writes, "REBUILD_MIN", rebuild_min)
    _break(demo_db, f"UPDATE vaccinations SET person_id = '{uuid.uuid4()}' "
                    "WHERE rowid = (SELECT max(rowid) FROM vaccinations)")
    w = ward(tmp_path)
    path = export(demo_db, tmp_path / "a.gzx").path
    before = digest(w)
    with pytest.raises(ServiceError, match="thiếu dữ liệu liên quan"):
        import_(w, path)
    assert digest(w) == before
    assert _settings(w) == (1, 0)


def test_a_package_twice_in_one_pile_goes_in_once(demo_db: Database, tmp_path: Path) -> None:
    w = ward(tmp_path)
    path = export(demo_db, tmp_path / "a.gzx").path
    first, again = import_packages(w, [path, path], PASSWORD, backup_dir=tmp_path / "bk")
    assert first.total("new") > 0 and again.already_imported


def test_check_expressions_are_read_from_the_table_definition() -> None:
    sql = ("CREATE TABLE t (a TEXT CHECK (a IN ('x', 'y)')), \"check\" INT, b INT, "
           "CONSTRAINT ck CHECK (b BETWEEN 1 AND (2 + 3)))")
    assert bulk_writes.check_expressions(sql) == ["a IN ('x', 'y)')", "b BETWEEN 1 AND (2 + 3)"]


def test_a_package_with_another_password_is_refused_though_its_key_is_derived_ahead(
        demo_db: Database, tmp_path: Path) -> None:
    from greenzone_desktop.services.handoff import export_package

    other = _second_village(tmp_path)
    w = ward(tmp_path)
    first = export(demo_db, tmp_path / "a.gzx").path
    second = export_package(other, tmp_path / "b.gzx", "mật khẩu khác", scrypt_n=2**10).path
    before = digest(w)
    with pytest.raises(ValueError) as refused:
        import_packages(w, [first, second], PASSWORD, backup_dir=tmp_path / "bk")
    assert str(refused.value).startswith("Gói «b.gzx»: Sai mật khẩu")
    assert digest(w) == before


def test_a_bad_value_read_ahead_names_its_package_and_nothing_goes_in(
        demo_db: Database, tmp_path: Path) -> None:
    other = _second_village(tmp_path)
    _break(other, "UPDATE persons SET birth_date = '2021-02-31' "
                  "WHERE rowid = (SELECT min(rowid) FROM persons)")
    w = ward(tmp_path)
    paths = [export(demo_db, tmp_path / "a.gzx").path, export(other, tmp_path / "b.gzx").path]
    text = _refused_pile(w, paths, tmp_path)
    assert text.startswith("Gói «b.gzx»: Gói có dữ liệu không hợp lệ") and "birth_date" in text


def test_packages_are_read_one_ahead_on_a_second_thread(
        demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from greenzone_desktop.services import handoff_pile, handoff_read

    monkeypatch.setattr(handoff_read, "PROCESS_FROM", 99)  # a pile this size: the thread
    events: list[tuple[str, str, bool]] = []
    read_file, apply = handoff_read.read_file, handoff_pile.Pile.apply

    def reading(path: Path, password: str | None) -> handoff_read.FileRead:
        events.append(("read", Path(path).name, threading.current_thread() is threading.main_thread()))
        return read_file(path, password)

    def applying(self: handoff_pile.Pile, incoming: handoff_pile.Incoming, *args: object):  # noqa: ANN202
        events.append(("apply", incoming.path.name, True))
        return apply(self, incoming, *args)

    monkeypatch.setattr(handoff_read, "read_file", reading)
    monkeypatch.setattr(handoff_pile.Pile, "apply", applying)
    third = village(tmp_path, "ba", "Thôn Ba")
    generate_demo(third, households=8, seed=9002)
    paths = [export(demo_db, tmp_path / "a.gzx").path,
             export(_second_village(tmp_path), tmp_path / "b.gzx").path,
             export(third, tmp_path / "c.gzx").path]
    results = import_packages(w := ward(tmp_path), paths, PASSWORD, backup_dir=tmp_path / "bk")
    assert [r.new_village for r in results] == [True, True, True]
    reads = [e for e in events if e[0] == "read"]
    assert [name for _, name, _ in reads] == ["a.gzx", "b.gzx", "c.gzx"]
    assert not any(on_main for _, _, on_main in reads)
    # c.gzx is begun only once a.gzx is merged: never more than one package ahead in memory
    assert events.index(("read", "c.gzx", False)) > events.index(("apply", "a.gzx", True))
    for source in (demo_db, third):
        vid = _village_id(source)
        assert synced_rows(w, {vid}) == synced_rows(source, {vid})


def test_a_pile_previewed_says_what_each_package_would_do_after_the_ones_before(
        demo_db: Database, tmp_path: Path) -> None:
    from tests.services.handoff_helpers import edit_person, some_person

    first = export(demo_db, tmp_path / "p1.gzx").path
    edit_person(demo_db, some_person(demo_db, 5), occupation="Thợ điện")
    second = export(demo_db, tmp_path / "p2.gzx").path
    w = ward(tmp_path)
    before = digest(w)
    preview = import_packages(w, [first, second], PASSWORD, dry_run=True)
    assert [r.dry_run for r in preview] == [True, True] and digest(w) == before
    assert preview[0].new_village and preview[1].total("updated") == 1
    assert preview[1].total("new") == 0  # the first package's rows are there by then
    done = import_packages(w, [first, second], PASSWORD, backup_dir=tmp_path / "bk")
    assert [r.tables for r in done] == [r.tables for r in preview]
