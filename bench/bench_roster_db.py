"""Benchmark: auto-fill four weeks for 9 checkpoints × 3 shifts (3 × 8 h) × 60 staff through the
database service (`services.roster.auto_fill`: shift generation, loading, solving and writing
the assignments in one transaction), against the solver alone on the same shifts and staff
(`services.roster.solve_span` on the loaded period: the baseline of the ratio).

Target: under 2 s. Also times the views the roster page reads after a fill.

    python bench/bench_roster_db.py [--repeat 3] [--seed 2021] [--clock wall|cpu]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from greenzone_desktop.models.migrations import open_database
from greenzone_desktop.services import checkpoints as C
from greenzone_desktop.services import roster as R
from greenzone_desktop.services.roster_data import at, load_period
from greenzone_desktop.services.units import init_units

WEEK = date(2021, 8, 2)  # a Monday
# Wall time by default; `--clock cpu` counts this process's CPU only, for a shared, busy machine.
CLOCK = [time.perf_counter]
CHECKPOINTS, STAFF, WEEKS = 9, 60, 4


def template(folder: Path, seed: int, min_staff: list[int]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "template.sqlite"
    db = open_database(path, actor="bench")
    init_units(db, province="Vĩnh Phúc", commune="Phường Hùng Vương", village="Tổ dân phố Xuân Mai")
    pid = next(p.id for p in C.ensure_preset_patterns(db) if p.name.startswith("3 ca"))
    for i in range(CHECKPOINTS):
        C.save_checkpoint(db, C.CheckpointInput(f"Chốt số {i + 1}", pattern_id=pid,
                                                min_staff=min_staff[i]))
    rng = random.Random(seed)
    for i in range(STAFF):
        doses = 0 if i % 10 == 9 else rng.choice([1, 2, 2, 3])  # 6 of 60 not vaccinated
        hours = 24.0 if rng.random() < 0.1 else 48.0  # part-time volunteers
        sid = C.save_staff(db, C.StaffInput(f"Người trực số {i + 1}", doses=doses,
                                            max_hours_week=hours))
        if rng.random() < 0.2:  # a few days off somewhere in the four weeks
            start = at(WEEK) + timedelta(days=rng.randrange(7 * WEEKS), hours=rng.choice([0, 6]))
            C.add_unavailability(db, sid, start, start + timedelta(days=rng.randint(1, 3)), "Bận")
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


def spread(period, rows) -> str:  # noqa: ANN001 - Period, assignments
    """Min–max hours over the month of the full-time vaccinated staff."""
    hours = {p.id: 0.0 for p in period.active_staff
             if p.vaccinated_doses >= 1 and p.max_hours_week == 48}
    for sid, pid in rows:
        if pid in hours:
            hours[pid] += period.by_id[sid].hours
    return f"{min(hours.values()):.0f}–{max(hours.values()):.0f} h"


def fresh(path: Path, n: int):  # noqa: ANN201 - Database
    copy = path.with_name(f"run{n}.sqlite")
    shutil.copy(path, copy)
    return open_database(copy, actor="bench")


def scenario(title: str, min_staff: list[int], seed: int, repeat: int, folder: Path) -> None:
    path = template(folder, seed, min_staff)
    db_times, solver_times, view_times = [], [], []
    result = None
    for n in range(repeat):
        db = fresh(path, 2 * n)
        t0 = CLOCK[0]()
        result = R.auto_fill(db, WEEK, weeks=WEEKS)
        db_times.append(CLOCK[0]() - t0)
        t0 = CLOCK[0]()
        cps = C.list_checkpoints(db)
        for week in range(WEEKS):
            R.week_roster(db, cps[0].id, WEEK + timedelta(days=7 * week))
        view_times.append((CLOCK[0]() - t0) / WEEKS)
        issues = [i for w in range(WEEKS) for i in R.validate_week(db, WEEK + timedelta(days=7 * w))]
        with db.session() as s:
            filled_period = load_period(s, at(WEEK), at(WEEK) + timedelta(days=7 * WEEKS))
        db_spread = spread(filled_period, filled_period.assignments)
        db.dispose()
        # The solver alone on the same shifts and staff (generated and loaded untimed).
        db = fresh(path, 2 * n + 1)
        R.generate_week(db, WEEK, weeks=WEEKS)
        rules = C.roster_rules(db)
        with db.session() as s:
            period = load_period(s, at(WEEK) - timedelta(days=1),
                                 at(WEEK) + timedelta(days=7 * WEEKS + 1))
        targets = {c.id for c in C.list_checkpoints(db)}
        t0 = CLOCK[0]()
        alone = R.solve_span(period, targets, WEEK, WEEKS, rules)
        solver_times.append(CLOCK[0]() - t0)
        alone_spread = spread(period, alone.assignments)
        db.dispose()
    assert result is not None
    db_t, solver_t = min(db_times), min(solver_times)  # best of the runs: least disturbed
    broken = [i for i in issues if not i.understaffed]
    print(f"\n{title}: {result.seats_total} seats, {STAFF} staff")
    print(f"  auto-fill via DB  {db_t:6.3f} s  filled {result.seats_filled}/{result.seats_total},"
          f" understaffed shifts {len(result.understaffed)}, rule breaks {len(broken)},"
          f" full-time hours {db_spread}")
    print(f"  solver alone      {solver_t:6.3f} s  filled {alone.seats_filled}/{alone.seats_total},"
          f" full-time hours {alone_spread}  (same shifts and staff, no database)")
    print(f"  ratio DB / solver alone: {db_t / solver_t:.2f}×  "
          f"(DB overhead {db_t - solver_t:.3f} s)")
    print(f"  week grid of one checkpoint (load + validate): {min(view_times):.3f} s")
    print(f"  target < 2 s: {'met' if db_t < 2 else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    args = parser.parse_args()
    if args.clock == "cpu":
        CLOCK[0] = time.process_time
    print(f"{CHECKPOINTS} checkpoints × 3 shifts × {7 * WEEKS} days, {STAFF} staff; "
          f"best of {args.repeat}, {args.clock} clock; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    folder = Path(tempfile.mkdtemp(prefix="gz-roster-"))
    try:
        scenario("A. 3 hard checkpoints × 2 people, 6 soft × 1", [2] * 3 + [1] * 6, args.seed,
                 args.repeat, folder / "a")
        scenario("B. every checkpoint × 2 people (more than 60 people can cover)", [2] * 9,
                 args.seed, args.repeat, folder / "b")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
