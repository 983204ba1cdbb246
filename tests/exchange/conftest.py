"""Helpers for the Excel tests: the committed sample sheets and a LibreOffice converter."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:  # CI installs it; a missing LibreOffice is a broken machine, not a skip
        pytest.fail("LibreOffice (soffice) is needed for these tests: apt-get install "
                    "libreoffice-calc-nogui")  # fmt: skip
    return found


ConvertFn = Callable[[list[Path], str], list[Path]]


@pytest.fixture
def libreoffice(tmp_path: Path) -> ConvertFn:
    """convert(files, target) -> converted files, with a private profile so runs don't clash.

    target is e.g. "csv" (written as UTF-8, comma-separated) or "xlsx"; one LibreOffice start
    converts all the files.
    """

    def convert(files: list[Path], target: str) -> list[Path]:
        outdir = tmp_path / f"lo-{target}"
        outdir.mkdir(exist_ok=True)
        fmt = "csv:Text - txt - csv (StarCalc):44,34,76,1" if target == "csv" else target
        profile = (tmp_path / "lo-profile").as_uri()
        subprocess.run(
            [_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
             "--outdir", str(outdir), *map(str, files)],
            check=True, capture_output=True, timeout=240,
        )  # fmt: skip
        results = [outdir / f"{f.stem}.{target}" for f in files]
        missing = [r.name for r in results if not r.exists()]
        assert not missing, f"LibreOffice did not convert {missing}"
        return results

    return convert


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))
