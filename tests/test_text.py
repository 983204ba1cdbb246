"""Vietnamese text rules: normalisation, search keys, name order, dates, CCCD and phone numbers."""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenzone_desktop.text import (
    PROVINCE_CODES,
    TextError,
    digits_only,
    fold,
    format_birth,
    format_date,
    name_sort_key,
    nfc,
    normalize_cccd,
    parse_birth,
    parse_date,
    search_tokens,
    split_name,
)
from greenzone_desktop.vocab import Sex


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --- nfc / fold / tokens -----------------------------------------------------------------------


def test_nfd_input_comes_back_nfc():
    name = "Nguyễn Thị Ánh Tuyết"
    decomposed = nfd(name)
    assert decomposed != name
    assert nfc(decomposed) == name
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_nfc_trims_and_collapses_whitespace_including_nbsp():
    assert nfc("  Trần\u00a0\u00a0Văn \t\n Bình\u200b ") == "Trần Văn Bình"


@pytest.mark.parametrize("blank", [None, "", "   ", "\u00a0\t"])
def test_nfc_blank_is_none(blank):
    assert nfc(blank) is None


def test_fold_matches_accent_free_query():
    assert fold("Nguyễn Văn An") == "nguyen van an"
    assert fold("nguyen van an") == fold("Nguyễn Văn An")
    assert fold(nfd("Nguyễn  Văn An")) == "nguyen van an"


def test_fold_maps_d_with_stroke():
    assert fold("Đặng") == fold("dang") == "dang"
    assert fold("đ") == fold("Đ") == fold("D") == "d"
    # Legacy-font conversions leave a Latin eth where Đ belongs.
    assert fold("Ðặng") == "dang"


def test_fold_none_and_every_vietnamese_letter():
    assert fold(None) == ""
    letters = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    assert (
        fold(letters + letters.upper())
        == ("a" * 17 + "e" * 11 + "i" * 5 + "o" * 17 + "u" * 11 + "y" * 5 + "d") * 2
    )


def test_search_tokens():
    assert search_tokens("  Nguyễn,  VĂN «An» ") == ["nguyen", "van", "an"]
    assert search_tokens("") == []
    assert search_tokens("0912-345-678") == ["0912-345-678"]


def test_digits_only():
    assert digits_only("091 234.56-78") == "0912345678"
    assert digits_only(None) == ""
    assert digits_only(912345678.0) == "912345678"
    assert digits_only(12) == "12"


VIETNAMESE_TEXT = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ")
        + list("ùúủũụừứửữựỳýỷỹỵĐĂÂÊÔƠƯÁÀẢÃẠ \u00a0\t")
        + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    ),
    max_size=40,
)


@given(VIETNAMESE_TEXT)
def test_fold_of_vietnamese_is_ascii_lowercase(s):
    folded = fold(s)
    assert folded.isascii()
    assert folded == folded.lower()
    assert folded == fold(unicodedata.normalize("NFD", s)) == fold(unicodedata.normalize("NFC", s))


@given(st.text(max_size=40))
def test_fold_is_idempotent(s):
    assert fold(fold(s)) == fold(s)


@given(st.text(max_size=40))
def test_nfc_is_idempotent_and_normalised(s):
    once = nfc(s)
    assert nfc(once) == once
    if once is not None:
        assert once == once.strip()
        assert "  " not in once
        assert unicodedata.is_normalized("NFC", once)


@given(VIETNAMESE_TEXT)
def test_nfc_and_nfd_inputs_agree(s):
    assert nfc(nfd(s)) == nfc(s)


# --- names -------------------------------------------------------------------------------------


def test_split_name():
    assert split_name("Nguyễn Văn An") == ("Nguyễn", "Văn", "An")
    assert split_name("  Tôn Nữ Thị  Ngọc Hà ") == ("Tôn", "Nữ Thị Ngọc", "Hà")
    assert split_name("Lê Lợi") == ("Lê", "", "Lợi")
    assert split_name("Mai") == ("", "", "Mai")
    assert split_name("") == ("", "", "")
    assert split_name(None) == ("", "", "")


TEN_NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Ánh",
    "Lê Văn Bình",
    "Phạm Thị Đào",
    "Hoàng Văn Dũng",
    "Vũ Thị Ư",
    "Đỗ Văn Ước",
    "Ngô Thị Yến",
    "Bùi Văn Ơn",
    "Đặng Thị Ô",
]


