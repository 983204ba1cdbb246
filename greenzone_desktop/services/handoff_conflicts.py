"""Conflicts kept by an import: the same row changed on both sides since they last agreed.

The import keeps the local value of each conflicting field and stores both sides (and the
last agreed values) in `sync_conflicts`. A person decides field by field: keep this PC's value
("local") or take the other side's ("remote"). The decision is an ordinary edit — a new version
from this PC, audited — so it travels back with the next package and both sides end equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from greenzone_desktop.models import SYNCED_MODELS, SyncConflict
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff_codec import SPEC_BY_NAME, python_value
from greenzone_desktop.services.handoff_labels import (
    changes_for,
    field_label,
    show_value,
    table_label,
)
from greenzone_desktop.services.handoff_merge import DERIVED

LOCAL = "local"
REMOTE = "remote"
_MODELS = {m.__tablename__: m for m in SYNCED_MODELS}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class FieldConflict:
    field: str
    label: str
    local: str  # as a person reads it
    remote: str
    base: str


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    table_label: str
    row_id: str
    row_label: str  # e.g. the person's name
    peer_unit_id: str
    fields: tuple[FieldConflict, ...]


def _row_label(table: str, data: dict[str, Any], row_id: str) -> str:
    if table == "persons" and data.get("full_name"):
        year = data.get("birth_year")
        return f"{data['full_name']} ({year})" if year else str(data["full_name"])
    for key in ("full_name", "name", "head_name", "code", "key"):
        value = data.get(key)
        if value:
            if table == "households" and key == "head_name" and data.get("code"):
                return f"{data['code']} — {value}"
            return str(value)
    return row_id[:8]


def _view(c: SyncConflict) -> ConflictView:
    local, remote, base = dict(c.local or {}), dict(c.remote or {}), dict(c.base or {})
    fields = tuple(
        FieldConflict(f, field_label(f), show_value(f, local.get(f)), show_value(f, remote.get(f)),
                      show_value(f, base.get(f)) if f in base else "(chưa có)")
        for f in c.fields or []
    )
    return ConflictView(c.id, c.table_name, table_label(c.table_name), c.row_id,
                        _row_label(c.table_name, local or remote, c.row_id), c.peer_unit_id,
                        fields)


def list_conflicts(db: Database, *, include_resolved: bool = False) -> list[ConflictView]:
    """Conflicts waiting for a decision, oldest first."""
    with db.session() as s:
        stmt = select(SyncConflict).order_by(SyncConflict.created_at, SyncConflict.id)
        if not include_resolved:
            stmt = stmt.where(SyncConflict.resolved.is_(False))
        return [_view(c) for c in s.scalars(stmt)]


def count_conflicts(db: Database) -> int:
    return len(list_conflicts(db))


def resolve_conflict(db: Database, conflict_id: str, choices: dict[str, str]) -> Changes:
    """Apply a decision: for every conflicting field, LOCAL (keep) or REMOTE (take theirs)."""
    with db.session() as s:
        conflict = s.get(SyncConflict, conflict_id)
        if conflict is None or conflict.resolved:
            raise ServiceError("Xung đột này không còn (đã được giải quyết hoặc không tồn tại).")
        fields = list(conflict.fields or [])
        missing = [f for f in fields if choices.get(f) not in (LOCAL, REMOTE)]
        if missing:
            names = ", ".join(field_label(f) for f in missing)
            raise ServiceError(f"Hãy chọn giữ bản nào cho từng trường: còn thiếu {names}.")
        model = _MODELS.get(conflict.table_name)
        spec = SPEC_BY_NAME.get(conflict.table_name)
        row = s.get(model, conflict.row_id) if model is not None else None
        if row is None or spec is None:
            raise ServiceError("Không tìm thấy dòng dữ liệu của xung đột này.")
        remote = dict(conflict.remote or {})
        taken = {f for f in fields if choices[f] == REMOTE}
        for f in taken:
            setattr(row, f, python_value(spec, f, remote.get(f)))
        for out, src, derive in DERIVED.get(conflict.table_name, ()):
            if not taken.intersection(src):
                continue
            values = (derive({f: getattr(row, f) for f in src}) if derive is not None
                      else {f: remote.get(f) for f in out})
            for f in out:
                setattr(row, f, values.get(f))
        conflict.resolved = True
        table = conflict.table_name
    return changes_for({table})


def resolve_all(db: Database, side: str) -> Changes:
    """Decide every open conflict the same way (LOCAL or REMOTE for all fields)."""
    if side not in (LOCAL, REMOTE):
        raise ServiceError("Chỉ chọn được «giữ bản ở máy này» hoặc «lấy bản nhận được».")
    changes = Changes()
    for c in list_conflicts(db):
        changes = changes | resolve_conflict(db, c.id, {f.field: side for f in c.fields})
    return changes
