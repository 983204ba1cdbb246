"""Health-status periods: the rules of issue 4 (overlaps, dates, sources, planned end) and the
home-quarantine flag on households."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from greenzone_desktop.models import Commitment
from greenzone_desktop.services import health
from greenzone_desktop.services.errors import ServiceError, ValidationError
from greenzone_desktop.services.register import delete_person
from greenzone_desktop.services.settings import set_setting
from tests.services.health_helpers import TODAY, village

P = health.PeriodInput


def test_overlap_of_the_same_kind_is_refused_with_a_clear_message(db):
    v = village(db)
    an = v.people["Nguyễn Văn An"]
    health.add_period(db, an, P("F1", "01/09/2021", end="10/09/2021"))
    with pytest.raises(ServiceError) as err:
        health.add_period(db, an, P("F1", "05/09/2021"))
    msg = err.value.message
    assert "Nguyễn Văn An đã có giai đoạn F1" in msg
    assert "từ 01/09/2021 đến 10/09/2021" in msg and "trùng" in msg
    # touching the end day still overlaps; the day after does not
    with pytest.raises(ServiceError):
        health.add_period(db, an, P("F1", "10/09/2021"))
    health.add_period(db, an, P("F1", "11/09/2021"))
    # another kind over the same days is fine
    health.add_period(db, an, P("quarantine", "01/09/2021", place="home"))
    assert len(health.person_periods(db, an)) == 3


def test_an_open_period_overlaps_everything_after_it(db):
    v = village(db)
    an = v.people["Nguyễn Văn An"]
    pid = health.add_period(db, an, P("F0", "01/09/2021", place="facility"))
    with pytest.raises(ServiceError, match="đến nay"):
        health.add_period(db, an, P("F0", "01/12/2021", place="home"))
    health.end_period(db, pid, "14/09/2021")
    health.add_period(db, an, P("F0", "01/12/2021", place="home"))


def test_end_before_start_is_refused(db):
    v = village(db)
    an = v.people["Nguyễn Văn An"]
    with pytest.raises(ValidationError) as err:
        health.add_period(db, an, P("F1", "10/09/2021", end="09/09/2021"))
    assert "Ngày kết thúc 09/09/2021 trước ngày bắt đầu 10/09/2021" in err.value.message
    pid = health.add_period(db, an, P("F1", "10/09/2021"))
    with pytest.raises(ValidationError, match="trước ngày bắt đầu"):
        health.end_period(db, pid, "01/09/2021")
    with pytest.raises(ValidationError, match="Chưa nhập ngày bắt đầu"):
        health.add_period(db, an, P("F2", ""))


def test_f1_must_link_to_an_existing_f0(db):
    v = village(db)
    an, binh = v.people["Nguyễn Văn An"], v.people["Trần Thị Bình"]
    with pytest.raises(ServiceError) as err:
        health.add_period(db, binh, P("F1", "02/09/2021", source_person_id=an))
    assert "F1 phải gắn với một F0 đã có: Nguyễn Văn An chưa có giai đoạn F0" in err.value.message
    health.add_period(db, an, P("F0", "01/09/2021", place="home"))
    health.add_period(db, binh, P("F1", "02/09/2021", source_person_id=an))
    [f1] = health.person_periods(db, binh)
    assert f1.source_name == "Nguyễn Văn An"
    # an F2 links to an F1; a person is not their own source; a deleted source is refused
    cuong = v.people["Nguyễn Văn Cường"]
    with pytest.raises(ServiceError, match="F2 phải gắn với một F1"):
        health.add_period(db, cuong, P("F2", "03/09/2021", source_person_id=an))
    health.add_period(db, cuong, P("F2", "03/09/2021", source_person_id=binh))
    with pytest.raises(ServiceError, match="chính người này"):
        health.add_period(db, an, P("F1", "20/09/2021", source_person_id=an))
    delete_person(db, an)
    with pytest.raises(ServiceError, match="Không tìm thấy người nguồn lây"):
        health.add_period(db, v.people["Lê Văn Dũng"], P("F1", "02/09/2021", source_person_id=an))


def test_planned_end_comes_from_the_rule_and_follows_an_edit(db):
    v = village(db)
    an, dung = v.people["Nguyễn Văn An"], v.people["Lê Văn Dũng"]
    health.add_period(db, an, P("quarantine", "01/09/2021", place="home"))
    assert health.person_periods(db, an)[0].planned_end == date(2021, 9, 15)
    set_setting(db, "quarantine_days_home", 7)
    set_setting(db, "quarantine_days_centralised", 21)
    health.add_period(db, dung, P("quarantine", "01/09/2021", place="Tập trung"))
    assert health.person_periods(db, dung)[0].planned_end == date(2021, 9, 22)
    assert health.planned_end_for(db, "quarantine", date(2021, 9, 1), "home") == date(2021, 9, 8)
    assert health.planned_end_for(db, "F2", date(2021, 9, 1)) == date(2021, 9, 8)
    # a planned end typed by hand wins over the rule
    binh = v.people["Trần Thị Bình"]
    health.add_period(db, binh, P("quarantine", "01/09/2021", planned_end="30/09/2021",
                                  place="home"))
    assert health.person_periods(db, binh)[0].planned_end == date(2021, 9, 30)
    set_setting(db, "quarantine_days_home", "mười")
    with pytest.raises(ServiceError, match="quarantine_days_home"):
        health.planned_end_for(db, "quarantine", TODAY, "home")


def test_places_are_checked_per_kind(db):
    v = village(db)
    an = v.people["Nguyễn Văn An"]
    with pytest.raises(ValidationError, match="nơi phải là tại nhà hoặc tập trung"):
        health.add_period(db, an, P("quarantine", "01/09/2021", place="facility"))
    with pytest.raises(ValidationError, match="Loại «F5» không hợp lệ"):
        health.add_period(db, an, P("F5", "01/09/2021"))


def test_home_quarantine_flags_the_household_until_a_commitment_is_signed(db):
    v = village(db)
    an, binh = v.people["Nguyễn Văn An"], v.people["Trần Thị Bình"]
    home, other = v.households["XM-0001"], v.households["XM-0002"]
    assert health.household_flags(db, [home, other], TODAY) == {}
    health.add_period(db, an, P("F0", "10/09/2021", place="facility"))
    health.add_period(db, binh, P("F1", "10/09/2021", source_person_id=an,
                                  quarantine_place="home"))
    assert health.household_flags(db, [home, other], TODAY) == {home: "đang cách ly tại nhà"}
    [q] = health.home_quarantine_households(db, TODAY)
    assert (q.code, q.people, q.has_commitment) == ("XM-0001", ("Trần Thị Bình",), False)
    assert q.until == date(2021, 9, 24)
    # a commitment signed long before does not count; one signed at the start does
    with db.session() as s:
        s.add(Commitment(unit_id=db.home_unit_id, kind="quarantine", household_id=home,
                         signed_on=date(2021, 8, 1)))
    assert not health.home_quarantine_households(db, TODAY)[0].has_commitment
    with db.session() as s:
        s.add(Commitment(unit_id=db.home_unit_id, kind="quarantine", household_id=home,
                         signed_on=date(2021, 9, 10)))
    assert health.home_quarantine_households(db, TODAY)[0].has_commitment
    # the flag goes once the quarantine ends
    [qp] = [p for p in health.person_periods(db, binh) if p.kind == "quarantine"]
    health.end_period(db, qp.id, TODAY - timedelta(days=1))
    assert health.household_flags(db, [home], TODAY) == {}


def test_centralised_quarantine_does_not_flag_the_household(db):
    v = village(db)
    health.add_period(db, v.people["Lê Văn Dũng"], P("quarantine", "10/09/2021",
                                                     place="centralised"))
    assert health.household_flags(db, [v.households["XM-0002"]], TODAY) == {}
    counts = health.active_counts(db, TODAY)
    assert counts["quarantine_centralised"] == 1 and counts["quarantine_home"] == 0


def test_active_counts_and_lists(db):
    v = village(db)
    an, binh = v.people["Nguyễn Văn An"], v.people["Trần Thị Bình"]
    health.add_period(db, an, P("F0", "10/09/2021", place="home"))
    health.add_period(db, binh, P("F1", "10/09/2021", source_person_id=an,
                                  quarantine_place="home"))
    health.add_period(db, v.people["Lê Văn Dũng"], P("F2", "01/08/2021", end="08/08/2021"))
    assert health.active_counts(db, TODAY) == {"F0": 1, "F1": 1, "F2": 0, "quarantine_home": 1,
                                               "quarantine_centralised": 0}
    names = [p.full_name for p in health.list_periods(db, today=TODAY)]
    assert names == ["Nguyễn Văn An", "Trần Thị Bình", "Trần Thị Bình"]  # by given name
    assert [p.kind for p in health.list_periods(db, today=TODAY, kind="F1")] == ["F1"]
    assert len(health.list_periods(db, today=TODAY, active_only=False)) == 4
    assert [p.full_name for p in health.list_periods(db, today=TODAY, query="binh")] == [
        "Trần Thị Bình", "Trần Thị Bình"]


def test_update_and_delete_period(db):
    v = village(db)
    an = v.people["Nguyễn Văn An"]
    first = health.add_period(db, an, P("F1", "01/08/2021", end="10/08/2021"))
    second = health.add_period(db, an, P("F1", "01/09/2021"))
    with pytest.raises(ServiceError, match="trùng"):
        health.update_period(db, second, P("F1", "05/08/2021"))
    health.update_period(db, second, P("F1", "02/09/2021", notes="Sửa ngày"))
    health.delete_period(db, first)
    [left] = health.person_periods(db, an)
    assert (left.start_date, left.notes) == (date(2021, 9, 2), "Sửa ngày")


def test_an_f0_in_a_zone_moves_its_last_f0_date(db):
    from greenzone_desktop.services import zones

    v = village(db)
    zid = zones.create_zone(db, zones.ZoneInput("Ngõ 5 Xuân Mai", "01/09/2021"),
                            [v.households["XM-0001"]])
    assert zones.get_zone(db, zid, TODAY).last_f0_on is None
    health.add_period(db, v.people["Nguyễn Văn Cường"], P("F0", "08/09/2021", place="home"))
    health.add_period(db, v.people["Lê Văn Dũng"], P("F0", "12/09/2021", place="home"))  # outside
    z = zones.get_zone(db, zid, TODAY)
    assert z.last_f0_on == date(2021, 9, 8) and z.days_since_f0 == 7
