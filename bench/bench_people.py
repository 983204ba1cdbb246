"""The people page and the commitments page over a ward (20 000 households, ~80 000 people):
what one table refresh costs on the database worker — the ordered keys of a search or filter
plus the rows of the first block (the lazy table's single round trip) — measured while
"typing" names letter by letter, against a bare sqlite3 query of the same keys in the same run.

    .venv/bin/python bench/bench_people.py --db /tmp/demo20k.sqlite [--households 20000]

Targets: keystroke → keys + first 200 rows p95 under 50 ms; every filter under 500 ms.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import demo_database, percentiles  # noqa: E402
from greenzone_desktop.models.migrations import open_database  # noqa: E402
from greenzone_desktop.services import commitments, people_list  # noqa: E402
from greenzone_desktop.services.people_list import PeopleQuery  # noqa: E402
from greenzone_desktop.text import fold  # noqa: E402

BLOCK = 200
BARE_KEYS = ("SELECT rowid FROM persons WHERE deleted = 0 AND search_key LIKE ? "
             "ORDER BY sort_key, search_key, household_id, rowid")
BARE_ROWS = ("SELECT p.rowid, p.id, p.full_name, p.birth_date, h.code, h.address FROM persons p "
             "JOIN households h ON h.id = p.household_id WHERE p.rowid IN ({})")


def typed(names: list[str], n: int, rng: random.Random) -> list[str]:
    """What the search box holds after each keystroke of `n` names typed without accents."""
    out: list[str] = []
    while len(out) < n:
        words = fold(rng.choice(names)).split()
        text = " ".join(words[:2]) if rng.random() < 0.6 else words[-1]
        out += [text[:i] for i in range(1, len(text) + 1)]
    return out[:n]


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--households", type=int, default=20000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--keystrokes", type=int, default=200)
    args = ap.parse_args()
    path, made = demo_database(args.households, path=args.db)
    if made:
        print(f"demo: {args.households} households in {made:.1f} s")
    db = open_database(path)
    conn = sqlite3.connect(path)
    rng = random.Random(7)
    names = [r[0] for r in conn.execute(
        "SELECT full_name FROM persons ORDER BY random() LIMIT 300")]
    people = conn.execute("SELECT count(*) FROM persons WHERE deleted = 0").fetchone()[0]
    print(f"{people} people, {args.keystrokes} keystrokes")

    def refresh(query: PeopleQuery, sort: str = "name") -> int:
        keys = people_list.people_keys(db, query, sort)
        people_list.people_rows(db, keys[:BLOCK])
        return len(keys)

    def bare(text: str) -> None:
        keys = [r[0] for r in conn.execute(BARE_KEYS, (f"%{text}%",))]
        first = keys[:BLOCK]
        if first:
            conn.execute(BARE_ROWS.format(",".join("?" * len(first))), first).fetchall()

    texts = typed(names, args.keystrokes, rng)
    for text in texts[:10]:  # warm the page cache as a session in use would be
        refresh(PeopleQuery(text))
        bare(text)
    app = [timed(lambda t=t: refresh(PeopleQuery(t))) for t in texts]
    base = [timed(lambda t=t: bare(t)) for t in texts]
    p50, p95 = percentiles(app)
    b50, b95 = percentiles(base)
    print(f"keystroke → keys + first {BLOCK} rows: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
          f"(bare sqlite3 p50 {b50:.1f}, p95 {b95:.1f} ms; ratio p95 {p95 / max(b95, 0.01):.1f}×)")

    cases = {
        "everyone (no search)": (PeopleQuery(), "name"),
        "0–11 tuổi": (PeopleQuery(age_band="0-11"), "name"),
        "từ 18 tuổi": (PeopleQuery(age_band="18+"), "name"),
        "tạm trú": (PeopleQuery(residency="tam_tru"), "name"),
        "chưa tiêm": (PeopleQuery(vaccination="none"), "name"),
        "tiêm đủ liều": (PeopleQuery(vaccination="full"), "name"),
        "đang cách ly": (PeopleQuery(health="quarantine"), "name"),
        "Tổ 5": (PeopleQuery(area="Tổ 5"), "name"),
        "«tran thi» từ 18 tuổi, chưa tiêm": (
            PeopleQuery("tran thi", age_band="18+", vaccination="none"), "name"),
        "sorted by birth date": (PeopleQuery(), "birth"),
        "sorted by household": (PeopleQuery(), "household"),
    }
    for label, (query, sort) in cases.items():
        runs = [timed(lambda q=query, s=sort: refresh(q, s)) for _ in range(3)]
        print(f"  {label:34s} {min(runs):7.1f} ms  ({refresh(query, sort)} people)")

    q_unsigned = commitments.CommitmentQuery(status="unsigned")
    for label, fn in {
        "commitments: unsigned households": lambda: commitments.signer_rows(
            db, commitments.signer_keys(db, q_unsigned)[:BLOCK]),
        "commitments: every household by code": lambda: commitments.signer_rows(
            db, commitments.signer_keys(db, commitments.CommitmentQuery())[:BLOCK]),
        "commitments: coverage": lambda: commitments.coverage(db),
    }.items():
        runs = [timed(fn) for _ in range(3)]
        print(f"  {label:34s} {min(runs):7.1f} ms")
    db.dispose()


if __name__ == "__main__":
    main()
