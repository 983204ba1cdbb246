"""Duty-roster auto-fill, validation and replacement suggestions. Pure: no database, no Qt.

Hard constraints: vaccinated staff only, nobody in two places at once, a minimum rest between a
person's shifts, a weekly maximum of hours (ISO week of the shift's start), unavailability windows,
and each shift's minimum staff.

The auto-fill is a depth-first search over seats with forward checking: it fills the open shift
with the least slack first, tries people with the fewest hours first (ties by staff order), and
prunes as soon as the seats still open cannot all be filled. Within a node limit it first looks
for a complete roster (skipped when the staff's weekly hours cannot cover the seats); if none is
found it runs the same search as a branch-and-bound for the most seats filled, whose first descent
is the greedy roster. A repair pass (move one person to free a seat) and a balancing pass (hand a
shift to someone with fewer hours) then improve the result without breaking any constraint. Seats
that stay empty are reported with the reason, never left silently.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from greenzone_desktop.services.roster_search import SearchBoard, fmt_hours, iso_week
from greenzone_desktop.services.shift_patterns import Assignment, ShiftSlot, copy_week, swap

__all__ = [
    "Conflict",
    "ConflictKind",
    "Rules",
    "RosterResult",
    "Staff",
    "Understaffed",
    "copy_week",
    "solve",
    "staffed_figure",
    "suggest_replacements",
    "swap",
    "validate",
]


@dataclass(frozen=True)
class Staff:
    """A person in the duty pool. `max_hours_week` None means the rules' default."""

    id: Hashable
    name: str
    vaccinated_doses: int = 0
    max_hours_week: float | None = None
    unavailable: tuple[tuple[datetime, datetime], ...] = ()
    organisation: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "unavailable", tuple((a, b) for a, b in self.unavailable))

    def busy(self, start: datetime, end: datetime) -> tuple[datetime, datetime] | None:
        """The first unavailability window overlapping [start, end), if any."""
        return next((w for w in self.unavailable if w[0] < end and start < w[1]), None)


@dataclass(frozen=True)
class Rules:
    """Editable roster rules; `max_hours_week` applies to staff without a limit of their own."""

    min_doses: int = 1
    min_rest_hours: float = 8.0
    max_hours_week: float = 48.0

    def cap_minutes(self, person: Staff) -> int:
        hours = self.max_hours_week if person.max_hours_week is None else person.max_hours_week
        return round(hours * 60)


class ConflictKind(StrEnum):
    UNKNOWN_SHIFT = "unknown_shift"
    UNKNOWN_STAFF = "unknown_staff"
    DUPLICATE = "duplicate"
    NOT_VACCINATED = "not_vaccinated"
    UNAVAILABLE = "unavailable"
    OVERLAP = "overlap"
    REST = "rest"
    WEEKLY_HOURS = "weekly_hours"
    UNDERSTAFFED = "understaffed"


@dataclass(frozen=True)
class Conflict:
    shift_id: str
    staff_id: Hashable | None
    kind: ConflictKind
    message: str


@dataclass(frozen=True)
class Understaffed:
    """A shift the auto-fill could not staff, with why nobody else could stand there."""

    shift_id: str
    needed: int
    assigned: int
    reasons: tuple[str, ...]

    @property
    def message(self) -> str:
        return f"Thiếu {self.needed - self.assigned} người: " + ", ".join(self.reasons)


@dataclass(frozen=True)
class RosterResult:
    """The auto-filled roster; `seats_filled` counts at most `min_staff` people per shift."""

    assignments: list[Assignment]  # the whole roster of the shifts asked for, locked ones included
    added: list[Assignment]
    understaffed: list[Understaffed]
    conflicts: list[Conflict]  # only locked assignments can break a rule
    hours_by_staff: dict[Hashable, float]
    seats_total: int
    seats_filled: int
    nodes: int = field(default=0, compare=False)

    @property
    def complete(self) -> bool:
        return not self.understaffed


def _span(s: ShiftSlot) -> str:
    return f"{s.start:%H:%M}–{s.end:%H:%M} ngày {s.start:%d/%m}"


# --- public API ------------------------------------------------------------------------------


