"""Import and export at ward scale, each against a bare baseline measured in the same run.

  import: plan_import + apply_import of an 80 000-row person sheet into a fresh village database
          vs  python-calamine reading the sheet + sqlite3 executemany of the same rows
  export: export_report("persons") of a ward database (80 000 people)
          vs  openpyxl write-only appending the same cells (fetched beforehand)
Peak RSS growth of each of ours is measured in a forked child.

    python bench/bench_import_export.py [--rows 80000] [--repeat N] [--source DEMO.sqlite]

The source database is copied before use (never written). Without it, a 20 000-household demo
is generated first (slow).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from bench.bench_excel_io import make_person_sheet
from bench.common import demo_database
from greenzone_desktop.exchange.person_columns import person_export_columns
from greenzone_desktop.models.migrations import open_database
from greenzone_desktop.services.exports import export_report, person_rows
from greenzone_desktop.services.import_apply import apply_import
from greenzone_desktop.services.importing import ImportOptions, plan_import
from greenzone_desktop.services.units import init_units


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def cpu_seconds() -> float:
    """This process's CPU time (user + system), all threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bare_import(sheet: Path, target: Path) -> int:
    """Read every cell with calamine and insert the rows as they are with executemany."""
    rows = CalamineWorkbook.from_path(str(sheet)).get_sheet_by_index(0).to_python()
    header, body = rows[3], rows[4:-1]
    conn = sqlite3.connect(target)
    columns = ", ".join(f"c{i} TEXT" for i in range(len(header)))
    conn.execute(f"CREATE TABLE persons (id INTEGER PRIMARY KEY, {columns})")
    marks = ", ".join("?" for _ in header)
    names = ", ".join(f"c{i}" for i in range(len(header)))
    with conn:
        conn.executemany(f"INSERT INTO persons ({names}) VALUES ({marks})",
                         [[None if v == "" else v for v in r] for r in body])  # fmt: skip
    conn.close()
    return len(body)


def fresh_village(path: Path):  # noqa: ANN201 - a Database
    db = open_database(path, actor="bench")
    init_units(db, province="Bắc Ninh", commune="Xã Tiên Phong", village="Thôn Đông")
    return db


def our_import(sheet: Path, target: Path, on_duplicate: str = "skip",
               parts: dict[str, float] | None = None) -> int:  # fmt: skip
    """Import into `target`, an empty village database made beforehand (not timed). `parts`
    receives the seconds of each half (read + validate, write)."""
    db = open_database(target, actor="bench")
    try:
        started = time.perf_counter()
        plan = plan_import(db, sheet, ImportOptions(on_duplicate=on_duplicate))
        planned = time.perf_counter()
        result = apply_import(db, plan)
        if parts is not None:
            parts.update(plan=planned - started, apply=time.perf_counter() - planned)
        return result.persons_created
    finally:
        db.dispose()


def bare_export(cells: list[list[object]], out: Path) -> int:
    book = Workbook(write_only=True)
    ws = book.create_sheet("Nhân khẩu")
    ws.append([c.header for c in person_export_columns()])
    for row in cells:
        ws.append(row)
    book.save(out)
    return len(cells)


def our_export(source: Path, out: Path) -> int:
    db = open_database(source)
    try:
        return export_report(db, "persons", out).rows
    finally:
        db.dispose()


def peak_rss_mb(job: str, *paths: Path) -> float:
    """Peak RSS growth of one of ours, run in a fresh interpreter (a forked child would start
    from this process's own high-water mark)."""
    out = subprocess.run([sys.executable, "-m", "bench.bench_import_export", "--measure", job,
                          *map(str, paths)], check=True, capture_output=True, text=True)  # fmt: skip
    return float(out.stdout.strip().splitlines()[-1])


def _high_water_mb() -> float:
    """This process's peak RSS (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(job: str, paths: list[str]) -> int:
    before = _high_water_mb()
    if job == "import":
        our_import(Path(paths[0]), Path(paths[1]))
    else:
        our_export(Path(paths[0]), Path(paths[1]))
    print(_high_water_mb() - before)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=80_000)
    parser.add_argument("--repeat", type=int, default=1,
                        help="import: run bare and ours N times each, alternating; report the "
                             "best of each (a busy machine makes single runs vary)")
    parser.add_argument("--source", type=Path,
                        help="a 20 000-household demo database (default: make one)")
    parser.add_argument("--only", choices=("import", "export", "roundtrip"),
                        help="run one part (roundtrip: export the source's persons, import "
                             "them into an empty database, compare every field)")
    parser.add_argument("--measure", choices=("import", "export"), help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        return _measure(args.measure, args.paths)
    if args.source is None and args.only in (None, "export", "roundtrip"):
        args.source, _ = demo_database(20_000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.only in (None, "import"):
            run_import(folder, args.rows, args.repeat)
        if args.only in (None, "export"):
            run_export(folder, args.source)
        if args.only == "roundtrip":
            return run_round_trip(folder, args.source)
    return 0


_FIELDS = ("full_name", "birth_date", "birth_year", "sex", "relation", "cccd", "cccd_issued_on",
           "cccd_issued_by", "phone", "residency", "residency_until", "ethnicity", "religion",
           "occupation", "workplace", "insurance_no", "notes", "name_key", "sort_key",
           "search_key")  # fmt: skip


def _everyone(path: Path) -> dict[tuple, tuple]:
    """Every live person's fields, household and doses (dose places are not exported)."""
    conn = sqlite3.connect(path)
    doses: dict[str, list] = {}
    for pid, number, given, vaccine in conn.execute(
            "SELECT person_id, dose_no, given_on, vaccine FROM vaccinations WHERE deleted = 0"):
        doses.setdefault(pid, []).append((number, given, vaccine))
    columns = ", ".join(f"p.{f}" for f in _FIELDS)
    out = {}
    for row in conn.execute(
            f"SELECT p.id, h.code, h.kind, h.address, h.area, h.head_name, h.head_id = p.id, "
            f"{columns} FROM persons p JOIN households h ON h.id = p.household_id "
            "WHERE p.deleted = 0"):  # fmt: skip
        key = (row[1], row[7], row[8], row[9], row[12])  # code, name, birth, year, CCCD
        out[key] = (*row[1:], tuple(sorted(doses.get(row[0], []))))
    conn.close()
    return out


