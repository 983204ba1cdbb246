"""Identity and phone numbers: CCCD / old CMND, mobile and landline numbers, hotlines.

Everything here is re-exported by `greenzone_desktop.text`; import it from there.
Numbers are always returned as text: Excel turns them into numbers and drops leading zeros,
so callers say `from_number=True` (or pass an int/float) to have the zeros put back.
"""

from __future__ import annotations

import json
import math
from functools import cache

from greenzone_desktop.resources import resource_path


class TextError(ValueError):
    """A value a person typed or imported is not acceptable; the message says why, in Vietnamese."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def digits_only(s: object) -> str:
    """The ASCII digits of `s` in order (None -> ""); integral floats lose their ".0"."""
    if s is None:
        return ""
    if isinstance(s, float) and math.isfinite(s) and s.is_integer():
        s = int(s)
    return "".join(c for c in str(s) if "0" <= c <= "9")


PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa – Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang",
    "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long", "087": "Đồng Tháp",
    "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
    "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

CCCD_FIELD = "Số CCCD"
PHONE_FIELD = "Số điện thoại"
HOTLINE_FIELD = "Số đường dây nóng"
_SEPARATORS = " .-_/()\t\u00a0"
# Digit 4 of a CCCD: century (0/1 1900s, 2/3 2000s, 4/5 2100s) and sex (even male, odd female).
_CENTURY_LABELS = {0: "1900–1999", 1: "2000–2099", 2: "2100–2199"}


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _shown(value: object) -> str:
    """The value as a person would recognise it in a message."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _clean_digits(value: object, field: str) -> tuple[str, bool]:
    """Digits of `value` with separators removed, and whether it came in as a number."""
    if isinstance(value, bool):
        raise TextError(f"{field} «{value}» không hợp lệ: cần nhập chữ số.", field)
    if isinstance(value, int | float):
        if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
            raise TextError(f"{field} «{value}» không hợp lệ: cần là số nguyên.", field)
        if value < 0:
            raise TextError(f"{field} «{_shown(value)}» không hợp lệ: không được âm.", field)
        return str(int(value)), True
    text = str(value).strip()
    body = "".join(c for c in text if c not in _SEPARATORS)
    if body.startswith("+"):
        body = "+" + body[1:]
    if not (body.lstrip("+").isdigit() and body.lstrip("+").isascii()) or body.count("+") > 1:
        raise TextError(
            f"{field} «{_shown(text)}» không hợp lệ: chỉ được có chữ số "
            "(dấu cách, chấm, gạch ngang được bỏ qua).",
            field,
        )
    return body, False


def normalize_cccd(
    value: object,
    *,
    birth_year: int | None = None,
    sex: str | None = None,
    from_number: bool = False,
) -> str | None:
    """A CCCD (12 digits) or old CMND (9 digits) as digits only; raises TextError if invalid."""
    if _is_blank(value):
        return None
    field = CCCD_FIELD
    digits, numeric = _clean_digits(value, field)
    shown = _shown(value)
    if digits.startswith("+"):
        raise TextError(f"{field} «{shown}» không hợp lệ: chỉ được có chữ số.", field)
    if numeric or from_number:
        # Excel drops the leading zeros: every province code starts with 0 (001 loses two).
        if len(digits) in (10, 11):
            digits = digits.zfill(12)
        elif len(digits) == 8:
            digits = digits.zfill(9)
    if len(digits) == 9:
        return digits
    if len(digits) != 12:
        hint = ""
        if len(digits) in (10, 11, 8):
            hint = " Nếu số này được chép từ ô số của Excel, có thể đã mất số 0 ở đầu."
        raise TextError(
            f"{field} «{shown}» không hợp lệ: cần đủ 12 chữ số (CMND cũ: 9 chữ số), "
            f"đang có {len(digits)} chữ số.{hint}",
            field,
        )
    province = digits[:3]
    if province not in PROVINCE_CODES:
        raise TextError(
            f"{field} «{shown}» không hợp lệ: ba chữ số đầu «{province}» không phải mã tỉnh, "
            "thành phố nào (mã tỉnh từ 001 Hà Nội đến 096 Cà Mau).",
            field,
        )
    code = int(digits[3])
    if code > 5:
        raise TextError(
            f"{field} «{shown}» không hợp lệ: chữ số thứ 4 «{code}» chỉ được từ 0 đến 5 "
            "(thế kỷ sinh và giới tính).",
            field,
        )
    century, female = divmod(code, 2)
    if birth_year is not None:
        birth_year = int(birth_year)
        if (birth_year - 1900) // 100 != century:
            raise TextError(
                f"{field} «{shown}» không khớp năm sinh {birth_year}: chữ số thứ 4 «{code}» "
                f"là của người sinh năm {_CENTURY_LABELS[century]}.",
                field,
            )
        if digits[4:6] != f"{birth_year % 100:02d}":
            raise TextError(
                f"{field} «{shown}» không khớp năm sinh {birth_year}: chữ số thứ 5–6 là "
                f"«{digits[4:6]}», cần «{birth_year % 100:02d}».",
                field,
            )
    sex_key = _sex_key(sex)
    if sex_key is not None and sex_key != ("nu" if female else "nam"):
        card_sex, person_sex = ("nữ", "nam") if female else ("nam", "nữ")
        raise TextError(
            f"{field} «{shown}» không khớp giới tính: chữ số thứ 4 «{code}» là của {card_sex}, "
            f"nhưng người này là {person_sex}.",
            field,
        )
    return digits