def solve(
    shifts: Sequence[ShiftSlot],
    staff: Sequence[Staff],
    existing: Iterable[Assignment] = (),
    rules: Rules | None = None,
    *,
    context_shifts: Iterable[ShiftSlot] = (),
    node_limit: int = 5_000,
    balance: bool = True,
) -> RosterResult:
    """Auto-fill the open seats of `shifts`, keeping `existing` (locked) assignments as they are.

    `context_shifts` (e.g. the end of last week) are not filled but their `existing` assignments
    count for rest, overlap and weekly hours. `node_limit` bounds the search (the first, greedy
    descent always completes). Deterministic: the same staff order gives the same roster, whatever
    the order of the shifts.
    """
    rules = rules or Rules()
    fill_ids = {s.id for s in shifts}
    by_id: dict[str, ShiftSlot] = {}
    for s in [*shifts, *context_shifts]:
        by_id.setdefault(s.id, s)
    ordered = sorted(by_id.values(), key=lambda s: (s.start, s.end, str(s.id)))
    index = {s.id: i for i, s in enumerate(ordered)}
    people = {p.id: i for i, p in enumerate(staff)}
    if len(people) != len(staff):
        raise ValueError("Danh sách trực có hai người trùng mã")
    board = SearchBoard(ordered, [s.id in fill_ids for s in ordered], staff, rules)
    existing = list(existing)
    locked: set[tuple[int, int]] = set()
    for sid, pid in existing:
        key = (index.get(sid, -1), people.get(pid, -1))
        if key[0] >= 0 and key[1] >= 0 and key not in locked:
            locked.add(key)
            board.toggle(key[1], key[0], True)
    board.reset_counts()
    goal = sum(board.need)
    ceiling = board.capacity_bound()
    best, nodes = None, 0
    if ceiling >= goal:  # otherwise not enough hours for a complete roster: skip straight on
        best, nodes = board.search(goal - 1, node_limit, goal)
    if best is None:
        # The first descent is greedy and always completes; it never needs more nodes than this.
        budget = max(node_limit - nodes, goal + len(board.fill_idx) + 2)
        best, more = board.search(-1, budget, ceiling)
        nodes += more
    for s, p in best or ():
        board.add(p, s)
    if any(board.need):
        board.augment(locked)
        board.fill_open()
    if balance:
        board.balance(locked)
        board.fill_open()

    rows = [(s, p) for s in board.fill_idx for p in sorted(board.on[s])]
    assignments = [(ordered[s].id, staff[p].id) for s, p in rows]
    added = [(ordered[s].id, staff[p].id) for s, p in rows if (s, p) not in locked]
    understaffed = [
        Understaffed(ordered[s].id, ordered[s].min_staff, len(board.on[s]), board.reasons(s, rules))
        for s in board.fill_idx
        if board.need[s]
    ]
    checked = validate([*existing, *added], ordered, staff, rules)
    conflicts = [
        c
        for c in checked
        if c.kind != ConflictKind.UNDERSTAFFED
        and (
            c.shift_id in fill_ids
            or c.kind in (ConflictKind.UNKNOWN_SHIFT, ConflictKind.UNKNOWN_STAFF)
        )
    ]
    seats = sum(ordered[s].min_staff for s in board.fill_idx)
    filled = sum(min(ordered[s].min_staff, len(board.on[s])) for s in board.fill_idx)
    return RosterResult(
        assignments=assignments,
        added=added,
        understaffed=understaffed,
        conflicts=conflicts,
        hours_by_staff={p.id: board.total[i] / 60 for i, p in enumerate(staff)},
        seats_total=seats,
        seats_filled=filled,
        nodes=nodes,
    )


def _names(checkpoint_names: Mapping[Hashable, str] | None, shift: ShiftSlot) -> str:
    if checkpoint_names and shift.checkpoint_id in checkpoint_names:
        return f"chốt {checkpoint_names[shift.checkpoint_id]}"
    return f"chốt {shift.checkpoint_id}"


