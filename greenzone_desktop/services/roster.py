"""Duty rosters (lịch trực) in the database: shifts per checkpoint and week, assignments,
auto-fill, validation, replacements, copying a week, swapping two people, and the dashboard's
"every shift staffed" figure. The rules themselves live in `roster_solver` (pure).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from greenzone_desktop.models import Assignment, Shift, Staff
from greenzone_desktop.models.db import Database
from greenzone_desktop.services import roster_solver as rs
from greenzone_desktop.services import shift_patterns as sp
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.checkpoints import get_checkpoint, list_checkpoints, roster_rules
from greenzone_desktop.services.errors import NotFoundError, ServiceError
from greenzone_desktop.services.roster_data import (
    DAY,
    Issue,
    Period,
    at,
    expected_shifts,
    generate_shifts,
    insert_assignments,
    issues_of,
    live_checkpoints,
    load_period,
    monday,
    validate_period,
)
from greenzone_desktop.services.roster_views import (
    DayView,
    StaffChoice,
    WeekRoster,
    build_day_view,
    build_week,
    staff_choices_in,
)

__all__ = [
    "AutoFillResult", "DayView", "Issue", "StaffChoice", "StaffingFigure", "WeekRoster",
    "assign", "auto_fill", "copy_last_week", "day_view", "generate_week", "monday",
    "replace", "staff_choices", "staffing_figure", "suggest_replacements", "swap_people",
    "unassign", "validate_week", "week_roster",
]

CHANGED = Changes(checkpoints=True)
STAFFING_DAYS = 7  # the dashboard looks this many days ahead


def _span(first: date, days: int) -> tuple[datetime, datetime]:
    """The loading window of `days` days from `first`, a day either side (rest, night shifts)."""
    return at(first - DAY), at(first + timedelta(days=days + 1))


def _load_around(db: Database, first: date, days: int) -> tuple[Period, rs.Rules]:
    rules = roster_rules(db)
    start, end = _span(first, days)
    with db.session() as s:
        return load_period(s, start, end), rules


def generate_week(db: Database, week_start: date, checkpoint_ids: Iterable[str] | None = None,
                  *, weeks: int = 1) -> int:
    """Create the missing shifts of the week(s) from each checkpoint's pattern; returns how many."""
    first = monday(week_start)
    days = 7 * weeks
    with db.session() as s:
        live = live_checkpoints(s, checkpoint_ids, first, first + timedelta(days=days - 1))
        return generate_shifts(s, db.home_unit_id, live, first, days)


# -- views ------------------------------------------------------------------------------------

def week_roster(db: Database, checkpoint_id: str, week_start: date, *,
                generate: bool = True) -> WeekRoster:
    """One checkpoint's week: days × shifts, the names in each cell, and every issue."""
    first = monday(week_start)
    if generate:
        generate_week(db, first, [checkpoint_id])
    period, rules = _load_around(db, first, 7)
    issues = validate_period(period, rules)
    return build_week(get_checkpoint(db, checkpoint_id), first, period, issues)


def day_view(db: Database, day: date, *, generate: bool = True) -> DayView:
    """Every checkpoint's shifts starting on `day`, with names and issues."""
    if generate:
        generate_week(db, day)
    period, rules = _load_around(db, monday(day), 7)  # whole ISO week: weekly hours
    return build_day_view(list_checkpoints(db, active_on=day), day, period,
                          validate_period(period, rules))


def validate_week(db: Database, week_start: date,
                  checkpoint_id: str | None = None) -> list[Issue]:
    """Broken rules and understaffed shifts of the week (at one checkpoint or all)."""
    first = monday(week_start)
    period, rules = _load_around(db, first, 7)
    lo, hi = at(first), at(first + timedelta(days=7))
    return [i for i in validate_period(period, rules)
            if lo <= period.by_id[i.shift_id].start < hi
            and (checkpoint_id is None or i.checkpoint_id == checkpoint_id)]


# -- auto-fill --------------------------------------------------------------------------------

@dataclass(frozen=True)
class AutoFillResult:
    added: int
    seats_total: int
    seats_filled: int
    understaffed: list[Issue]
    conflicts: list[Issue]  # broken rules among assignments made by hand
    changes: Changes

    @property
    def complete(self) -> bool:
        return not self.understaffed

    @property
    def summary(self) -> str:
        text = f"Đã xếp thêm {self.added} lượt trực; {self.seats_filled}/{self.seats_total} chỗ có người."
        if self.understaffed:
            text += f" Còn {len(self.understaffed)} ca thiếu người."
        return text


