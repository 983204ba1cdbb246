"""The inner archive of a handoff package: a zip of manifest.json and one JSON Lines table each.

Every bound here exists because the archive may come from a hostile or broken writer: names are
checked before anything is read, sizes and ratios before anything is inflated, and bytes are
counted while they are inflated.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import zipfile
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

import orjson

from greenzone_desktop.exchange.archive_writer import ArchiveWriter
from greenzone_desktop.exchange.package_crypto import MAX_FILE_SIZE, PackageError, error

MANIFEST_NAME = "manifest.json"
TABLE_DIR = "tables/"
TABLE_SUFFIX = ".jsonl"
TABLE_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # no clock in the archive; created_at says when, for people
_SCALARS = frozenset({str, int, float, bool, type(None)})
_BATCH = 2000
COMPRESS_LEVEL = 1  # level 3: 4 % smaller, 20 % slower; level 6: 16 % smaller, 2.7x slower
_READ_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds applied to every package read, so a hostile file cannot exhaust the PC."""

    max_file_size: int = MAX_FILE_SIZE
    max_uncompressed: int = 512 * 1024 * 1024
    max_ratio: int = 100  # JSON rows compress 5-20x; deflate's worst case is ~1000x
    ratio_floor: int = 1024 * 1024  # small members may compress oddly well; ignore the ratio
    max_members: int = 256
    max_manifest: int = 1024 * 1024
    max_line: int = 4 * 1024 * 1024


def invalid(detail: str) -> PackageError:
    """The error for data the caller asked to write that a package cannot hold."""
    return PackageError("invalid_data", f"Dữ liệu không ghi được vào gói: {detail}.")


def malformed(detail: str) -> PackageError:
    """The error for an authenticated body whose contents break the format."""
    return PackageError("malformed", f"Nội dung gói không hợp lệ: {detail}.")


def bomb(detail: str) -> PackageError:
    """Too much to inflate, too many members or too high a ratio."""
    return PackageError(
        "bomb", f"Gói có dữ liệu nén bất thường ({detail}); đã từ chối để bảo vệ máy."
    )


def traversal(name: str) -> PackageError:
    """A member name that would climb out of a folder if ever extracted."""
    return PackageError(
        "path_traversal",
        f"Gói chứa đường dẫn không an toàn ({name!r}) trỏ ra ngoài thư mục; đã từ chối.",
    )


_NEWLINE = orjson.OPT_APPEND_NEWLINE


def _encode_row(table: str, index: int, row: Any) -> bytes:
    """One JSON Lines row (orjson: compact UTF-8, keys in the row's order, then a newline)."""
    if type(row) is not dict:
        _explain_row(table, index, row)
    kinds = set(map(type, row.values()))
    if not kinds <= _SCALARS:
        _explain_row(table, index, row)  # raises unless only str/int/float subclasses
    if (float in kinds or not kinds <= _SCALARS) and not all(
        math.isfinite(v) for v in row.values() if isinstance(v, float)
    ):  # orjson would write NaN and Infinity as null
        raise invalid(f"bảng {table}, dòng {index + 1}: số không hữu hạn (NaN/Infinity)")
    try:
        return orjson.dumps(row, option=_NEWLINE)
    except TypeError as exc:  # a key that is not plain str, an int beyond 64 bits, surrogates
        return _encode_odd_row(table, index, row, exc)


def _encode_odd_row(table: str, index: int, row: dict[Any, Any], exc: TypeError) -> bytes:
    _explain_row(table, index, row)  # keys that are not text at all
    if any(type(k) is not str for k in row):  # str subclasses (StrEnum): their plain text
        return _encode_row(table, index, {str.__str__(k): v for k, v in row.items()})
    raise invalid(
        f"bảng {table}, dòng {index + 1}: số nguyên vượt quá 64 bit hoặc chuỗi có ký tự "
        f"không mã hoá được UTF-8 ({exc})"
    ) from exc


def _explain_row(table: str, index: int, row: Any) -> None:
    """Raise for a row the fast path doubted, unless it only holds str/int/float subclasses."""
    where = f"bảng {table}, dòng {index + 1}"
    if not isinstance(row, dict):
        raise invalid(f"{where}: mỗi dòng phải là một dict")
    for key, value in row.items():
        if not isinstance(key, str):
            raise invalid(f"{where}: tên cột {key!r} phải là chuỗi")
        if value is not None and not isinstance(value, str | int | float):
            raise invalid(
                f"{where}, cột {key}: kiểu {type(value).__name__} không được hỗ trợ "
                "(chỉ chuỗi, số, đúng/sai, rỗng; ngày giờ ghi dạng chuỗi ISO)"
            )


