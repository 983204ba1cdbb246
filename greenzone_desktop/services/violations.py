"""Violations of the prevention rules: who, what, when, where, how handled, and status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from greenzone_desktop.models import Person, Violation
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ValidationError
from greenzone_desktop.text import nfc
from greenzone_desktop.vocab import ViolationHandling, ViolationStatus

CHANGED = Changes(community=True)


@dataclass(frozen=True)
class ViolationInput:
    full_name: str
    what: str
    occurred_on: date | None
    place: str = ""
    handling: str = ""  # ViolationHandling code, "" while not decided
    fine_amount: int = 0
    status: str = ViolationStatus.OPEN.value
    person_id: str | None = None


@dataclass(frozen=True)
class ViolationView:
    id: str
    person_id: str | None
    full_name: str
    what: str
    occurred_on: date
    place: str
    handling: str
    fine_amount: int
    status: str

    @property
    def handling_label(self) -> str:
        return ViolationHandling(self.handling).label if self.handling else "Chưa xử lý"

    @property
    def status_label(self) -> str:
        return ViolationStatus(self.status).label


def _clean(v: ViolationInput, today: date) -> dict:
    errors: dict[str, str] = {}
    name = nfc(v.full_name) or ""
    what = nfc(v.what) or ""
    if not name:
        errors["full_name"] = "Chưa nhập họ tên người (hoặc tên cơ sở) vi phạm."
    if not what:
        errors["what"] = "Chưa ghi hành vi vi phạm."
    if v.occurred_on is None:
        errors["occurred_on"] = "Chưa nhập ngày vi phạm."
    elif v.occurred_on > today:
        errors["occurred_on"] = "Ngày vi phạm không thể sau hôm nay."
    if v.handling and v.handling not in ViolationHandling.codes():
        errors["handling"] = f"Hình thức xử lý «{v.handling}» không có trong danh mục."
    if v.status not in ViolationStatus.codes():
        errors["status"] = f"Trạng thái «{v.status}» không có trong danh mục."
    if v.fine_amount < 0:
        errors["fine_amount"] = "Số tiền phạt không thể âm."
    elif v.fine_amount and v.handling != ViolationHandling.FINE:
        errors["fine_amount"] = "Chỉ ghi số tiền phạt khi hình thức xử lý là xử phạt hành chính."
    if v.status == ViolationStatus.CLOSED and not v.handling:
        errors["handling"] = "Vi phạm đã xử lý xong cần ghi hình thức xử lý."
    if errors:
        raise ValidationError(errors)
    return {"full_name": name, "what": what, "occurred_on": v.occurred_on,
            "place": nfc(v.place) or "", "handling": v.handling, "fine_amount": v.fine_amount,
            "status": v.status, "person_id": v.person_id}


def save_violation(db: Database, v: ViolationInput, violation_id: str | None = None, *,
                   today: date | None = None) -> str:
    """Record a violation (no id) or update one; returns its id."""
    values = _clean(v, today or date.today())
    with db.session() as s:
        if v.person_id is not None and s.get(Person, v.person_id) is None:
            raise NotFoundError("Không tìm thấy người được chọn trong sổ hộ.")
        if violation_id is None:
            row = Violation(unit_id=db.home_unit_id, **values)
            s.add(row)
            s.flush()
            return row.id
        row = s.get(Violation, violation_id)
        if row is None or row.deleted:
            raise NotFoundError("Không tìm thấy vi phạm này (có thể đã bị xóa).")
        for k, val in values.items():
            setattr(row, k, val)
        return row.id


def delete_violation(db: Database, violation_id: str) -> Changes:
    with db.session() as s:
        row = s.get(Violation, violation_id)
        if row is None or row.deleted:
            raise NotFoundError("Không tìm thấy vi phạm này.")
        row.deleted = True
    return CHANGED


def list_violations(db: Database, *, open_only: bool = False) -> list[ViolationView]:
    """Violations, newest first."""
    stmt = select(Violation).where(Violation.deleted.is_(False))
    if open_only:
        stmt = stmt.where(Violation.status == ViolationStatus.OPEN.value)
    with db.session() as s:
        rows = s.scalars(stmt.order_by(Violation.occurred_on.desc(),
                                       Violation.created_at.desc())).all()
        return [ViolationView(r.id, r.person_id, r.full_name, r.what, r.occurred_on, r.place,
                              r.handling, r.fine_amount, r.status) for r in rows]
