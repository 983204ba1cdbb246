"""Reading incoming packages: verify, decrypt, parse and check their rows, then place them.

Reading a package splits in two:

- what depends on the file alone (`read_file`): the key (scrypt), the decryption, the
  decompression, the rows parsed and each value checked and converted to its stored form;
- what depends on this database (`read_incoming`): who sent it, and whether every row belongs
  to the sender's units — in a pile, an earlier package may have just added the village.

A pile is read ahead (`ReadAhead`) while this thread merges the package before it. From three
packages on, the reading runs in a second process (services/handoff_file.py, which needs no
database layer and starts in well under a second): reading is mostly Python (parsing and
checking every value), and on a second thread it would take turns with the merge for Python's
lock (measured: the merge then waits a quarter of its time). The rows come back marshalled,
which costs this process a few hundredths of a second a package. The first two packages are
read on a thread while the process starts; if the process cannot run, the thread reads the
rest. Whatever the file part finds wrong is raised where it would be without either, after the
manifest and sender checks.
"""

from __future__ import annotations

import marshal
import multiprocessing
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from greenzone_desktop.models.db import Database
from greenzone_desktop.models.migrations import SCHEMA_VERSION
from greenzone_desktop.services import handoff_file
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff_codec import SPECS, TableSpec
from greenzone_desktop.services.handoff_file import FileRead
from greenzone_desktop.services.handoff_labels import table_label
from greenzone_desktop.services.handoff_pile import Incoming
from greenzone_desktop.services.handoff_units import Sender, resolve_sender, subtree

READERS = tuple(spec.reader for spec in SPECS)
PROCESS_FROM = 3  # packages in a pile from which the reading runs in a second process


def read_file(path: str | Path, password: str | None) -> FileRead:
    """Everything about a package that depends on the file alone (no database)."""
    return handoff_file.read_file(path, password, READERS, SCHEMA_VERSION)


def read_incoming(db: Database, path: str | Path, password: str | None,
                  conn: Connection | None = None, read: FileRead | None = None) -> Incoming:
    """Verify, decrypt and check a package; raises PackageError or ServiceError (Vietnamese).
    `conn`: an import's open transaction (the units as its earlier packages left them);
    `read`: the file already read (`read_file`, e.g. on another thread)."""
    read = read or read_file(path, password)
    if read.package is None:
        read.result()  # raises what was wrong with the file itself
    assert read.package is not None
    manifest = read.package.manifest
    if manifest.get("kind", "greenzone-handoff") != "greenzone-handoff":
        raise ServiceError("Tệp này không phải gói chuyển giao giữa thôn và xã/phường.")
    sender = resolve_sender(db, manifest, conn)
    _, converted = read.result()  # raises for a row whose values are wrong
    allowed = subtree(db, sender.peer.village_id, conn) | {sender.peer.village_id}
    rows: dict[str, list[tuple]] = {}
    carried: dict[str, list[tuple[Any, Any]]] = {}
    for spec in SPECS:
        rows[spec.name], carried[spec.name] = converted[spec.name]
        rows[spec.name] = _in_scope(spec, rows[spec.name], sender, allowed)
    if sender.new_village and not any(r[0] == sender.peer.village_id for r in rows["units"]):
        raise ServiceError(
            f"Đây là gói đầu tiên xã/phường nhận từ {sender.peer.name} nhưng gói không có "
            "thông tin của thôn: hãy xuất lại ở thôn với tuỳ chọn «toàn bộ dữ liệu»."
        )
    return Incoming(manifest, sender, rows, carried, Path(path))


