"""Vietnamese text rules: normalisation, search keys, name order, dates, numbers, ID and
phone numbers.

Every piece of text that enters the database goes through `nfc`; search runs on `fold`; lists of
people sort on `name_sort_key`. All functions are pure (no Qt, no database).
"""

from __future__ import annotations

import calendar
import math
import numbers
import re
import string
import unicodedata
from datetime import date, datetime, timedelta

from greenzone_desktop.idnumbers import (
    PROVINCE_CODES,
    TextError,
    carrier,
    digits_only,
    normalize_cccd,
    normalize_hotline,
    normalize_phone,
    phone_prefixes,
)

__all__ = [
    "PROVINCE_CODES",
    "TextError",
    "carrier",
    "digits_only",
    "fold",
    "format_birth",
    "format_date",
    "format_decimal",
    "format_number",
    "name_sort_key",
    "nfc",
    "normalize_cccd",
    "normalize_hotline",
    "normalize_phone",
    "parse_birth",
    "parse_date",
    "phone_prefixes",
    "search_tokens",
    "split_name",
]

# Invisible characters that web pages and Excel leave in copied names.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# đ/Đ have no decomposition; Ð/ð (Latin eth) is what legacy-font conversions put in their place.
_FOLD_MAP = {**_INVISIBLE, **{ord(c): "d" for c in "đĐðÐ"}}


def nfc(s: str | None) -> str | None:
    """NFC-normalised text with whitespace trimmed and collapsed to single spaces; "" -> None."""
    if s is None:
        return None
    text = unicodedata.normalize("NFC", str(s).translate(_INVISIBLE))
    return " ".join(text.split()) or None


def _fold_once(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.translate(_FOLD_MAP).lower()


def fold(s: str | None) -> str:
    """Accent-free lower-case search key ("Đặng  Thị" -> "dang thi"); None -> ""."""
    if not s:
        return ""
    result = _fold_once(str(s))
    # Lower-casing can expose new decompositions (and vice versa); a few rounds reach a fixpoint.
    for _ in range(3):
        again = _fold_once(result)
        if again == result:
            break
        result = again
    return " ".join(result.split())


_EDGE_PUNCTUATION = string.punctuation + "«»“”‘’…–—"


def search_tokens(query: str | None) -> list[str]:
    """The folded words of a search query, punctuation trimmed from their ends."""
    tokens = (token.strip(_EDGE_PUNCTUATION) for token in fold(query).split())
    return [t for t in tokens if t]


def split_name(full_name: str | None) -> tuple[str, str, str]:
    """(family, middle, given): first word, the words between, last word; one word is given."""
    words = (nfc(full_name) or "").split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


# --- Vietnamese name order ---------------------------------------------------------------------
# The key is plain ASCII-ish text compared code point by code point (Python `<`, SQLite BINARY).
# Layout: part(given) "|" part(middle) "|" part(family), where
#   part = letters of each word joined by _WORD_SEP, then _TONE_SEP, then one tone digit per word.
# Letters map to "A".."Z", "a".."g" in Vietnamese order (a ă â b c d đ e ê …), digits stay digits, other
# letters keep their own (non-ASCII, hence larger) code point. Since _TONE_SEP < _WORD_SEP < every
# letter, a shorter word or name sorts before a longer one that starts the same way, and the tone
# digits are reached only when the letters of that part are identical: tones break ties per part.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_CODE = dict(zip(_ALPHABET, string.ascii_uppercase + string.ascii_lowercase, strict=False))
_TONE_SEP = "!"
_WORD_SEP = "#"
_PART_SEP = "|"
_MODIFIED = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# none < huyền (grave) < hỏi (hook) < ngã (tilde) < sắc (acute) < nặng (dot below)
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _word_letters(word: str) -> tuple[list[str], int]:
    """Vietnamese base letters of a word (lower case, modifiers kept) and its tone (0–5)."""
    letters: list[str] = []
    tone = 0
    for ch in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.combining(ch):
            if ch in _TONES:
                tone = tone or _TONES[ch]
            elif letters and (letters[-1], ch) in _MODIFIED:
                letters[-1] = _MODIFIED[letters[-1], ch]
            continue
        if ch in "ðđ":
            ch = "đ"
        if ch.isalnum():
            letters.append(ch)
    return letters, tone


def _encode_part(words: list[str]) -> str:
    encoded: list[str] = []
    tones: list[str] = []
    for word in words:
        letters, tone = _word_letters(word)
        encoded.append("".join(_LETTER_CODE.get(c, c) for c in letters))
        tones.append(str(tone))
    return _WORD_SEP.join(encoded) + _TONE_SEP + "".join(tones)


def name_sort_key(full_name: str | None) -> str:
    """Binary-comparable key: given name, then middle, then family, in Vietnamese letter order."""
    words = [w for w in (nfc(full_name) or "").split() if any(c.isalnum() for c in w)]
    given, middle, family = words[-1:], words[1:-1], words[:1] if len(words) > 1 else []
    return _PART_SEP.join((_encode_part(given), _encode_part(middle), _encode_part(family)))


# --- Dates -------------------------------------------------------------------------------------
_DATE_HINT = "cần viết theo dạng ngày/tháng/năm dd/mm/yyyy, ví dụ 05/01/2020"
_TIME_SUFFIX = re.compile(
    r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*(?:AM|PM|SA|CH))?$", re.IGNORECASE
)
_DMY = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})")
_YMD = re.compile(r"(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})")
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_MAX = 2958465  # 31/12/9999


