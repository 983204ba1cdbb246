"""Testing rounds: scope, ticking (by household code, one by one), results, the untested list,
and the schedule after the last F0 (the three cases of Bắc Ninh's rule)."""

from __future__ import annotations

from datetime import date

import pytest

from greenzone_desktop.services import health, testing, testing_lists, testing_marks, zones
from greenzone_desktop.services.errors import ServiceError, ValidationError
from greenzone_desktop.services.settings import DEFAULTS, set_setting
from tests.services.health_helpers import TODAY, village

R = testing.RoundInput
SCHEDULE = DEFAULTS["testing_schedule"]
LIFT = date(2021, 9, 30)


def _days(proposals):  # noqa: ANN001, ANN202
    return [p.on for p in proposals]


def test_schedule_f0_within_7_days_tests_on_days_1_7_14():
    last = date(2021, 9, 10)
    got = testing.propose_rounds(last, date(2021, 9, 15), SCHEDULE, LIFT)
    assert _days(got) == [date(2021, 9, 11), date(2021, 9, 17), date(2021, 9, 24)]
    assert [p.label for p in got][0] == "Ngày thứ 1 sau F0 cuối cùng"
    assert [p.is_past for p in got] == [True, False, False]
    # day 7 exactly is still the first case
    assert len(testing.propose_rounds(last, date(2021, 9, 17), SCHEDULE, LIFT)) == 3


def test_schedule_f0_8_to_14_days_ago_tests_on_days_7_and_14():
    last = date(2021, 9, 5)
    for today in (date(2021, 9, 13), date(2021, 9, 19)):  # 8 and 14 days
        got = testing.propose_rounds(last, today, SCHEDULE, LIFT)
        assert _days(got) == [date(2021, 9, 12), date(2021, 9, 19)]
        assert [p.label for p in got] == ["Ngày thứ 7 sau F0 cuối cùng",
                                          "Ngày thứ 14 sau F0 cuối cùng"]


def test_schedule_over_14_days_one_round_the_day_before_lifting():
    last = date(2021, 9, 1)
    got = testing.propose_rounds(last, date(2021, 9, 16), SCHEDULE, LIFT)
    assert _days(got) == [date(2021, 9, 29)]
    assert got[0].label.startswith("Trước khi gỡ phong tỏa (dự kiến gỡ 30/09/2021)")
    # lifting already due: the round is proposed for today, never in the past
    late = testing.propose_rounds(last, date(2021, 10, 5), SCHEDULE, LIFT)
    assert _days(late) == [date(2021, 10, 5)] and not late[0].is_past


def test_schedule_rule_is_editable_and_checked():
    mine = [{"max_days": 3, "test_days": [1, 3]}, {"max_days": None, "test_days": [10]}]
    assert _days(testing.propose_rounds(date(2021, 9, 14), TODAY, mine, LIFT)) == [
        date(2021, 9, 15), date(2021, 9, 17)]
    assert _days(testing.propose_rounds(date(2021, 9, 1), TODAY, mine, LIFT)) == [
        date(2021, 9, 11)]
    with pytest.raises(ServiceError, match="Ngày xét nghiệm «hai» trong quy định"):
        testing.propose_rounds(date(2021, 9, 14), TODAY, [{"max_days": 5, "test_days": ["hai"]}],
                               LIFT)


def test_zone_schedule_uses_the_zone_and_the_settings(db):
    v = village(db)
    zid = zones.create_zone(db, zones.ZoneInput("Khu A", "01/09/2021"), [v.households["XM-0001"]])
    health.add_period(db, v.people["Nguyễn Văn An"], health.PeriodInput("F0", "12/09/2021",
                                                                          place="home"))
    assert _days(testing.zone_schedule(db, zid, TODAY)) == [
        date(2021, 9, 13), date(2021, 9, 19), date(2021, 9, 26)]
    set_setting(db, "testing_schedule", [{"max_days": None, "test_days": [2]}])
    assert _days(testing.zone_schedule(db, zid, TODAY)) == [date(2021, 9, 14)]
    made = testing.create_proposed_rounds(db, zid, [date(2021, 9, 14), date(2021, 9, 20)])
    again = testing.create_proposed_rounds(db, zid, [date(2021, 9, 14)])
    assert len(made) == 2 and again == []
    r = testing.get_round(db, made[0])
    assert (r.zone_name, r.method, r.pool_size) == ("Khu A", "pcr_pooled", 10)
    assert r.name == "Đợt xét nghiệm 14/09/2021 — khu Khu A"


