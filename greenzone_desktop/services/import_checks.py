"""What an import plan checks beyond the values of each row: rules the database enforces,
households by the user's grouping, and people already in the register.

Used by `services.importing.plan_import`; nothing here writes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from greenzone_desktop.exchange.person_columns import ColumnMapping
from greenzone_desktop.exchange.person_sheet import ParsedRow, Problem
from greenzone_desktop.models import Household, Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.text import fold, format_birth, format_date
from greenzone_desktop.vocab import HouseholdKind, Sex

if TYPE_CHECKING:
    from greenzone_desktop.services.importing import RowPlan

__all__ = ["Known", "RowChecks", "known_people", "mark_known", "paused_gc", "regroup"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Cyclic garbage collection paused while a sheet's rows are built and written (reference
    counting still frees them): 80 000 rows of small objects otherwise set off full collections
    that walk all of them again and again, a fifth of the time of reading a sheet."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _guess_sex(name: str) -> Sex | None:
    middle = fold(name).split()[1:-1]
    if "thi" in middle:
        return Sex.FEMALE
    if "van" in middle:
        return Sex.MALE
    return None


class RowChecks:
    """Rules the database enforces that a sheet cannot see: sex known, dates in order, kinds."""

    def __init__(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping
        self.sex_letter = mapping.letter_of("sex")

    def problem(self, row: ParsedRow, name: str, message: str) -> None:
        mapping = self.mapping
        row.problems.append(Problem(row.sheet_row, mapping.letter_of(name),
                                    mapping.header_of(name), message))  # fmt: skip

    def check(self, row: ParsedRow) -> None:
        values = row.values
        get = values.get
        if get("sex") is None and not (
            self.sex_letter and any(p.column_letter == self.sex_letter for p in row.problems)
        ):
            guessed = _guess_sex(str(get("full_name") or ""))
            if guessed is None:
                self.problem(row, "sex", "chưa rõ giới tính; hãy ghi Nam hoặc Nữ.")
            values["sex"] = guessed
        until = get("residency_until")
        if until is not None:
            birth = get("birth_date")
            if isinstance(birth, date) and isinstance(until, date) and until < birth:
                self.problem(row, "residency_until", f"ngày {format_date(until)} trước ngày sinh.")
        kind = get("household_kind")
        if kind is not None:
            found = HouseholdKind.from_label(str(kind))
            if found is None:
                known = ", ".join(k.label for k in HouseholdKind)
                self.problem(row, "household_kind",
                             f"Loại hộ «{kind}» không rõ; hãy ghi một trong: {known}.")  # fmt: skip
            values["household_kind"] = found


def regroup(rows: list[ParsedRow], mode: str, mapping: ColumnMapping) -> list[tuple[str, list]]:
    """Households by the user's choice of grouping (the reader's own guess for "auto")."""
    groups: dict[str, list[ParsedRow]] = {}
    current: list[ParsedRow] | None = None
    by_number = mode == "number" or mode == "auto" and "household_no" in mapping.columns
    by_head = mode == "head" or (mode == "auto" and not by_number and (
        "relation" in mapping.columns or "is_head" in mapping.columns))  # fmt: skip
    for row in rows:
        if not row.values:
            continue
        if by_number:
            number = row.values.get("household_no")
            if number is None and current is not None:
                current.append(row)
                continue
            key = str(number) if number is not None else f"dòng {row.sheet_row}"
        elif by_head and current is not None and not row.values.get("is_head"):
            current.append(row)
            continue
        else:
            key = f"dòng {row.sheet_row}"
        current = groups.setdefault(key, [])
        current.append(row)
    return list(groups.items())


@dataclass
class Known:
    """People and household codes already in the database, for duplicate checks."""

    by_cccd: dict[str, tuple[str, str, str]]
    by_name: dict[tuple[str, int], list[tuple[str, date | None, str, str, str | None]]]
    codes: dict[str, str]
    folded: dict[str, str] = field(default_factory=dict)  # name -> accent-free key


def known_people(db: Database) -> Known:
    by_cccd: dict[str, tuple[str, str, str]] = {}
    by_name: dict[tuple[str, int], list[tuple[str, date | None, str, str, str | None]]] = {}
    with db.session() as s:
        codes = dict(s.execute(
            select(Household.code, Household.id).where(Household.deleted.is_(False))).all())
        rows = s.execute(
            select(Person.id, Person.cccd, Person.name_key, Person.birth_year, Person.birth_date,
                   Person.full_name, Household.code)
            .join(Household, Person.household_id == Household.id)
            .where(Person.deleted.is_(False))
        )  # fmt: skip
        for pid, cccd, name_key, year, born, name, code in rows:
            if cccd:
                by_cccd[cccd] = (pid, name, code)
            if year:
                by_name.setdefault((name_key, year), []).append((pid, born, name, code, cccd))
    return Known(by_cccd, by_name, codes)


def mark_known(row: RowPlan, known: Known, mapping: ColumnMapping) -> None:
    if not known.by_cccd and not known.by_name:
        return  # an empty register: nobody to repeat
    values = row.values
    cccd = values.get("cccd")
    hit = known.by_cccd.get(cccd) if isinstance(cccd, str) else None
    if hit is not None:
        row.existing_id, row.cccd_duplicate = hit[0], True
        message = f"số CCCD {cccd} đã có trong sổ: {hit[1]}, hộ {hit[2]}."
        row.problems.append(Problem(row.sheet_row, mapping.letter_of("cccd"),
                                    mapping.header_of("cccd"), message, kind="duplicate"))  # fmt: skip
        return
    year = values.get("birth_year")
    if not isinstance(year, int):
        return
    born = values.get("birth_date")
    name_key = known.folded.get(full := str(values["full_name"]))
    if name_key is None:
        name_key = known.folded[full] = fold(full)
    for pid, other_born, name, code, other_cccd in known.by_name.get((name_key, year), ()):
        if born == other_born and not (cccd and other_cccd and cccd != other_cccd):
            row.existing_id = pid
            message = f"đã có {name} ({format_birth(other_born, year)}) trong sổ, hộ {code}."
            row.problems.append(Problem(row.sheet_row, mapping.letter_of("full_name"),
                                        mapping.header_of("full_name"), message, kind="duplicate"))  # fmt: skip
            return
