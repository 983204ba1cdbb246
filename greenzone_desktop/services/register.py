"""Households and their members: create, edit, move, change the head, delete and restore.

Every write validates with the Vietnamese text rules, refuses a CCCD that is already registered
(naming the other household, see `services.duplicates`), and goes through the audited session.

The read views (`HouseholdView`, `MemberView`, `get_household`) live in
`services.register_views` and the duplicate search (`Duplicate`, `find_duplicates`) in
`services.duplicates`; both are re-exported here so `services.register` stays the one name to
import the register from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from greenzone_desktop.models import Household, Person, Vaccination
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.duplicates import Duplicate as Duplicate
from greenzone_desktop.services.duplicates import find_duplicates as find_duplicates
from greenzone_desktop.services.duplicates import refuse_cccd_duplicate
from greenzone_desktop.services.errors import DuplicateError as DuplicateError
from greenzone_desktop.services.errors import ValidationError
from greenzone_desktop.services.register_views import HouseholdView as HouseholdView
from greenzone_desktop.services.register_views import MemberView as MemberView
from greenzone_desktop.services.register_views import get_household as get_household
from greenzone_desktop.services.register_views import household_row, person_row
from greenzone_desktop.text import (
    TextError,
    fold,
    name_sort_key,
    nfc,
    normalize_cccd,
    normalize_phone,
    parse_birth,
    parse_date,
)
from greenzone_desktop.vocab import HouseholdKind, Relation, Residency, Sex

PERSON_LABELS = {
    "full_name": "Họ và tên",
    "sex": "Giới tính",
    "birth": "Ngày sinh",
    "cccd": "Số CCCD",
    "phone": "Số điện thoại",
    "relation": "Quan hệ với chủ hộ",
    "residency": "Cư trú",
    "residency_until": "Tạm trú đến ngày",
    "cccd_issued_on": "Ngày cấp CCCD",
    "doses": "Tiêm vắc-xin",
}


@dataclass
class DoseInput:
    given_on: date | str | None = None
    vaccine: str = ""
    place: str = ""


@dataclass
class PersonInput:
    """What a person typed for one member (raw text is fine: it is parsed here)."""

    full_name: str
    sex: str = Sex.MALE.value
    birth: date | str | int | None = None
    relation: str = Relation.OTHER.value
    cccd: str | int | None = None
    phone: str | int | None = None
    residency: str = Residency.PERMANENT.value
    residency_until: date | str | None = None
    ethnicity: str = "Kinh"
    religion: str = ""
    occupation: str = ""
    workplace: str = ""
    insurance_no: str = ""
    cccd_issued_on: date | str | None = None
    cccd_issued_by: str = ""
    notes: str = ""
    doses: list[DoseInput] | None = None  # None: leave vaccinations as they are


@dataclass
class HouseholdInput:
    code: str = ""  # empty: the next free code
    kind: str = HouseholdKind.FAMILY.value
    address: str = ""
    area: str = ""
    phone: str | int | None = None
    notes: str = ""


# -- validation -----------------------------------------------------------------------------

def clean_person(p: PersonInput) -> dict:
    """Validated column values for a member; raises ValidationError with every bad field."""
    errors: dict[str, str] = {}
    values: dict = {}

    def attempt(key: str, fn):  # noqa: ANN001, ANN202 - small local helper
        try:
            return fn()
        except TextError as exc:
            errors[key] = str(exc)
            return None

    name = nfc(p.full_name)
    if not name:
        errors["full_name"] = "Họ và tên không được để trống."
    values["full_name"] = name or ""
    sex = Sex.from_label(p.sex or "")
    if sex is None:
        errors["sex"] = f"Giới tính «{p.sex}» không hợp lệ: chọn Nam hoặc Nữ."
    values["sex"] = sex.value if sex else ""
    birth = attempt("birth", lambda: parse_birth(p.birth, field="Ngày sinh")) or (None, None)
    values["birth_date"], values["birth_year"] = birth
    rel = Relation.from_label(p.relation or "") if p.relation else Relation.OTHER
    if rel is None:
        errors["relation"] = f"Quan hệ với chủ hộ «{p.relation}» không có trong danh mục."
    values["relation"] = rel.value if rel else Relation.OTHER.value
    res = Residency.from_label(p.residency or "") if p.residency else Residency.PERMANENT
    if res is None:
        errors["residency"] = f"Tình trạng cư trú «{p.residency}» không hợp lệ."
    values["residency"] = res.value if res else Residency.PERMANENT.value
    values["cccd"] = attempt(
        "cccd",
        lambda: normalize_cccd(p.cccd, birth_year=birth[1], sex=values["sex"] or None),
    )
    values["phone"] = attempt("phone", lambda: normalize_phone(p.phone))
    values["residency_until"] = attempt(
        "residency_until", lambda: parse_date(p.residency_until, field="Tạm trú đến ngày")
    )
    values["cccd_issued_on"] = attempt(
        "cccd_issued_on", lambda: parse_date(p.cccd_issued_on, field="Ngày cấp CCCD")
    )
    for key in ("ethnicity", "religion", "occupation", "workplace", "insurance_no",
                "cccd_issued_by", "notes"):
        values[key] = nfc(getattr(p, key)) or ""
    if errors:
        raise ValidationError(errors)
    return values


def person_keys(values: dict) -> dict:
    """Derived columns: accent-free name, Vietnamese sort key, search key."""
    name = values["full_name"]
    search = " ".join(x for x in (fold(name), values.get("cccd"), values.get("phone")) if x)
    return {"name_key": fold(name), "sort_key": name_sort_key(name), "search_key": search}


def household_search_key(h: Household) -> str:
    # The head's name is searched through the members, not here: a household key holding it
    # would make every member of "Nguyễn Văn X"'s household match "nguyen van".
    return " ".join(x for x in (fold(h.code), fold(h.address), fold(h.area), h.phone or "") if x)


# -- households -----------------------------------------------------------------------------

def next_household_code(s: Session, prefix: str) -> str:
    count = s.scalar(select(func.count()).select_from(Household)) or 0
    n = count + 1
    while s.scalar(select(Household.id).where(Household.code == f"{prefix}-{n:04d}")):
        n += 1
    return f"{prefix}-{n:04d}"


def _clean_household(h: HouseholdInput) -> dict:
    errors: dict[str, str] = {}
    kind = HouseholdKind.from_label(h.kind or "") if h.kind else HouseholdKind.FAMILY
    if kind is None:
        errors["kind"] = f"Loại hộ «{h.kind}» không hợp lệ."
    phone = None
    try:
        phone = normalize_phone(h.phone)
    except TextError as exc:
        errors["phone"] = str(exc)
    if errors:
        raise ValidationError(errors)
    return {
        "code": nfc(h.code) or "",
        "kind": kind.value if kind else HouseholdKind.FAMILY.value,
        "address": nfc(h.address) or "",
        "area": nfc(h.area) or "",
        "phone": phone,
        "notes": nfc(h.notes) or "",
    }


def _unit_prefix(db: Database, s: Session) -> str:
    from greenzone_desktop.models import Unit

    unit = s.get(Unit, db.home_unit_id) if db.home_unit_id else None
    return (unit.code if unit and unit.code else "HG") or "HG"


def create_household(
    db: Database, household: HouseholdInput, members: list[PersonInput] | None = None,
    *, unit_id: str | None = None,
) -> str:
    """Create a household with its members (the one related 'Chủ hộ' becomes head)."""
    members = members or []
    hvals = _clean_household(household)
    cleaned: list[dict] = []
    errors: dict[str, str] = {}
    for i, m in enumerate(members, start=1):
        try:
            cleaned.append(clean_person(m))
        except ValidationError as exc:
            errors.update({f"{i}.{k}": f"Thành viên {i}: {v}" for k, v in exc.errors.items()})
    if errors:
        raise ValidationError(errors)
    seen: dict[str, int] = {}
    for i, v in enumerate(cleaned, start=1):
        if v["cccd"] and v["cccd"] in seen:
            raise DuplicateError(
                f"Thành viên {i} trùng số CCCD {v['cccd']} với thành viên {seen[v['cccd']]}.",
                field="cccd",
            )
        if v["cccd"]:
            seen[v["cccd"]] = i
    with db.session() as s:
        for v in cleaned:
            refuse_cccd_duplicate(s, v["cccd"], None)
        unit = unit_id or db.home_unit_id
        if not hvals["code"]:
            hvals["code"] = next_household_code(s, _unit_prefix(db, s))
        elif s.scalar(select(Household.id).where(
            Household.code == hvals["code"], Household.deleted.is_(False))
        ):
            raise DuplicateError(f"Mã hộ «{hvals['code']}» đã có.", field="code")
        h = Household(unit_id=unit, **hvals)
        s.add(h)
        s.flush()
        added: list[Person] = []
        for m, v in zip(members, cleaned, strict=True):
            p = Person(unit_id=unit, household_id=h.id, **v, **person_keys(v))
            s.add(p)
            s.flush()
            _set_doses(s, p, m.doses)
            added.append(p)
        heads = [p for p in added if p.relation == Relation.HEAD]
        _apply_head(h, heads[0] if heads else (added[0] if added else None))
        return h.id


def _apply_head(h: Household, head: Person | None) -> None:
    h.head_id = head.id if head else None
    h.head_name = head.full_name if head else ""
    h.head_sort = name_sort_key(head.full_name) if head else ""
    h.search_key = household_search_key(h)


def update_household(db: Database, household_id: str, household: HouseholdInput) -> Changes:
    hvals = _clean_household(household)
    with db.session() as s:
        h = household_row(s, household_id)
        if not hvals["code"]:
            hvals["code"] = h.code
        for k, v in hvals.items():
            setattr(h, k, v)
        h.search_key = household_search_key(h)
    return Changes(households=True)


def _set_doses(s: Session, p: Person, doses: list[DoseInput] | None) -> None:
    if doses is None:
        return
    existing = {v.dose_no: v for v in s.scalars(
        select(Vaccination).where(Vaccination.person_id == p.id, Vaccination.deleted.is_(False))
    )}
    for no, d in enumerate(doses, start=1):
        given = parse_date(d.given_on, field=f"Ngày tiêm mũi {no}")
        v = existing.pop(no, None)
        if v is None:
            s.add(Vaccination(unit_id=p.unit_id, person_id=p.id, dose_no=no, given_on=given,
                              vaccine=nfc(d.vaccine) or "", place=nfc(d.place) or ""))
        else:
            v.given_on, v.vaccine, v.place = given, nfc(d.vaccine) or "", nfc(d.place) or ""
    for v in existing.values():
        v.deleted = True


# -- members --------------------------------------------------------------------------------

def add_member(db: Database, household_id: str, person: PersonInput) -> str:
    values = clean_person(person)
    with db.session() as s:
        h = household_row(s, household_id)
        refuse_cccd_duplicate(s, values["cccd"], None)
        p = Person(unit_id=h.unit_id, household_id=h.id, **values, **person_keys(values))
        s.add(p)
        s.flush()
        _set_doses(s, p, person.doses)
        if h.head_id is None or values["relation"] == Relation.HEAD and not _head_alive(s, h):
            _apply_head(h, p)
        return p.id


def _head_alive(s: Session, h: Household) -> bool:
    head = s.get(Person, h.head_id) if h.head_id else None
    return bool(head and not head.deleted and head.household_id == h.id)


def update_member(db: Database, person_id: str, person: PersonInput) -> Changes:
    values = clean_person(person)
    with db.session() as s:
        p = person_row(s, person_id)
        refuse_cccd_duplicate(s, values["cccd"], person_id)
        for k, v in {**values, **person_keys(values)}.items():
            setattr(p, k, v)
        _set_doses(s, p, person.doses)
        h = household_row(s, p.household_id)
        if h.head_id == p.id:
            _apply_head(h, p)
    return Changes(persons=True, households=True)


def move_member(db: Database, person_id: str, to_household_id: str) -> Changes:
    """Move a member to another household; a moved head leaves the old household headless
    until another member is made head (the first remaining member is proposed)."""
    with db.session() as s:
        p = person_row(s, person_id)
        old = household_row(s, p.household_id)
        new = household_row(s, to_household_id)
        if old.id == new.id:
            return Changes()
        p.household_id = new.id
        p.unit_id = new.unit_id
        if p.relation == Relation.HEAD:
            p.relation = Relation.OTHER.value
        if old.head_id == p.id:
            rest = s.scalars(select(Person).where(
                Person.household_id == old.id, Person.deleted.is_(False), Person.id != p.id
            ).order_by(Person.birth_year)).first()
            _apply_head(old, rest)
            if rest is not None:
                rest.relation = Relation.HEAD.value
        if new.head_id is None:
            _apply_head(new, p)
    return Changes(persons=True, households=True)


def set_head(db: Database, household_id: str, person_id: str) -> Changes:
    with db.session() as s:
        h = household_row(s, household_id)
        p = person_row(s, person_id)
        if p.household_id != h.id or p.deleted:
            raise ValidationError({"head": f"{p.full_name} không thuộc hộ {h.code}."})
        old = s.get(Person, h.head_id) if h.head_id else None
        if old is not None and old.id != p.id and old.relation == Relation.HEAD:
            old.relation = Relation.OTHER.value
        p.relation = Relation.HEAD.value
        _apply_head(h, p)
    return Changes(persons=True, households=True)


def delete_person(db: Database, person_id: str) -> Changes:
    with db.session() as s:
        p = person_row(s, person_id)
        p.deleted = True
        h = household_row(s, p.household_id)
        if h.head_id == p.id:
            _apply_head(h, None)
    return Changes(persons=True, households=True)


def restore_person(db: Database, person_id: str) -> Changes:
    with db.session() as s:
        p = person_row(s, person_id)
        values = {"cccd": p.cccd}
        refuse_cccd_duplicate(s, values["cccd"], person_id)
        p.deleted = False
        h = household_row(s, p.household_id)
        h.deleted = False
        if h.head_id is None:
            _apply_head(h, p)
    return Changes(persons=True, households=True)


def delete_household(db: Database, household_id: str) -> Changes:
    """Soft-delete a household and its members (reversible with restore_household)."""
    with db.session() as s:
        h = household_row(s, household_id)
        h.deleted = True
        for p in s.scalars(select(Person).where(
            Person.household_id == h.id, Person.deleted.is_(False)
        )):
            p.deleted = True
    return Changes(households=True, persons=True)


def restore_household(db: Database, household_id: str) -> Changes:
    """Undo delete_household: the household and the members deleted with it come back."""
    with db.session() as s:
        h = household_row(s, household_id)
        if not h.deleted:
            return Changes()
        stamp = h.updated_at
        h.deleted = False
        for p in s.scalars(select(Person).where(Person.household_id == h.id, Person.deleted)):
            if p.updated_at is not None and stamp is not None and p.updated_at >= stamp:
                refuse_cccd_duplicate(s, p.cccd, p.id)
                p.deleted = False
    return Changes(households=True, persons=True)