def _sex_key(sex: str | None) -> str | None:
    if sex is None:
        return None
    key = str(sex).strip().lower().replace("ữ", "u")
    return key if key in ("nam", "nu") else None


@cache
def phone_prefixes() -> dict[str, str]:
    """Mobile prefix (3 digits, e.g. "098") -> carrier name, read once from resources."""
    path = resource_path("data", "phone_prefixes.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {p: name for name, prefixes in data["carriers"].items() for p in prefixes}


def _national(value: object, field: str, from_number: bool) -> tuple[str, str]:
    """(national digits with leading 0 where it belongs, value as shown) for a phone number."""
    digits, numeric = _clean_digits(value, field)
    shown = _shown(value)
    if digits.startswith("+"):
        if not digits.startswith("+84"):
            raise TextError(f"{field} «{shown}» không hợp lệ: chỉ nhận số Việt Nam (+84).", field)
        digits = "0" + digits[3:].removeprefix("0")
    elif digits.startswith("0084"):
        digits = "0" + digits[4:].removeprefix("0")
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    elif (numeric or from_number) and (
        len(digits) == 9 or (len(digits) == 10 and digits.startswith("2"))
    ):
        digits = "0" + digits
    return digits, shown


def _check_personal(digits: str, shown: str, field: str) -> str:
    if len(digits) == 10 and digits.startswith("0"):
        if digits[:3] in phone_prefixes():
            return digits
        raise TextError(
            f"{field} «{shown}» không hợp lệ: đầu số «{digits[:3]}» không phải đầu số di động "
            "của nhà mạng nào ở Việt Nam (ví dụ 03x, 05x, 07x, 08x, 09x).",
            field,
        )
    if len(digits) == 11 and digits.startswith("02"):
        return digits
    if len(digits) == 11 and digits.startswith("01"):
        raise TextError(
            f"{field} «{shown}» là số di động 11 chữ số cũ: từ năm 2018 các số này đã đổi sang "
            "10 chữ số (ví dụ 0162… thành 032…), hãy nhập số mới.",
            field,
        )
    if (len(digits) <= 5 and not digits.startswith("0")) or digits.startswith(("1800", "1900")):
        raise TextError(
            f"{field} «{shown}» là số tổng đài hoặc khẩn cấp, không phải số điện thoại cá nhân.",
            field,
        )
    raise TextError(
        f"{field} «{shown}» không hợp lệ: số di động cần 10 chữ số bắt đầu bằng 0 "
        f"(hoặc +84), số cố định 11 chữ số bắt đầu bằng 02; đang có {len(digits)} chữ số.",
        field,
    )


def normalize_phone(value: object, *, from_number: bool = False) -> str | None:
    """A personal phone number as digits with leading 0 (mobile or 02 landline); None if empty."""
    if _is_blank(value):
        return None
    digits, shown = _national(value, PHONE_FIELD, from_number)
    return _check_personal(digits, shown, PHONE_FIELD)


def normalize_hotline(value: object) -> str:
    """A hotline: a personal number, a 3–5 digit short number or a 1800/1900 number."""
    field = HOTLINE_FIELD
    if _is_blank(value):
        raise TextError(f"Chưa nhập {field.lower()}.", field)
    digits, shown = _national(value, field, False)
    if 3 <= len(digits) <= 5 and not digits.startswith("0"):
        return digits
    if digits.startswith(("1800", "1900")) and len(digits) in (8, 10):
        return digits
    try:
        return _check_personal(digits, shown, field)
    except TextError:
        raise TextError(
            f"{field} «{shown}» không hợp lệ: cần số ngắn 3–5 chữ số (ví dụ 115, 1022), "
            "số 1800/1900 gồm 8 hoặc 10 chữ số, số di động 10 chữ số hoặc số cố định "
            "11 chữ số bắt đầu bằng 02.",
            field,
        ) from None


def carrier(phone: str | None) -> str | None:
    """The mobile carrier of a phone number (any accepted spelling), or None if unknown."""
    try:
        digits = normalize_phone(phone)
    except TextError:
        return None
    if digits is None or len(digits) != 10:
        return None
    return phone_prefixes().get(digits[:3])
