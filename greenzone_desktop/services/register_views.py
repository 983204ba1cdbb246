"""Read views of the register: one household with its live members and their doses.

The writes (create, edit, move, delete, restore) are in `services.register`; the household list
and its faster editor lookup are in `services.household_list`. The row lookups here
(`household_row`, `person_row`) are shared with the writes so that a missing row gives the same
message everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from greenzone_desktop.models import Household, Person, Vaccination
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.errors import NotFoundError
from greenzone_desktop.text import format_birth


@dataclass(frozen=True)
class MemberView:
    id: str
    full_name: str
    sex: str
    birth_date: date | None
    birth_year: int | None
    relation: str
    cccd: str | None
    phone: str | None
    residency: str
    residency_until: date | None
    ethnicity: str
    religion: str
    occupation: str
    workplace: str
    insurance_no: str
    cccd_issued_on: date | None
    cccd_issued_by: str
    notes: str
    doses: tuple[tuple[int, date | None, str], ...] = ()

    @property
    def birth_text(self) -> str:
        return format_birth(self.birth_date, self.birth_year)


@dataclass(frozen=True)
class HouseholdView:
    id: str
    code: str
    kind: str
    head_id: str | None
    head_name: str
    address: str
    area: str
    phone: str | None
    notes: str
    unit_id: str
    members: tuple[MemberView, ...] = field(default=())


def household_row(s: Session, household_id: str) -> Household:
    """The household row (deleted or not); NotFoundError when there is none."""
    h = s.get(Household, household_id)
    if h is None:
        raise NotFoundError("Không tìm thấy hộ gia đình này (có thể đã bị xóa).")
    return h


def person_row(s: Session, person_id: str) -> Person:
    """The person row (deleted or not); NotFoundError when there is none."""
    p = s.get(Person, person_id)
    if p is None:
        raise NotFoundError("Không tìm thấy nhân khẩu này (có thể đã bị xóa).")
    return p


def get_household(db: Database, household_id: str) -> HouseholdView:
    """The household and its live members (head first, then oldest) with their live doses."""
    with db.session() as s:
        h = household_row(s, household_id)
        persons = list(s.scalars(select(Person).where(
            Person.household_id == h.id, Person.deleted.is_(False))))
        ids = [p.id for p in persons]
        doses: dict[str, list[tuple[int, date | None, str]]] = {}
        if ids:
            for v in s.scalars(select(Vaccination).where(
                Vaccination.person_id.in_(ids), Vaccination.deleted.is_(False)
            ).order_by(Vaccination.dose_no)):
                doses.setdefault(v.person_id, []).append((v.dose_no, v.given_on, v.vaccine))
        persons.sort(key=lambda p: (p.id != h.head_id, p.birth_year or 9999, p.sort_key))
        members = tuple(_member_view(p, doses.get(p.id, [])) for p in persons)
        return HouseholdView(h.id, h.code, h.kind, h.head_id, h.head_name, h.address, h.area,
                             h.phone, h.notes, h.unit_id, members)


def _member_view(p: Person, doses: list) -> MemberView:
    return MemberView(
        p.id, p.full_name, p.sex, p.birth_date, p.birth_year, p.relation, p.cccd, p.phone,
        p.residency, p.residency_until, p.ethnicity, p.religion, p.occupation, p.workplace,
        p.insurance_no, p.cccd_issued_on, p.cccd_issued_by, p.notes, tuple(doses),
    )
