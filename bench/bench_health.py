"""Health and testing over a ward (20 000 households, ~80 000 people): the figures `stats`
adds, today's tasks, coverage, and a ward-wide testing round (progress, the untested list,
ticking households by code), each against a bare sqlite3 scan of the people in the same run.

    .venv/bin/python bench/bench_health.py [--households 20000] [--db PATH]

The database is changed (a round is created and households ticked): pass a copy.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import demo_database, percentiles  # noqa: E402
from greenzone_desktop.models.migrations import open_database  # noqa: E402
from greenzone_desktop.services import testing, testing_lists, testing_marks  # noqa: E402
from greenzone_desktop.services.health_stats import health_stats  # noqa: E402
from greenzone_desktop.services.today_tasks import today_tasks  # noqa: E402
from greenzone_desktop.services.vaccination import coverage  # noqa: E402

BARE_SQL = "SELECT id, birth_date, household_id FROM persons WHERE deleted = 0 ORDER BY sort_key"


def timed(fn, repeat: int = 3) -> tuple[float, object]:  # noqa: ANN001
    """Best of `repeat` runs, in ms, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, (time.perf_counter() - t0) * 1000)
    return best, result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=20000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--ticks", type=int, default=60)
    args = ap.parse_args()
    path, gen_s = demo_database(args.households, path=args.db)
    db = open_database(path)
    conn = sqlite3.connect(path)
    persons = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
    today = date.today()
    bare, _ = timed(lambda: conn.execute(BARE_SQL).fetchall())
    print(f"database: {persons} people" + (f" (demo made in {gen_s:.1f} s)" if gen_s else ""))
    print(f"bare scan of every person in name order: {bare:.0f} ms (the baseline)")
    rows = [("health figures (stats --json)", lambda: health_stats(db, today)),
            ("vaccination coverage by area", lambda: coverage(db, today)),
            ("today's tasks", lambda: today_tasks(db, today))]
    rid = testing.create_round(db, testing.RoundInput(today, pool_size=10, name="Bench"))
    rows += [("ward round: progress", lambda: testing.round_progress(db, rid)),
             ("ward round: untested ids", lambda: testing_lists.untested_ids(db, rid)),
             ("ward round: households left", lambda: testing_lists.households_left(db, rid))]
    for label, fn in rows:
        ms, _ = timed(fn)
        print(f"  {label:<32} {ms:8.0f} ms   {ms / bare:5.1f}x baseline")
    codes = [h.code for h in testing_lists.households_left(db, rid)[: args.ticks]]
    ticks = []
    for code in codes:
        t0 = time.perf_counter()
        testing_marks.tick_household(db, rid, code)
        ticks.append((time.perf_counter() - t0) * 1000)
    p50, p95 = percentiles(ticks)
    print(f"  tick a household by code ({len(codes)} ticks): p50 {p50:.0f} ms   p95 {p95:.0f} ms")


if __name__ == "__main__":
    main()