def test_ten_names_sort_in_official_order():
    ordered = sorted(reversed(TEN_NAMES), key=name_sort_key)
    givens = [split_name(n)[2] for n in ordered]
    assert givens == ["An", "Ánh", "Bình", "Dũng", "Đào", "Ô", "Ơn", "Ư", "Ước", "Yến"]


def test_sqlite_binary_order_matches_python_order():
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE person (name TEXT, sort_key TEXT)")
    con.executemany("INSERT INTO person VALUES (?, ?)", [(n, name_sort_key(n)) for n in TEN_NAMES])
    rows = [r[0] for r in con.execute("SELECT name FROM person ORDER BY sort_key")]
    assert rows == sorted(TEN_NAMES, key=name_sort_key)


@pytest.mark.parametrize(
    "earlier, later",
    [
        ("An", "Anh"),  # a shorter name that is a prefix comes first
        ("Anh", "Ăn"),  # a < ă decides before length
        ("Ăn", "Ân"),
        ("Ân", "Bá"),
        ("Dương", "Đa"),
        ("Em", "Ên"),
        ("Ong", "Ô"),
        ("Ô", "Ơ"),
        ("Uy", "Ư"),
        ("An", "Àn"),  # same letters: tones break the tie
        ("Àn", "Ản"),
        ("Ản", "Ãn"),
        ("Ãn", "Án"),
        ("Án", "Ạn"),
        ("Ạn", "Anh"),  # ...but only after all letters compare equal
        ("Nguyễn Thị Hà", "Lê Văn Hà"),  # same given name: middle decides
        ("Dương Văn Hà", "Đặng Văn Hà"),  # same given and middle: family, d < đ
        ("Lê Thị Hà", "Lê Thị Ngọc Hà"),  # a shorter middle name comes first
        ("Lê Thị Ngọc Hà", "Lê Thịnh Hà"),  # middle names compare word by word
        ("Hà", "Lê Hà"),  # no family name first
        ("Trần Văn Hà", "Lê Văn Hải"),  # given name first, whatever the family
    ],
)
def test_name_order_pairs(earlier, later):
    assert name_sort_key(earlier) < name_sort_key(later)


def test_name_sort_key_ignores_case_spacing_and_normal_form():
    key = name_sort_key("Nguyễn Thị Ánh")
    assert name_sort_key("  NGUYỄN   thị ánh ") == key
    assert name_sort_key(nfd("Nguyễn Thị Ánh")) == key
    # Old-style tone placement (hoà) and new style (hòa) are the same name.
    assert name_sort_key("Lê Thị Hoà") == name_sort_key("Lê Thị Hòa")
    assert name_sort_key("") == name_sort_key(None)


# Reference comparator written independently of the implementation: explicit tables of the
# precomposed letters, and tuples compared by Python.
_REF_ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
_REF_TONED = [
    "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
    "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ",
]  # fmt: skip
_REF_CHAR: dict[str, tuple[int, int]] = {}
for _letter in _REF_ALPHABET:
    _REF_CHAR[_letter] = (_REF_ALPHABET.index(_letter), 0)
for _row in _REF_TONED:
    for _tone, _char in enumerate(_row):
        _REF_CHAR[_char] = (_REF_ALPHABET.index(_row[0]), _tone)
for _char, _value in list(_REF_CHAR.items()):
    _REF_CHAR[_char.upper()] = _value


def _ref_part(words: list[str]) -> tuple[tuple[tuple[int, ...], ...], tuple[int, ...]]:
    ranks = []
    tones = []
    for word in words:
        pairs = [_REF_CHAR[c] for c in unicodedata.normalize("NFC", word)]
        ranks.append(tuple(rank for rank, _ in pairs))
        tones.append(max((tone for _, tone in pairs), default=0))
    return tuple(ranks), tuple(tones)


def ref_key(name: str) -> tuple:
    words = name.split()
    family, middle, given_ = words[:1] if len(words) > 1 else [], words[1:-1], words[-1:]
    return _ref_part(given_), _ref_part(middle), _ref_part(family)


