"""The .gzx handoff container: round trips, every kind of bad package, atomic writing."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import time
import unicodedata
import uuid
import warnings
import zipfile
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenzone_desktop.exchange import package
from greenzone_desktop.exchange.package import (
    EncodedRows,
    Limits,
    PackageError,
    inspect_header,
    read_manifest,
    read_package,
    write_package,
)
from greenzone_desktop.exchange.package_archive import payload_digest
from greenzone_desktop.exchange.package_crypto import seal_bytes


class Residency(StrEnum):
    PERMANENT = "permanent"


FAST_N = 2**10  # the real default is 2**15; the format stores n, so tests can be quick
PASSWORD = "Thôn Đông & phường Tây 2021"
UNIT_ID = "5f0b6a4e-3c1d-4f7e-9a2b-8c6d5e4f3a21"
HOUSEHOLD_ID = "0d7c1c52-8f0e-4c3a-b1f2-6a5e4d3c2b10"


def _manifest(**extra: Any) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "source_unit": {
            "id": UNIT_ID,
            "name": "Thôn Đông",
            "level": "village",
            "parents": [{"id": "c1", "name": "Phường Tây", "level": "ward"}],
        },
        "sequence": 7,
        "since": {"acknowledged_sequence": 6},
        "schema_version": 1,
    }
    manifest.update(extra)
    return manifest


def _tables() -> dict[str, list[dict[str, Any]]]:
    household = {"id": HOUSEHOLD_ID, "unit_id": UNIT_ID, "code": "H001", "version": 4,
                 "address": "Số 3, ngõ 5, thôn Đông", "deleted": False, "note": None}  # fmt: skip
    persons = [
        {"id": str(uuid.UUID(int=i + 1)), "household_id": HOUSEHOLD_ID, "full_name": name,
         "cccd": "001203004567", "birth_date": "1990-02-28", "weight": 61.5, "version": i + 1,
         "residency": Residency.PERMANENT, "deleted": i == 2}
        for i, name in enumerate(["Nguyễn Văn Ân", "Trần Thị Hương", "Đỗ Ngọc Ánh"])
    ]  # fmt: skip
    return {"households": [household], "persons": persons, "vaccinations": []}


def _write(path: Path, password: str | None = PASSWORD, **kwargs: Any) -> Any:
    tables = kwargs.pop("tables", None) or _tables()
    manifest = kwargs.pop("manifest", None) or _manifest()
    return write_package(path, manifest, tables, password, scrypt_n=FAST_N, **kwargs)


def _raises(code: str, path: Path, password: str | None = PASSWORD, **kwargs: Any) -> PackageError:
    with pytest.raises(PackageError) as caught:
        read_package(path, password, **kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


def _code(function: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(PackageError) as caught:
        function(*args, **kwargs)
    return caught.value.code


# --- building bad packages by hand, sealed with the real key derivation --------------------


def _member(name: str, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> tuple[Any, bytes]:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = method
    return info, data


def _good_manifest(tables: dict[str, bytes], **extra: Any) -> dict[str, Any]:
    entries = {
        name: {"rows": data.count(b"\n"), "bytes": len(data), "sha256": _sha(data)}
        for name, data in tables.items()
    }
    fields = {"package_id": str(uuid.uuid4()), "app_version": "0.1.0", "format_version": 1,
              "created_at": "2021-09-01T08:00:00+00:00"}  # fmt: skip
    fields.update(tables=entries, payload_sha256=payload_digest(entries))
    return _manifest(**{**fields, **extra})


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _inner(members: list[tuple[Any, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we mean
        for info, data in members:
            archive.writestr(info, data)
    return buffer.getvalue()


def _craft(
    path: Path, tables: dict[str, bytes], manifest: Any = None, extra: Any = (), patch: Any = None
) -> Path:
    """Seal a hand-made inner archive with the real key derivation and encryption."""
    manifest = manifest or _good_manifest(tables)
    members = [_member(f"tables/{name}.jsonl", data) for name, data in tables.items()]
    members += [*extra, _member("manifest.json", json.dumps(manifest).encode())]
    inner = bytearray(_inner(members))
    if patch:
        patch(inner)
    path.write_bytes(seal_bytes(bytes(inner), PASSWORD, scrypt_n=FAST_N))
    return path


PERSONS = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in _tables()["persons"])


# --- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("password", [PASSWORD, None])
def test_round_trip_returns_every_row_and_a_complete_manifest(
    tmp_path: Path, password: str | None
) -> None:
    path = tmp_path / "thon-dong-0007.gzx"
    info = _write(path, password)
    # The same Vietnamese password may arrive decomposed from another keyboard.
    package = read_package(path, password and unicodedata.normalize("NFD", password))

    assert package.tables == _tables()
    assert type(package.tables["persons"][0]["residency"]) is str
    manifest = package.manifest
    assert manifest["source_unit"]["name"] == "Thôn Đông"
    assert manifest["sequence"] == 7 and manifest["since"] == {"acknowledged_sequence": 6}
    assert manifest["format_version"] == 1 and manifest["schema_version"] == 1
    assert uuid.UUID(manifest["package_id"]).version == 4
    assert manifest["package_id"] == info.package_id
    counts = {"households": 1, "persons": 3, "vaccinations": 0}
    assert info.counts == counts == {k: v["rows"] for k, v in manifest["tables"].items()}
    assert manifest["payload_sha256"] == info.payload_sha256 == payload_digest(manifest["tables"])
    assert read_manifest(path, password) == manifest
    assert info.size == path.stat().st_size
    assert info.encrypted is inspect_header(path).encrypted is (password is not None)
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left next to it


def test_rows_are_compact_json_lines_and_enum_keys_travel_as_their_text(tmp_path: Path) -> None:
    path = tmp_path / "p.gzx"
    row = {Residency.PERMANENT: "Nguyễn Văn Ân", "weight": 61.5, "deleted": False, "note": None}
    _write(path, None, tables={"persons": [row]})
    raw = path.read_bytes()
    inner = zipfile.ZipFile(io.BytesIO(raw[9 + struct.unpack(">I", raw[5:9])[0] : -32]))
    line = inner.read("tables/persons.jsonl")
    assert line == '{"permanent":"Nguyễn Văn Ân","weight":61.5,"deleted":false,"note":null}\n'.encode()
    (back,) = read_package(path, None).tables["persons"]
    assert back == {"permanent": "Nguyễn Văn Ân", "weight": 61.5, "deleted": False, "note": None}
    assert [type(k) for k in back] == [str] * 4


def test_rows_written_elsewhere_as_json_lines_travel_as_they_are(tmp_path: Path) -> None:
    rows = _tables()["persons"]
    lines = [json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows]
    tables = {"persons": [EncodedRows(b"".join(lines[:2]), 2), rows[2], EncodedRows(b"", 0)]}
    info = _write(tmp_path / "p.gzx", tables=tables)
    assert info.counts == {"persons": 3}
    assert read_package(tmp_path / "p.gzx", PASSWORD).tables["persons"] == rows


@pytest.mark.parametrize("block", [
    EncodedRows(b'{"a": 1}\n', 2),
    EncodedRows(b'{"a": 1}', 1),
    EncodedRows(b'{"a": 1}\n{"a": 2}\nx', 2),
    EncodedRows(b'{"a": 1}\n["a"]\n', 2),
    EncodedRows('{"a": 1}\n', 1),  # type: ignore[arg-type]
], ids=["count", "unterminated", "tail", "array", "text"])
def test_json_lines_blocks_of_the_wrong_shape_are_refused(tmp_path: Path, block: Any) -> None:
    with pytest.raises(PackageError) as caught:
        _write(tmp_path / "p.gzx", tables={"persons": [block]})
    assert caught.value.code == "invalid_data" and "bảng persons" in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_a_block_with_a_newline_inside_a_line_is_refused_by_the_read_back(
        tmp_path: Path) -> None:
    with pytest.raises(PackageError) as caught:
        _write(tmp_path / "p.gzx", tables={"persons": [EncodedRows(b'{"a":\n 1}\n', 1)]})
    assert caught.value.code in ("count_mismatch", "malformed")
    assert list(tmp_path.iterdir()) == []


def test_encrypted_package_hides_names_and_header_says_how_to_open_it(tmp_path: Path) -> None:
    path = tmp_path / "p.gzx"
    _write(path)
    raw = path.read_bytes()
    assert raw[:5] == b"GZVX\x01"
    assert "Nguyễn".encode() not in raw and b"001203004567" not in raw
    header = inspect_header(path)
    assert header.format_version == 1 and header.encrypted
    assert header.kdf is not None and (header.kdf.n, header.kdf.r, header.kdf.p) == (FAST_N, 8, 1)


def test_hundred_thousand_rows_write_and_read_in_seconds(tmp_path: Path) -> None:
    households = [
        {"id": str(uuid.UUID(int=i)), "code": f"H{i:05d}", "address": f"Số {i} thôn Đông",
         "version": 1, "deleted": False}
        for i in range(20_000)
    ]  # fmt: skip
    persons = [
        {"id": str(uuid.UUID(int=10**6 + i)), "household_id": str(uuid.UUID(int=i // 4)),
         "full_name": "Nguyễn Văn Ân", "cccd": f"{i:012d}", "birth_date": "1990-02-28",
         "residency": "permanent", "version": 3, "deleted": False, "note": None}
        for i in range(80_000)
    ]  # fmt: skip
    path, tables = tmp_path / "big.gzx", {"households": households, "persons": persons}
    started = time.perf_counter()
    info = write_package(path, _manifest(), tables, PASSWORD)  # the real scrypt cost
    written = time.perf_counter()
    package = read_package(path, PASSWORD)
    done = time.perf_counter()
    assert info.counts == {"households": 20_000, "persons": 80_000}
    assert package.tables == tables
    assert written - started < 10 and done - written < 10  # about 1 s each on a laptop


# --- bad packages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written_with", "read_with", "code", "message"),
    [
        (PASSWORD, "mat khau sai", "wrong_password", "Sai mật khẩu."),
        (PASSWORD, None, "password_required", "cần nhập mật khẩu"),
        # A plain package where a sealed one was expected could be forged: never taken silently.
        (None, PASSWORD, "not_encrypted", "không được mã hoá"),
    ],
)
def test_password_problems_are_named(
    tmp_path: Path, written_with: str | None, read_with: str | None, code: str, message: str
) -> None:
    path = tmp_path / "p.gzx"
    _write(path, written_with)
    assert message in _raises(code, path, read_with).message


def _flip(raw: bytes) -> bytes:
    changed = bytearray(raw)
    changed[len(raw) // 2 + 40] ^= 0x01  # inside the body, past any header
    return bytes(changed)


DAMAGES = {
    "flipped": (_flip, "tampered", "Tệp đã bị sửa đổi hoặc hỏng"),
    "appended": (lambda raw: raw + b"\0", "tampered", "thừa 1 byte ở cuối tệp"),
    "cut": (lambda raw: raw[:-100], "truncated", "Tệp bị cắt cụt (thiếu 100 byte)"),
    "empty": (lambda raw: b"", "empty", "Tệp rỗng"),
    "newer": (
        lambda raw: raw[:4] + b"\x02" + raw[5:],
        "newer_version",
        "Gói được tạo bởi phiên bản mới hơn (định dạng gói 2",
    ),
    "zip": (lambda raw: b"PK\x03\x04not a package", "not_a_package", "không phải là gói"),
    "csv": (lambda raw: b"Ho ten,CCCD\n", "not_a_package", "không phải là gói"),
    "zeros": (lambda raw: b"\x00" * 64, "not_a_package", "không phải là gói"),
}


@pytest.mark.parametrize("password", [PASSWORD, None], ids=["sealed", "plain"])
@pytest.mark.parametrize("damage", DAMAGES)
def test_damaged_files_are_refused_with_their_reason(
    tmp_path: Path, password: str | None, damage: str
) -> None:
    change, code, message = DAMAGES[damage]
    path = tmp_path / "p.gzx"
    _write(path, password)
    path.write_bytes(change(path.read_bytes()))
    assert message in _raises(code, path, password).message
    if code in {"empty", "not_a_package", "newer_version"}:  # seen even without the password
        assert _code(inspect_header, path) == code
    if code == "newer_version":
        assert _raises(code, path, password).message.endswith("hãy cập nhật ứng dụng.")


def test_newer_schema_or_inner_format_asks_to_update_the_app(tmp_path: Path) -> None:
    path = tmp_path / "p.gzx"
    _write(path, manifest=_manifest(schema_version=5, app_version="0.4.0"))
    assert read_package(path, PASSWORD, max_schema_version=5).manifest["schema_version"] == 5
    err = _raises("newer_version", path, max_schema_version=3)
    assert "lược đồ dữ liệu 5" in err.message and "0.4.0" in err.message
    assert _code(read_manifest, path, PASSWORD, max_schema_version=3) == "newer_version"
    newer = _good_manifest({"persons": PERSONS}, format_version=2)
    _raises("newer_version", _craft(tmp_path / "inner.gzx", {"persons": PERSONS}, newer))


@pytest.mark.parametrize(
    "name", ["../x", "../../etc/cron.d/x", "/etc/passwd", "tables/../../x.jsonl", "C:\\evil.jsonl"]
)
def test_member_paths_that_climb_out_are_refused(tmp_path: Path, name: str) -> None:
    path = _craft(tmp_path / "evil.gzx", {"persons": PERSONS}, extra=[_member(name, b"owned\n")])
    err = _raises("path_traversal", path)
    assert "đường dẫn không an toàn" in err.message
    assert _code(read_manifest, path, PASSWORD) == "path_traversal"


def test_decompression_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    zeros = b"\n" * (16 * 1024 * 1024)  # deflates ~1000:1
    path = _craft(tmp_path / "bomb.gzx", {"persons": zeros})
    assert path.stat().st_size < 100_000
    assert "bất thường" in _raises("bomb", path).message


@pytest.mark.parametrize(
    ("limits", "code"),
    [(Limits(max_uncompressed=200), "bomb"), (Limits(max_file_size=100), "too_large")],
)
def test_configured_limits_apply(tmp_path: Path, limits: Limits, code: str) -> None:
    path = tmp_path / "p.gzx"
    _write(path)
    _raises(code, path, limits=limits)


def test_member_that_inflates_beyond_its_declared_size_is_refused(tmp_path: Path) -> None:
    def understate(inner: bytearray) -> None:
        struct.pack_into("<I", inner, 22, 10)  # local header: uncompressed size
        struct.pack_into("<I", inner, inner.index(b"PK\x01\x02") + 24, 10)  # central directory

    path = _craft(tmp_path / "liar.gzx", {"persons": PERSONS}, patch=understate)
    # zipfile stops at the declared size, so the CRC no longer matches
    assert "không giải nén được" in _raises("malformed", path).message


def _recount(manifest: dict[str, Any]) -> dict[str, Any]:
    manifest["tables"]["persons"]["rows"] = 4
    manifest["payload_sha256"] = payload_digest(manifest["tables"])
    return manifest


@pytest.mark.parametrize(
    ("content", "change", "code", "message"),
    [
        (PERSONS.replace("Hương".encode(), b"Huong"), dict, "digest_mismatch", "SHA-256"),
        (PERSONS, lambda m: {**m, "payload_sha256": "0" * 64}, "digest_mismatch", "(tổng)"),
        (PERSONS, _recount, "count_mismatch", "bản kê khai ghi 4, trong gói có 3"),
    ],
    ids=["table-digest", "payload-digest", "count"],
)
def test_manifest_and_payload_must_agree(
    tmp_path: Path, content: bytes, change: Any, code: str, message: str
) -> None:
    manifest = change(_good_manifest({"persons": PERSONS}))
    path = _craft(tmp_path / "p.gzx", {"persons": content}, manifest)
    assert message in _raises(code, path).message


def test_unknown_tables_are_refused_when_the_caller_lists_allowed_ones(tmp_path: Path) -> None:
    path = tmp_path / "p.gzx"
    _write(path)
    err = _raises("unknown_table", path, allowed_tables={"households", "persons"})
    assert "vaccinations" in err.message
    assert read_package(path, PASSWORD, allowed_tables=set(_tables())).tables == _tables()


P = "tables/persons.jsonl"


@pytest.mark.parametrize(
    ("tables", "extra", "detail"),
    [
        ({"persons": PERSONS}, [_member(P, PERSONS)], "xuất hiện hai lần"),
        ({"persons": PERSONS}, [_member("notes.txt", b"hi")], "thành phần lạ"),
        ({}, [_member(P, PERSONS, zipfile.ZIP_BZIP2)], "kiểu nén không hỗ trợ"),
        ({"persons": b'{"id": "a", "tags": ["x"]}\n'}, [], "giá trị lồng nhau"),
        ({"persons": b'{"id": "a"}\n{"id": "b", "at": {"x": 1}}\n{"id": "c"}\n'}, [],
         "dòng 2: giá trị lồng nhau"),
        ({"persons": b'["not", "an", "object"]\n'}, [], "không phải một đối tượng"),
        ({"persons": b'{"id": "a"}'}, [], "không kết thúc bằng xuống dòng"),
        ({}, [], "danh sách bảng không khớp"),  # the manifest lists a table that is not there
    ],
    ids=["duplicate", "stray", "bzip2", "nested", "nested_object", "array", "unterminated",
         "missing"],
)
def test_structurally_wrong_archives_are_refused(
    tmp_path: Path, tables: dict[str, bytes], extra: list[Any], detail: str
) -> None:
    manifest = _good_manifest(tables or {"persons": PERSONS})
    path = _craft(tmp_path / "p.gzx", tables, manifest, extra)
    assert detail in _raises("malformed", path).message


def test_brackets_inside_text_are_only_text(tmp_path: Path) -> None:
    lines = b'{"id": "a", "note": "{[x]} {"}\n{"id": "b", "note": ""}\n'
    path = _craft(tmp_path / "p.gzx", {"persons": lines},
                  _good_manifest({"persons": lines}), [])
    assert read_package(path, PASSWORD).tables["persons"] == [
        {"id": "a", "note": "{[x]} {"}, {"id": "b", "note": ""}]


def test_hostile_kdf_parameters_are_refused_without_running_scrypt(tmp_path: Path) -> None:
    path = tmp_path / "p.gzx"
    _write(path)
    raw = path.read_bytes()
    length = struct.unpack(">I", raw[5:9])[0]
    header = json.loads(raw[9 : 9 + length])
    header["kdf"]["n"] = 2**30
    new = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    path.write_bytes(raw[:5] + struct.pack(">I", len(new)) + new + raw[9 + length :])
    started = time.perf_counter()
    _raises("tampered", path)
    assert time.perf_counter() - started < 1


# --- every single-byte change and every truncation fails ------------------------------------


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("packages")
    _write(folder / "sealed.gzx", PASSWORD)
    _write(folder / "plain.gzx", None)
    return {kind: (folder / f"{kind}.gzx").read_bytes() for kind in ("sealed", "plain")}


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), kind=st.sampled_from(["sealed", "plain"]), cut=st.booleans())
def test_any_changed_byte_or_truncation_is_refused(
    packages: dict[str, bytes], tmp_path: Path, data: st.DataObject, kind: str, cut: bool
) -> None:
    raw = bytearray(packages[kind])
    position = data.draw(st.integers(0, len(raw) - 1), label="position")
    if cut:
        del raw[position:]
    else:
        raw[position] ^= data.draw(st.integers(1, 255), label="xor")
    path = tmp_path / "mutated.gzx"
    path.write_bytes(bytes(raw))
    with pytest.raises(PackageError) as caught:
        read_package(path, PASSWORD if kind == "sealed" else None)
    if cut:
        assert caught.value.code == ("empty" if position == 0 else "truncated")


@pytest.mark.parametrize("kind", ["sealed", "plain"])
def test_every_byte_position_is_covered(
    packages: dict[str, bytes], tmp_path: Path, kind: str
) -> None:
    password = PASSWORD if kind == "sealed" else None
    path = tmp_path / "mutated.gzx"
    for position in range(len(packages[kind])):
        raw = bytearray(packages[kind])
        raw[position] ^= 0x80
        path.write_bytes(bytes(raw))
        with pytest.raises(PackageError):
            read_package(path, password)


def test_the_read_back_checks_tables_on_two_threads_and_names_the_first_bad_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without parsing (the writer's read-back) the tables are inflated and hashed on two
    threads; the error is still the one of the first bad table in name order."""
    pools: list[int] = []
    real = package.ThreadPoolExecutor

    def counted(workers: int, **kwargs: Any) -> Any:
        pools.append(workers)
        return real(workers, **kwargs)

    monkeypatch.setattr(package, "ThreadPoolExecutor", counted)
    tables = {"a_first": PERSONS, "persons": PERSONS * 50, "z_last": PERSONS * 3}
    good = _craft(tmp_path / "good.gzx", tables)
    read = package._read(good, PASSWORD, Limits(), parse=False)
    assert pools == [2] and sorted(read.tables) == ["a_first", "persons", "z_last"]
    manifest = _good_manifest(tables)
    for name in ("a_first", "z_last"):  # two bad tables; the bigger one is read first
        manifest["tables"][name]["rows"] += 1
    manifest["payload_sha256"] = payload_digest(manifest["tables"])
    bad = _craft(tmp_path / "bad.gzx", tables, manifest)
    for parse in (False, True):
        with pytest.raises(PackageError) as caught:
            package._read(bad, PASSWORD, Limits(), parse=parse)
        assert caught.value.code == "count_mismatch" and "a_first" in caught.value.message
    assert pools == [2, 2]  # parsing reads on this thread
