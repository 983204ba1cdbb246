"""Helpers for the USB handoff tests: ward databases, quick export/import, row digests."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

from greenzone_desktop.models import Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.migrations import open_database
from greenzone_desktop.services import handoff
from greenzone_desktop.services.handoff_codec import SPECS
from greenzone_desktop.services.units import init_units

PASSWORD = "Mật khẩu chung 2021"
FAST_N = 2**10  # the real default is 2**15; the package stores n, so tests stay quick


def ward(tmp_path: Path, name: str = "ward", commune: str = "Phường Hùng Vương") -> Database:
    """An empty ward database (`greenzone init --province … --commune …`)."""
    db = open_database(tmp_path / f"{name}.sqlite", actor="cán bộ phường")
    init_units(db, province="Vĩnh Phúc", commune=commune)
    return db


def village(tmp_path: Path, name: str, village_name: str, commune: str = "Phường Hùng Vương"
            ) -> Database:
    db = open_database(tmp_path / f"{name}.sqlite", actor="trưởng thôn")
    init_units(db, province="Vĩnh Phúc", commune=commune, village=village_name)
    return db


def export(db: Database, path: Path, **kwargs: Any) -> handoff.ExportResult:
    return handoff.export_package(db, path, PASSWORD, scrypt_n=FAST_N, **kwargs)


def import_(db: Database, path: Path, **kwargs: Any) -> handoff.ImportResult:
    kwargs.setdefault("backup_dir", path.parent / "backups")
    return handoff.import_package(db, path, kwargs.pop("password", PASSWORD), **kwargs)


def _connect(db: Database) -> sqlite3.Connection:
    db.engine.dispose()  # let every pooled connection go so we read committed state
    return sqlite3.connect(db.path)


def digest(db: Database) -> str:
    """SHA-256 over every row of every table, in a fixed order (bookkeeping included)."""
    conn = _connect(db)
    try:
        h = hashlib.sha256()
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for name in names:
            h.update(name.encode())
            for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY 1'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()


def synced_rows(db: Database, unit_ids: set[str]) -> dict[str, list[tuple]]:
    """Every synced table's rows owned by these units (units: without parent_id), by id."""
    conn = _connect(db)
    try:
        out: dict[str, list[tuple]] = {}
        marks = ",".join("?" * len(unit_ids))
        for spec in SPECS:
            cols = [c for c in spec.columns if not (spec.name == "units" and c == "parent_id")]
            sql = (f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{spec.name}" '
                   f"WHERE unit_id IN ({marks}) ORDER BY id")
            out[spec.name] = conn.execute(sql, tuple(unit_ids)).fetchall()
        return out
    finally:
        conn.close()


def edit_person(db: Database, person_id: str, **values: Any) -> None:
    """An ordinary edit through the ORM (version + 1, this PC as origin, audited)."""
    from greenzone_desktop.services.register import person_keys

    with db.session() as s:
        p = s.get(Person, person_id)
        assert p is not None
        for key, value in values.items():
            setattr(p, key, value)
        keys = person_keys({"full_name": p.full_name, "cccd": p.cccd, "phone": p.phone})
        for key, value in keys.items():
            setattr(p, key, value)


def some_person(db: Database, offset: int = 0) -> str:
    conn = _connect(db)
    try:
        return conn.execute("SELECT id FROM persons WHERE deleted = 0 ORDER BY id LIMIT 1 "
                            "OFFSET ?", (offset,)).fetchone()[0]
    finally:
        conn.close()


def person(db: Database, person_id: str) -> dict[str, Any]:
    conn = _connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM persons WHERE id = ?", (person_id,)).fetchone())
    finally:
        conn.close()