@st.composite
def vietnamese_words(draw) -> str:
    bases = draw(st.lists(st.sampled_from(_REF_ALPHABET), min_size=1, max_size=5))
    vowels = [i for i, b in enumerate(bases) if any(row[0] == b for row in _REF_TONED)]
    tone = draw(st.integers(0, 5))
    if vowels and tone:
        at = draw(st.sampled_from(vowels))
        bases[at] = next(row for row in _REF_TONED if row[0] == bases[at])[tone]
    word = "".join(bases)
    word = draw(st.sampled_from([word, word.capitalize(), word.upper()]))
    return draw(st.sampled_from([word, nfd(word)]))


NAMES = st.lists(vietnamese_words(), min_size=1, max_size=4).map(" ".join)


@given(NAMES, NAMES)
@settings(max_examples=400)
def test_sort_key_agrees_with_reference_comparator(a, b):
    ka, kb = name_sort_key(a), name_sort_key(b)
    ra, rb = ref_key(a), ref_key(b)
    assert (ka < kb) == (ra < rb)
    assert (ka == kb) == (ra == rb)


@given(st.lists(NAMES, max_size=12))
def test_sorting_by_key_is_sorting_by_reference(names):
    assert [ref_key(n) for n in sorted(names, key=name_sort_key)] == sorted(map(ref_key, names))


@given(NAMES, NAMES, NAMES)
def test_sort_key_order_is_transitive(a, b, c):
    ka, kb, kc = sorted(map(name_sort_key, (a, b, c)))
    assert ka <= kb <= kc and ka <= kc


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12/3/1985", date(1985, 3, 12)),
        ("12/03/1985", date(1985, 3, 12)),
        ("12-03-85", date(1985, 3, 12)),
        ("12.03.1985", date(1985, 3, 12)),
        ("1985-03-12", date(1985, 3, 12)),
        (" 5 / 1 / 2020 ", date(2020, 1, 5)),
        ("05/01/2020 00:00:00", date(2020, 1, 5)),
        ("2021-07-31T08:30:00", date(2021, 7, 31)),
        ("29/02/2020", date(2020, 2, 29)),
    ],
)
def test_parse_date_strings_day_first(text, expected):
    assert parse_date(text) == expected


def test_parse_date_objects_and_excel_serials():
    assert parse_date(date(2021, 7, 1)) == date(2021, 7, 1)
    assert parse_date(datetime(2021, 7, 1, 13, 45)) == date(2021, 7, 1)
    assert parse_date(31048) == date(1985, 1, 1)
    assert parse_date(31048.75) == date(1985, 1, 1)
    assert parse_date(44378) == date(2021, 7, 1)
    assert parse_date(1) == date(1900, 1, 1)
    assert parse_date(61) == date(1900, 3, 1)
    for blank in (None, "", "  ", float("nan")):
        assert parse_date(blank) is None


def test_two_digit_years_pivot_on_current_year():
    yy = date.today().year % 100
    assert parse_date(f"01/01/{yy:02d}").year == 2000 + yy
    assert parse_date(f"01/01/{(yy + 1) % 100:02d}").year == (1900 + yy + 1 if yy < 99 else 2000)
    assert parse_date("1/1/00") == date(2000, 1, 1)
    assert parse_date("1/1/99") == date(1999, 1, 1)


def test_impossible_date_is_refused_with_reason():
    with pytest.raises(TextError) as err:
        parse_date("31/02/2021")
    assert str(err.value) == "Ngày «31/02/2021» không tồn tại (tháng 2 năm 2021 chỉ có 28 ngày)."
    assert err.value.field == "Ngày"
    with pytest.raises(TextError, match="tháng 13"):
        parse_date("01/13/2021", field="Ngày tiêm")
    with pytest.raises(TextError, match="Excel"):
        parse_date(60)


@pytest.mark.parametrize("garbage", ["abc", "12/03", "2021/13", "12/03-1985", "1985", True, -5])
def test_garbage_date_shows_expected_format(garbage):
    with pytest.raises(TextError) as err:
        parse_date(garbage, field="Ngày xét nghiệm")
    assert "dd/mm/yyyy" in str(err.value)
    assert str(err.value).startswith("Ngày xét nghiệm «")
    assert err.value.field == "Ngày xét nghiệm"


def test_parse_birth_year_alone_and_full_date():
    assert parse_birth("1985") == (None, 1985)
    assert parse_birth(1985) == (None, 1985)
    assert parse_birth(1985.0) == (None, 1985)
    assert parse_birth("12/03/1985") == (date(1985, 3, 12), 1985)
    assert parse_birth(31048) == (date(1985, 1, 1), 1985)
    assert parse_birth("") == (None, None)
    assert parse_birth(None) == (None, None)


