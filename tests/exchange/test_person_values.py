"""The quick paths of the cell readers give what the general rules give, errors included."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest

from greenzone_desktop.exchange.person_values import read_birth, read_cccd, read_phone
from greenzone_desktop.text import TextError, normalize_cccd, normalize_phone, parse_birth
from greenzone_desktop.vocab import Sex

CCCDS = [26085012345, "026085012345", 260850123456, "001185000001", 1085000001, "027199000002",
         "079300000003", "099085012345", "026685012345", "026 085 012 345", "026185012345",
         "０26085012345", 123, 10**12, "02608501234", 260850123.0]  # fmt: skip
PHONES = ["0912345678", "0123456789", "0012345678", "091 234 5678", "+84912345678", 912345678,
          "02438123456", "0981.234.567", "098123456", "０912345678"]  # fmt: skip


def _outcome(fn, *args, **kwargs) -> object:  # noqa: ANN001
    try:
        return fn(*args, **kwargs)
    except TextError as exc:
        return ("error", str(exc))


@pytest.mark.parametrize(("cell", "year", "sex"), list(itertools.product(
    CCCDS, [None, 1985, 2001, 1885, 2085], [None, Sex.MALE, Sex.FEMALE])))  # fmt: skip
def test_cccd_reader_agrees_with_the_rules(cell: object, year: int | None, sex: Sex | None) -> None:
    expected = _outcome(normalize_cccd, cell, birth_year=year, sex=sex,
                        from_number=isinstance(cell, int | float))  # fmt: skip
    assert _outcome(read_cccd, cell, year, sex) == expected


@pytest.mark.parametrize("cell", PHONES)
def test_phone_reader_agrees_with_the_rules(cell: object) -> None:
    expected = _outcome(normalize_phone, cell, from_number=isinstance(cell, int | float))
    assert _outcome(read_phone, cell) == expected


@pytest.mark.parametrize("cell", [date(1985, 3, 12), date(1899, 12, 31), date(2999, 1, 1),
                                  datetime(1970, 5, 5), 1985, "12/3/1985", "1/1/1900",
                                  "31/12/1899", "28/2/2999", "29/2/1985", "31/4/1990", "0/3/1985",
                                  "12/13/1985", "012/3/1985", "12/3/85", "12/3/١٩٨٥", " 1/2/1990",
                                  "5/6/0001", "1/1/1899"])  # fmt: skip
def test_birth_reader_agrees_with_the_rules(cell: object) -> None:
    expected = _outcome(parse_birth, cell, field="Ngày sinh")
    assert _outcome(read_birth, cell, date.today()) == expected
    assert _outcome(read_birth, cell) == expected
