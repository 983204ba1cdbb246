"""Turn the cells of one person row into field values, the way offices type them.

Each reader takes a cell (already cleaned by excel_reader: None, int, float, str, date …) and
returns the field's value or raises `TextError` with a Vietnamese reason. Readers of values that
repeat (dates, relations) are cached: an 80 000-row sheet has a few thousand distinct ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from greenzone_desktop.exchange.excel_reader import Cell
from greenzone_desktop.idnumbers import PROVINCE_CODES, phone_prefixes
from greenzone_desktop.text import (
    TextError,
    fold,
    nfc,
    normalize_cccd,
    normalize_phone,
    parse_birth,
    parse_date,
)
from greenzone_desktop.vocab import Relation, Residency, Sex

__all__ = [
    "clear_caches",
    "read_birth",
    "read_cccd",
    "read_date",
    "read_dose",
    "read_flag",
    "read_key",
    "read_phone",
    "read_relation",
    "read_residency",
    "read_sex",
    "read_text",
    "sex_from_relation",
]

_YES = frozenset({"x", "v", "co", "1", "true", "dung", "chu ho", "ch", "la chu ho", "✓", "✔", "+"})
_NO = frozenset({"0", "khong", "false", "-"})

# Keyed on lower-case text WITH tones first ("bà" grandmother, "ba" father in the South), then on
# the folded text for spellings without accents.
_RELATIONS_TONED: dict[str, Relation] = {
    "bà": Relation.GRANDMOTHER, "ba": Relation.FATHER, "má": Relation.MOTHER,
    "mạ": Relation.MOTHER, "u": Relation.MOTHER, "bầm": Relation.MOTHER,
    "bà nội": Relation.GRANDMOTHER, "bà ngoại": Relation.GRANDMOTHER,
    "con": Relation.CHILD, "cô": Relation.OTHER, "chú": Relation.OTHER,
}  # fmt: skip
_RELATIONS: dict[str, Relation] = {
    **{k: Relation.HEAD for k in ("chu ho", "ch", "chuho", "ho chu", "c.h")},
    **{k: Relation.WIFE for k in ("vo", "vo chu ho", "vo ch")},
    **{k: Relation.HUSBAND for k in ("chong", "chong chu ho", "chong ch")},
    **{k: Relation.CHILD for k in (
        "con", "con trai", "con gai", "con ruot", "con nuoi", "con rieng", "con ch",
        "con chu ho", "con trai ca", "con gai ut", "con ut", "con ca", "con thu")},
    **{k: Relation.CHILD_IN_LAW for k in ("con dau", "con re", "con dau/con re", "dau", "re")},
    **{k: Relation.FATHER for k in ("bo", "cha", "tia", "thay", "bo de", "cha de", "bo ruot")},
    **{k: Relation.MOTHER for k in ("me", "me de", "me ruot")},
    **{k: Relation.GRANDFATHER for k in ("ong", "ong noi", "ong ngoai")},
    **{k: Relation.GRANDMOTHER for k in ("ba noi", "ba ngoai")},
    **{k: Relation.GRANDCHILD for k in (
        "chau", "chau noi", "chau ngoai", "chau trai", "chau gai", "chat", "chau ruot")},
    **{k: Relation.SIBLING for k in (
        "anh", "chi", "em", "anh trai", "chi gai", "em trai", "em gai", "anh ruot", "chi ruot",
        "em ruot", "anh chi em", "anh/chi/em", "anh em", "chi em")},
    **{k: Relation.PARENT_IN_LAW for k in (
        "bo vo", "me vo", "bo chong", "me chong", "cha vo", "cha chong", "bo/me vo",
        "bo/me chong", "bo me vo", "bo me chong")},
    **{k: Relation.TENANT for k in (
        "o tro", "nguoi o tro", "thue tro", "thue nha", "nguoi thue nha", "o nho", "tro",
        "cong nhan o tro", "sinh vien o tro")},
    **{k: Relation.OTHER for k in (
        "khac", "ho hang", "nguoi than", "chau ho", "anh ho", "chi ho", "em ho", "co", "di",
        "chu", "bac", "cau", "mo", "thim", "duong", "nguoi giup viec", "giup viec", "ban")},
}  # fmt: skip
_FEMALE_WORDS = ("vo", "con gai", "me", "ba", "chi", "em gai", "con dau", "chau gai", "me vo")
_MALE_WORDS = ("chong", "con trai", "bo", "cha", "ong", "anh", "em trai", "con re", "chau trai")

_SEX = {"nam": Sex.MALE, "nu": Sex.FEMALE, "trai": Sex.MALE, "gai": Sex.FEMALE,
        "m": Sex.MALE, "f": Sex.FEMALE, "male": Sex.MALE, "female": Sex.FEMALE}  # fmt: skip
_RESIDENCY = {
    **{k: Residency.PERMANENT for k in ("thuong tru", "tt", "kt1", "kt2", "thuong tru (kt1)")},
    **{k: Residency.TEMPORARY for k in ("tam tru", "kt3", "kt4", "tam tru dai han", "tam tru ngan han")},
    **{k: Residency.AWAY for k in ("tam vang", "vang")},
}  # fmt: skip
_T = TypeVar("_T")
_WORD_EDGE = re.compile(r"^[\s.,;:()\-]+|[\s.,;:()\-]+$")


def _shown(cell: Cell) -> str:
    if isinstance(cell, date):
        return f"{cell.day:02d}/{cell.month:02d}/{cell.year:04d}"
    return " ".join(str(cell).split())


_MEMOS: list[dict] = []


def clear_caches() -> None:
    """Forget the values remembered while reading a sheet (called when a sheet is done)."""
    for memo in _MEMOS:
        memo.clear()


_MISSING = object()


def _cached(reader: Callable[[Cell], _T]) -> Callable[[Cell], _T]:
    """Remember results (and errors) per distinct cell value; typed per class so 1 != True
    (text, the usual cell, is its own key)."""
    memo: dict[object, _T | TextError] = {}
    _MEMOS.append(memo)

    def cached(cell: Cell) -> _T:
        key = cell if type(cell) is str else (type(cell), cell)
        hit = memo.get(key, _MISSING)
        if hit is _MISSING:
            try:
                hit = reader(cell)
            except TextError as exc:
                hit = exc
            if len(memo) < 200_000:
                memo[key] = hit
        if type(hit) is TextError:
            raise hit  # type: ignore[misc]
        return hit  # type: ignore[return-value]

    return cached


@_cached
def read_text(cell: Cell) -> str | None:
    """Free text, NFC and with spaces collapsed; numbers as written (1 -> "1")."""
    if cell is None:
        return None
    if isinstance(cell, date):
        return _shown(cell)
    return nfc(str(cell))


def read_key(cell: Cell) -> str | None:
    """A household number or code as text ("12", "H-05")."""
    return read_text(cell)


@_cached
def _read_birth(cell: Cell) -> tuple[date | None, int | None]:
    return parse_birth(cell, field="Ngày sinh")


def read_birth(cell: Cell, today: date | None = None) -> tuple[date | None, int | None]:
    """(birth date, birth year) from a date cell, "12/3/1985", "12-03-85", 1985 or "1985".

    `today` (the caller's, once per sheet) lets a plain date cell skip the general parser."""
    if today is not None:
        born: date | None = None
        if type(cell) is date:
            born = cell
        elif type(cell) is str and (m := _DAY_MONTH_YEAR.fullmatch(cell)):
            day, month, year = int(m[1]), int(m[2]), int(m[3])
            if 1 <= month <= 12 and 1 <= day <= 28:  # a day every month has
                born = date(year, month, day)
        if born is not None and born.year >= 1900 and born <= today:
            return born, born.year
    return _read_birth(cell)


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)