def validate(
    assignments: Iterable[Assignment],
    shifts: Iterable[ShiftSlot],
    staff: Iterable[Staff],
    rules: Rules | None = None,
    checkpoint_names: Mapping[Hashable, str] | None = None,
) -> list[Conflict]:
    """Every broken hard constraint in a roster, with a Vietnamese message for each."""
    rules = rules or Rules()
    by_id = {s.id: s for s in shifts}
    people = {p.id: p for p in staff}
    out: list[Conflict] = []
    mine: dict[Hashable, list[ShiftSlot]] = {}
    members: dict[str, set[Hashable]] = {}
    for sid, pid in assignments:
        shift, person = by_id.get(sid), people.get(pid)
        if shift is None:
            out.append(Conflict(sid, pid, ConflictKind.UNKNOWN_SHIFT, f"Không có ca {sid}"))
            continue
        if person is None:
            msg = f"Không có người trực mã {pid} trong danh sách"
            out.append(Conflict(sid, pid, ConflictKind.UNKNOWN_STAFF, msg))
            continue
        if pid in members.setdefault(sid, set()):
            msg = f"{person.name} được xếp hai lần vào ca {_span(shift)}"
            out.append(Conflict(sid, pid, ConflictKind.DUPLICATE, msg))
            continue
        members[sid].add(pid)
        mine.setdefault(pid, []).append(shift)
        if person.vaccinated_doses < rules.min_doses:
            msg = (
                f"{person.name} mới tiêm {person.vaccinated_doses} mũi vắc xin, "
                f"cần ít nhất {rules.min_doses} mũi"
            )
            out.append(Conflict(sid, pid, ConflictKind.NOT_VACCINATED, msg))
        window = person.busy(shift.start, shift.end)
        if window is not None:
            msg = (
                f"{person.name} báo bận từ {window[0]:%H:%M %d/%m} đến {window[1]:%H:%M %d/%m}, "
                f"trùng ca {_span(shift)}"
            )
            out.append(Conflict(sid, pid, ConflictKind.UNAVAILABLE, msg))
    rest = timedelta(hours=rules.min_rest_hours)
    for pid, taken in mine.items():
        person = people[pid]
        taken.sort(key=lambda s: (s.start, s.end, str(s.id)))
        for i, a in enumerate(taken):
            for b in taken[i + 1 :]:
                if b.start >= a.end + rest:
                    break
                for x, y in ((a, b), (b, a)):
                    if b.start < a.end:
                        where = (
                            "cùng chốt"
                            if x.checkpoint_id == y.checkpoint_id
                            else _names(checkpoint_names, y)
                        )
                        kind = ConflictKind.OVERLAP
                        msg = f"{person.name} trùng ca {_span(y)} tại {where}"
                    else:
                        kind = ConflictKind.REST
                        gap = (b.start - a.end).total_seconds() / 3600
                        msg = (
                            f"{person.name} chỉ được nghỉ {fmt_hours(round(gap, 2))} giờ giữa hai ca "
                            f"(tối thiểu {fmt_hours(rules.min_rest_hours)} giờ)"
                        )
                    out.append(Conflict(x.id, pid, kind, msg))
        cap = rules.cap_minutes(person)
        used: dict[tuple[int, int], int] = {}
        for s in taken:
            week = iso_week(s)
            used[week] = used.get(week, 0) + s.minutes
            if used[week] > cap:
                msg = (
                    f"{person.name} trực {fmt_hours(used[week] / 60)} giờ trong tuần {week[1]}/"
                    f"{week[0]}, vượt mức {fmt_hours(cap / 60)} giờ/tuần"
                )
                out.append(Conflict(s.id, pid, ConflictKind.WEEKLY_HOURS, msg))
    for s in by_id.values():
        have = len(members.get(s.id, ()))
        if have < s.min_staff:
            msg = f"Ca {_span(s)} thiếu {s.min_staff - have} người (cần {s.min_staff}, có {have})"
            out.append(Conflict(s.id, None, ConflictKind.UNDERSTAFFED, msg))
    return out


def suggest_replacements(
    shift_id: str,
    staff_id_out: Hashable,
    assignments: Iterable[Assignment],
    shifts: Iterable[ShiftSlot],
    staff: Sequence[Staff],
    rules: Rules | None = None,
    limit: int | None = None,
) -> list[Hashable]:
    """Who could take `staff_id_out`'s place on `shift_id`, fewest hours first."""
    rules = rules or Rules()
    by_id = {s.id: s for s in shifts}
    target = by_id[shift_id]
    rows = [a for a in assignments if a != (shift_id, staff_id_out) and a[0] in by_id]
    mine: dict[Hashable, list[ShiftSlot]] = {}
    for sid, pid in rows:
        mine.setdefault(pid, []).append(by_id[sid])
    members = {pid for sid, pid in rows if sid == shift_id}
    rest = timedelta(hours=rules.min_rest_hours)
    ranked: list[tuple[int, int, int, Hashable]] = []
    for order, person in enumerate(staff):
        if person.id == staff_id_out or person.id in members:
            continue
        if person.vaccinated_doses < rules.min_doses or person.busy(target.start, target.end):
            continue
        taken = mine.get(person.id, [])
        if any(t.start < target.end + rest and target.start < t.end + rest for t in taken):
            continue
        week = [t.minutes for t in taken if iso_week(t) == iso_week(target)]
        if sum(week) + target.minutes > rules.cap_minutes(person):
            continue
        ranked.append((sum(t.minutes for t in taken), sum(week), order, person.id))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked[:limit]]


def staffed_figure(
    shifts: Iterable[ShiftSlot], assignments: Iterable[Assignment]
) -> tuple[int, int]:
    """(shifts with at least their minimum staff, all shifts): the dashboard's "every shift staffed"."""
    members: dict[str, set[Hashable]] = {}
    for sid, pid in assignments:
        members.setdefault(sid, set()).add(pid)
    shifts = list(shifts)
    staffed = sum(len(members.get(s.id, ())) >= s.min_staff for s in shifts)
    return staffed, len(shifts)