@dataclass(frozen=True)
class EncodedRows:
    """`count` rows the caller has already written as JSON Lines (e.g. by SQLite's
    json_object): one flat JSON object per line, UTF-8, each line ending with a newline.

    The caller vouches for the values; the writer only checks the shape (line count, each
    line a brace pair), which costs nothing next to encoding the rows again. A newline inside
    a line would make more lines than `count`: the read-back of the written package counts
    them and refuses the package.
    """

    data: bytes
    count: int

    def checked(self, table: str, index: int) -> bytes:
        data, count = self.data, self.count
        if type(data) is not bytes or type(count) is not int or not (
            (count == 0 and not data)
            # every line "{…}" and newline ended: lines joined only by "}\n{"
            or (data[:1] == b"{" and data[-2:] == b"}\n"
                and count == data.count(b"}\n{") + 1)
        ):
            raise invalid(f"bảng {table}, khối dòng từ dòng {index + 1}: không phải "
                          f"{count} dòng JSON, mỗi dòng một đối tượng")
        return data


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = COMPRESS_LEVEL  # type: ignore[attr-defined]  # no public setter
    info.external_attr = 0o100600 << 16  # a regular file, never a link or a folder
    return info


def payload_digest(tables: Mapping[str, Mapping[str, Any]]) -> str:
    """SHA-256 over one ``name<TAB>rows<TAB>bytes<TAB>sha256`` line per table, by name."""
    lines = "".join(
        f"{name}\t{t['rows']}\t{t['bytes']}\t{t['sha256']}\n" for name, t in sorted(tables.items())
    )
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def write_tables(
    inner: IO[bytes], manifest: dict[str, Any], tables: Mapping[str, Iterable[Any]], limits: Limits
) -> None:
    """Stream every table into the zip, then complete ``manifest`` and write it last."""
    entries: dict[str, dict[str, Any]] = {}
    total = 0
    with zipfile.ZipFile(inner, "w") as archive:
        with ArchiveWriter(archive) as member:  # compressed on a second thread
            for name in sorted(tables):
                hasher = hashlib.sha256()
                rows = size = 0
                member.open(_zip_info(f"{TABLE_DIR}{name}{TABLE_SUFFIX}"))
                batch: list[bytes] = []
                for row in tables[name]:
                    if type(row) is EncodedRows:
                        size += _flush(batch, hasher, member)
                        batch.append(row.checked(name, rows))
                        size += _flush(batch, hasher, member)
                        rows += row.count
                        _check_total(total + size, limits)
                        continue
                    batch.append(_encode_row(name, rows, row))
                    rows += 1
                    if len(batch) >= _BATCH:
                        size += _flush(batch, hasher, member)
                        _check_total(total + size, limits)
                size += _flush(batch, hasher, member)
                member.close()
                total += size
                _check_total(total, limits)
                entries[name] = {"rows": rows, "bytes": size, "sha256": hasher.hexdigest()}
            member.finish()
        manifest["tables"] = entries
        manifest["payload_sha256"] = payload_digest(entries)
        try:
            text = json.dumps(
                manifest, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False
            )
        except (TypeError, ValueError) as exc:
            raise invalid(f"bản kê khai: {exc}") from exc
        if len(text.encode("utf-8")) > limits.max_manifest:
            raise invalid(f"bản kê khai dài quá {limits.max_manifest} byte")
        archive.writestr(_zip_info(MANIFEST_NAME), text.encode("utf-8"))


def _check_total(size: int, limits: Limits) -> None:
    # Readers refuse more than this, so writing it would only produce an unreadable package.
    if size > limits.max_uncompressed:
        raise error("too_large", f"dữ liệu vượt {limits.max_uncompressed} byte")


def _flush(batch: list[bytes], hasher: Any, member: ArchiveWriter) -> int:
    if not batch:
        return 0
    data = b"".join(batch)
    batch.clear()
    hasher.update(data)
    member.write(data)
    return len(data)


def check_table_names(names: Collection[Any], limits: Limits) -> None:
    """Refuse table names a reader would refuse, before anything is written."""
    if len(names) >= limits.max_members:
        raise invalid(f"quá nhiều bảng ({len(names)})")
    for name in names:
        if not isinstance(name, str) or not TABLE_NAME.fullmatch(name):
            raise invalid(f"tên bảng {name!r} (chỉ chữ thường a–z, số và dấu _)")


def _unsafe(name: str) -> bool:
    unified = name.replace("\\", "/")
    return (
        unified.startswith("/")
        or re.match(r"[A-Za-z]:", unified) is not None
        or ".." in unified.split("/")
        or "\x00" in name
    )


