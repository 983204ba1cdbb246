"""`greenzone handoff …`: export, import (dry run), conflicts and resolve, ward status and
report; exit codes 0/1/2 and Vietnamese messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from greenzone_desktop.models.migrations import open_database
from tests.services.handoff_helpers import digest, edit_person, some_person
from tests.services.test_cli_core import run


def test_village_to_ward_by_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    v, w = str(tmp_path / "v.sqlite"), str(tmp_path / "w.sqlite")
    secret = tmp_path / "mat-khau.txt"
    secret.write_text("Thôn và phường\n", encoding="utf-8")
    pw = ["--password-file", str(secret)]
    assert run(capsys, "--db", v, "init", "--province", "Vĩnh Phúc", "--commune",
               "Phường Hùng Vương", "--village", "Thôn Đông")[0] == 0
    assert run(capsys, "--db", v, "demo", "--households", "25", "--seed", "2")[0] == 0
    assert run(capsys, "--db", w, "init", "--province", "Vĩnh Phúc", "--commune",
               "Phường Hùng Vương")[0] == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    code, out, _ = run(capsys, "--db", v, "handoff", "export", "--out", str(usb), *pw, "--json")
    assert code == 0
    sent = json.loads(out)
    assert sent["verified"] and sent["sequence"] == 1 and sent["rows"]["households"] == 25
    package = sent["file"]
    assert Path(package).parent == usb and package.endswith(".gzx")

    code, _, err = run(capsys, "--db", w, "handoff", "import", package)
    assert code == 1 and "mật khẩu" in err
    wrong = tmp_path / "sai.txt"
    wrong.write_text("sai", encoding="utf-8")
    before = digest(open_database(Path(w)))
    code, _, err = run(capsys, "--db", w, "handoff", "import", package, "--password-file",
                       str(wrong))
    assert code == 1 and "Sai mật khẩu" in err
    code, out, _ = run(capsys, "--db", w, "handoff", "import", package, *pw, "--dry-run",
                       "--json")
    preview = json.loads(out)
    assert code == 0 and preview["dry_run"] and preview["tables"]["households"]["new"] == 25
    assert digest(open_database(Path(w))) == before
    code, out, _ = run(capsys, "--db", w, "handoff", "import", package, *pw)
    assert code == 0 and "Thôn mới được thêm" in out and "Hộ gia đình: 25 mới" in out
    code, out, _ = run(capsys, "--db", w, "handoff", "import", package, *pw)
    assert code == 0 and "đã được nhập trước đây" in out

    # Both sides edit the same person's phone: one conflict, decided from the command line.
    vdb, wdb = open_database(Path(v)), open_database(Path(w))
    pid = some_person(vdb)
    edit_person(vdb, pid, phone="0911111111")
    edit_person(wdb, pid, phone="0922222222")
    vdb.dispose()
    wdb.dispose()
    code, out, _ = run(capsys, "--db", v, "handoff", "export", "--out", str(usb / "p2.gzx"), *pw)
    assert code == 0 and "Đã xuất và kiểm tra lại gói số 2" in out
    code, out, _ = run(capsys, "--db", w, "handoff", "import", str(usb / "p2.gzx"), *pw)
    assert code == 0 and "1 xung đột" in out
    code, out, _ = run(capsys, "--db", w, "handoff", "conflicts", "--json")
    [conflict] = json.loads(out)
    assert [f["field"] for f in conflict["fields"]] == ["phone"]
    code, _, err = run(capsys, "--db", w, "handoff", "resolve", conflict["id"][:8])
    assert code == 1 and "còn thiếu" in err
    code, out, _ = run(capsys, "--db", w, "handoff", "resolve", conflict["id"][:8], "--field",
                       "phone=remote")
    assert code == 0
    assert "Không có xung đột" in run(capsys, "--db", w, "handoff", "conflicts")[1]

    code, out, _ = run(capsys, "--db", w, "handoff", "status")
    assert code == 0 and "Thôn Đông: gói số 2" in out
    # A pile of packages at once (one already in): one backup, each said.
    code, out, _ = run(capsys, "--db", w, "handoff", "import", package, str(usb / "p2.gzx"), *pw)
    assert code == 0 and out.count("đã được nhập trước đây") == 2
    code, out, _ = run(capsys, "--db", w, "handoff", "report", "--out",
                       str(tmp_path / "bao-cao.xlsx"))
    assert code == 0 and (tmp_path / "bao-cao.xlsx").exists()
    code, _, err = run(capsys, "--db", v, "handoff", "status")
    assert code == 1 and "xã/phường" in err


def test_handoff_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", str(tmp_path / "x.sqlite"), "handoff")[0] == 2
    assert run(capsys, "--db", str(tmp_path / "x.sqlite"), "handoff", "export")[0] == 2
    code, _, err = run(capsys, "--db", str(tmp_path / "none.sqlite"), "handoff", "import",
                       str(tmp_path / "p.gzx"))
    assert code == 1 and "Chưa có cơ sở dữ liệu" in err
