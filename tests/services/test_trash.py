"""The Trash service: deleted households, people, organisations and teams, the latest first,
and restoring each kind with its own rule."""

from __future__ import annotations

import pytest

from greenzone_desktop.models.db import Database
from greenzone_desktop.services import history, organizations, teams
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.history import TrashItem
from greenzone_desktop.services.organizations import OrganizationInput
from greenzone_desktop.services.register import (
    HouseholdInput,
    PersonInput,
    create_household,
    delete_household,
    delete_person,
    get_household,
)


def _fill(db: Database) -> tuple[str, str, str, str]:
    """A household with one member deleted, a deleted household and a deleted organisation."""
    kept = create_household(db, HouseholdInput(address="Số 1 ngõ Đình"), [
        PersonInput("Nguyễn Văn Hùng", relation="chu_ho", birth="1970"),
        PersonInput("Nguyễn Thị Lan", sex="nu", relation="con", birth="2001"),
    ])
    gone = create_household(db, HouseholdInput(address="Số 9 ngõ Chùa"), [
        PersonInput("Phạm Văn Đức", relation="chu_ho", birth="1965"),
    ])
    org = organizations.create_organization(db, OrganizationInput("Chợ Đồng Xuân"))
    lan = get_household(db, kept).members[1].id
    delete_person(db, lan)
    delete_household(db, gone)
    organizations.delete_organization(db, org)
    return kept, lan, gone, org


def test_trash_holds_every_kind_the_latest_deleted_first(db: Database) -> None:
    _kept, lan, gone, org = _fill(db)
    items = history.trash(db)
    assert [(i.table, i.row_id) for i in items] == [
        ("organizations", org), ("households", gone), ("persons", lan)]
    assert [i.kind_label for i in items] == ["Cơ quan, cơ sở", "Hộ gia đình", "Nhân khẩu"]
    assert items[0].label == "Chợ Đồng Xuân"
    assert items[1].detail == "Chủ hộ: Phạm Văn Đức; Số 9 ngõ Chùa"  # its member is not listed
    assert items[2].label == "Nguyễn Thị Lan" and items[2].detail.startswith("Hộ ")


def test_restore_items_brings_each_kind_back(db: Database) -> None:
    kept, lan, gone, org = _fill(db)
    changes = history.restore_items(db, history.trash(db))
    assert changes.organizations and changes.households and changes.persons
    assert history.trash(db) == []
    assert [o.id for o in organizations.list_organizations(db)] == [org]
    assert [m.full_name for m in get_household(db, gone).members] == ["Phạm Văn Đức"]
    assert [m.id for m in get_household(db, kept).members][1] == lan


def test_an_unknown_kind_is_refused_before_anything_is_restored(db: Database) -> None:
    *_rest, org = _fill(db)
    items = [i for i in history.trash(db) if i.table == "organizations"]
    with pytest.raises(ServiceError):
        history.restore_items(db, [*items, TrashItem("zones", "x", "Vùng", "", None)])
    assert [i.row_id for i in history.trash(db) if i.table == "organizations"] == [org]


def test_a_deleted_team_comes_back_with_what_was_deleted_with_it(db: Database) -> None:
    hid = create_household(db, HouseholdInput(address="Số 4 ngõ Giếng"), [
        PersonInput("Lê Văn Tâm", relation="chu_ho", birth="1972")])
    team = teams.save_team(db, teams.TeamInput("community", "Tổ COVID cộng đồng số 3", "Tổ 3"))
    leader = teams.save_member(db, team, teams.MemberInput("Đỗ Thị Hoa", role="Tổ trưởng"))
    left = teams.save_member(db, team, teams.MemberInput("Vũ Văn Nam"))
    teams.assign_households(db, team, [hid])
    teams.delete_member(db, left)  # removed before the team was: stays removed
    teams.delete_team(db, team)
    assert team not in [t.id for t in teams.list_teams(db)]
    [item] = history.trash(db)
    assert (item.table, item.row_id, item.kind_label) == ("teams", team, "Tổ, ban")
    assert item.label == "Tổ COVID cộng đồng số 3" and item.detail.endswith("Tổ 3")
    assert history.restore_items(db, [item]).community
    assert team in [t.id for t in teams.list_teams(db)] and history.trash(db) == []
    assert [m.id for m in teams.team_members(db, team)] == [leader]
    assert [h.id for h in teams.team_households(db, team)] == [hid]
