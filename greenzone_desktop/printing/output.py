"""Writing a PDF safely: into a temporary file beside the target, renamed when complete.

A cancelled or failed job leaves no partial file behind (and an older file of the same name
untouched).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from greenzone_desktop.printing.data import CancelledFn, PrintCancelled


@contextlib.contextmanager
def atomic_pdf(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path to write; move it to `path` on success, delete it otherwise."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.part")
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def check_cancel(cancelled: CancelledFn | None) -> None:
    """Raise PrintCancelled when the user asked to stop."""
    if cancelled is not None and cancelled():
        raise PrintCancelled()
