"""Excel in and out at ward scale: read + parse an 80 000-row person sheet, write an 80 000-row report.

Each measurement is paired with a bare baseline in the same run:
  read:  parse_person_sheet            vs  python-calamine reading the same sheet to Python lists
  write: write_report (styled, titled)  vs  openpyxl write-only appending the same cells
Peak memory growth is measured with tracemalloc in separate runs (it slows Python code down).

    python bench/bench_excel_io.py [--rows 80000] [--repeat 3]

`make_person_rows`, `make_person_sheet` and `person_report` are reused by the import benchmark
of the services (which adds the database half).
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from greenzone_desktop.exchange.excel_writer import Column, ReportTable, write_report
from greenzone_desktop.exchange.person_sheet import parse_person_sheet

HEADER = ("STT", "Số hộ", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại",
          "Quan hệ với chủ hộ", "Địa chỉ", "Thường trú/Tạm trú", "Mũi 1", "Mũi 2", "Ghi chú")  # fmt: skip
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
MIDDLE_M = ("Văn", "Hữu", "Đức", "Minh", "Quang", "Thành")
MIDDLE_F = ("Thị", "Thu", "Ngọc", "Thanh", "Kim", "Phương")
GIVEN_M = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Long", "Nam", "Phúc", "Quân", "Sơn")
GIVEN_F = ("Anh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Nhung", "Trang", "Yến")
PROVINCES = ("001", "026", "027", "030", "036", "038", "040", "079")
PREFIXES = ("032", "035", "086", "091", "094", "097", "098", "070", "083", "056")


def make_person_rows(n: int, seed: int = 1) -> Iterator[tuple[object, ...]]:
    """`n` person rows typed the way offices type them (mixed date forms, CCCD as numbers …)."""
    rng = random.Random(seed)
    household, left = 0, 0
    for i in range(n):
        if left == 0:
            household, left = household + 1, rng.randint(1, 6)
            relation = "Chủ hộ"
        else:
            relation = rng.choice(("Vợ", "Con", "con trai", "con gái", "Bố", "Mẹ", "Cháu"))
        left -= 1
        female = rng.random() < 0.5
        name = " ".join((rng.choice(FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                         rng.choice(GIVEN_F if female else GIVEN_M)))  # fmt: skip
        born = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 80))
        form = rng.random()
        birth: object = (born if form < 0.5 else f"{born.day}/{born.month}/{born.year}"
                         if form < 0.8 else born.year)  # fmt: skip
        code = (2 if born.year >= 2000 else 0) + female
        cccd_text = f"{rng.choice(PROVINCES)}{code}{born.year % 100:02d}{i % 1_000_000:06d}"
        cccd: object = int(cccd_text) if rng.random() < 0.6 else cccd_text
        phone = f"{rng.choice(PREFIXES)}{rng.randrange(10**7):07d}" if rng.random() < 0.7 else None
        dose1 = date(2021, 7, 1) + timedelta(days=rng.randrange(60)) if rng.random() < 0.8 else None
        yield (i + 1, household, name, birth, "Nữ" if female else "Nam", cccd, phone, relation,
               f"Số {household} xóm {household % 12 + 1}", rng.choice(("Thường trú", "Tạm trú")),
               dose1, None, "")  # fmt: skip


def make_person_sheet(path: str | Path, n: int, seed: int = 1) -> Path:
    """An .xlsx person list of `n` rows under a title block, as a ward would send it."""
    book = Workbook(write_only=True)
    ws = book.create_sheet("Danh sách")
    ws.append(["UBND XÃ TIÊN PHONG"])
    ws.append(["DANH SÁCH NHÂN KHẨU"])
    ws.append([])
    ws.append(list(HEADER))
    for row in make_person_rows(n, seed):
        ws.append(row)
    ws.append(["Tổng cộng", None, n])
    book.save(path)
    return Path(path)


PERSON_COLUMNS = [
    Column("household_no", "Số hộ", "int"), Column("full_name", "Họ và tên"),
    Column("birth_date", "Ngày sinh", "date"), Column("sex", "Giới tính"),
    Column("cccd", "Số CCCD", "id"), Column("phone", "Số điện thoại", "id"),
    Column("relation", "Quan hệ với chủ hộ"), Column("address", "Địa chỉ"),
    Column("residency", "Thường trú/Tạm trú"), Column("dose1_date", "Mũi 1", "date"),
    Column("dose2_date", "Mũi 2", "date"), Column("notes", "Ghi chú"),
]  # fmt: skip


def person_export_rows(n: int, seed: int = 2) -> list[tuple[object, ...]]:
    """The cells of a persons export: text CCCD and phone, real dates."""
    rows = []
    for r in make_person_rows(n, seed):
        birth = r[3] if isinstance(r[3], date) else date(1980, 1, 1)
        rows.append((r[1], r[2], birth, r[4], str(r[5]).zfill(12), r[6], r[7], r[8], r[9],
                     r[10], r[11], r[12]))  # fmt: skip
    return rows


def person_report(rows: list[tuple[object, ...]]) -> ReportTable:
    return ReportTable(
        "Danh sách nhân khẩu", PERSON_COLUMNS, rows,
        unit_lines=["UBND XÃ TIÊN PHONG", "THÔN ĐÔNG"], date=date(2021, 9, 15),
        total_rows=len(rows),
    )  # fmt: skip


def bare_read(path: Path) -> int:
    book = CalamineWorkbook.from_path(str(path))
    return len(book.get_sheet_by_index(0).to_python())


def our_read(path: Path) -> int:
    return len(parse_person_sheet(path).rows)


def bare_write(path: Path, rows: list[tuple[object, ...]]) -> int:
    book = Workbook(write_only=True)
    ws = book.create_sheet("Danh sách")
    ws.append([c.header for c in PERSON_COLUMNS])
    for row in rows:
        ws.append(row)
    book.save(path)
    return len(rows)


def our_write(path: Path, rows: list[tuple[object, ...]]) -> int:
    return write_report(path, person_report(rows))


def timed(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def peak_mb(fn: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _rss_child(fn: Callable[[], object], out: Any) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    fn()
    out.put((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)


def peak_rss_mb(fn: Callable[[], object]) -> float:
    """Growth of the peak resident set (all memory, the Rust reader's too) in a forked child."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_rss_child, args=(fn, queue))
    child.start()
    result = queue.get()
    child.join()
    return float(result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=80_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    n = args.rows
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = make_person_sheet(folder / "persons.xlsx", n)
        size = sheet.stat().st_size / 1e6
        parsed = parse_person_sheet(sheet)
        assert len(parsed.rows) == n, (len(parsed.rows), n)
        errors = sum(not r.ok for r in parsed.rows)
        del parsed
        print(f"person sheet: {n} rows, {size:.1f} MB; rows with errors: {errors}")
        bare = timed(lambda: bare_read(sheet), args.repeat)
        ours = timed(lambda: our_read(sheet), args.repeat)
        print(f"read   calamine to_python : {bare:6.2f} s")
        print(f"read   parse_person_sheet : {ours:6.2f} s  ({ours / bare:.2f}x bare)")
        rows = person_export_rows(n)
        bare_w = timed(lambda: bare_write(folder / "bare.xlsx", rows), args.repeat)
        ours_w = timed(lambda: our_write(folder / "ours.xlsx", rows), args.repeat)
        print(f"write  openpyxl write-only: {bare_w:6.2f} s")
        print(f"write  write_report       : {ours_w:6.2f} s  ({ours_w / bare_w:.2f}x bare)")
        read_mb = peak_mb(lambda: our_read(sheet))
        write_mb = peak_mb(lambda: our_write(folder / "ours.xlsx", rows))
        print(f"peak Python allocations (tracemalloc): read+parse {read_mb:.1f} MB, "
              f"write {write_mb:.1f} MB (the rows to write are held by the caller)")  # fmt: skip
        read_rss = peak_rss_mb(lambda: our_read(sheet))
        write_rss = peak_rss_mb(lambda: our_write(folder / "ours.xlsx", rows))
        print(f"peak RSS growth (whole process): read+parse {read_rss:.0f} MB, "
              f"write {write_rss:.0f} MB")  # fmt: skip
        return 0


if __name__ == "__main__":
    sys.exit(main())
