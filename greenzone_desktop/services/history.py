"""The change history of a row (from the audit log) and the Trash of soft-deleted rows.

The Trash holds deleted households, people (not those deleted with their household: restoring
the household brings them back) and organisations; `restore_items` undoes the deletions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from greenzone_desktop.models import AuditEntry, Household, Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.services import organizations, register, teams
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.vocab import AuditAction, TeamKind

FIELD_LABELS = {
    "full_name": "Họ và tên", "sex": "Giới tính", "birth_date": "Ngày sinh",
    "birth_year": "Năm sinh", "relation": "Quan hệ", "cccd": "Số CCCD", "phone": "Điện thoại",
    "residency": "Cư trú", "residency_until": "Tạm trú đến", "occupation": "Nghề nghiệp",
    "workplace": "Nơi làm việc", "household_id": "Hộ", "code": "Mã hộ", "address": "Địa chỉ",
    "area": "Tổ/khu vực", "head_name": "Chủ hộ", "deleted": "Đã xóa", "notes": "Ghi chú",
    "kind": "Loại", "ethnicity": "Dân tộc", "religion": "Tôn giáo",
}
_HIDDEN = {"name_key", "sort_key", "search_key", "members_key", "head_sort", "head_id", "unit_id"}


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


TRASH_KINDS = {
    "households": "Hộ gia đình", "persons": "Nhân khẩu", "organizations": "Cơ quan, cơ sở",
    "teams": "Tổ, ban",
}
_RESTORE: dict[str, Callable[[Database, str], Changes]] = {
    "households": register.restore_household,
    "persons": register.restore_person,
    "organizations": organizations.restore_organization,
    "teams": teams.restore_team,
}


@dataclass(frozen=True)
class TrashItem:
    table: str  # a TRASH_KINDS key
    row_id: str
    label: str
    detail: str
    deleted_at: datetime | None

    @property
    def kind_label(self) -> str:
        return TRASH_KINDS.get(self.table, self.table)


def trash(db: Database, *, limit: int = 500) -> list[TrashItem]:
    """Soft-deleted households, people, organisations and teams, the latest deleted first (at most
    `limit` of each kind)."""
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
    items += [TrashItem("organizations", o.id, o.name, o.address, o.deleted_at)
              for o in organizations.deleted_organizations(db, limit=limit)]
    items += [TrashItem("teams", t.id, t.name, "; ".join(
                  x for x in (TeamKind(t.kind).label, t.area) if x), t.updated_at)
              for t in teams.deleted_teams(db, limit=limit)]
    items.sort(key=lambda i: i.deleted_at or datetime.min, reverse=True)
    return items


def restore_items(db: Database, items: Iterable[TrashItem]) -> Changes:
    """Take these rows out of the Trash (each with its kind's restore rule)."""
    items = list(items)
    for item in items:
        if item.table not in _RESTORE:
            raise ServiceError(f"Không khôi phục được mục loại «{item.table}».")
    changes = Changes()
    for item in items:
        changes = changes | _RESTORE[item.table](db, item.row_id)
    return changes