def test_round_input_is_checked(db):
    village(db)
    with pytest.raises(ValidationError) as err:
        testing.create_round(db, R("31/09/2021", method="pcr_pooled", pool_size=30, area="Tổ 9"))
    msg = err.value.message
    assert "không tồn tại" in msg and "từ 2 đến 20" in msg and "Không có hộ nào ở địa bàn «Tổ 9»" in msg
    rid = testing.create_round(db, R("15/09/2021", method="Test nhanh kháng nguyên", pool_size=5))
    r = testing.get_round(db, rid)
    assert (r.method, r.pool_size, r.scope_text) == ("rapid", None, "toàn đơn vị — toàn dân")


def test_scope_by_area_zone_and_target_group(db):
    v = village(db)
    unit = testing.create_round(db, R(TODAY, pool_size=5))
    # everyone, children included, except Minh who is away
    assert testing.round_progress(db, unit).expected == 8
    area = testing.create_round(db, R(TODAY, pool_size=5, area="Tổ 2"))
    assert testing.round_progress(db, area).expected == 2
    zid = zones.create_zone(db, zones.ZoneInput("Khu A", "01/09/2021"), [v.households["XM-0002"]])
    zone = testing.create_round(db, R(TODAY, pool_size=5, zone_id=zid))
    assert testing.round_progress(db, zone).expected == 3
    workers = testing.create_round(db, R(TODAY, method="rapid", target="workers"))
    assert [p.full_name for p in testing_lists.untested(db, workers)] == ["Đỗ Văn Nam"]
    health.add_period(db, v.people["Nguyễn Văn An"], health.PeriodInput("F0", "10/09/2021",
                                                                          place="home"))
    health.add_period(db, v.people["Trần Thị Bình"], health.PeriodInput(
        "F1", "10/09/2021", source_person_id=v.people["Nguyễn Văn An"]))
    f1 = testing.create_round(db, R(TODAY, method="pcr", target="f1"))
    assert [p.full_name for p in testing_lists.untested(db, f1)] == ["Trần Thị Bình"]
    # a person under F0 treatment on the day is not screened
    assert testing.round_progress(db, unit).expected == 7
    set_setting(db, "testing_risk_occupations", [])
    risk = testing.create_round(db, R(TODAY, method="pcr", target="risk_group"))
    with pytest.raises(ServiceError, match="nhóm nguy cơ"):
        testing.round_progress(db, risk)


def test_ticking_households_empties_the_untested_list(db):
    v = village(db)
    rid = testing.create_round(db, R(TODAY, pool_size=5))
    assert testing_lists.untested_count(db, rid) == 8
    tick = testing_marks.tick_household(db, rid, "xm-0001")
    assert tick.ticked == ("Nguyễn Văn An", "Trần Thị Bình", "Nguyễn Văn Cường")  # name order
    assert tick.message.startswith("Hộ XM-0001 (Nguyễn Văn An): đã đánh dấu 3 người")
    again = testing_marks.tick_household(db, rid, "XM-0001")
    assert again.ticked == () and again.already == 3
    third = testing_marks.tick_household(db, rid, "XM-0003")
    assert third.not_in_scope == 1 and "1 người không thuộc đợt này" in third.message
    assert [h.code for h in testing_lists.households_left(db, rid)] == ["XM-0002"]
    with pytest.raises(ServiceError, match="Không tìm thấy hộ có mã «XM-0404»"):
        testing_marks.tick_household(db, rid, "XM-0404")
    testing_marks.mark_tested(db, rid, [v.people["Lê Văn Dũng"], v.people["Lê Thị Hoa"]])
    assert [p.full_name for p in testing_lists.untested(db, rid)] == ["Lê Văn Hùng"]
    testing_marks.tick_household(db, rid, "XM-0002")
    assert testing_lists.untested(db, rid) == [] and testing_lists.households_left(db, rid) == []
    p = testing.round_progress(db, rid)
    assert (p.expected, p.tested, p.untested, p.pending) == (8, 8, 0, 8)
    testing_marks.unmark_tested(db, rid, [v.people["Lê Văn Hùng"]])
    assert testing_lists.untested_count(db, rid) == 1
    testing_marks.mark_tested(db, rid, [v.people["Lê Văn Hùng"]])  # a deleted tick comes back
    assert testing_lists.untested_count(db, rid) == 0


