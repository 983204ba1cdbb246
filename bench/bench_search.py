"""Demo generation time, and name-search latency over a ward (20 000 households, ~80 000
people): the app's search service against a bare sqlite3 query of the same data in the same run.

    .venv/bin/python bench/bench_search.py [--households 20000] [--db PATH]

Targets: p95 under 30 ms, within 3x of the bare query.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import demo_database, percentiles  # noqa: E402
from greenzone_desktop.models.migrations import open_database  # noqa: E402
from greenzone_desktop.services.search import find_people  # noqa: E402
from greenzone_desktop.text import fold  # noqa: E402

BARE_SQL = """
SELECT p.id, p.full_name, p.birth_date, p.birth_year, p.sex, p.cccd, p.phone, p.relation,
       p.residency, p.household_id, h.code, h.address, h.area
FROM persons p JOIN households h ON p.household_id = h.id
WHERE p.deleted = 0 AND (p.search_key LIKE ? ESCAPE '\\' OR p.household_id IN
      (SELECT id FROM households WHERE deleted = 0 AND search_key LIKE ? ESCAPE '\\'))
ORDER BY p.sort_key
LIMIT 200
"""


def queries(conn: sqlite3.Connection, n: int, rng: random.Random) -> list[str]:
    """Realistic queries: family + middle, full names, given names, partial CCCD, phone."""
    names = [r[0] for r in conn.execute("SELECT full_name FROM persons ORDER BY random() LIMIT 400")]
    out = []
    for i in range(n):
        name = rng.choice(names).split()
        kind = i % 5
        if kind == 0:
            out.append(fold(" ".join(name[:2])))
        elif kind == 1:
            out.append(fold(" ".join(name)))
        elif kind == 2:
            out.append(fold(name[-1]))
        elif kind == 3:
            out.append("026" + str(rng.randrange(10, 99)))
        else:
            out.append("09" + str(rng.randrange(100, 999)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=20000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    path, gen_s = demo_database(args.households, path=args.db)
    db = open_database(path)
    conn = sqlite3.connect(path)
    persons = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
    qs = queries(conn, args.queries, random.Random(4))
    for q in qs[:10]:  # warm both paths and the page cache
        find_people(db, q)
    app_ms, bare_ms, hits = [], [], 0
    for q in qs:
        t0 = time.perf_counter()
        res = find_people(db, q)
        app_ms.append((time.perf_counter() - t0) * 1000)
        hits += len(res)
        like = "%" + q + "%"
        t0 = time.perf_counter()
        conn.execute(BARE_SQL, (like, like)).fetchall()
        bare_ms.append((time.perf_counter() - t0) * 1000)
    a50, a95 = percentiles(app_ms)
    b50, b95 = percentiles(bare_ms)
    print(f"database: {args.households} households, {persons} people")
    if gen_s:
        print(f"demo generation: {gen_s:.1f} s")
    print(f"name search, {len(qs)} queries ({hits / len(qs):.0f} hits on average):")
    print(f"  app service (SQLAlchemy): p50 {a50:.1f} ms   p95 {a95:.1f} ms")
    print(f"  bare sqlite3 query:       p50 {b50:.1f} ms   p95 {b95:.1f} ms")
    print(f"  ratio app/bare:           p50 {a50 / b50:.2f}x  p95 {a95 / b95:.2f}x")
    print(f"  target p95 < 30 ms: {'met' if a95 < 30 else 'NOT met'}; "
          f"within 3x of bare: {'met' if a95 <= 3 * b95 else 'NOT met'}")


if __name__ == "__main__":
    main()
