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
    ap.add_argument("--ui", action="store_true",
                    help="also time the real people page: search fired → table reloaded")
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
    if args.ui:
        subset = [t for i, t in enumerate(texts[:80]) if i == 0 or t != texts[i - 1]]
        s50, s95 = percentiles([timed(lambda t=t: refresh(PeopleQuery(t))) for t in subset])
        print(f"same {len(subset)} searches, service only: p50 {s50:.1f} ms, p95 {s95:.1f} ms")
        ui_keystrokes(db, subset)
    db.dispose()


def ui_keystrokes(db: object, texts: list[str]) -> None:
    """The people page with the real worker thread: from the search firing to the table
    holding the new rows (one round trip through the worker and the queued signal)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from greenzone_desktop.ui.context import AppContext
    from greenzone_desktop.ui.people_page import PeoplePage

    app = QApplication.instance() or QApplication([])
    page = PeoplePage(AppContext(db))
    page.resize(1166, 700)
    page.show()

    loop = QEventLoop()
    page.model.reloaded.connect(lambda _n: loop.quit())
    guard = QTimer()  # never hang the bench
    guard.setSingleShot(True)
    guard.setInterval(10000)
    guard.timeout.connect(loop.quit)
    while page.model.loading or not page.model.ids:  # the first load
        app.processEvents()
        time.sleep(0.01)
    samples = []
    for text in texts:
        t0 = time.perf_counter()
        page.search.setText(text)
        page.search.fire()
        guard.start()
        loop.exec()  # sleeps until the reloaded signal: no polling to steal the GIL
        guard.stop()
        page.model.data(page.model.index(0, 0))  # the first row is there to paint
        samples.append((time.perf_counter() - t0) * 1000)
    p50, p95 = percentiles(samples)
    print(f"people page, search fired → table reloaded ({len(samples)} searches): "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    page.close()
    page.ctx.runner.wait(10000)


if __name__ == "__main__":
    main()