def format_date(d: date | datetime | None) -> str:
    """A date as people read it: dd/mm/yyyy; None -> ""."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_number(n: int) -> str:
    """A whole number as Vietnamese offices write it, dot between thousands: 20000 -> "20.000"."""
    return f"{n:,}".replace(",", ".")


def format_decimal(x: float, places: int = 1) -> str:
    """A decimal number the Vietnamese way: 1234.56 -> "1.234,6" (comma before the decimals)."""
    return f"{x:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def format_birth(birth_date: date | None, birth_year: int | None) -> str:
    """A birth date as dd/mm/yyyy, or the year alone when only that is known, or ""."""
    if birth_date is not None:
        return format_date(birth_date)
    return str(birth_year) if birth_year is not None else ""


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _shown(value: object) -> str:
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _make_date(year: int, month: int, day: int, field: str, shown: str) -> date:
    if not 1 <= month <= 12:
        reason = f"không có tháng {month}, tháng chỉ từ 1 đến 12"
    elif year < 1:
        reason = f"không có năm {year}"
    elif day < 1:
        reason = f"không có ngày {day}"
    else:
        last = calendar.monthrange(year, month)[1]
        if day <= last:
            return date(year, month, day)
        reason = f"tháng {month} năm {year} chỉ có {last} ngày"
    raise TextError(f"{field} «{shown}» không tồn tại ({reason}).", field)


def _from_excel_serial(value: float, field: str, shown: str) -> date:
    """Excel's 1900 date system, including its phantom 29/02/1900 (serial 60)."""
    if not math.isfinite(value) or not 1 <= value < _EXCEL_MAX + 1:
        raise TextError(f"{field} «{shown}» không phải ngày tháng hợp lệ: {_DATE_HINT}.", field)
    serial = int(value)
    if serial == 60:
        raise TextError(
            f"{field} «{shown}» không tồn tại (Excel coi là 29/02/1900, ngày không có thật).",
            field,
        )
    if serial < 60:
        return _EXCEL_EPOCH + timedelta(days=serial + 1)
    return _EXCEL_EPOCH + timedelta(days=serial)


def _full_year(two_digits: int) -> int:
    """19yy when yy is later than this year's two digits, else 20yy."""
    return (1900 if two_digits > date.today().year % 100 else 2000) + two_digits


def parse_date(value: object, *, field: str = "Ngày") -> date | None:
    """A date from a cell or a typed text (day first: dd/mm/yyyy, d/m/yy, yyyy-mm-dd, …)."""
    if _is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    shown = _shown(value)
    if isinstance(value, bool):
        raise TextError(f"{field} «{shown}» không phải ngày tháng: {_DATE_HINT}.", field)
    if isinstance(value, numbers.Real):
        return _from_excel_serial(float(value), field, shown)
    text = _TIME_SUFFIX.sub("", " ".join(str(value).split()))
    if m := _DMY.fullmatch(text):
        day, month, year_text = int(m[1]), int(m[3]), m[4]
        year = int(year_text) if len(year_text) == 4 else _full_year(int(year_text))
        return _make_date(year, month, day, field, shown)
    if m := _YMD.fullmatch(text):
        return _make_date(int(m[1]), int(m[3]), int(m[4]), field, shown)
    raise TextError(f"{field} «{shown}» không đúng định dạng: {_DATE_HINT}.", field)


_YEAR_TEXT = re.compile(r"(\d{4})(?:\.0+)?")


def _birth_year_of(value: object) -> int | None:
    """The year when `value` is a year alone (1985, 1985.0, "1985"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isfinite(number) and number.is_integer() and 1000 <= number <= 9999:
            return int(number)
        return None
    if isinstance(value, str) and (m := _YEAR_TEXT.fullmatch(value.strip())):
        return int(m[1])
    return None


def parse_birth(value: object, *, field: str = "Ngày sinh") -> tuple[date | None, int | None]:
    """(birth date, birth year) from a date or a year alone; (None, None) when empty."""
    if _is_blank(value):
        return None, None
    today = date.today()
    shown = _shown(value)
    year = _birth_year_of(value)
    birth: date | None = None
    if year is None:
        birth = parse_date(value, field=field)
        if birth is None:
            return None, None
        year = birth.year
    if not 1900 <= year <= today.year or (birth is not None and birth > today):
        if birth is None or year < 1900:
            reason = f"năm sinh phải từ 1900 đến {today.year}"
        else:
            reason = f"ngày này chưa tới (hôm nay là {format_date(today)})"
        raise TextError(f"{field} «{shown}» không hợp lệ: {reason}.", field)
    return birth, year
