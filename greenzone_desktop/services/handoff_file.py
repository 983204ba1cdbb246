"""Reading a package file: everything about it that depends on the file alone — the key
(scrypt), the decryption, the decompression, the rows parsed and each value checked and brought
to its stored form (services/handoff_values.py).

Without the database layer: a pile's reading process (services/handoff_read.py) imports only
this, the package reader and the value checks, and gets the tables' readers from the caller.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from greenzone_desktop.exchange.package import (
    Package,
    PackageError,
    derive_header_keys,
    read_package,
)
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff_values import BASE_ORIGIN, BASE_VERSION, RowReader

Converted = dict[str, tuple[list[tuple], list[tuple[Any, Any]]]]


@dataclass
class FileRead:
    """A package file read: the package (its manifest; the raw rows are not kept), its rows
    converted (by table: rows and the agreed (version, origin) each carries), or what was
    wrong."""

    path: Path
    package: Package | None = None
    converted: Converted | None = None
    error: Exception | None = None  # PackageError from the file, ServiceError from a row

    def result(self) -> tuple[Package, Converted]:
        if self.package is None or self.converted is None:
            assert self.error is not None
            raise self.error
        return self.package, self.converted


def read_file(path: str | Path, password: str | None, readers: tuple[RowReader, ...],
              schema_version: int) -> FileRead:
    """The package at `path` read with these tables' readers (the tables it may hold)."""
    read = FileRead(Path(path))
    try:
        keys = derive_header_keys(path, password) if password else None
        read.package = read_package(path, password,
                                    allowed_tables=tuple(r.name for r in readers),
                                    max_schema_version=schema_version, keys=keys)
        read.converted = {r.name: convert_rows(r, read.package.tables.get(r.name, []))
                          for r in readers}
    except (PackageError, ServiceError) as exc:
        read.error = exc
    if read.package is not None:
        read.package = replace(read.package, tables={})  # converted: the raw rows are not kept
    return read


def read_in_process(path: str, password: str | None, readers: tuple[RowReader, ...],
                    schema_version: int) -> tuple[FileRead, bytes | None]:
    """`read_file` in the reading process: the rows travel back marshalled (six times faster
    to write than pickled; both ends are the same interpreter)."""
    read = read_file(path, password, readers, schema_version)
    rows = None
    if read.converted is not None:
        rows = marshal.dumps(read.converted)
        read.converted = None
    return read, rows


def convert_rows(reader: RowReader, raw_rows: list[dict[str, Any]]
                 ) -> tuple[list[tuple], list[tuple[Any, Any]]]:
    """A table's package rows in their stored form, checked, with the agreed (version, origin)
    each carries; raises ServiceError saying where."""
    from_package = reader.from_package
    rows = [from_package(raw) for raw in raw_rows]
    carried = [(raw.get(BASE_VERSION), raw.get(BASE_ORIGIN)) for raw in raw_rows]
    for raw, (version, origin) in zip(raw_rows, carried, strict=True):
        if not (version is None or type(version) is int) or not (
                origin is None or isinstance(origin, str)):
            raise reader.bad(raw, BASE_VERSION, "mốc đồng bộ không hợp lệ")
    if len({r[0] for r in rows}) != len(rows):
        raise ServiceError(f"Gói có dòng trùng mã trong bảng «{reader.label}».")
    return rows, carried
