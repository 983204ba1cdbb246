"""Duplicate people in the register: the same CCCD, or the same accent-free name and birth.

`find_duplicates` is the warning the member form shows while a person is typed in (it never
refuses anything); `refuse_cccd_duplicate` is the rule every register write applies: a CCCD
belongs to one live person only, and the refusal names the household that already has it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from greenzone_desktop.models import Household, Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.errors import DuplicateError
from greenzone_desktop.text import TextError, fold, format_birth, normalize_cccd, parse_birth


@dataclass(frozen=True)
class Duplicate:
    kind: str  # "cccd" | "name_birth"
    person_id: str
    full_name: str
    household_id: str
    household_code: str
    message: str


def find_duplicates(
    db: Database, *, full_name: str = "", birth: date | str | int | None = None,
    cccd: str | int | None = None, exclude_person_id: str | None = None,
) -> list[Duplicate]:
    """Other people with the same CCCD, or the same accent-free name and birth date."""
    try:
        cccd_norm = normalize_cccd(cccd) if cccd else None
    except TextError:
        cccd_norm = None
    try:
        birth_date, birth_year = parse_birth(birth) if birth else (None, None)
    except TextError:
        birth_date, birth_year = None, None
    with db.session() as s:
        return duplicates_in(s, fold(full_name), birth_date, birth_year, cccd_norm,
                             exclude_person_id)


def duplicates_in(
    s: Session, name_key: str, birth_date: date | None, birth_year: int | None,
    cccd: str | None, exclude: str | None,
) -> list[Duplicate]:
    """The live people matching a normalised CCCD, or a folded name with the birth year (and
    the birth date when both sides have one); CCCD matches come first, each person once."""
    out: list[Duplicate] = []
    q = select(Person, Household.code).join(Household, Person.household_id == Household.id)
    q = q.where(Person.deleted.is_(False))
    if exclude:
        q = q.where(Person.id != exclude)
    if cccd:
        for p, code in s.execute(q.where(Person.cccd == cccd)):
            out.append(Duplicate("cccd", p.id, p.full_name, p.household_id, code,
                                 f"Số CCCD {cccd} đã có ở {p.full_name}, hộ {code}."))
    if name_key and birth_year:
        q2 = q.where(Person.name_key == name_key, Person.birth_year == birth_year)
        for p, code in s.execute(q2):
            if birth_date and p.birth_date and p.birth_date != birth_date:
                continue
            if any(d.person_id == p.id for d in out):
                continue
            out.append(Duplicate(
                "name_birth", p.id, p.full_name, p.household_id, code,
                f"Đã có {p.full_name} ({format_birth(p.birth_date, p.birth_year)}) ở hộ {code}.",
            ))
    return out


def refuse_cccd_duplicate(s: Session, cccd: str | None, exclude: str | None) -> None:
    """DuplicateError (field "cccd", with the other household's id) when another live person
    already has this normalised CCCD; nothing when the CCCD is empty."""
    if not cccd:
        return
    dups = [d for d in duplicates_in(s, "", None, None, cccd, exclude) if d.kind == "cccd"]
    if dups:
        d = dups[0]
        raise DuplicateError(
            f"Số CCCD {cccd} đã được đăng ký cho {d.full_name} thuộc hộ {d.household_code}"
            " — không thể đăng ký trùng.",
            field="cccd",
            household_id=d.household_id,
        )
