"""Read a big folder's recordings on worker processes, one per core.

Reading a file's head is Python work, so threads would wait on each other for
the interpreter lock; worker processes do not. The scanning process keeps the
walk (cheap, and it fixes the order), reads the first batch itself so the
first rows appear while the workers start, and hands every later batch to a
worker. Batches come back in walk order. Paths go out and plain tuples come
back (cheaper to send than dataclasses).

Nothing is started for a small folder (under ``START_AFTER_BATCHES`` batches
after the first). If workers cannot be started or one dies, the rest is read
in this process: a scan never fails for it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import fields
from itertools import chain, islice
from operator import attrgetter
from typing import Callable, Iterable, Iterator

from recviewer.core.catalog.scan import RecordingRef, read_refs
from recviewer.core.catalog.walk import FoundFile

Cancel = Callable[[], bool]
MAX_WORKERS = 4  # beyond this, reading from the disk is what limits
START_AFTER_BATCHES = 8  # a folder with fewer batches after the first is read here
_POLL = 0.05  # seconds between looks at ``cancel`` while a batch is being read
_ref_fields = attrgetter(*(f.name for f in fields(RecordingRef)))


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_workers() -> int:
    """One worker per usable core, at most ``MAX_WORKERS``; none on a single
    core, and none in a frozen build (PyInstaller), whose executable is the
    app itself rather than a Python that can run a worker."""
    cores = usable_cores()
    if cores < 2 or getattr(sys, "frozen", False):
        return 0
    return min(cores, MAX_WORKERS)


def _read_batch(found: list[tuple[str, str, str | None]]) -> list[tuple]:
    """In a worker: the references of a batch, as tuples of RecordingRef fields."""
    return [_ref_fields(r) for f in found for r in read_refs(FoundFile(*f))]


def _start_method() -> str:
    """``forkserver`` where there is one: workers come from a clean process, not
    a fork of this one and its threads (a GUI has several)."""
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


class ScanPool:
    """Worker processes for catalog scans, started on first need and kept until
    ``close()`` (a ``with`` block); used by one scan at a time."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else max(0, workers)
        self._executor: ProcessPoolExecutor | None = None
        self._failed = False  # workers could not be started or died: read here

    def __enter__(self) -> ScanPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (queued batches are dropped)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    @property
    def started(self) -> bool:
        return self._executor is not None

    def _get_executor(self) -> ProcessPoolExecutor | None:
        if self._executor is None and not self._failed and self.workers > 0:
            try:
                context = multiprocessing.get_context(_start_method())
                self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
            except (OSError, ValueError, ImportError, NotImplementedError):
                self._failed = True  # no semaphores, no /dev/shm, a sandbox…
        return self._executor

    def _give_up_workers(self) -> None:
        self._failed = True
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def read_batches(self, batches: Iterable[list[FoundFile]],
                     cancel: Cancel | None = None) -> Iterator[list[RecordingRef]]:
        """The references of each batch, in order; stops soon after ``cancel()``."""
        source = iter(batches)
        # Workers take ~0.1 s to start: worth it for a big folder only (or once started).
        need = 2 if self.started else 1 + START_AFTER_BATCHES
        known = list(islice(source, need))
        if len(known) < need:
            for batch in known:
                if cancel is not None and cancel():
                    return
                yield [r for f in batch for r in read_refs(f)]
            return
        rest = chain(known[1:], source)
        pending: deque[tuple[list[FoundFile], Future | None]] = deque()
        ahead = 4 * max(1, self.workers)

        def top_up() -> None:
            for batch in islice(rest, ahead - len(pending)):
                pending.append((batch, self._submit(batch)))

        try:
            yield [r for f in known[0] for r in read_refs(f)]  # the first rows at once, before workers start
            self._get_executor()
            top_up()
            while pending:
                batch, future = pending.popleft()
                refs = self._collect(batch, future, cancel)
                if refs is None:
                    if future is not None:
                        future.cancel()
                    return
                top_up()
                yield refs
        finally:
            for _, future in pending:
                if future is not None:
                    future.cancel()

    def _submit(self, batch: list[FoundFile]) -> Future | None:
        """Hand ``batch`` to a worker (None: there are none, read it here)."""
        if self._executor is None:
            return None
        try:
            return self._executor.submit(_read_batch, [(f.path, f.rel_path, f.problem) for f in batch])
        except (BrokenProcessPool, RuntimeError):
            self._give_up_workers()
            return None

    def _collect(self, batch: list[FoundFile], future: Future | None,
                 cancel: Cancel | None) -> list[RecordingRef] | None:
        """The batch's references (None when cancelled while waiting)."""
        while future is not None:
            if cancel is not None and cancel():
                return None
            try:
                return [RecordingRef(*t) for t in future.result(timeout=_POLL)]
            except FutureTimeout:
                continue
            except Exception:  # noqa: BLE001 - a dead or broken worker: read it here
                self._give_up_workers()
                break
        if cancel is not None and cancel():
            return None
        return [r for f in batch for r in read_refs(f)]
