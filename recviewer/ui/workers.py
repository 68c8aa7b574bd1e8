"""The one background-operation helper: run in a pool, deliver on the GUI thread.

``Workers.submit(lane, fn, *args, on_done=...)`` runs ``fn(control, *args)`` in
a QThreadPool. ``control.cancelled()`` tells the job to stop early;
``control.progress(value)`` sends a value to ``on_progress`` on the GUI thread.
Every lane ("scan", "load", "diff"...) has a generation counter: submitting to a
lane supersedes (and cancels) the job running there, and anything a superseded
job delivers afterwards is dropped. Jobs take plain inputs, return plain values,
and never touch widgets or models.
"""

from __future__ import annotations

import itertools
import logging
import threading
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Qt, Signal, Slot

log = logging.getLogger(__name__)

_DONE, _PROGRESS, _ERROR = "done", "progress", "error"



# Every lane, named once. A job submitted to a lane supersedes the one running there.
SCAN_LANE = "scan"      # window/scan_controller.py: the folder scan
LOAD_LANE = "load"      # detail/pane.py: the selected recording
LIVE_LANE = "live"      # live/folder_watch.py: live-reload checks
EXPORT_LANE = "export"  # window/export_actions.py: File ▸ Export…
COPY_LANE = "copy"      # window/export_actions.py: Edit ▸ Copy as Markdown
STORY_LANE = "tree-story"  # tree/background.py: call order of every test after a scan
KEYS_LANE = "tree-keys"    # tree/background.py: key status of every recording after a scan


def diff_lane(view: object) -> str:
    """One lane per diff view (several diff windows compute side by side)."""
    return f"diff-{id(view):x}"


class JobControl:
    """What a running job sees: a cancel flag and a progress sender."""

    __slots__ = ("_event", "_send")

    def __init__(self, send: Callable[[str, Any], None]) -> None:
        self._event = threading.Event()
        self._send = send

    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def progress(self, value: Any) -> None:
        if not self._event.is_set():
            self._send(_PROGRESS, value)


@dataclass(slots=True)
class _Job:
    generation: int
    control: JobControl
    on_done: Callable[[Any], None] | None
    on_progress: Callable[[Any], None] | None
    on_error: Callable[[str], None] | None


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, control: JobControl) -> None:
        super().__init__()
        self._fn, self._args, self._control = fn, args, control

    def run(self) -> None:  # worker thread
        try:
            result = self._fn(self._control, *self._args)
        except Exception as exc:  # errors are values at the GUI boundary
            log.exception("background job failed")
            self._control._send(_ERROR, f"{type(exc).__name__}: {exc}")
        else:
            self._control._send(_DONE, result)


class Workers(QObject):
    """Owns a thread pool; lives in (and delivers to) the GUI thread."""

    # lane, generation, kind, ticket. Payloads never ride in the signal itself:
    # they wait in ``_payloads`` (a lock-guarded dict) and only a ticket number
    # crosses threads, so Python objects are never owned by a queued QVariant.
    _delivered = Signal(str, int, str, int)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._generation: dict[str, int] = {}
        self._jobs: dict[str, _Job] = {}
        self._payloads: dict[int, Any] = {}
        self._lock = threading.Lock()
        self._tickets = itertools.count(1)
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, lane: str, fn: Callable[..., Any], *args: Any,
               on_done: Callable[[Any], None] | None = None,
               on_progress: Callable[[Any], None] | None = None,
               on_error: Callable[[str], None] | None = None) -> int:
        """Run ``fn(control, *args)``; returns the job's generation in ``lane``."""
        self.cancel(lane)
        generation = self._generation.get(lane, 0) + 1
        self._generation[lane] = generation

        def send(kind: str, payload: Any) -> None:  # any thread
            with self._lock:
                ticket = next(self._tickets)
                self._payloads[ticket] = payload
            try:
                self._delivered.emit(lane, generation, kind, ticket)
            except RuntimeError:  # the Workers object is gone: nobody listens
                pass

        control = JobControl(send)
        self._jobs[lane] = _Job(generation, control, on_done, on_progress, on_error)
        self._pool.start(_Runnable(fn, args, control))
        return generation

    def cancel(self, lane: str) -> None:
        """Ask the lane's job to stop; it still delivers what it returns."""
        job = self._jobs.get(lane)
        if job is not None:
            job.control.cancel()

    def drop(self, lane: str) -> None:
        """Cancel the lane's job and ignore anything it still delivers."""
        self.cancel(lane)
        self._jobs.pop(lane, None)
        self._generation[lane] = self._generation.get(lane, 0) + 1

    def busy(self, lane: str) -> bool:
        return lane in self._jobs

    def generation(self, lane: str) -> int:
        return self._generation.get(lane, 0)

    def shutdown(self, msecs: int = 5000) -> bool:
        """Cancel everything, drop pending results, wait for the pool."""
        for lane in list(self._jobs):
            self.drop(lane)
        return self._pool.waitForDone(msecs)

    def wait(self, msecs: int = 5000) -> bool:
        """Wait until no job is running (results are still queued after this)."""
        return self._pool.waitForDone(msecs)

    @Slot(str, int, str, int)
    def _deliver(self, lane: str, generation: int, kind: str, ticket: int) -> None:
        with self._lock:
            payload = self._payloads.pop(ticket, None)
        job = self._jobs.get(lane)
        if job is None or job.generation != generation:
            return  # superseded: stale result
        if kind == _PROGRESS:
            if job.on_progress is not None:
                job.on_progress(payload)
            return
        del self._jobs[lane]
        if kind == _DONE and job.on_done is not None:
            job.on_done(payload)
        elif kind == _ERROR:
            if job.on_error is not None:
                job.on_error(payload)
            else:
                log.error("background job in lane %r failed: %s", lane, payload)