def run_round_trip(folder: Path, given: Path) -> int:
    source = folder / "source.sqlite"
    shutil.copy(given, source)
    sheet = folder / "nhan_khau.xlsx"
    seconds, rows = timed(lambda: our_export(source, sheet))
    print(f"round trip: exported {rows} persons in {seconds:.1f} s")
    target = folder / "fresh.sqlite"
    village = open_database(target, actor="bench")
    init_units(village, province="Vĩnh Phúc", commune="Phường Hùng Vương",
               village="Tổ dân phố Xuân Mai")  # fmt: skip
    village.dispose()
    # People of a ward who share a name and birth date and lack a CCCD look alike: keep both.
    seconds, created = timed(lambda: our_import(sheet, target, "keep"))
    print(f"round trip: imported {created} persons into an empty database in {seconds:.1f} s")
    before, after = _everyone(source), _everyone(target)
    differ = [k for k in before if after.get(k) != before[k]]
    print(f"round trip: {len(before)} persons before, {len(after)} after, "
          f"{len(differ)} differing in any field")  # fmt: skip
    for key in differ[:5]:
        print("  ", before[key], "\n   ", after.get(key))
    return 0 if not differ and len(before) == len(after) else 1


def run_import(folder: Path, rows: int, repeat: int = 1) -> None:
    sheet = make_person_sheet(folder / "nhan_khau.xlsx", rows)
    print(f"person sheet: {rows} rows, {sheet.stat().st_size / 1e6:.1f} MB")
    empty = folder / "empty.sqlite"
    village = fresh_village(empty)
    with village.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    village.dispose()
    shutil.copy(empty, folder / "rss.sqlite")
    bare_s = ours_s = bare_cpu = ours_cpu = float("inf")
    parts: dict[str, float] = {}
    for run in range(repeat):  # alternating, each into a fresh database; the best of each kept
        cpu = cpu_seconds()
        bare_run, n = timed(lambda run=run: bare_import(sheet, folder / f"bare{run}.sqlite"))
        bare_cpu = min(bare_cpu, cpu_seconds() - cpu)
        bare_s = min(bare_s, bare_run)
        shutil.copy(empty, folder / f"ours{run}.sqlite")
        took: dict[str, float] = {}
        cpu = cpu_seconds()
        seconds, created = timed(
            lambda run=run, took=took: our_import(sheet, folder / f"ours{run}.sqlite", parts=took))
        ours_cpu = min(ours_cpu, cpu_seconds() - cpu)
        if seconds < ours_s:
            ours_s, parts = seconds, took
        if repeat > 1:
            print(f"  run {run + 1}: bare {bare_run:.2f} s, ours {seconds:.2f} s")
        for leftover in folder.glob(f"*{run}.sqlite*"):  # a ward-sized database each
            leftover.unlink()
    print(f"import bare calamine + executemany : {bare_s:6.2f} s ({n} rows)")
    print(f"import plan_import + apply_import  : {ours_s:6.2f} s ({created} people created)"
          f"  {ours_s / bare_s:.2f}x bare (target 4x)")  # fmt: skip
    print(f"  of which plan_import (read + validate) {parts['plan']:.2f} s, "
          f"apply_import (write) {parts['apply']:.2f} s")  # fmt: skip
    # On a busy machine the wall times swing with the other load; CPU time less so (but leaves
    # out waiting for the disk, which the wall time counts).
    print(f"  CPU time: bare {bare_cpu:.2f} s, ours {ours_cpu:.2f} s "
          f"({ours_cpu / bare_cpu:.2f}x), load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    rss = peak_rss_mb("import", sheet, folder / "rss.sqlite")
    print(f"import peak RSS growth: {rss:.0f} MB (target < 150 MB)")


def run_export(folder: Path, given: Path) -> None:
    source = folder / "source.sqlite"
    if given.exists():
        shutil.copy(given, source)
    else:
        print("no source database; generating a 20 000-household demo…")
        source, _ = demo_database(20_000, path=source)
    db = open_database(source)
    with db.session() as s:
        cells = list(person_rows(s, {}))
    db.dispose()
    bare_w, n = timed(lambda: bare_export(cells, folder / "bare.xlsx"))
    cells.clear()
    ours_w, written = timed(lambda: our_export(source, folder / "ours.xlsx"))
    print(f"export bare openpyxl write-only    : {bare_w:6.2f} s ({n} rows, cells fetched "
          "beforehand)")  # fmt: skip
    print(f"export export_report('persons')    : {ours_w:6.2f} s ({written} rows, query "
          f"included)  {ours_w / bare_w:.2f}x bare (target 1.5x)")  # fmt: skip
    rss = peak_rss_mb("export", source, folder / "rss.xlsx")
    print(f"export peak RSS growth: {rss:.0f} MB (target < 150 MB)")


if __name__ == "__main__":
    sys.exit(main())
