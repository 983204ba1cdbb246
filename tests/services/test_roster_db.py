"""Rosters in the database: shifts from patterns, auto-fill, validation, replacements, copy,
swap, and the dashboard's staffing figure."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from greenzone_desktop.models import Assignment, Shift
from greenzone_desktop.services import checkpoints as C
from greenzone_desktop.services import roster as R
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.green_zone import staffing

WEEK = date(2021, 9, 13)  # a Monday


def _pattern(db, name: str = "3 ca × 8 giờ") -> str:  # noqa: ANN001
    return next(p.id for p in C.ensure_preset_patterns(db) if p.name == name)


def _setup(db, staff: int = 12, min_staff: int = 1, checkpoints: int = 2,  # noqa: ANN001
           doses: int = 2) -> tuple[list[str], list[str]]:
    pid = _pattern(db)
    cps = [C.save_checkpoint(db, C.CheckpointInput(f"Chốt số {i + 1}", pattern_id=pid,
                                                   min_staff=min_staff))
           for i in range(checkpoints)]
    people = [C.save_staff(db, C.StaffInput(f"Người trực {i + 1:02d}", doses=doses))
              for i in range(staff)]
    return cps, people


def _rows(db) -> list[tuple[str, str]]:  # noqa: ANN001
    with db.session() as s:
        return [(a.shift_id, a.staff_id) for a in
                s.query(Assignment).filter(Assignment.deleted.is_(False))]


def test_generate_week_is_idempotent_and_follows_opening_hours(db) -> None:  # noqa: ANN001
    (cid,), _ = _setup(db, staff=0, checkpoints=1)
    assert R.generate_week(db, WEEK + timedelta(days=3)) == 21  # any day of the week
    assert R.generate_week(db, WEEK) == 0
    cp = C.get_checkpoint(db, cid)
    C.save_checkpoint(db, C.CheckpointInput(cp.name, opens_at=time(6), closes_at=time(22),
                                            pattern_id=cp.pattern_id,
                                            active_to=WEEK + timedelta(days=4)), cid)
    R.generate_week(db, WEEK)  # the night shifts go (nobody stood them), days 6–7 too
    week = R.week_roster(db, cid, WEEK)
    assert week.rows == ("06:00–14:00", "14:00–22:00")
    assert sorted({d for _, d in week.cells}) == [0, 1, 2, 3, 4]


def test_auto_fill_a_week_without_conflicts(db) -> None:  # noqa: ANN001
    cps, people = _setup(db)
    result = R.auto_fill(db, WEEK)
    assert result.complete and result.added == 42 == result.seats_total == result.seats_filled
    assert R.validate_week(db, WEEK) == []
    assert R.auto_fill(db, WEEK).added == 0  # already full
    week = R.week_roster(db, cps[0], WEEK)
    assert len(week.cells) == 21 and all(len(c.people) == 1 for c in week.cells.values())
    hours = [week.hours.get(p, 0) for p in people]
    assert max(hours) - min(hours) <= 8  # fair: at most one shift apart
    assert len(_rows(db)) == 42


def test_unvaccinated_staff_are_never_assigned(db) -> None:  # noqa: ANN001
    _setup(db, staff=10)
    for i in range(4):
        C.save_staff(db, C.StaffInput(f"Chưa tiêm {i}", doses=0))
    R.auto_fill(db, WEEK)
    unvaccinated = {v.id for v in C.list_staff(db) if not v.vaccinated}
    assert unvaccinated and not unvaccinated & {pid for _, pid in _rows(db)}


def test_too_few_staff_are_reported_not_left_silently(db) -> None:  # noqa: ANN001
    _setup(db, staff=3, min_staff=2)
    result = R.auto_fill(db, WEEK)
    assert not result.complete and result.seats_filled < result.seats_total
    short = [c for cp in C.list_checkpoints(db)
             for c in R.week_roster(db, cp.id, WEEK).cells.values() if c.understaffed]
    assert {c.shift_id for c in short} == {u.shift_id for u in result.understaffed}
    first = result.understaffed[0]
    assert first.message.startswith("Chốt số") and "Thiếu" in first.message
    issues = R.validate_week(db, WEEK)
    assert {i.shift_id for i in issues if i.understaffed} == {
        u.shift_id for u in result.understaffed}
    assert all(i.understaffed for i in issues)  # understaffed, but no rule broken


def test_unavailable_person_shows_a_conflict_and_a_replacement(db) -> None:  # noqa: ANN001
    cps, _ = _setup(db)
    R.auto_fill(db, WEEK)
    week = R.week_roster(db, cps[0], WEEK)
    cell = week.cell(0, 2)
    out = cell.people[0][0]
    C.add_unavailable_days(db, out, WEEK + timedelta(days=2), reason="Ốm")
    issues = R.validate_week(db, WEEK, cps[0])
    mine = [i for i in issues if i.shift_id == cell.shift_id]
    assert [i.kind for i in mine] == ["unavailable"] and "báo bận" in mine[0].message
    assert R.week_roster(db, cps[0], WEEK).cell(0, 2).conflicted
    choices = R.suggest_replacements(db, cell.shift_id, out)
    assert choices and out not in {c.id for c in choices}
    assert choices == sorted(choices, key=lambda c: c.hours_week)
    assert R.replace(db, cell.shift_id, out, choices[0].id) == []
    assert [i for i in R.validate_week(db, WEEK) if i.shift_id == cell.shift_id] == []


def test_staff_picker_says_why_someone_cannot_stand(db) -> None:  # noqa: ANN001
    cps, _ = _setup(db)
    C.save_staff(db, C.StaffInput("Chưa Tiêm", doses=0))
    R.auto_fill(db, WEEK)
    cell = R.week_roster(db, cps[0], WEEK).cell(1, 3)
    choices = R.staff_choices(db, cell.shift_id)
    assert choices[0].ok and not choices[-1].ok
    reasons = {c.name: c.reason for c in choices}
    assert "vắc xin" in reasons["Chưa Tiêm"]
    assert reasons[cell.people[0][1]] == "đã có trong ca này"


def test_manual_assignment_keeps_rules_visible(db) -> None:  # noqa: ANN001
    cps, people = _setup(db)
    R.generate_week(db, WEEK)
    a = R.week_roster(db, cps[0], WEEK).cell(0, 0)
    b = R.week_roster(db, cps[1], WEEK).cell(0, 0)
    assert R.assign(db, a.shift_id, people[0]) == []
    with pytest.raises(ServiceError, match="đã có trong ca"):
        R.assign(db, a.shift_id, people[0])
    issues = R.assign(db, b.shift_id, people[0])  # same hours at the other checkpoint
    assert issues and issues[0].kind == "overlap" and "số 1" in issues[0].message
    R.unassign(db, b.shift_id, people[0])
    assert R.validate_week(db, WEEK, cps[0])[0].understaffed


def test_copy_last_week_and_swap(db) -> None:  # noqa: ANN001
    cps, people = _setup(db)
    R.auto_fill(db, WEEK)
    nxt = WEEK + timedelta(days=7)
    assert R.copy_last_week(db, cps[0], nxt) == 21
    assert R.copy_last_week(db, cps[0], nxt) == 0
    old, new = R.week_roster(db, cps[0], WEEK), R.week_roster(db, cps[0], nxt)
    assert {k: c.names for k, c in old.cells.items()} == {k: c.names for k, c in new.cells.items()}
    a, b = old.cell(0, 0).people[0][0], old.cell(1, 0).people[0][0]
    before = {k: c.people for k, c in R.week_roster(db, cps[0], WEEK).cells.items()}
    changed = R.swap_people(db, WEEK, a, b)
    assert changed > 0
    after = R.week_roster(db, cps[0], WEEK)
    for key, members in before.items():
        ids = {p for p, _ in members}
        want = {b if p == a else a if p == b else p for p in ids}
        assert {p for p, _ in after.cells[key].people} == want
    with pytest.raises(ServiceError):
        R.swap_people(db, WEEK, a, a)


def test_day_view_across_checkpoints(db) -> None:  # noqa: ANN001
    _setup(db)
    R.auto_fill(db, WEEK)
    view = R.day_view(db, WEEK + timedelta(days=1))
    assert [r.checkpoint.name for r in view.rows] == ["Chốt số 1", "Chốt số 2"]
    assert [len(r.cells) for r in view.rows] == [3, 3]
    assert view.rows[0].cells[2].label == "22:00–06:00" and view.issues == []


def test_staffing_figure_counts_shifts_not_yet_made(db) -> None:  # noqa: ANN001
    _setup(db)
    today = WEEK + timedelta(days=9)
    fig = R.staffing_figure(db, today)
    assert (fig.staffed, fig.total, fig.missing) == (0, 2 * 21, 2 * 21)  # 7 days × 3 shifts
    R.auto_fill(db, WEEK, weeks=3)
    fig = R.staffing_figure(db, today)
    assert fig.complete and fig.total == 44 and fig.missing == 0
    assert staffing(db, today) == (44, 44)  # the dashboard reads this figure
    with db.session() as s:
        shift = s.query(Shift).filter(Shift.starts_at == datetime(2021, 9, 23, 6)).first()
        for a in s.query(Assignment).filter(Assignment.shift_id == shift.id):
            a.deleted = True
    assert staffing(db, today) == (43, 44)


def test_auto_fill_without_pattern_says_so(db) -> None:  # noqa: ANN001
    C.save_checkpoint(db, C.CheckpointInput("Chốt số 1"))
    with pytest.raises(ServiceError, match="mẫu ca trực"):
        R.auto_fill(db, WEEK)


def test_manual_assignment_over_weekly_hours_is_reported(db) -> None:  # noqa: ANN001
    cps, _ = _setup(db, staff=0)
    part_time = C.save_staff(db, C.StaffInput("Tình Nguyện", doses=2, max_hours_week=16))
    week = R.week_roster(db, cps[0], WEEK)
    assert R.assign(db, week.cell(0, 0).shift_id, part_time) == []
    assert R.assign(db, week.cell(0, 3).shift_id, part_time) == []
    (issue,) = R.assign(db, week.cell(0, 6).shift_id, part_time)
    assert issue.kind == "weekly_hours" and "16 giờ/tuần" in issue.message
    assert [i.kind for i in R.day_view(db, WEEK + timedelta(days=6)).issues
            if not i.understaffed] == ["weekly_hours"]