def _in_scope(spec: TableSpec, rows: list[tuple], sender: Sender, allowed: set[str]
              ) -> list[tuple]:
    """The rows with the sender's unit ids mapped to ours (a village known here under another
    id); refused when one belongs to a unit outside the sender's."""
    id_map = sender.id_map
    iu = spec.index("unit_id")
    if spec.name != "units":
        owners = set(map(itemgetter(iu), rows))
        if not owners & id_map.keys():  # the common case: nothing to map, only look
            if not owners <= allowed:
                raise _foreign(spec, next(r for r in rows if r[iu] not in allowed), sender)
            return rows
    ip = spec.index("parent_id") if spec.name == "units" else -1
    placed: list[tuple] = []
    for row in rows:
        if id_map and (row[iu] in id_map or (ip >= 0 and row[ip] in id_map)):
            values = list(row)
            values[iu] = id_map.get(values[iu], values[iu])
            if ip >= 0:
                values[ip] = id_map.get(values[ip], values[ip])
            row = tuple(values)
        if ip >= 0:
            if row[0] == sender.peer.village_id and row[ip] != sender.local_parent_id:
                raise ServiceError(f"Thông tin đơn vị «{sender.peer.name}» trong gói không khớp "
                                   "với đơn vị cấp trên ở máy này: không nhập.")
            if row[ip] in allowed:
                allowed.add(row[0])
        if row[iu] not in allowed:
            raise _foreign(spec, row, sender)
        placed.append(row)
    return placed


def _foreign(spec: TableSpec, row: tuple, sender: Sender) -> ServiceError:
    return ServiceError(
        f"Gói có dữ liệu của đơn vị khác ngoài {sender.peer.name} (bảng "
        f"«{table_label(spec.name)}», dòng {row[0]}): không nhập."
    )


class ReadAhead:
    """Reads a pile's packages in order while the ones before are merged here. On a thread,
    one package ahead; with the reading process, two (it reads about as fast as a package
    merges, so one in reserve keeps the merge from waiting). The first two packages are read
    on the thread while the process starts (about a second). Without a pile, reads in place."""

    def __init__(self, paths: list[str | Path], password: str | None):
        self.paths = paths
        self.password = password
        self.thread = ThreadPoolExecutor(max_workers=1) if len(paths) > 1 else None
        self.process: ProcessPoolExecutor | None = None
        self.ahead = 1
        self.pending: dict[int, Future[Any]] = {}
        self.in_process: set[int] = set()
        self.begun = 0  # packages 0 .. begun-1 are read or being read

    def __enter__(self) -> ReadAhead:
        if self.thread is not None:
            if len(self.paths) >= PROCESS_FROM:
                self.process = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"))
                self.ahead = 2
            self._begin_up_to(self.ahead - 1)
        return self

    def __exit__(self, *_exc: object) -> None:
        for pool in (self.thread, self.process):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def read(self, i: int) -> FileRead:
        """Package i read (waits for it), and the ones after it begun."""
        if self.thread is None:
            return read_file(self.paths[i], self.password)
        try:
            found = self.pending.pop(i).result()
        except (BrokenProcessPool, CancelledError, OSError):  # the reading process is gone
            self._without_process()
            found = read_file(self.paths[i], self.password)
        if isinstance(found, tuple):  # from the reading process
            found, rows = found
            if rows is not None:
                found.converted = marshal.loads(rows)
        self._begin_up_to(i + self.ahead)
        return found

    def _begin_up_to(self, last: int) -> None:
        assert self.thread is not None
        while self.begun <= min(last, len(self.paths) - 1):
            i = self.begun
            self.begun += 1
            if self.process is not None and i >= 2:
                try:
                    self.pending[i] = self.process.submit(
                        handoff_file.read_in_process, str(self.paths[i]), self.password,
                        READERS, SCHEMA_VERSION)
                    self.in_process.add(i)
                    continue
                except (BrokenProcessPool, OSError, RuntimeError):
                    self._without_process()
            self.pending[i] = self.thread.submit(read_file, self.paths[i], self.password)

    def _without_process(self) -> None:
        """Reading goes on on the thread; what the process had not finished is read again."""
        if self.process is None:
            return
        self.process.shutdown(wait=False, cancel_futures=True)
        self.process = None
        self.ahead = 1
        assert self.thread is not None
        for i in sorted(self.in_process & set(self.pending)):
            future = self.pending[i]
            if not future.done() or future.cancelled() or future.exception() is not None:
                self.pending[i] = self.thread.submit(read_file, self.paths[i], self.password)
        self.in_process.clear()
