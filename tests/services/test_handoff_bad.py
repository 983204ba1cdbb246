"""Every bad package is refused with a Vietnamese message and the database byte-for-byte
unchanged (a digest of every row of every table)."""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from greenzone_desktop.exchange.package import read_package, write_package
from greenzone_desktop.exchange.package_archive import payload_digest
from greenzone_desktop.exchange.package_crypto import seal_bytes
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.handoff_units import unit_chain
from tests.services.handoff_helpers import (
    FAST_N,
    PASSWORD,
    digest,
    export,
    import_,
    village,
    ward,
)


def _inner(members: list[tuple[str, bytes]], manifest: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
        archive.writestr("manifest.json", json.dumps(manifest))
    return buffer.getvalue()


def _crafted(path: Path, source: Database, tables: dict[str, bytes],
             extra: list[tuple[str, bytes]]) -> Path:
    entries = {name: {"rows": data.count(b"\n"), "bytes": len(data),
                      "sha256": hashlib.sha256(data).hexdigest()}
               for name, data in tables.items()}
    manifest = {"source_unit": unit_chain(source), "sequence": 1, "since": None,
                "schema_version": 2, "package_id": str(uuid.uuid4()), "app_version": "0.1.0",
                "created_at": "2021-09-01T08:00:00+00:00", "format_version": 1,
                "tables": entries, "payload_sha256": payload_digest(entries)}
    members = [(f"tables/{name}.jsonl", data) for name, data in tables.items()] + extra
    path.write_bytes(seal_bytes(_inner(members, manifest), PASSWORD, scrypt_n=FAST_N))
    return path


def _flip(path: Path) -> Path:
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    out = path.with_name("flipped.gzx")
    out.write_bytes(bytes(raw))
    return out


def _truncate(path: Path) -> Path:
    out = path.with_name("cut.gzx")
    out.write_bytes(path.read_bytes()[:-1000])
    return out


def _empty(path: Path) -> Path:
    out = path.with_name("empty.gzx")
    out.write_bytes(b"")
    return out


def _newer_format(path: Path) -> Path:
    raw = bytearray(path.read_bytes())
    raw[4] = 9  # the format version byte
    out = path.with_name("newer.gzx")
    out.write_bytes(bytes(raw))
    return out


def _newer_schema(path: Path, source: Database) -> Path:
    manifest = {"source_unit": unit_chain(source), "sequence": 1, "since": None,
                "schema_version": 99}
    out = path.with_name("newer-schema.gzx")
    write_package(out, manifest, {"persons": []}, PASSWORD, scrypt_n=FAST_N)
    return out


def _other_ward(path: Path, tmp_path: Path) -> Path:
    stranger = village(tmp_path, "stranger", "Thôn Đoài", commune="Xã Tiền Châu")
    return export(stranger, path.with_name("stranger.gzx")).path


def _climbing(path: Path, source: Database) -> Path:
    return _crafted(path.with_name("climb.gzx"), source, {"persons": b""},
                    [("../../evil.jsonl", b"owned\n")])


def _bomb(path: Path, source: Database) -> Path:
    return _crafted(path.with_name("bomb.gzx"), source, {"persons": b"\n" * (16 * 1024 * 1024)},
                    [])


def _row_of_another_unit(path: Path, source: Database) -> Path:
    """The package as sent, but one person placed in a unit that is not the sender's."""
    tables = read_package(path, PASSWORD).tables
    tables["persons"][0]["unit_id"] = str(uuid.uuid4())
    lines = {name: b"".join(orjson.dumps(row) + b"\n" for row in rows)
             for name, rows in tables.items() if rows}
    return _crafted(path.with_name("foreign.gzx"), source, lines, [])


CASES: dict[str, tuple[Callable[..., Path], str, str]] = {
    # name: (make the bad file, password to use, start of the message)
    "wrong_password": (lambda p, *_: p, "sai mật khẩu", "Sai mật khẩu"),
    "one_byte_changed": (lambda p, *_: _flip(p), PASSWORD, "Tệp đã bị sửa đổi hoặc hỏng"),
    "truncated": (lambda p, *_: _truncate(p), PASSWORD, "Tệp bị cắt cụt"),
    "empty": (lambda p, *_: _empty(p), PASSWORD, "Tệp rỗng"),
    "newer_format": (lambda p, *_: _newer_format(p), PASSWORD, "Gói được tạo bởi phiên bản mới"),
    "newer_schema": (lambda p, src, _t: _newer_schema(p, src), PASSWORD,
                     "Gói được tạo bởi phiên bản mới"),
    "not_in_this_ward": (lambda p, _s, t: _other_ward(p, t), PASSWORD, "«Thôn Đoài» thuộc"),
    "climbing_paths": (lambda p, src, _t: _climbing(p, src), PASSWORD,
                       "Gói chứa đường dẫn không an toàn"),
    "decompression_bomb": (lambda p, src, _t: _bomb(p, src), PASSWORD,
                           "Gói có dữ liệu nén bất thường"),
    "row_of_another_unit": (lambda p, src, _t: _row_of_another_unit(p, src), PASSWORD,
                            "Gói có dữ liệu của đơn vị khác ngoài"),
}


@pytest.fixture
def ward_with_data(demo_db: Database, tmp_path: Path) -> tuple[Database, Database, Path]:
    """A ward that already holds the demo village, and a fresh package from that village."""
    w = ward(tmp_path)
    import_(w, export(demo_db, tmp_path / "p1.gzx").path)
    from tests.services.handoff_helpers import edit_person, some_person

    edit_person(demo_db, some_person(demo_db), phone="0933333333")
    return w, demo_db, export(demo_db, tmp_path / "p2.gzx").path


@pytest.mark.parametrize("case", list(CASES))
def test_bad_package_is_refused_and_nothing_changes(
    case: str, ward_with_data: tuple[Database, Database, Path], tmp_path: Path
) -> None:
    w, source, good = ward_with_data
    make, password, message = CASES[case]
    bad = make(good, source, tmp_path)
    before = digest(w)
    with pytest.raises(ValueError) as refused:
        import_(w, bad, password=password)
    assert str(refused.value).startswith(message) or message in str(refused.value)
    assert digest(w) == before
    with pytest.raises(ValueError):
        import_(w, bad, password=password, dry_run=True)
    assert digest(w) == before
    # The good package still goes in afterwards.
    assert import_(w, good).total("updated") == 1


def test_a_package_sent_by_this_very_pc_is_refused(demo_db: Database, tmp_path: Path) -> None:
    path = export(demo_db, tmp_path / "own.gzx").path
    before = digest(demo_db)
    with pytest.raises(ValueError, match="do chính"):
        import_(demo_db, path)
    assert digest(demo_db) == before


def test_a_reinstalled_village_with_the_same_name_is_refused(demo_db: Database, tmp_path: Path
                                                             ) -> None:
    w = ward(tmp_path)
    import_(w, export(demo_db, tmp_path / "p1.gzx").path)
    again = village(tmp_path, "again", "Tổ dân phố Xuân Mai")
    before = digest(w)
    with pytest.raises(ValueError, match="cơ sở dữ liệu khác"):
        import_(w, export(again, tmp_path / "again.gzx").path)
    assert digest(w) == before


@pytest.mark.parametrize(("name", "why"), [
    ("Thôn Hai", "gửi cho «Tổ dân phố Xuân Mai», không phải cho Thôn Hai"),
    ("Tổ dân phố Xuân Mai", "gửi cho «Tổ dân phố Xuân Mai» của một cơ sở dữ liệu khác"),
])
def test_a_ward_package_for_another_village_database_is_refused_saying_which(
        demo_db: Database, tmp_path: Path, name: str, why: str) -> None:
    """Sent to the demo village: refused by another village, and by a village database of the
    same name made on another PC (the message then says the names agree, the databases not)."""
    w = ward(tmp_path)
    import_(w, export(demo_db, tmp_path / "p1.gzx").path)
    back = export(w, tmp_path / "back.gzx", to_unit_id=demo_db.home_unit_id).path
    other = village(tmp_path, "other", name)
    before = digest(other)
    with pytest.raises(ValueError) as refused:
        import_(other, back)
    assert why in str(refused.value) and "không nhập" in str(refused.value)
    assert digest(other) == before


def test_a_pile_with_a_bad_package_goes_in_not_at_all_and_says_which(
        demo_db: Database, tmp_path: Path) -> None:
    from greenzone_desktop.services.handoff import import_packages

    w = ward(tmp_path)
    good = export(demo_db, tmp_path / "p1.gzx").path
    bad = _flip(good)
    before = digest(w)
    with pytest.raises(ValueError) as refused:
        import_packages(w, [good, bad], PASSWORD, backup_dir=tmp_path / "bk")
    text = str(refused.value)
    assert text.startswith("Gói «flipped.gzx»") and "Không gói nào trong 2 gói" in text
    assert digest(w) == before  # the good package before it did not stay either
    assert len(list((tmp_path / "bk").glob("*.sqlite"))) == 1
    assert import_packages(w, [good], PASSWORD, backup_dir=tmp_path / "bk")[0].total("new")
