"""Reading a pile ahead of the merge: from three packages on, in a second process — with the
same rows, the same errors naming the same package, and the thread taking over when the
process cannot run."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from greenzone_desktop.exchange.package_crypto import PackageError
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.migrations import open_database
from greenzone_desktop.services import handoff_read
from greenzone_desktop.services.demo import generate_demo
from greenzone_desktop.services.errors import ServiceError, ValidationError
from greenzone_desktop.services.handoff import import_packages
from greenzone_desktop.services.handoff_read import ReadAhead, read_file
from tests.services.handoff_helpers import PASSWORD, digest, export, synced_rows, village, ward


@pytest.fixture(scope="module")
def pile(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[list[Path], list[Database]]]:
    """Four village packages (the demo and three small villages) and their databases, made
    once: the tests only read them."""
    folder = tmp_path_factory.mktemp("pile")
    shutil.copy(_demo_template, folder / "demo.sqlite")
    sources = [open_database(folder / "demo.sqlite")]
    for i, name in enumerate(("Thôn Hai", "Thôn Ba", "Thôn Bốn")):
        db = village(folder, f"v{i}", name)
        generate_demo(db, households=6, seed=9100 + i)
        sources.append(db)
    paths = [export(db, folder / f"{chr(97 + i)}.gzx").path for i, db in enumerate(sources)]
    yield paths, sources
    for db in sources:
        db.dispose()


def _same(a: handoff_read.FileRead, b: handoff_read.FileRead) -> bool:
    assert a.package is not None and b.package is not None
    return a.package.manifest == b.package.manifest and a.converted == b.converted


def test_the_reading_process_gives_the_rows_read_in_place_two_ahead_at_most(
        pile: tuple[list[Path], list[Database]]) -> None:
    paths, _ = pile
    with ReadAhead(paths, PASSWORD) as ahead:
        assert ahead.process is not None and ahead.begun == 2  # the thread starts a and b
        found = []
        for i in range(len(paths)):
            found.append(ahead.read(i))
            assert ahead.begun == min(i + 3, len(paths))  # never more than two ahead
        assert ahead.in_process == {2, 3}
    for path, read in zip(paths, found, strict=True):
        assert read.error is None and _same(read, read_file(path, PASSWORD))
        assert read.package is not None and read.package.tables == {}  # raw rows not kept


def test_a_pile_read_in_a_process_comes_back_row_for_row(
        pile: tuple[list[Path], list[Database]], tmp_path: Path) -> None:
    paths, sources = pile
    w = ward(tmp_path)
    results = import_packages(w, paths, PASSWORD, backup_dir=tmp_path / "bk")
    assert [r.new_village for r in results] == [True] * 4
    for source in sources:
        assert source.home_unit_id
        units = {source.home_unit_id}
        assert synced_rows(w, units) == synced_rows(source, units)


def test_errors_found_in_the_process_name_their_package_and_nothing_goes_in(
        pile: tuple[list[Path], list[Database]], tmp_path: Path) -> None:
    paths, _ = pile
    w = ward(tmp_path)
    before = digest(w)
    cut = tmp_path / "d-cut.gzx"
    cut.write_bytes(paths[3].read_bytes()[:-300])
    with pytest.raises(ServiceError) as refused:
        import_packages(w, [*paths[:3], cut], PASSWORD, backup_dir=tmp_path / "bk")
    assert str(refused.value).startswith("Gói «d-cut.gzx»:")
    with pytest.raises(ServiceError) as refused:
        import_packages(w, paths, "mật khẩu sai", backup_dir=tmp_path / "bk")
    assert str(refused.value).startswith("Gói «a.gzx»: Sai mật khẩu")
    assert digest(w) == before


def test_errors_cross_a_process_boundary_whole() -> None:
    for error in (PackageError("truncated", "Gói bị cắt cụt."),
                  ServiceError("Sai.", field="cccd"),
                  ValidationError({"cccd": "CCCD có 12 chữ số."}, where="Dòng 3: ")):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error)
        assert back.__dict__ == error.__dict__


class _DeadPool:
    """A process pool whose process has died: what it was given fails, later ones refused."""

    def __init__(self, *_args: Any, **_kwargs: Any):
        self.submitted = 0

    def submit(self, *_args: Any) -> Future[Any]:
        self.submitted += 1
        if self.submitted > 1:
            raise BrokenProcessPool("the process is gone")
        future: Future[Any] = Future()
        future.set_exception(BrokenProcessPool("the process died"))
        return future

    def shutdown(self, **_kwargs: Any) -> None:
        """Nothing to stop: no process ever ran."""


def test_the_thread_reads_on_when_the_process_dies(
        pile: tuple[list[Path], list[Database]], monkeypatch: pytest.MonkeyPatch) -> None:
    paths, _ = pile
    monkeypatch.setattr(handoff_read, "ProcessPoolExecutor", _DeadPool)
    with ReadAhead(paths, PASSWORD) as ahead:
        found = [ahead.read(i) for i in range(len(paths))]
        assert ahead.process is None and ahead.ahead == 1
    for path, read in zip(paths, found, strict=True):
        assert _same(read, read_file(path, PASSWORD))


def test_the_reading_process_needs_no_database_layer() -> None:
    """What the reading process imports stays light (it starts while the merge waits)."""
    import subprocess
    import sys

    code = ("import sys, greenzone_desktop.services.handoff_file; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlalchemy', 'alembic', 'PySide6', 'openpyxl', 'reportlab')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]"


def test_a_pile_cancelled_while_the_process_reads_changes_nothing(
        pile: tuple[list[Path], list[Database]], tmp_path: Path) -> None:
    import multiprocessing

    from greenzone_desktop.services.handoff_pile import Cancelled

    paths, _ = pile
    w = ward(tmp_path)
    before = digest(w)
    asked = []

    def cancelled() -> bool:  # asked before each table: stop in the second package
        asked.append(1)
        return len(asked) > 40

    with pytest.raises(Cancelled):
        import_packages(w, paths, PASSWORD, backup_dir=tmp_path / "bk", cancelled=cancelled)
    assert digest(w) == before
    assert not multiprocessing.active_children()  # the reading process is gone with the pile
