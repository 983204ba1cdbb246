"""The change history of a row (from the audit log) and the Trash of soft-deleted rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from greenzone_desktop.models import AuditEntry, Household, Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.vocab import AuditAction

FIELD_LABELS = {
    "full_name": "Họ và tên", "sex": "Giới tính", "birth_date": "Ngày sinh",
    "birth_year": "Năm sinh", "relation": "Quan hệ", "cccd": "Số CCCD", "phone": "Điện thoại",
    "residency": "Cư trú", "residency_until": "Tạm trú đến", "occupation": "Nghề nghiệp",
    "workplace": "Nơi làm việc", "household_id": "Hộ", "code": "Mã hộ", "address": "Địa chỉ",
    "area": "Tổ/khu vực", "head_name": "Chủ hộ", "deleted": "Đã xóa", "notes": "Ghi chú",
    "kind": "Loại", "ethnicity": "Dân tộc", "religion": "Tôn giáo",
}
_HIDDEN = {"name_key", "sort_key", "search_key", "head_sort", "head_id", "unit_id"}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    action_label: str
    changes: tuple[tuple[str, str, str], ...]  # (field label, before, after)


def history(db: Database, table: str, row_id: str) -> list[HistoryEntry]:
    """Newest first."""
    stmt = (select(AuditEntry)
            .where(AuditEntry.table_name == table, AuditEntry.row_id == row_id)
            .order_by(AuditEntry.at.desc()))
    out = []
    with db.session() as s:
        for e in s.scalars(stmt):
            changes = tuple(
                (FIELD_LABELS.get(k, k), _show(v[0]), _show(v[1]))
                for k, v in (e.changes or {}).items() if k not in _HIDDEN
            )
            action = AuditAction(e.action) if e.action in AuditAction.codes() else None
            out.append(HistoryEntry(e.at, e.actor, e.action,
                                    action.label if action else e.action, changes))
    return out


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    text = str(value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text


@dataclass(frozen=True)
class TrashItem:
    table: str
    row_id: str
    label: str
    detail: str
    deleted_at: datetime | None


def trash(db: Database, *, limit: int = 500) -> list[TrashItem]:
    """Soft-deleted households and people, newest first."""
    items: list[TrashItem] = []
    with db.session() as s:
        for h in s.scalars(select(Household).where(Household.deleted)
                           .order_by(Household.updated_at.desc()).limit(limit)):
            items.append(TrashItem("households", h.id, f"Hộ {h.code}",
                                   f"Chủ hộ: {h.head_name}; {h.address}", h.updated_at))
        q = (select(Person, Household.code, Household.deleted)
             .join(Household, Person.household_id == Household.id)
             .where(Person.deleted).order_by(Person.updated_at.desc()).limit(limit))
        for p, code, household_deleted in s.execute(q):
            if household_deleted:
                continue
            items.append(TrashItem("persons", p.id, p.full_name, f"Hộ {code}", p.updated_at))
    items.sort(key=lambda i: i.deleted_at or datetime.min, reverse=True)
    return items