def auto_fill(db: Database, week_start: date, checkpoint_ids: Iterable[str] | None = None, *,
              weeks: int = 1, node_limit: int = 5_000) -> AutoFillResult:
    """Fill the open seats of the week(s) at the checkpoints (all when None) in one transaction.

    Assignments already made stay; those at other checkpoints and on the days around count for
    rest, overlaps and weekly hours. Several weeks are one search, so hours are spread fairly
    over the whole span (bench/bench_roster_db.py measures four weeks).
    """
    first = monday(week_start)
    days = 7 * weeks
    ids = None if checkpoint_ids is None else list(checkpoint_ids)
    rules = roster_rules(db)
    start, end = _span(first, days)
    with db.session() as s:
        live = [cp for cp in live_checkpoints(s, ids, first, first + timedelta(days=days - 1))
                if cp.pattern_id]
        if not live:
            raise ServiceError("Không có chốt nào đang hoạt động có mẫu ca trực để xếp lịch.")
        generate_shifts(s, db.home_unit_id, live, first, days)
        targets = {cp.id for cp in live}
        period = load_period(s, start, end)
        fill = solve_span(period, targets, first, weeks, rules, node_limit)
        added, short = fill.added, fill.understaffed
        insert_assignments(s, db.home_unit_id, added, locked=False)
    understaffed = []
    for u in short:
        shift = period.by_id[u.shift_id]
        cid = str(shift.checkpoint_id)
        name = period.names.get(cid, "")
        msg = (f"{name}, ca {shift.start:%H:%M}–{shift.end:%H:%M} ngày {shift.start:%d/%m}: "
               f"{u.message}")
        understaffed.append(Issue(u.shift_id, None, rs.ConflictKind.UNDERSTAFFED.value, msg, cid,
                                  name))
    return AutoFillResult(len(added), fill.seats_total, fill.seats_filled, understaffed,
                          issues_of(fill.conflicts, period), CHANGED)


def solve_span(period: Period, targets: set[str], first: date, weeks: int, rules: rs.Rules,
               node_limit: int = 5_000) -> rs.RosterResult:
    """The auto-fill without the database: the target checkpoints' shifts of the weeks from
    `first`; every other shift loaded (other checkpoints, the days around) is context."""
    lo, hi = at(first), at(first + timedelta(days=7 * weeks))
    mine = [x.checkpoint_id in targets and lo <= x.start < hi for x in period.shifts]
    fill = [x for x, f in zip(period.shifts, mine, strict=True) if f]
    context = [x for x, f in zip(period.shifts, mine, strict=True) if not f]
    return rs.solve(fill, period.active_staff, period.assignments, rules,
                    context_shifts=context, node_limit=node_limit)


# -- editing ----------------------------------------------------------------------------------

def _shift(s: Session, shift_id: str) -> Shift:
    row = s.get(Shift, shift_id)
    if row is None or row.deleted:
        raise NotFoundError("Không tìm thấy ca trực này (có thể đã bị xóa).")
    return row


def _staff(s: Session, staff_id: str) -> Staff:
    row = s.get(Staff, staff_id)
    if row is None or row.deleted:
        raise NotFoundError("Không tìm thấy người trực này (có thể đã bị xóa).")
    return row


def _issues_for(db: Database, shift_id: str, staff_id: str) -> list[Issue]:
    with db.session() as s:
        day = _shift(s, shift_id).starts_at.date()
    period, rules = _load_around(db, monday(day), 7)  # whole ISO week: weekly hours
    return [i for i in validate_period(period, rules)
            if i.staff_id == staff_id and i.shift_id == shift_id]


def assign(db: Database, shift_id: str, staff_id: str) -> list[Issue]:
    """Put someone on a shift by hand; returns the rules this breaks (kept, shown as conflicts)."""
    with db.session() as s:
        shift, person = _shift(s, shift_id), _staff(s, staff_id)
        dup = s.scalar(select(Assignment.id).where(Assignment.shift_id == shift_id,
                                                   Assignment.staff_id == staff_id,
                                                   Assignment.deleted.is_(False)))
        if dup is not None:
            raise ServiceError(f"{person.full_name} đã có trong ca "
                               f"{shift.starts_at:%H:%M} ngày {shift.starts_at:%d/%m/%Y}.")
        s.add(Assignment(unit_id=db.home_unit_id, shift_id=shift_id, staff_id=staff_id,
                         locked=True))
    return _issues_for(db, shift_id, staff_id)


def unassign(db: Database, shift_id: str, staff_id: str) -> Changes:
    with db.session() as s:
        rows = s.scalars(select(Assignment).where(Assignment.shift_id == shift_id,
                                                  Assignment.staff_id == staff_id,
                                                  Assignment.deleted.is_(False))).all()
        if not rows:
            raise NotFoundError("Người này không có trong ca đã chọn.")
        for a in rows:
            a.deleted = True
    return CHANGED


def replace(db: Database, shift_id: str, staff_out: str, staff_in: str) -> list[Issue]:
    """Hand `staff_out`'s place on the shift to `staff_in`; returns rules the change breaks."""
    with db.session() as s:
        _shift(s, shift_id)
        _staff(s, staff_in)
        rows = s.scalars(select(Assignment).where(Assignment.shift_id == shift_id,
                                                  Assignment.staff_id.in_([staff_out, staff_in]),
                                                  Assignment.deleted.is_(False))).all()
        if any(a.staff_id == staff_in for a in rows):
            raise ServiceError("Người thay đã có trong ca này.")
        if not rows:
            raise NotFoundError("Người cần thay không có trong ca đã chọn.")
        rows[0].staff_id, rows[0].locked = staff_in, True
    return _issues_for(db, shift_id, staff_in)


