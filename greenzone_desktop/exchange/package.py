"""USB handoff packages (.gzx): write, verify and read the file a village and its ward exchange.

The package is a plain container: a manifest plus one JSON Lines table per name, sealed by
``package_crypto`` (AES-256-GCM, key from scrypt of the shared password). It knows nothing
about the database; services turn rows into plain dicts before writing and after reading.
The format is specified in docs/HANDOFF-FORMAT.md.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
import zipfile
from collections.abc import Collection, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from greenzone_desktop.exchange import package_crypto
from greenzone_desktop.exchange.package_archive import (
    MANIFEST_NAME,
    SHA256_HEX,
    TABLE_NAME,
    EncodedRows,
    Limits,
    bounded_read,
    check_members,
    check_table_names,
    digest_mismatch,
    invalid,
    malformed,
    payload_digest,
    read_table,
    write_tables,
)
from greenzone_desktop.exchange.package_crypto import (
    APP_VERSION,
    DEFAULT_SCRYPT_N,
    FORMAT_VERSION,
    SALT_SIZE,
    SPOOL_IN_MEMORY,
    HeaderInfo,
    KdfParams,
    Keys,
    PackageError,
    derive_keys,
    error,
    open_body,
    read_header,
    seal,
)

__all__ = [
    "FORMAT_VERSION",
    "EncodedRows",
    "HeaderInfo",
    "Limits",
    "Package",
    "PackageError",
    "derive_header_keys",
    "PackageInfo",
    "inspect_header",
    "read_manifest",
    "read_package",
    "write_package",
]

RESERVED_KEYS = ("format_version", "tables", "payload_sha256")


@dataclass(frozen=True)
class PackageInfo:
    """What ``write_package`` wrote and verified."""

    path: Path
    package_id: str
    size: int
    encrypted: bool
    counts: dict[str, int]
    payload_sha256: str
    manifest: dict[str, Any]


@dataclass(frozen=True)
class Package:
    """A fully verified package: its manifest and every table's rows."""

    manifest: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    header: HeaderInfo | None = field(default=None, compare=False)


def _caller_field_problem(manifest: Mapping[str, Any]) -> str | None:
    """The first problem with the fields the exporting service supplies, or None."""
    unit = manifest.get("source_unit")
    if not isinstance(unit, dict) or not all(
        isinstance(unit.get(k), str) and unit.get(k) for k in ("id", "name")
    ):
        return "thiếu đơn vị gửi (source_unit với id và name)"
    sequence = manifest.get("sequence")
    if type(sequence) is not int or sequence < 1:
        return "số thứ tự gói (sequence) phải là số nguyên ≥ 1"
    schema = manifest.get("schema_version")
    if type(schema) is not int or schema < 1:
        return "phiên bản lược đồ (schema_version) phải là số nguyên ≥ 1"
    if "since" not in manifest:
        return "thiếu mốc xuất (since; dùng null khi xuất toàn bộ)"
    for key in ("package_id", "app_version", "created_at"):
        if not isinstance(manifest.get(key), str):
            return f"thiếu trường {key}"
    try:
        canonical = str(uuid.UUID(manifest["package_id"])) == manifest["package_id"]
    except ValueError:
        canonical = False
    if not canonical:
        return "mã gói (package_id) không phải UUID dạng chuẩn"
    return None


