"""Vaccination coverage by age band on a known data set (tests/services/health_helpers.py):

Tổ 1: An 61 (2 doses), Bình 56 (1), Cường 15 (1), Dũng 49 (0), Hoa 17 — 18 tomorrow — (2),
      Hùng 9 (no band).
Tổ 2: Lan 50 today (2), Minh away (not counted), Nam 22 (1).
"""

from __future__ import annotations

from datetime import date

import pytest

from greenzone_desktop.services import vaccination
from greenzone_desktop.services.errors import ServiceError, ValidationError
from greenzone_desktop.services.settings import set_setting
from tests.services.health_helpers import TODAY, village


def _row(cov, code, area=""):  # noqa: ANN001, ANN202
    b = cov.band(code, area)
    return (b.people, b.one_dose, b.full)


def test_coverage_by_age_band_for_the_unit_and_each_area(db):
    village(db)
    cov = vaccination.coverage(db, TODAY)
    assert _row(cov, "12-17") == (2, 2, 1)  # Cường, Hoa
    assert _row(cov, "18+") == (5, 4, 2)  # An, Bình, Dũng, Lan, Nam
    assert _row(cov, "50+") == (3, 3, 2)  # An, Bình, Lan
    assert _row(cov, "12-17", "Tổ 1") == (2, 2, 1)
    assert _row(cov, "18+", "Tổ 1") == (3, 2, 1)
    assert _row(cov, "50+", "Tổ 1") == (2, 2, 1)
    assert _row(cov, "12-17", "Tổ 2") == (0, 0, 0)
    assert _row(cov, "18+", "Tổ 2") == (2, 2, 1)
    assert _row(cov, "50+", "Tổ 2") == (1, 1, 1)
    assert cov.area_names == ["Tổ 1", "Tổ 2"]
    assert cov.band("18+").one_dose_pct == 80.0 and cov.band("18+").full_pct == 40.0
    d = cov.as_dict()
    assert d["unit"]["50+"]["full_percent"] == pytest.approx(66.7)
    assert d["areas"]["Tổ 2"]["18+"]["people"] == 2


def test_birthdays_move_people_between_bands(db):
    village(db)
    tomorrow = vaccination.coverage(db, date(2021, 9, 16))
    assert _row(tomorrow, "12-17") == (1, 1, 0)  # Hoa turned 18
    assert _row(tomorrow, "18+") == (6, 5, 3)
    assert vaccination.coverage(db, date(2021, 9, 14)).band("50+").people == 2  # Lan is 49


def test_doses_given_after_the_day_do_not_count_and_full_follows_the_rule(db):
    village(db)
    # the village's doses are given on 01/06 and 01/07/2021
    assert _row(vaccination.coverage(db, date(2021, 6, 15)), "18+") == (5, 4, 0)
    set_setting(db, "full_doses", 1)
    assert _row(vaccination.coverage(db, TODAY), "18+") == (5, 4, 4)


def test_add_and_delete_doses(db):
    v = village(db)
    dung = v.people["Lê Văn Dũng"]
    vaccination.add_dose(db, dung, "01/08/2021", "Pfizer", "Nhà văn hóa")
    with pytest.raises(ValidationError, match="trước mũi 1 \\(01/08/2021\\)"):
        vaccination.add_dose(db, dung, "01/07/2021", "Pfizer")
    vaccination.add_dose(db, dung, "01/09/2021", "Pfizer")
    doses = vaccination.person_doses(db, dung)
    assert [(d.dose_no, d.vaccine) for d in doses] == [(1, "Pfizer"), (2, "Pfizer")]
    assert _row(vaccination.coverage(db, TODAY), "18+") == (5, 5, 3)
    with pytest.raises(ServiceError, match="Chỉ xóa được mũi cuối cùng"):
        vaccination.delete_dose(db, doses[0].id)
    vaccination.delete_dose(db, doses[1].id)
    assert len(vaccination.person_doses(db, dung)) == 1
    assert "Sinopharm (Vero Cell)" in vaccination.vaccines(db)


def test_people_without_a_birth_year_are_counted_apart(db):
    from greenzone_desktop.services.register import HouseholdInput, PersonInput, create_household

    village(db)
    create_household(db, HouseholdInput(area="Tổ 3"), [PersonInput("Vũ Thị Mai", sex="nu")])
    cov = vaccination.coverage(db, TODAY)
    assert cov.unknown_age == 1 and cov.area_names == ["Tổ 1", "Tổ 2", "Tổ 3"]
    assert cov.band("18+", "Tổ 3").people == 0 and cov.band("18+").people == 5
    assert vaccination.age_on(TODAY, date(2003, 9, 16), None) == 17
    assert vaccination.age_on(TODAY, None, 2003) == 18