def suggest_replacements(db: Database, shift_id: str, staff_out: str | None = None, *,
                         limit: int = 5) -> list[StaffChoice]:
    """Who could take `staff_out`'s place (or an empty seat), fewest hours first."""
    return [c for c in staff_choices(db, shift_id, staff_out) if c.ok][:limit]


def staff_choices(db: Database, shift_id: str, staff_out: str | None = None) -> list[StaffChoice]:
    """Every active person for the staff picker: those who may take the shift first (fewest hours
    first), then the others with the reason they may not."""
    with db.session() as s:
        day = _shift(s, shift_id).starts_at.date()
    period, rules = _load_around(db, monday(day), 7)
    return staff_choices_in(period, rules, shift_id, staff_out)


def copy_last_week(db: Database, checkpoint_id: str, week_start: date) -> int:
    """Copy the previous week's assignments at a checkpoint onto this week; returns how many.

    People already on a shift stay; shifts with no counterpart are skipped.
    """
    first = monday(week_start)
    prev = first - timedelta(days=7)
    generate_week(db, first, [checkpoint_id])
    with db.session() as s:
        period = load_period(s, at(prev), at(first + timedelta(days=7)))
        mine = [x for x in period.shifts if x.checkpoint_id == checkpoint_id]
        old = [x for x in mine if at(prev) <= x.start < at(first)]
        new = [x for x in mine if at(first) <= x.start]
        old_ids = {x.id for x in old}
        rows = [a for a in period.assignments if a[0] in old_ids]
        copied = sp.copy_week(rows, old, new).copied
        have = set(period.assignments)
        todo = [a for a in copied if a not in have]
        insert_assignments(s, db.home_unit_id, todo, locked=True)
    return len(todo)


def swap_people(db: Database, week_start: date, a: str, b: str,
                checkpoint_id: str | None = None) -> int:
    """Exchange two people's shifts in the week (at one checkpoint or all); returns rows changed."""
    if a == b:
        raise ServiceError("Hãy chọn hai người khác nhau để đổi ca.")
    first = monday(week_start)
    with db.session() as s:
        _staff(s, a)
        _staff(s, b)
        stmt = (select(Assignment).join(Shift, Shift.id == Assignment.shift_id)
                .where(Assignment.deleted.is_(False), Shift.deleted.is_(False),
                       Assignment.staff_id.in_([a, b]), Shift.starts_at >= at(first),
                       Shift.starts_at < at(first + timedelta(days=7))))
        if checkpoint_id is not None:
            stmt = stmt.where(Shift.checkpoint_id == checkpoint_id)
        rows = s.scalars(stmt).all()
        on: dict[str, set[str]] = {}
        for r in rows:
            on.setdefault(r.shift_id, set()).add(r.staff_id)
        changed = 0
        for r in rows:
            if len(on[r.shift_id]) == 1:  # a shift holding both keeps both
                r.staff_id, r.locked = (b if r.staff_id == a else a), True
                changed += 1
    return changed


# -- the dashboard figure ---------------------------------------------------------------------

@dataclass(frozen=True)
class StaffingFigure:
    """Shifts with at least their minimum staff over the next days, of all shifts expected."""

    staffed: int
    total: int
    missing: int  # shifts a pattern asks for that have not been created yet (counted unstaffed)

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.staffed == self.total


def staffing_figure(db: Database, today: date, days: int = STAFFING_DAYS) -> StaffingFigure:
    """"Every shift staffed": the shifts made that overlap the `days` days from `today`, plus
    those each active checkpoint's pattern asks for from today on that are not made yet (they
    count as unstaffed), and how many have their minimum staff."""
    lo, hi = at(today), at(today + timedelta(days=days))
    with db.session() as s:
        period = load_period(s, lo, hi)
        expected: list[sp.ShiftSlot] = []
        for cp in live_checkpoints(s, None, today, today + timedelta(days=days - 1)):
            if cp.pattern_id:
                # A shift not made yet counts from today on (last night's is past helping).
                expected += [x for x in expected_shifts(s, cp, today, days) if x.start < hi]
        live = {c.id for c in live_checkpoints(s, None, today, today + timedelta(days=days - 1))}
    shifts = [x for x in period.shifts if x.checkpoint_id in live]
    have = {(x.checkpoint_id, x.start, x.end) for x in shifts}
    missing = [x for x in expected if (x.checkpoint_id, x.start, x.end) not in have]
    staffed, total = rs.staffed_figure(shifts, period.assignments)
    return StaffingFigure(staffed, total + len(missing), len(missing))
