"""Plain views of a roster for screens and exports: a checkpoint's week grid (days × shifts),
a day across checkpoints, and the staff picker's choices with the reason someone cannot stand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from greenzone_desktop.services import roster_solver as rs
from greenzone_desktop.services.checkpoints import CheckpointView
from greenzone_desktop.services.roster_data import Issue, Period, at, short_names
from greenzone_desktop.services.roster_search import iso_week


@dataclass(frozen=True)
class Cell:
    """One shift: who stands it and what is wrong with it."""

    shift_id: str
    checkpoint_id: str
    start: datetime
    end: datetime
    min_staff: int
    people: tuple[tuple[str, str], ...]  # (staff id, name) in name order
    issues: tuple[Issue, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def understaffed(self) -> bool:
        return len(self.people) < self.min_staff

    @property
    def conflicted(self) -> bool:
        return any(not i.understaffed for i in self.issues)

    @property
    def names(self) -> list[str]:
        return [name for _, name in self.people]

    @property
    def tooltip(self) -> str:
        head = f"Ca {self.label} ngày {self.start:%d/%m/%Y}: {len(self.people)}/{self.min_staff} người"
        return "\n".join([head, *(i.message for i in self.issues)])


@dataclass(frozen=True)
class WeekRoster:
    checkpoint: CheckpointView
    week_start: date
    days: tuple[date, ...]
    rows: tuple[str, ...]  # shift labels "06:00–14:00", by time of day
    cells: dict[tuple[int, int], Cell]  # (row, day index) -> cell
    issues: list[Issue]  # this checkpoint's, this week
    hours: dict[str, float] = field(default_factory=dict)  # staff id -> hours this week, anywhere

    @property
    def conflicts(self) -> list[Issue]:
        return [i for i in self.issues if not i.understaffed]

    @property
    def understaffed(self) -> list[Issue]:
        return [i for i in self.issues if i.understaffed]

    def cell(self, row: int, day: int) -> Cell | None:
        return self.cells.get((row, day))


@dataclass(frozen=True)
class DayRow:
    checkpoint: CheckpointView
    cells: list[Cell]


@dataclass(frozen=True)
class DayView:
    day: date
    rows: list[DayRow]
    issues: list[Issue]


@dataclass(frozen=True)
class StaffChoice:
    id: str
    name: str
    organisation: str
    hours_week: float  # hours already planned in the shift's week
    ok: bool
    reason: str = ""  # why not, when not ok


def _cells(period: Period, issues: Sequence[Issue], shift_ids: set[str]) -> dict[str, Cell]:
    names = period.staff_names
    order = {p.id: i for i, p in enumerate(period.staff)}
    people: dict[str, list[str]] = {}
    for sid, pid in period.assignments:
        if sid in shift_ids:
            people.setdefault(sid, []).append(pid)
    by_shift: dict[str, list[Issue]] = {}
    for i in issues:
        if i.shift_id in shift_ids:
            by_shift.setdefault(i.shift_id, []).append(i)
    out = {}
    for sid in shift_ids:
        x = period.by_id[sid]
        members = sorted(people.get(sid, ()), key=lambda p: order.get(p, len(order)))
        out[sid] = Cell(sid, str(x.checkpoint_id), x.start, x.end, x.min_staff,
                        tuple((p, str(names.get(p, "?"))) for p in members),
                        tuple(by_shift.get(sid, ())))
    return out


def _hours(period: Period, lo: datetime, hi: datetime) -> dict[str, float]:
    hours: dict[str, float] = {}
    for sid, pid in period.assignments:
        x = period.by_id[sid]
        if lo <= x.start < hi:
            hours[pid] = hours.get(pid, 0.0) + x.hours
    return hours


def build_week(cp: CheckpointView, first: date, period: Period, issues: list[Issue]) -> WeekRoster:
    lo, hi = at(first), at(first + timedelta(days=7))
    mine = [x for x in period.shifts if x.checkpoint_id == cp.id and lo <= x.start < hi]
    cells = _cells(period, issues, {x.id for x in mine})
    labels = sorted({(x.start.time(), cells[x.id].label) for x in mine})
    rows = tuple(dict.fromkeys(label for _, label in labels))
    row_of = {label: i for i, label in enumerate(rows)}
    grid = {(row_of[c.label], (c.start.date() - first).days): c for c in cells.values()}
    week_issues = [i for i in issues if i.shift_id in cells]
    days = tuple(first + timedelta(days=n) for n in range(7))
    return WeekRoster(cp, first, days, rows, grid, week_issues, _hours(period, lo, hi))


def build_day_view(checkpoints: Sequence[CheckpointView], day: date, period: Period,
                   issues: list[Issue]) -> DayView:
    lo, hi = at(day), at(day + timedelta(days=1))
    todays = [x for x in period.shifts if lo <= x.start < hi]
    cells = _cells(period, issues, {x.id for x in todays})
    rows = []
    for cp in checkpoints:
        mine = sorted((c for c in cells.values() if c.checkpoint_id == cp.id),
                      key=lambda c: (c.start, c.end))
        rows.append(DayRow(cp, mine))
    return DayView(day, rows, [i for i in issues if i.shift_id in cells])


def staff_choices_in(period: Period, rules: rs.Rules, shift_id: str,
                     staff_out: str | None) -> list[StaffChoice]:
    target = period.by_id[shift_id]
    base = [a for a in period.assignments if a != (shift_id, staff_out)]
    on_shift = {pid for sid, pid in base if sid == shift_id}
    ranked = rs.suggest_replacements(shift_id, staff_out, base, period.shifts,
                                     period.active_staff, rules)
    rank = {pid: i for i, pid in enumerate(ranked)}
    week = iso_week(target)
    mine: dict[str, list[str]] = {}
    for sid, pid in base:
        mine.setdefault(pid, []).append(sid)
    out = []
    for person in period.active_staff:
        pid = str(person.id)
        shifts = [period.by_id[sid] for sid in mine.get(pid, ())]
        hours = sum(x.hours for x in shifts if iso_week(x) == week)
        reason = ""
        if pid in on_shift:
            reason = "đã có trong ca này"
        elif pid not in rank:
            rows = [(x.id, pid) for x in shifts] + [(shift_id, pid)]
            found = sorted((c for c in rs.validate(rows, [*shifts, target], [person], rules,
                                                   short_names(period.names))
                            if c.kind != rs.ConflictKind.UNDERSTAFFED),
                           key=lambda c: c.shift_id != shift_id)
            reason = found[0].message if found else "không phù hợp"
        out.append(StaffChoice(pid, person.name, person.organisation, hours, pid in rank, reason))
    out.sort(key=lambda c: (not c.ok, rank.get(c.id, 0)))
    return out