def test_parse_birth_refuses_future_and_too_old():
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(TextError, match="chưa tới") as err:
        parse_birth(format_date(tomorrow))
    assert err.value.field == "Ngày sinh"
    with pytest.raises(TextError, match="từ 1900"):
        parse_birth("1850")
    with pytest.raises(TextError, match="từ 1900"):
        parse_birth(date.today().year + 1)
    with pytest.raises(TextError, match="từ 1900"):
        parse_birth("01/01/1899")


def test_format_date_and_birth():
    assert format_date(date(2020, 1, 5)) == "05/01/2020"
    assert format_date(datetime(2020, 1, 5, 9, 0)) == "05/01/2020"
    assert format_date(None) == ""
    assert format_birth(date(1985, 3, 12), 1985) == "12/03/1985"
    assert format_birth(None, 1985) == "1985"
    assert format_birth(None, None) == ""


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)))
def test_format_then_parse_round_trips(d):
    assert parse_date(format_date(d)) == d
    assert parse_date(d.isoformat()) == d


# --- CCCD --------------------------------------------------------------------------------------


def test_province_codes():
    assert len(PROVINCE_CODES) == 63
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["026"] == "Vĩnh Phúc"
    assert PROVINCE_CODES["096"] == "Cà Mau"
    assert all(len(code) == 3 and code.isdigit() for code in PROVINCE_CODES)


def test_short_cccd_refused_with_clear_message():
    with pytest.raises(TextError) as err:
        normalize_cccd("12345")
    assert str(err.value) == (
        "Số CCCD «12345» không hợp lệ: cần đủ 12 chữ số (CMND cũ: 9 chữ số), đang có 5 chữ số."
    )
    assert err.value.field == "Số CCCD"


def test_eleven_digit_text_refused_but_number_padded():
    with pytest.raises(TextError, match="cần đủ 12 chữ số .*đang có 11 chữ số"):
        normalize_cccd("26085123456")
    assert normalize_cccd(26085123456) == "026085123456"
    assert normalize_cccd(26085123456.0) == "026085123456"
    assert normalize_cccd("26085123456", from_number=True) == "026085123456"
    assert normalize_cccd(1085123456) == "001085123456"  # Hà Nội loses two zeros
    assert normalize_cccd(12345678) == "012345678"  # old CMND


def test_cccd_accepts_separators_and_old_cmnd():
    assert normalize_cccd(" 026 085.123-456 ") == "026085123456"
    assert normalize_cccd("012345678") == "012345678"
    assert normalize_cccd(None) is None
    assert normalize_cccd("  ") is None


def test_cccd_wrong_province_refused():
    with pytest.raises(TextError, match="«003»"):
        normalize_cccd("003085123456")


def test_cccd_century_sex_and_year_digits():
    assert normalize_cccd("026085123456", birth_year=1985, sex=Sex.MALE) == "026085123456"
    assert normalize_cccd("026185123456", birth_year=1985, sex=Sex.FEMALE) == "026185123456"
    assert normalize_cccd("026305123456", birth_year=2005, sex="nu") == "026305123456"
    with pytest.raises(TextError, match="năm sinh 1985"):
        normalize_cccd("026285123456", birth_year=1985)  # 2 means born 2000–2099
    with pytest.raises(TextError, match="«86», cần «85»"):
        normalize_cccd("026086123456", birth_year=1985)
    with pytest.raises(TextError, match="giới tính"):
        normalize_cccd("026085123456", sex=Sex.FEMALE)
    with pytest.raises(TextError, match="chữ số thứ 4"):
        normalize_cccd("026785123456")


@pytest.mark.parametrize("bad", ["02608512345a", "0260851234567", True, 1.5, -26085123456])
def test_cccd_other_garbage_refused(bad):
    with pytest.raises(TextError):
        normalize_cccd(bad)


@given(
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.integers(1900, 2099),
    st.sampled_from(["nam", "nu"]),
    st.integers(0, 999_999),
)
def test_generated_cccd_round_trips(province, year, sex, tail):
    code = (year - 1900) // 100 * 2 + (sex == "nu")
    cccd = f"{province}{code}{year % 100:02d}{tail:06d}"
    assert normalize_cccd(cccd, birth_year=year, sex=sex) == cccd
    assert normalize_cccd(int(cccd), birth_year=year, sex=sex) == cccd