@_cached
def read_dose(cell: Cell) -> date | None:
    """A vaccination date; a tick with no date is refused (the date is what the ward counts)."""
    if isinstance(cell, str) and fold(cell) in _YES | {"da tiem", "roi"}:
        raise TextError(f"«{_shown(cell)}»: cần ghi ngày tiêm dạng dd/mm/yyyy.", "Mũi tiêm")
    return parse_date(cell, field="Ngày tiêm")


def read_date(cell: Cell, field: str) -> date | None:
    """Any other date (CCCD issue date, end of temporary residence)."""
    return parse_date(cell, field=field)


def read_cccd(cell: Cell, birth_year: int | None, sex: str | None) -> str | None:
    """A CCCD / CMND, leading zeros restored when Excel stored it as a number."""
    digits = _plain_cccd(cell)
    if digits is not None and digits[:3] in PROVINCE_CODES:
        # The usual card: 12 digits, a province, then century and sex agreeing with the row.
        code = ord(digits[3]) - 48
        if code <= 5 and (sex is None or sex == ("nu" if code % 2 else "nam")) and (
            birth_year is None
            or ((birth_year - 1900) // 100 == code // 2 and digits[4:6] == _YY[birth_year % 100])
        ):  # fmt: skip
            return digits
    return normalize_cccd(
        cell, birth_year=birth_year, sex=sex, from_number=isinstance(cell, int | float)
    )


_YY = tuple(f"{n:02d}" for n in range(100))


def _plain_cccd(cell: Cell) -> str | None:
    """The 12 digits of a cell holding just them (as text, or a number short of its zeros)."""
    if type(cell) is str:
        return cell if len(cell) == 12 and cell.isdigit() and cell.isascii() else None
    if type(cell) is int and 10**9 <= cell < 10**12:
        return f"{cell:012d}"
    return None


def read_phone(cell: Cell) -> str | None:
    """A phone number with spaces, dots or +84; the leading 0 restored on number cells."""
    if type(cell) is str and len(cell) == 10 and cell[0] == "0" and cell.isdigit() \
            and cell.isascii() and cell[:3] in phone_prefixes():  # fmt: skip
        return cell  # the usual mobile number, already clean
    return normalize_phone(cell, from_number=isinstance(cell, int | float))


def _word(cell: Cell) -> str:
    return _WORD_EDGE.sub("", " ".join(str(cell).lower().split()))


@_cached
def read_relation(cell: Cell) -> Relation | None:
    """Relation to the household head from the words offices write ("CH", "vợ", "con gái" …)."""
    if cell is None:
        return None
    toned = nfc(_word(cell)) or ""
    found = _RELATIONS_TONED.get(toned) or _RELATIONS.get(fold(toned))
    if found is None:
        found = Relation.from_label(str(cell))  # type: ignore[assignment]
    if found is None:
        known = ", ".join(r.label for r in Relation)
        raise TextError(
            f"Quan hệ với chủ hộ «{_shown(cell)}» không rõ; hãy ghi một trong: {known}.",
            "Quan hệ với chủ hộ",
        )
    return found


def sex_from_relation(cell: Cell) -> Sex | None:
    """The sex a relation word implies ("vợ", "con trai" …), or None."""
    if cell is None:
        return None
    key = fold(_word(cell))
    if key in _FEMALE_WORDS or _word(cell) in ("bà", "bà nội", "bà ngoại"):
        return Sex.FEMALE
    if key in _MALE_WORDS and _word(cell) != "bà":
        return Sex.MALE
    return None


@_cached
def read_sex(cell: Cell) -> Sex | None:
    """Nam / Nữ (any case, with or without accents)."""
    if cell is None:
        return None
    found = _SEX.get(fold(_word(cell)))
    if found is None:
        raise TextError(f"Giới tính «{_shown(cell)}» không rõ; hãy ghi Nam hoặc Nữ.", "Giới tính")
    return found


@_cached
def read_residency(cell: Cell) -> Residency | None:
    """Thường trú / Tạm trú / Tạm vắng (also KT1–KT4, the old registration classes)."""
    if cell is None:
        return None
    found = _RESIDENCY.get(fold(_word(cell)))
    if found is None:
        raise TextError(
            f"Tình trạng cư trú «{_shown(cell)}» không rõ; hãy ghi Thường trú, Tạm trú hoặc "
            "Tạm vắng.",
            "Thường trú/Tạm trú",
        )
    return found


def read_flag(cell: Cell) -> bool | None:
    """A tick: "x", "có", 1 -> True; "", "không", 0 -> False; anything else None (not a tick)."""
    if cell is None:
        return False
    if isinstance(cell, bool):
        return cell
    key = fold(_word(cell))
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None
