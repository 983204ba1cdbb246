"""Phone numbers (mobile prefixes, hotlines) and how numbers are written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greenzone_desktop.resources import resource_path
from greenzone_desktop.text import (
    TextError,
    carrier,
    format_decimal,
    format_number,
    normalize_hotline,
    normalize_phone,
)

# --- phones ------------------------------------------------------------------------------------


def test_prefix_data_file_is_loaded():
    assert resource_path("data", "phone_prefixes.json").is_file()
    assert carrier("0912345678") == "Vinaphone"
    assert carrier("0362345678") == "Viettel"
    assert carrier("+84 90 123 4567") == "MobiFone"
    assert carrier("02431234567") is None
    assert carrier("rác") is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("+84 912 345 678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084912345678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("(091) 234-5678", "0912345678"),
        (912345678, "0912345678"),
        (912345678.0, "0912345678"),
        ("024 3123 4567", "02431234567"),
        (2431234567, "02431234567"),
    ],
)
def test_phone_normalised(value, expected):
    assert normalize_phone(value) == expected


def test_phone_from_number_flag_and_blank():
    assert normalize_phone("912345678", from_number=True) == "0912345678"
    assert normalize_phone(None) is None
    assert normalize_phone("") is None


def test_phone_bad_prefix_refused():
    with pytest.raises(TextError, match="đầu số «012»") as err:
        normalize_phone("0123456789")
    assert err.value.field == "Số điện thoại"


@pytest.mark.parametrize(
    "bad, fragment",
    [
        ("912345678", "đang có 9 chữ số"),  # typed as text: the leading 0 is not guessed
        ("115", "khẩn cấp"),
        ("1022", "khẩn cấp"),
        ("19009095", "khẩn cấp"),
        ("01623456789", "2018"),
        ("+1 212 555 0100", "Việt Nam"),
        ("09123abc78", "chữ số"),
    ],
)
def test_phone_refusals_name_the_rule(bad, fragment):
    with pytest.raises(TextError, match=fragment):
        normalize_phone(bad)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("115", "115"),
        (1022, "1022"),
        ("1900 9095", "19009095"),
        ("1800 1234 56", "1800123456"),
        ("+84 912 345 678", "0912345678"),
        ("0221 3851 234", "02213851234"),
    ],
)
def test_hotline_accepts_short_numbers(value, expected):
    assert normalize_hotline(value) == expected


@pytest.mark.parametrize("bad", ["", None, "12", "0123456789", "123456"])
def test_hotline_refusals(bad):
    with pytest.raises(TextError):
        normalize_hotline(bad)


@given(
    st.sampled_from(["032", "086", "091", "070", "056", "059", "087"]), st.integers(0, 9_999_999)
)
def test_generated_mobiles_round_trip(prefix, rest):
    phone = f"{prefix}{rest:07d}"
    assert normalize_phone(phone) == phone
    assert normalize_phone("+84" + phone[1:]) == phone
    assert normalize_phone(int(phone)) == phone
    assert carrier(phone) is not None


def test_numbers_use_the_vietnamese_separators():
    assert format_number(20000) == "20.000"
    assert format_number(80738) == "80.738"
    assert format_number(1234567) == "1.234.567"
    assert format_number(999) == "999"
    assert format_number(-1500) == "-1.500"
    assert format_decimal(1234.56) == "1.234,6"
    assert format_decimal(0.5, 2) == "0,50"
    assert format_decimal(12345.0) == "12.345,0"
