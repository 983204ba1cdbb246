"""The headless contract: init, demo, stats, find, check; exit codes 0/1/2; failures change nothing."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from greenzone_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_init_demo_stats_find(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "v.sqlite")
    code, out, _ = run(capsys, "--db", db, "init", "--province", "Vĩnh Phúc",
                       "--commune", "Phường Hùng Vương", "--village", "Tổ dân phố Xuân Mai")
    assert code == 0 and "Tổ dân phố Xuân Mai" in out
    code, out, _ = run(capsys, "--db", db, "demo", "--households", "120", "--seed", "5")
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "stats", "--json")
    stats = json.loads(out)
    assert stats["households"] == 120
    assert 300 < stats["persons"] < 700
    assert sum(stats["by_residency"].values()) == stats["persons"]
    assert stats["commitments"]["households_signed"] + stats["commitments"]["households_unsigned"] == 120
    code, out, _ = run(capsys, "--db", db, "stats")
    assert code == 0 and "Hộ gia đình:" in out and "18+ tuổi:" in out
    current = stats["testing"]["current_round"]
    assert f"chưa xét nghiệm {current['untested']}" in out
    code, out, _ = run(capsys, "--db", db, "find", "nguyen van", "--json")
    hits = json.loads(out)
    assert code == 0 and hits
    assert all(h["full_name"].startswith("Nguyễn Văn") or "Nguyễn Văn" in h["full_name"] for h in hits)
    assert all(h["household_code"] for h in hits)
    code, out, _ = run(capsys, "--db", db, "check")
    assert code == 0


def test_demo_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outs = []
    for name in ("a", "b"):
        db = str(tmp_path / f"{name}.sqlite")
        run(capsys, "--db", db, "demo", "--households", "50", "--seed", "9")
        outs.append(run(capsys, "--db", db, "find", "thi", "--json")[1])
    assert json.loads(outs[0]) == json.loads(outs[1])


def test_bad_input_exit_1_and_nothing_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "v.sqlite"
    code, _, err = run(capsys, "--db", str(db), "init", "--province", " ", "--commune", "X")
    assert code == 1 and "Thiếu tên tỉnh" in err
    assert not db.exists()
    code, _, err = run(capsys, "--db", str(db), "stats")
    assert code == 1 and "Chưa có cơ sở dữ liệu" in err


def test_wrong_usage_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "x.sqlite"), "init", "--province", "A")
    assert code == 2 and "Sai cách dùng" in err
    code, _, err = run(capsys, "no-such-command")
    assert code == 2


def test_demo_refuses_a_unit_with_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "v.sqlite")
    run(capsys, "--db", db, "demo", "--households", "10")
    code, _, err = run(capsys, "--db", db, "demo", "--households", "10")
    assert code == 1 and "đã có 10 hộ" in err
    code, out, _ = run(capsys, "--db", db, "demo", "--households", "10", "--if-new")
    assert code == 0 and "không tạo thôn mẫu" in out
    assert json.loads(run(capsys, "--db", db, "stats", "--json")[1])["households"] == 10


def test_demo_if_new_leaves_a_real_empty_unit_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "v.sqlite")
    run(capsys, "--db", db, "init", "--province", "Hà Nội", "--commune", "Phường La Khê",
        "--village", "Tổ dân phố 5")
    assert run(capsys, "--db", db, "demo", "--if-new")[0] == 0
    assert json.loads(run(capsys, "--db", db, "stats", "--json")[1])["households"] == 0


def test_ward_database_spreads_demo_over_villages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "w.sqlite")
    code, out, _ = run(capsys, "--db", db, "init", "--province", "Bắc Ninh", "--commune", "Phường Võ Cường")
    assert code == 0 and "xã/phường" in out
    run(capsys, "--db", db, "demo", "--households", "2000")
    assert json.loads(run(capsys, "--db", db, "stats", "--json")[1])["households"] == 2000


def _with_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str = "v.sqlite"
                 ) -> tuple[Path, Path]:
    """A small demo database, and its backup made with `greenzone backup`."""
    db = tmp_path / name
    run(capsys, "--db", str(db), "demo", "--households", "5")
    bak = tmp_path / "bak.sqlite"
    assert run(capsys, "--db", str(db), "backup", "--out", str(bak))[0] == 0
    return db, bak


def test_backup_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, bak = _with_backup(tmp_path, capsys)
    db = str(path)
    assert run(capsys, "--db", db, "restore", str(bak))[0] == 0
    # the backup is one file, which reading it (to check it) leaves alone
    assert bak.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not write-ahead log
    assert sorted(p.name for p in tmp_path.glob("bak.sqlite*")) == ["bak.sqlite"]
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all")
    code, _, err = run(capsys, "--db", db, "restore", str(bad))
    assert code == 1 and "không phải bản sao lưu" in err


def test_restore_keeps_the_current_database_with_what_its_log_still_holds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After a crash the last transactions are in the write-ahead log only: the copy kept
    before restoring has them."""
    live, bak = _with_backup(tmp_path, capsys, "live.sqlite")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    conn = sqlite3.connect(live)
    try:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("INSERT INTO local_state (key, value) VALUES ('marker', 'sau sao lưu')")
        conn.commit()
        for suffix in ("", "-wal"):  # the disk as a crash leaves it: the commit in the log
            shutil.copy(f"{live}{suffix}", crashed / f"v.sqlite{suffix}")
    finally:
        conn.close()
    db = crashed / "v.sqlite"
    code, out, _ = run(capsys, "--db", str(db), "restore", str(bak))
    assert code == 0
    [keep] = crashed.glob("v-truockhiphuchoi-*.sqlite")
    assert str(keep) in out
    kept = sqlite3.connect(keep)
    try:
        assert kept.execute("SELECT value FROM local_state WHERE key = 'marker'").fetchone() == (
            "sau sao lưu",)
    finally:
        kept.close()
    restored = sqlite3.connect(db)
    try:
        assert restored.execute("SELECT count(*) FROM local_state WHERE key = 'marker'"
                                ).fetchone() == (0,)
    finally:
        restored.close()


def test_restore_refuses_a_database_the_app_has_open(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, bak = _with_backup(tmp_path, capsys)
    app = sqlite3.connect(db)  # the app's window, open on it
    try:
        app.execute("PRAGMA journal_mode = WAL")
        app.execute("INSERT INTO local_state (key, value) VALUES ('marker', 'vẫn mở')")
        app.commit()
        code, _, err = run(capsys, "--db", str(db), "restore", str(bak))
        assert code == 1 and "đang được mở ở nơi khác" in err and "Chưa thay đổi gì" in err
        assert app.execute("SELECT value FROM local_state WHERE key = 'marker'").fetchone() == (
            "vẫn mở",)
        assert not list(tmp_path.glob("v-truockhiphuchoi-*"))
    finally:
        app.close()
    assert run(capsys, "--db", str(db), "restore", str(bak))[0] == 0  # closed: it goes ahead


def test_restore_over_a_database_that_no_longer_opens_keeps_its_bytes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, bak = _with_backup(tmp_path, capsys)
    db.write_bytes(b"hong roi: not a database")
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    assert run(capsys, "--db", str(db), "restore", str(bak))[0] == 0
    [keep] = tmp_path.glob("v-truockhiphuchoi-*.sqlite")
    assert keep.read_bytes() == b"hong roi: not a database"
    assert json.loads(run(capsys, "--db", str(db), "stats", "--json")[1])["households"] == 5
