"""The register's read view and duplicate search, in their own modules and still importable
from services.register: household view order and doses, duplicate warnings, the CCCD refusal."""

from __future__ import annotations

import pytest

from greenzone_desktop.models.db import Database
from greenzone_desktop.services import duplicates, register, register_views
from greenzone_desktop.services.errors import DuplicateError, NotFoundError
from greenzone_desktop.services.register import (
    DoseInput,
    HouseholdInput,
    PersonInput,
    add_member,
    create_household,
    delete_person,
    restore_person,
)


def _family(db: Database) -> str:
    return create_household(db, HouseholdInput(address="Số 3 ngõ Chùa"), [
        PersonInput("Trần Văn Bình", sex="nam", relation="con", birth="2010"),
        PersonInput("Lê Thị Hoa", sex="nu", relation="chu_ho", birth="1985", cccd="026185012345",
                    doses=[DoseInput("01/07/2021", "AstraZeneca"), DoseInput("05/08/2021", "AZ")]),
        PersonInput("Trần Văn An", sex="nam", relation="chong", birth="15/03/1980"),
    ])


def test_register_still_exports_the_moved_names() -> None:
    assert register.HouseholdView is register_views.HouseholdView
    assert register.MemberView is register_views.MemberView
    assert register.get_household is register_views.get_household
    assert register.Duplicate is duplicates.Duplicate
    assert register.find_duplicates is duplicates.find_duplicates


def test_household_view_puts_the_head_first_then_the_oldest(db: Database) -> None:
    hid = _family(db)
    view = register_views.get_household(db, hid)
    assert view.address == "Số 3 ngõ Chùa"
    assert [m.full_name for m in view.members] == ["Lê Thị Hoa", "Trần Văn An", "Trần Văn Bình"]
    assert view.head_id == view.members[0].id and view.head_name == "Lê Thị Hoa"
    assert [(no, vaccine) for no, _on, vaccine in view.members[0].doses] == [
        (1, "AstraZeneca"), (2, "AZ")]
    assert view.members[1].birth_text == "15/03/1980"
    delete_person(db, view.members[2].id)
    assert len(register_views.get_household(db, hid).members) == 2
    with pytest.raises(NotFoundError, match="Không tìm thấy hộ gia đình"):
        register_views.get_household(db, "không-có")


def test_duplicates_by_cccd_and_by_name_and_birth(db: Database) -> None:
    hid = _family(db)
    hoa = register_views.get_household(db, hid).members[0]
    found = duplicates.find_duplicates(db, full_name="LE THI HOA", birth="1985",
                                       cccd="026 185 012 345")
    assert [(d.kind, d.person_id) for d in found] == [("cccd", hoa.id)]  # one entry per person
    assert "026185012345" in found[0].message and found[0].household_id == hid
    by_name = duplicates.find_duplicates(db, full_name="le thi hoa", birth="1985")
    assert [d.kind for d in by_name] == ["name_birth"]
    assert duplicates.find_duplicates(db, full_name="Lê Thị Hoa", birth="1986") == []
    assert duplicates.find_duplicates(db, cccd="026185012345", exclude_person_id=hoa.id) == []
    assert duplicates.find_duplicates(db, full_name="Lê Thị Hoa", birth="không rõ") == []


def test_a_registered_cccd_is_refused_naming_the_household(db: Database) -> None:
    hid = _family(db)
    other = create_household(db, HouseholdInput(), [PersonInput("Phạm Văn Đức", birth="1990")])
    with pytest.raises(DuplicateError, match="thuộc hộ") as caught:
        add_member(db, other, PersonInput("Lê Thị Hoa", sex="nu", birth="1985",
                                          cccd="026185012345"))
    assert caught.value.field == "cccd" and caught.value.household_id == hid
    hoa = register_views.get_household(db, hid).members[0]
    delete_person(db, hoa.id)
    twin = add_member(db, other, PersonInput("Lê Thị Hoa", sex="nu", birth="1985",
                                             cccd="026185012345"))
    with pytest.raises(DuplicateError):
        restore_person(db, hoa.id)  # the CCCD is someone else's now
    delete_person(db, twin)
    restore_person(db, hoa.id)
    assert register_views.get_household(db, hid).members[0].id == hoa.id
