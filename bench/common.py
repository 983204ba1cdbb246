"""Helpers the benchmarks share: a ward-scale demo database, percentiles, peak memory."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from greenzone_desktop.models.migrations import open_database
from greenzone_desktop.services.demo import generate_demo


def demo_database(households: int, seed: int = 1, path: Path | None = None) -> tuple[Path, float]:
    """A demo database of `households` (reused if `path` exists); returns (path, seconds)."""
    if path is not None and path.exists():
        return path, 0.0
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="gz-bench-")) / "bench.sqlite"
    db = open_database(path)
    t0 = time.perf_counter()
    generate_demo(db, households=households, seed=seed)
    seconds = time.perf_counter() - t0
    db.dispose()
    return path, seconds


def percentiles(samples_ms: list[float]) -> tuple[float, float]:
    """(p50, p95) of a list of milliseconds."""
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def cleanup(path: Path) -> None:
    shutil.rmtree(path.parent, ignore_errors=True)