def test_outside_people_and_closed_rounds_are_refused(db):
    v = village(db)
    rid = testing.create_round(db, R(TODAY, pool_size=5, area="Tổ 2"))
    with pytest.raises(ServiceError, match="Không thuộc đối tượng của đợt .*Nguyễn Văn An"):
        testing_marks.mark_tested(db, rid, [v.people["Nguyễn Văn An"]])
    with pytest.raises(ServiceError, match="không có ai thuộc đối tượng"):
        testing_marks.tick_household(db, rid, "XM-0001")
    testing.close_round(db, rid)
    with pytest.raises(ServiceError, match="đã đóng"):
        testing_marks.tick_household(db, rid, "XM-0003")
    testing.close_round(db, rid, closed=False)
    testing_marks.tick_household(db, rid, "XM-0003")


def test_results_are_recorded_for_ticked_people_only(db):
    v = village(db)
    rid = testing.create_round(db, R(TODAY, pool_size=5))
    testing_marks.tick_household(db, rid, "XM-0001")
    an, dung = v.people["Nguyễn Văn An"], v.people["Lê Văn Dũng"]
    with pytest.raises(ServiceError, match="Chưa đánh dấu đã xét nghiệm .*Lê Văn Dũng"):
        testing_marks.record_results(db, rid, [an, dung], "negative")
    testing_marks.record_results(db, rid, [an], "Âm tính", pool_code="G-01")
    testing_marks.record_results(db, rid, [v.people["Trần Thị Bình"]], "positive")
    with pytest.raises(ServiceError, match="Kết quả «xanh» không hợp lệ"):
        testing_marks.record_results(db, rid, [an], "xanh")
    p = testing.round_progress(db, rid)
    assert (p.negative, p.positive, p.pending) == (1, 1, 1)
    rows = {r.full_name: r for r in testing_lists.tested(db, rid)}
    assert rows["Nguyễn Văn An"].outcome == "negative" and rows["Nguyễn Văn An"].pool_code == "G-01"
    assert [r.full_name for r in testing_lists.tested(db, rid, query="binh")] == ["Trần Thị Bình"]


def test_current_round_and_delete(db):
    village(db)
    old = testing.create_round(db, R("01/09/2021", pool_size=5))
    new = testing.create_round(db, R("10/09/2021", pool_size=5))
    testing.create_round(db, R("20/09/2021", pool_size=5))  # not yet held
    assert testing.current_round(db, TODAY).id == new
    testing.close_round(db, new)
    assert testing.current_round(db, TODAY).id == old
    testing.delete_round(db, old)
    assert testing.current_round(db, TODAY) is None
    assert [r.held_on.day for r in testing.list_rounds(db)] == [20, 10]
    assert testing.areas(db) == ["Tổ 1", "Tổ 2"]


def test_id_lists_and_rows_for_the_lazy_tables(db):
    v = village(db)
    rid = testing.create_round(db, R(TODAY, pool_size=5))
    testing_marks.tick_household(db, rid, "XM-0001")
    ids = testing_lists.untested_ids(db, rid)
    assert len(ids) == 5 and testing_lists.untested_ids(db, rid, "hoa") == [v.people["Lê Thị Hoa"]]
    done = testing_lists.tested_ids(db, rid)
    assert done == [v.people[n] for n in ("Nguyễn Văn An", "Trần Thị Bình", "Nguyễn Văn Cường")]
    rows = {r.id: r for r in testing_lists.round_rows(db, rid, [done[0], ids[0]])}
    assert rows[done[0]].outcome == "pending" and rows[ids[0]].outcome == ""


def test_positives_become_f0_once(db):
    v = village(db)
    rid = testing.create_round(db, R(TODAY, pool_size=5))
    testing_marks.tick_household(db, rid, "XM-0001")
    an, binh = v.people["Nguyễn Văn An"], v.people["Trần Thị Bình"]
    with pytest.raises(ServiceError, match="Chưa có ai được ghi kết quả dương tính"):
        testing_marks.positives_to_f0(db, rid, [an])
    testing_marks.record_results(db, rid, [an, binh], "positive")
    assert testing_marks.positives_to_f0(db, rid, [an, binh]) == (2, 0)
    [f0] = health.person_periods(db, an)
    assert (f0.kind, f0.start_date, f0.place) == ("F0", TODAY, "facility")
    assert testing_marks.positives_to_f0(db, rid, [an]) == (0, 1)
