"""Writing a package: atomic, verified on disk, nothing left behind on failure."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from greenzone_desktop.exchange import package as package_module
from greenzone_desktop.exchange.package import (
    PackageError,
    write_package,
)
from tests.exchange.test_package import FAST_N, PASSWORD, _code, _manifest, _tables, _write

# --- writing: atomic, verified, nothing left behind -----------------------------------------


@pytest.mark.parametrize(
    "value",
    [date(1990, 2, 28), float("nan"), float("-inf"), 2**64, "\ud800", {"nested": 1}, [1], b"b"],
    ids=repr,
)
def test_unwritable_values_leave_no_file_and_keep_the_old_one(tmp_path: Path, value: Any) -> None:
    path = tmp_path / "p.gzx"
    _write(path)
    before = path.read_bytes()
    bad = _tables()
    bad["persons"][1]["birth_date"] = value  # callers convert dates to ISO text themselves
    with pytest.raises(PackageError) as caught:
        _write(path, tables=bad)
    assert caught.value.code == "invalid_data"
    assert "bảng persons, dòng 2" in caught.value.message
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_failing_row_source_leaves_nothing(tmp_path: Path) -> None:
    def rows() -> Any:
        yield {"id": "a"}
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        _write(tmp_path / "p.gzx", tables={"persons": rows()})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("manifest", "tables"),
    [
        (_manifest(tables={}), None),
        ({"sequence": 1, "since": None, "schema_version": 1}, None),
        (_manifest(sequence=0), None),
        (_manifest(package_id="not-a-uuid"), None),
        (_manifest(), {"../persons": []}),
        (_manifest(), {"Persons": []}),
        (_manifest(), {"persons": [{1: "int key"}]}),
    ],
    ids=["reserved", "no-unit", "sequence", "package-id", "table-path", "table-case", "key"],
)
def test_bad_manifest_or_table_names_are_refused(
    tmp_path: Path, manifest: dict[str, Any], tables: Any
) -> None:
    args = (tmp_path / "p.gzx", manifest, tables or _tables(), PASSWORD)
    assert _code(write_package, *args, scrypt_n=FAST_N) == "invalid_data"
    assert list(tmp_path.iterdir()) == []


def test_empty_password_is_not_a_way_to_skip_encryption(tmp_path: Path) -> None:
    assert _code(_write, tmp_path / "p.gzx", "") == "invalid_data"


def test_write_verifies_the_file_on_disk_before_renaming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.gzx"
    _write(path)
    before = path.read_bytes()
    real_seal = package_module.seal

    def seal_then_corrupt(out: Any, *args: Any, **kwargs: Any) -> None:
        buffer = io.BytesIO()
        real_seal(buffer, *args, **kwargs)
        sealed = bytearray(buffer.getvalue())
        sealed[-30] ^= 0x01  # as if the stick had flipped a bit
        out.write(sealed)

    monkeypatch.setattr(package_module, "seal", seal_then_corrupt)
    assert _code(_write, path) == "tampered"
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]
