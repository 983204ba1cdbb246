"""Today's tasks: each kind appears when due, disappears when done, and names its page."""

from __future__ import annotations

from datetime import date

from greenzone_desktop.models import Commitment
from greenzone_desktop.services import health, testing, testing_marks
from greenzone_desktop.services.today_tasks import today_tasks
from tests.services.health_helpers import TODAY, village

P = health.PeriodInput


def _kinds(db, today=TODAY):  # noqa: ANN001, ANN202
    return [(t.kind, t.text) for t in today_tasks(db, today)]


def test_no_tasks_in_a_quiet_village(db):
    village(db)
    assert today_tasks(db, TODAY) == []


def test_quarantine_ending_today_or_overdue(db):
    v = village(db)
    an, dung = v.people["Nguyễn Văn An"], v.people["Lê Văn Dũng"]
    health.add_period(db, an, P("quarantine", "01/09/2021", place="centralised"))  # ends 15/09
    health.add_period(db, dung, P("quarantine", "20/08/2021", place="centralised"))  # 03/09
    health.add_period(db, v.people["Lê Thị Hoa"], P("quarantine", "10/09/2021",
                                                    place="centralised"))  # not yet
    tasks = today_tasks(db, TODAY)
    assert [t.text for t in tasks] == [
        "Lê Văn Dũng (hộ XM-0002): cách ly tập trung quá hạn 12 ngày",
        "Nguyễn Văn An (hộ XM-0001): cách ly tập trung hết hạn hôm nay"]
    assert [t.overdue for t in tasks] == [True, False]
    assert (tasks[1].page, tasks[1].target) == ("health", {"person_id": an})
    [q] = [p for p in health.person_periods(db, dung)]
    health.end_period(db, q.id, TODAY)
    assert len(today_tasks(db, TODAY)) == 1


def test_f1_due_a_test_until_tested(db):
    v = village(db)
    an, binh = v.people["Nguyễn Văn An"], v.people["Trần Thị Bình"]
    health.add_period(db, an, P("F0", "07/09/2021", place="facility"))
    health.add_period(db, binh, P("F1", "08/09/2021", source_person_id=an))
    # F1 days 1, 7, 14 → 09/09, 15/09, 22/09: day 7 is today
    [task] = today_tasks(db, TODAY)
    assert task.kind == "f1_test" and task.text == (
        "Trần Thị Bình (hộ XM-0001): xét nghiệm ngày thứ 7 hôm nay")
    assert task.target == {"person_id": binh}
    rid = testing.create_round(db, testing.RoundInput(TODAY, method="pcr", target="f1"))
    testing_marks.mark_tested(db, rid, [binh])
    assert today_tasks(db, TODAY) == []
    # a test on day 1 does not cover day 7 the next week
    assert "quá 1 ngày" in today_tasks(db, date(2021, 9, 23))[0].text


def test_untested_in_the_current_round_points_to_the_round(db):
    village(db)
    rid = testing.create_round(db, testing.RoundInput(TODAY, pool_size=5, area="Tổ 2"))
    [task] = today_tasks(db, TODAY)
    assert task.text.startswith("2 người chưa xét nghiệm — Đợt xét nghiệm 15/09/2021 — Tổ 2")
    assert (task.page, task.target) == ("testing", {"round_id": rid})
    testing_marks.tick_household(db, rid, "XM-0003")
    assert today_tasks(db, TODAY) == []


def test_missing_home_quarantine_commitment(db):
    v = village(db)
    health.add_period(db, v.people["Lê Thị Hoa"], P("quarantine", "14/09/2021", place="home"))
    [task] = today_tasks(db, TODAY)
    assert task.text == "Hộ XM-0002 (Lê Văn Dũng): chưa ký cam kết cách ly tại nhà"
    assert (task.page, task.target) == ("households", {"household_id": v.households["XM-0002"]})
    with db.session() as s:
        s.add(Commitment(unit_id=db.home_unit_id, kind="quarantine",
                         household_id=v.households["XM-0002"], signed_on=TODAY))
    assert today_tasks(db, TODAY) == []


def test_many_tasks_are_summed_up(db, monkeypatch):
    from greenzone_desktop.services import today_tasks as module

    v = village(db)
    monkeypatch.setattr(module, "MAX_PER_KIND", 2)
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Dũng"):
        health.add_period(db, v.people[name], P("quarantine", "01/09/2021", place="centralised"))
    texts = [t.text for t in today_tasks(db, TODAY)]
    assert len(texts) == 2 and texts[-1] == "… và 2 người khác"
