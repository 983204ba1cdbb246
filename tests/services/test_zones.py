"""Zones: households inside, last F0, days since, proposed lifting date under the rule, lifting."""

from __future__ import annotations

from datetime import date

import pytest

from greenzone_desktop.services import health, zones
from greenzone_desktop.services.errors import ValidationError
from greenzone_desktop.services.settings import set_setting
from tests.services.health_helpers import TODAY, village


def test_zone_counts_last_f0_and_proposed_lift(db):
    v = village(db)
    health.add_period(db, v.people["Nguyễn Văn An"], health.PeriodInput("F0", "05/09/2021",
                                                                          place="home"))
    zid = zones.create_zone(db, zones.ZoneInput("Khu dân cư số 1", "03/09/2021"),
                            [v.households["XM-0001"], v.households["XM-0002"]])
    z = zones.get_zone(db, zid, TODAY)
    assert (z.households, z.persons) == (2, 6)
    assert z.last_f0_on == date(2021, 9, 5)  # taken from the F0 already recorded
    assert z.days_since_f0 == 10
    assert z.proposed_lift == date(2021, 9, 19)
    set_setting(db, "zone_lift_days", 21)
    assert zones.get_zone(db, zid, TODAY).proposed_lift == date(2021, 9, 26)


def test_without_f0_days_count_from_the_start(db):
    zid = zones.create_zone(db, zones.ZoneInput("Khu cách ly y tế", "10/09/2021",
                                                kind="Khu cách ly y tế"))
    z = zones.get_zone(db, zid, TODAY)
    assert (z.kind, z.days_since_f0, z.proposed_lift) == ("isolation", 5, date(2021, 9, 24))


def test_zone_dates_are_checked(db):
    with pytest.raises(ValidationError) as err:
        zones.create_zone(db, zones.ZoneInput("", "10/09/2021", lifted_on="01/09/2021"))
    assert "Tên khu không được để trống" in err.value.message
    assert "Ngày gỡ 01/09/2021 trước ngày bắt đầu 10/09/2021" in err.value.message
    with pytest.raises(ValidationError, match="Chưa nhập ngày bắt đầu"):
        zones.create_zone(db, zones.ZoneInput("Khu A", None))
    with pytest.raises(ValidationError, match="F0 cuối cùng 01/09/2021 trước"):
        zones.create_zone(db, zones.ZoneInput("Khu A", "10/09/2021", last_f0_on="01/09/2021"))


def test_lift_and_listing_order(db):
    a = zones.create_zone(db, zones.ZoneInput("Khu A", "01/09/2021"))
    b = zones.create_zone(db, zones.ZoneInput("Khu B", "05/09/2021"))
    with pytest.raises(ValidationError, match="phải từ ngày bắt đầu 05/09/2021"):
        zones.lift_zone(db, b, "01/09/2021")
    zones.lift_zone(db, b, "14/09/2021")
    listed = zones.list_zones(db, TODAY)
    assert [z.id for z in listed] == [a, b]  # running zones first
    assert listed[1].proposed_lift is None and listed[1].days_since_f0 is None
    assert [z.name for z in zones.list_zones(db, TODAY, query="khu b")] == ["Khu B"]
    zones.delete_zone(db, a)
    assert [z.id for z in zones.list_zones(db, TODAY)] == [b]


def test_households_by_codes_and_area(db):
    v = village(db)
    found, unknown = zones.households_by_codes(db, "xm-0001, XM-0003\nXM-9999")
    assert found == [v.households["XM-0001"], v.households["XM-0003"]]
    assert unknown == ["XM-9999"]
    assert set(zones.households_in_area(db, "Tổ 1")) == {v.households["XM-0001"],
                                                          v.households["XM-0002"]}
    zid = zones.create_zone(db, zones.ZoneInput("Khu A", "01/09/2021"), found)
    zones.set_zone_households(db, zid, [v.households["XM-0002"]])
    assert [h.code for h in zones.zone_households(db, zid)] == ["XM-0002"]
    zones.set_zone_households(db, zid, [v.households["XM-0001"], v.households["XM-0002"]])
    assert [h.code for h in zones.zone_households(db, zid)] == ["XM-0001", "XM-0002"]
