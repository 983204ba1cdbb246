"""Writing a zip archive's members on a second thread.

Compressing is a fifth of writing a package; zlib and SQLite both let other threads run while
they work, so a block of rows is compressed on one thread while the next is read on the
other. The writer thread does every operation on the archive, in the order given; at most
`QUEUED` blocks wait between the two. Whatever fails on the writer thread is raised again on
the caller's at its next call, and the member left open is closed, so the archive can close.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import zipfile
from typing import IO, Any

QUEUED = 8  # blocks of about 2 000 rows (a few hundred kB each) waiting at most

_END = "end"


class ArchiveWriter:
    """Members written one after the other on a second thread: `open`, `write`…, `close`."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.queue: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=QUEUED)
        self.error: BaseException | None = None
        self.member: IO[bytes] | None = None
        self.thread = threading.Thread(target=self._run, name="package-archive", daemon=True)
        self.thread.start()

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        """Waits for the writer thread (also after an error: nothing runs on behind)."""
        if self.thread.is_alive():
            self.queue.put((_END, None))
            self.thread.join()

    def open(self, info: zipfile.ZipInfo) -> None:
        self._put("open", info)

    def write(self, data: bytes) -> None:
        self._put("write", data)

    def close(self) -> None:
        self._put("close", None)

    def finish(self) -> None:
        """Everything given is in the archive; raises what failed on the writer thread."""
        self.__exit__()
        if self.error is not None:
            raise self.error

    def _put(self, op: str, arg: Any) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put((op, arg))

    def _run(self) -> None:
        while True:
            op, arg = self.queue.get()
            if op == _END:
                if self.member is not None:  # an error on either side left it open
                    self._close_quietly()
                return
            if self.error is not None:
                continue  # drain until the end
            try:
                if op == "open":
                    self.member = self.archive.open(arg, "w")
                elif op == "write":
                    self.member.write(arg)  # type: ignore[union-attr]
                else:
                    member, self.member = self.member, None
                    member.close()  # type: ignore[union-attr]
            except BaseException as exc:  # noqa: BLE001 - raised again on the caller's thread
                self.error = exc

    def _close_quietly(self) -> None:
        member, self.member = self.member, None
        with contextlib.suppress(Exception):  # the first error is the one reported
            member.close()  # type: ignore[union-attr]
