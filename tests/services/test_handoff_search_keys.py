"""Households that arrive by USB are found by their members' names at the ward, and a member's
change that travels updates the search."""

from __future__ import annotations

from pathlib import Path

from greenzone_desktop.models.db import Database
from greenzone_desktop.services.household_list import HouseholdQuery, household_ids
from greenzone_desktop.services.register import PersonInput, add_member
from tests.conftest import stale_members_keys
from tests.services.handoff_helpers import export, import_, ward


def test_ward_finds_households_by_member_names_after_packages(demo_db: Database,
                                                              tmp_path: Path) -> None:
    ward_db = ward(tmp_path)
    try:
        import_(ward_db, export(demo_db, tmp_path / "p1.gzx").path)
        assert stale_members_keys(ward_db) == []
        some = household_ids(demo_db)[7]
        add_member(demo_db, some, PersonInput("Vũ Thị Quỳnh Như", "nu", "2001"))
        import_(ward_db, export(demo_db, tmp_path / "p2.gzx").path)
        assert stale_members_keys(ward_db) == []
        assert household_ids(ward_db, HouseholdQuery(text="vu thi quynh nhu")) == [some]
    finally:
        ward_db.dispose()
