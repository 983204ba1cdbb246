"""Benchmark: auto-fill four weeks for 9 checkpoints × 3 shifts (3 × 8 h) × 60 staff.

Target: under 2 s. Prints the solver's time, seats filled / understaffed, the spread of hours,
and, on the same instance, a naive first-fit greedy (chronological shifts, first person in list
order who passes every rule) as a baseline.

    python bench/bench_roster.py [--repeat 3] [--seed 2021]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, datetime, timedelta

from greenzone_desktop.services.roster_solver import Rules, Staff, solve, validate
from greenzone_desktop.services.shift_patterns import THREE_BY_EIGHT, ShiftSlot, generate_shifts

WEEK_START = date(2021, 8, 2)  # a Monday
CHECKPOINTS = 9
STAFF = 60
DAYS = 28


def build(seed: int, min_staff: list[int]) -> tuple[list[ShiftSlot], list[Staff]]:
    rng = random.Random(seed)
    shifts: list[ShiftSlot] = []
    for cp in range(CHECKPOINTS):
        shifts += generate_shifts(f"chot-{cp + 1}", THREE_BY_EIGHT, WEEK_START, DAYS, min_staff[cp])
    staff = []
    for i in range(STAFF):
        doses = 0 if i % 10 == 9 else rng.choice([1, 2, 2, 3])  # 6 of 60 not vaccinated
        cap = 24.0 if rng.random() < 0.1 else None  # part-time volunteers
        away = []
        if rng.random() < 0.2:  # a few days off somewhere in the four weeks
            start = datetime.combine(WEEK_START, datetime.min.time()) + timedelta(
                days=rng.randrange(DAYS), hours=rng.choice([0, 6, 12])
            )
            away.append((start, start + timedelta(days=rng.randint(1, 3))))
        staff.append(Staff(f"s{i:02d}", f"Người {i + 1}", doses, cap, tuple(away)))
    return shifts, staff


def first_fit(shifts: list[ShiftSlot], staff: list[Staff], rules: Rules) -> list[tuple[str, str]]:
    """Baseline: each seat in time order goes to the first person in the list who may take it."""
    rest = timedelta(hours=rules.min_rest_hours)
    taken: dict[object, list[ShiftSlot]] = {p.id: [] for p in staff}
    out = []
    for s in sorted(shifts, key=lambda s: (s.start, s.checkpoint_id)):
        week = s.start.isocalendar()[:2]
        got = 0
        for p in staff:
            if got == s.min_staff:
                break
            mine = taken[p.id]
            cap = p.max_hours_week if p.max_hours_week is not None else rules.max_hours_week
            hours = sum(t.hours for t in mine if t.start.isocalendar()[:2] == week)
            if (
                p.vaccinated_doses >= rules.min_doses
                and p.busy(s.start, s.end) is None
                and all(s.start >= t.end + rest or t.start >= s.end + rest for t in mine)
                and hours + s.hours <= cap
            ):
                mine.append(s)
                out.append((s.id, p.id))
                got += 1
    return out


def timed(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def seats(shifts: list[ShiftSlot], rows: list[tuple[str, str]]) -> int:
    count: dict[str, int] = {}
    for sid, _ in rows:
        count[sid] = count.get(sid, 0) + 1
    return sum(min(s.min_staff, count.get(s.id, 0)) for s in shifts)


def spread(shifts: list[ShiftSlot], rows: list[tuple[str, str]], staff: list[Staff]) -> str:
    hours = {p.id: 0.0 for p in staff if p.vaccinated_doses >= 1 and p.max_hours_week is None}
    length = {s.id: s.hours for s in shifts}
    for sid, pid in rows:
        if pid in hours:
            hours[pid] += length[sid]
    return f"{min(hours.values()):.0f}–{max(hours.values()):.0f} h"


def scenario(title: str, min_staff: list[int], seed: int, repeat: int) -> None:
    shifts, staff = build(seed, min_staff)
    rules = Rules()
    total = sum(s.min_staff for s in shifts)
    solver_time, result = timed(lambda: solve(shifts, staff, rules=rules), repeat)
    base_time, base = timed(lambda: first_fit(shifts, staff, rules), repeat)
    conflicts = validate(result.assignments, shifts, staff, rules)
    broken = [c for c in conflicts if c.kind != "understaffed"]
    short_seats = total - result.seats_filled
    print(f"\n{title}: {len(shifts)} shifts, {total} seats, {len(staff)} staff")
    print(
        f"  auto-fill  {solver_time:6.3f} s  filled {result.seats_filled}/{total}, "
        f"understaffed shifts {len(result.understaffed)} ({short_seats} seats), "
        f"rule breaks {len(broken)}, search nodes {result.nodes}, "
        f"full-time hours {spread(shifts, result.assignments, staff)}"
    )
    print(
        f"  first-fit  {base_time:6.3f} s  filled {seats(shifts, base)}/{total}, "
        f"full-time hours {spread(shifts, base, staff)}"
    )
    print(f"  time ratio auto-fill / first-fit: {solver_time / base_time:.1f}×")
    if result.understaffed:
        print(f"  e.g. {result.understaffed[0].message}")
    print(f"  target < 2 s: {'met' if solver_time < 2 else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    print(
        f"{CHECKPOINTS} checkpoints × 3 shifts × {DAYS} days, {STAFF} staff; median of {args.repeat}"
    )
    scenario(
        "A. 3 hard checkpoints × 2 people, 6 soft × 1", [2] * 3 + [1] * 6, args.seed, args.repeat
    )
    scenario(
        "B. every checkpoint × 2 people (more than 60 people can cover)",
        [2] * 9,
        args.seed,
        args.repeat,
    )


if __name__ == "__main__":
    main()