def check_members(archive: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """Map each table name to its member, after rejecting anything unexpected or oversized."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise bomb(f"{len(members)} thành phần")
    seen: set[str] = set()
    tables: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in members:
        for name in (info.orig_filename, info.filename):
            if _unsafe(name):
                raise traversal(name)
        name = info.filename
        if name in seen:
            raise malformed(f"thành phần {name!r} xuất hiện hai lần")
        seen.add(name)
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise malformed(f"thành phần {name!r} dùng kiểu nén không hỗ trợ")
        total += info.file_size
        if total > limits.max_uncompressed:
            raise bomb(f"bung ra hơn {limits.max_uncompressed} byte")
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise bomb(f"{name}: tỉ lệ nén {info.file_size // max(info.compress_size, 1)}:1")
        if name == MANIFEST_NAME:
            if info.file_size > limits.max_manifest:
                raise bomb("bản kê khai quá lớn")
            continue
        table = name[len(TABLE_DIR) : -len(TABLE_SUFFIX)]
        if not (
            name.startswith(TABLE_DIR)
            and name.endswith(TABLE_SUFFIX)
            and TABLE_NAME.fullmatch(table)
        ):
            raise malformed(f"thành phần lạ {name!r}")
        tables[table] = info
    if MANIFEST_NAME not in seen:
        raise malformed("thiếu bản kê khai manifest.json")
    return tables


def bounded_read(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits
) -> Iterator[bytes]:
    """Yield the member's bytes in chunks, never more than its declared size or the limits."""
    budget = min(info.file_size, limits.max_uncompressed)
    with archive.open(info) as member:
        while True:
            chunk = member.read(_READ_CHUNK)
            if not chunk:
                return
            budget -= len(chunk)
            if budget < 0:
                raise bomb(f"{info.filename} bung ra lớn hơn kích thước khai báo")
            yield chunk


def digest_mismatch(table: str) -> PackageError:
    """A table whose bytes are not the ones the manifest vouches for."""
    return PackageError(
        "digest_mismatch",
        f"Mã băm SHA-256 của bảng {table} không khớp với bản kê khai: "
        "dữ liệu đã bị sửa đổi hoặc hỏng. Không nhập gói này.",
    )


def read_table(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    entry: dict[str, Any],
    limits: Limits,
    parse: bool,
) -> list[dict[str, Any]]:
    """Hash, count and (when ``parse``) decode one table; raise before returning on a mismatch."""
    table = info.filename[len(TABLE_DIR) : -len(TABLE_SUFFIX)]
    hasher = hashlib.sha256()
    rows: list[dict[str, Any]] = []
    count = size = 0
    problem: str | None = None
    rest = b""
    open_line = 0  # bytes since the last newline (counting only, without parsing)
    for chunk in bounded_read(archive, info, limits):
        hasher.update(chunk)
        size += len(chunk)
        if problem is not None:
            continue  # keep hashing: a digest mismatch explains a bad row better
        if not parse:  # the same checks, counting the lines instead of splitting them
            last = chunk.rfind(b"\n")
            open_line = open_line + len(chunk) if last < 0 else len(chunk) - last - 1
            if open_line > limits.max_line:
                problem = f"bảng {table}: một dòng dài quá {limits.max_line} byte"
            count += chunk.count(b"\n")
            rest = b"x" if open_line else b""  # a last line without its newline
            continue
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        if len(rest) > limits.max_line:
            problem = f"bảng {table}: một dòng dài quá {limits.max_line} byte"
        count += len(lines)
        problem = problem or _parse_lines(lines, rows, table)
    if size != entry["bytes"] or hasher.hexdigest() != entry["sha256"]:
        raise digest_mismatch(table)
    if problem is None and rest:
        problem = f"bảng {table}: dòng cuối không kết thúc bằng xuống dòng"
    if problem is not None:
        raise malformed(problem)
    if count != entry["rows"]:
        raise PackageError(
            "count_mismatch",
            f"Số dòng của bảng {table} không khớp: bản kê khai ghi {entry['rows']}, "
            f"trong gói có {count}. Không nhập gói này.",
        )
    return rows


def _parse_lines(lines: list[bytes], rows: list[dict[str, Any]], table: str) -> str | None:
    # As many "{" as lines and no "[" in the block: once every line is an object, none holds
    # another object or an array, and the values need no look one by one.
    block = b"\n".join(lines)
    flat = block.count(b"{") == len(lines) and b"[" not in block
    for line in lines:
        try:
            row = orjson.loads(line)  # strict: UTF-8, no NaN/Infinity
        except ValueError:
            return f"bảng {table}, dòng {len(rows) + 1}: không phải JSON"
        if type(row) is not dict:
            return f"bảng {table}, dòng {len(rows) + 1}: không phải một đối tượng"
        if not flat and not _SCALARS.issuperset(map(type, row.values())):
            return f"bảng {table}, dòng {len(rows) + 1}: giá trị lồng nhau"
        rows.append(row)
    return None
