"""Run database work off the GUI thread, one job at a time, results back by queued signal.

SQLite has one writer: jobs are serialised on a single worker. A job is a plain callable
(a service call); a long job receives `progress(done, total)` and `cancelled()` callables.
Tests use `synchronous=True`, which runs each job at once on the calling thread.
"""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], signals: _Signals, cancel_flag: list[bool]):
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.cancel_flag = cancel_flag
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            kwargs = {}
            params = inspect.signature(self.fn).parameters
            if "progress" in params:
                kwargs["progress"] = lambda d, t: self.signals.progress.emit(int(d), int(t))
            if "cancelled" in params:
                kwargs["cancelled"] = lambda: self.cancel_flag[0]
            result = self.fn(**kwargs)
        except BaseException as exc:  # reported to the GUI, never lost in the thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class TaskHandle(QObject):
    """One submitted job: `cancel()` asks it to stop at its next check."""

    def __init__(self, signals: _Signals, cancel_flag: list[bool]):
        super().__init__()
        self.signals = signals
        self._flag = cancel_flag

    def cancel(self) -> None:
        self._flag[0] = True


class TaskRunner(QObject):
    """Single-worker runner. `submit(fn, on_done, on_error, on_progress)`."""

    idle = Signal()

    def __init__(self, *, synchronous: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.synchronous = synchronous
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._live: set[_Signals] = set()

    def submit(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> TaskHandle:
        signals = _Signals()
        flag = [False]
        self._live.add(signals)

        @Slot(object)
        def finished(result: object) -> None:
            self._live.discard(signals)
            if on_done:
                on_done(result)
            if not self._live:
                self.idle.emit()

        @Slot(object)
        def failed(exc: BaseException) -> None:
            self._live.discard(signals)
            if on_error:
                on_error(exc)
            else:
                raise exc
            if not self._live:
                self.idle.emit()

        signals.done.connect(finished)
        signals.failed.connect(failed)
        if on_progress:
            signals.progress.connect(on_progress)
        job = _Job(fn, signals, flag)
        if self.synchronous:
            job.run()
        else:
            self.pool.start(job)
        return TaskHandle(signals, flag)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