def _prepare_manifest(manifest: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(manifest, Mapping):
        raise invalid("bản kê khai phải là một dict")
    clash = [k for k in RESERVED_KEYS if k in manifest]
    if clash:
        raise invalid(f"các trường {', '.join(clash)} do chương trình tự điền")
    full = dict(manifest)
    full.setdefault("package_id", str(uuid.uuid4()))
    full.setdefault("app_version", APP_VERSION)
    full.setdefault("created_at", datetime.now(UTC).isoformat(timespec="seconds"))
    problem = _caller_field_problem(full)
    if problem:
        raise invalid(problem)
    full["format_version"] = FORMAT_VERSION
    return full


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; NTFS journals the rename itself
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_package(
    path: str | os.PathLike[str],
    manifest: Mapping[str, Any],
    tables: Mapping[str, Iterable[Mapping[str, Any]]],
    password: str | None,
    *,
    scrypt_n: int = DEFAULT_SCRYPT_N,
    limits: Limits | None = None,
) -> PackageInfo:
    """Write a package atomically, read it back from disk and verify it, then return.

    ``password=None`` writes an unencrypted package (only when asked for explicitly). On any
    failure no file is left behind and an existing file at ``path`` is untouched.
    """
    limits = limits or Limits()
    if password is not None and (not isinstance(password, str) or not password):
        raise invalid("mật khẩu không được để trống (dùng None để xuất không mã hoá)")
    full = _prepare_manifest(manifest)
    check_table_names(tables, limits)
    target = Path(path)
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
    known: tuple[KdfParams, Keys] | None = None
    if password is not None:
        kdf = KdfParams(n=scrypt_n, salt=os.urandom(SALT_SIZE))
        if not kdf.check_bounds():
            raise invalid(f"tham số scrypt n={scrypt_n} nằm ngoài giới hạn cho phép")
        known = (kdf, derive_keys(password, kdf))
    created = False
    try:
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as inner:
            write_tables(inner, full, tables, limits)
            body_size = inner.tell()
            inner.seek(0)
            with open(temp, "xb") as out:
                created = True
                seal(
                    out,
                    inner,
                    body_size,
                    password,
                    keys=known[1] if known else None,
                    kdf=known[0] if known else None,
                )
                out.flush()
                os.fsync(out.fileno())
        size = temp.stat().st_size
        if size > limits.max_file_size:
            raise error("too_large", f"{size} byte; giới hạn {limits.max_file_size} byte")
        # Verify before the rename: the final name only ever holds a package that reads back.
        _read(temp, password, limits, parse=False, known=known, expect=full)
        os.replace(temp, target)
        created = False
        _fsync_folder(target.parent)
    finally:
        if created:
            temp.unlink(missing_ok=True)
    return PackageInfo(
        path=target,
        package_id=full["package_id"],
        size=size,
        encrypted=password is not None,
        counts={name: t["rows"] for name, t in full["tables"].items()},
        payload_sha256=full["payload_sha256"],
        manifest=full,
    )


def _load_manifest(
    archive: zipfile.ZipFile,
    limits: Limits,
    max_schema_version: int | None,
    allowed_tables: Collection[str] | None,
) -> dict[str, Any]:
    raw = b"".join(bounded_read(archive, archive.getinfo(MANIFEST_NAME), limits))
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except ValueError as exc:
        raise malformed("bản kê khai không phải JSON") from exc
    if not isinstance(manifest, dict):
        raise malformed("bản kê khai không phải một đối tượng JSON")
    version = manifest.get("format_version")
    app = manifest.get("app_version")
    if type(version) is int and version > FORMAT_VERSION:
        raise error("newer_version", f"định dạng {version}, ứng dụng {app}")
    if version != FORMAT_VERSION:
        raise malformed("thiếu phiên bản định dạng")
    problem = _caller_field_problem(manifest)
    if problem:
        raise malformed(problem)
    schema = manifest["schema_version"]
    if max_schema_version is not None and schema > max_schema_version:
        raise error(
            "newer_version",
            f"lược đồ dữ liệu {schema}, máy này hỗ trợ tới {max_schema_version}; "
            f"gói do Sổ Vùng Xanh {app} tạo, máy này đang dùng {APP_VERSION}",
        )
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not isinstance(manifest.get("payload_sha256"), str):
        raise malformed("bản kê khai thiếu danh sách bảng")
    for name, entry in tables.items():
        if not (
            TABLE_NAME.fullmatch(name)
            and isinstance(entry, dict)
            and all(type(entry.get(k)) is int and entry[k] >= 0 for k in ("rows", "bytes"))
            and SHA256_HEX.fullmatch(str(entry.get("sha256")))
        ):
            raise malformed(f"mục bảng {name!r} trong bản kê khai")
    if allowed_tables is not None:
        unknown = sorted(set(tables) - set(allowed_tables))
        if unknown:
            raise PackageError(
                "unknown_table",
                f"Gói chứa bảng mà ứng dụng này không biết: {', '.join(unknown)}. "
                "Có thể gói được tạo bởi phiên bản khác; hãy cập nhật ứng dụng.",
            )
    return manifest


def _read(
    path: str | os.PathLike[str],
    password: str | None,
    limits: Limits,
    *,
    parse: bool,
    manifest_only: bool = False,
    known: tuple[KdfParams, Keys] | None = None,
    expect: dict[str, Any] | None = None,
    max_schema_version: int | None = None,
    allowed_tables: Collection[str] | None = None,
) -> Package:
    with open(path, "rb") as stream:
        header, body = open_body(stream, password, limits.max_file_size, known)
    with body:
        try:
            archive = zipfile.ZipFile(body)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise malformed("không mở được kho lưu trữ bên trong") from exc
        with archive:
            members = check_members(archive, limits)
            manifest = _load_manifest(archive, limits, max_schema_version, allowed_tables)
            entries: dict[str, dict[str, Any]] = manifest["tables"]
            if set(members) != set(entries):
                raise malformed("danh sách bảng không khớp với bản kê khai")
            if payload_digest(entries) != manifest["payload_sha256"]:
                raise digest_mismatch("(tổng)")
            if expect is not None and (
                manifest["package_id"] != expect["package_id"]
                or entries != expect["tables"]
                or manifest["payload_sha256"] != expect["payload_sha256"]
            ):
                raise error("tampered", "đọc lại không giống dữ liệu vừa ghi")
            tables: dict[str, list[dict[str, Any]]] = {}
            if not manifest_only:
                tables = _read_tables(archive, members, entries, limits, parse)
    return Package(manifest=manifest, tables=tables, header=header)


def _read_tables(
    archive: zipfile.ZipFile,
    members: Mapping[str, zipfile.ZipInfo],
    entries: Mapping[str, dict[str, Any]],
    limits: Limits,
    parse: bool,
) -> dict[str, list[dict[str, Any]]]:
    """Every table read, hashed and counted (and parsed, when ``parse``). A check without
    parsing (the writer's read-back) is inflating and hashing, which let go of Python's lock:
    it runs on two threads, the biggest tables first. The error raised is the one of the first
    bad table in name order, either way."""

    def one(name: str) -> list[dict[str, Any]]:
        try:
            return read_table(archive, members[name], entries[name], limits, parse)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            if isinstance(exc, PackageError):
                raise
            raise malformed(f"bảng {name} không giải nén được") from exc

    names = sorted(entries)
    if parse or len(names) < 2:
        return {name: one(name) for name in names}
    with ThreadPoolExecutor(2, thread_name_prefix="package-check") as pool:
        biggest_first = sorted(names, key=lambda n: -members[n].compress_size)
        futures = {name: pool.submit(one, name) for name in biggest_first}
        return {name: futures[name].result() for name in names}


def read_package(
    path: str | os.PathLike[str],
    password: str | None,
    *,
    allowed_tables: Collection[str] | None = None,
    max_schema_version: int | None = None,
    limits: Limits | None = None,
    keys: tuple[KdfParams, Keys] | None = None,
) -> Package:
    """Verify and decrypt a package and return every table; raise PackageError otherwise.

    ``keys``: the key already derived from ``password`` for this file's KDF parameters
    (``derive_header_keys``, e.g. on another thread); used only when the parameters match."""
    return _read(
        path,
        password,
        limits or Limits(),
        parse=True,
        known=keys,
        max_schema_version=max_schema_version,
        allowed_tables=allowed_tables,
    )


def derive_header_keys(path: str | os.PathLike[str], password: str
                       ) -> tuple[KdfParams, Keys] | None:
    """The key of an encrypted package from its header's (checked) KDF parameters, for
    ``read_package(keys=...)``; None when the file is not an encrypted package. scrypt lets
    other threads run meanwhile."""
    try:
        info = inspect_header(path)
    except (OSError, PackageError):
        return None  # reading the package itself says what is wrong
    if not info.encrypted or info.kdf is None:
        return None
    return info.kdf, package_crypto.derive_keys(password, info.kdf)  # (looked up late: timed)


def read_manifest(
    path: str | os.PathLike[str],
    password: str | None,
    *,
    allowed_tables: Collection[str] | None = None,
    max_schema_version: int | None = None,
    limits: Limits | None = None,
) -> dict[str, Any]:
    """Authenticate the whole file and return its manifest without reading the rows."""
    return _read(
        path,
        password,
        limits or Limits(),
        parse=False,
        manifest_only=True,
        max_schema_version=max_schema_version,
        allowed_tables=allowed_tables,
    ).manifest


def inspect_header(path: str | os.PathLike[str]) -> HeaderInfo:
    """Format version and whether the package is encrypted; needs no password."""
    with open(path, "rb") as stream:
        return read_header(stream)[0]
