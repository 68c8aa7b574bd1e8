"""Read a big folder's recordings on worker processes, one per core.

Reading a file's head is Python work, so threads would wait on each other for
the interpreter lock; worker processes do not. The scanning process keeps the
walk (cheap, and it fixes the order), reads the first batch itself so the
first rows appear while the workers start, and hands every later batch to a
worker. Batches come back in walk order. Paths go out and plain tuples come
back (cheaper to send than dataclasses).

Workers start only where they pay for themselves. With the default pool
(one worker per core) the files still to read are costed from their count and
bytes (``read_cost``: ``PER_FILE_S`` + ``PER_BYTE_S`` per byte, measured in
one process on the benchmark machine) while the walk looks ahead; workers
start once that estimate passes ``START_COST_S`` (twice the measured time to
start two workers and get their first answer: below it, two cores cannot win
back what starting them costs). An explicit worker count
(``ScanPool(n)``, ``--jobs N``) starts them after ``START_AFTER_BATCHES``
batches. Items already known (catalog cache hits, ``cache.py``) cost nothing
and pass through. If workers cannot be started or one dies, the rest is read
in this process: a scan never fails for it. Workers end themselves once the
scanning process is gone (``watch_parent``), even when it died without
closing the pool.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from dataclasses import fields
from functools import partial
from itertools import chain, islice
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from recviewer.core.catalog import head
from recviewer.core.catalog.refs import RecordingRef
from recviewer.core.catalog.scan import read_refs
from recviewer.core.catalog.walk import FoundFile

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# multiprocessing and concurrent.futures (~15 ms of imports) are imported when
# workers start: a scan that reads in this process (``recviewer-cli index`` of
# a few thousand files) never needs them.


def __getattr__(name: str) -> Any:
    """``ProcessPoolExecutor`` on first use (tests may replace it)."""
    if name == "ProcessPoolExecutor":
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _executor(workers: int) -> ProcessPoolExecutor:
    import multiprocessing

    make = globals().get("ProcessPoolExecutor") or __getattr__("ProcessPoolExecutor")
    return make(workers, mp_context=multiprocessing.get_context(_start_method()),
                initializer=watch_parent, initargs=(os.getpid(),))


WATCH_S = 0.5  # how often a worker looks whether the process that started it is alive


def watch_parent(pid: int) -> None:
    """In a worker (the executor's initializer): a daemon thread that ends the
    worker once ``pid`` (the scanning process) is gone, or once the worker's
    own parent changed (a ``forkserver`` worker's parent is the fork server,
    which exits with the scanning process). Without it, workers of a process
    that died without closing its pool (``os._exit``, SIGKILL) wait for work
    forever, holding whatever it had open (its stdout pipe)."""
    import threading

    parent = os.getppid()

    def watch() -> None:
        import time

        while os.getppid() == parent and _alive(pid):
            time.sleep(WATCH_S)
        os._exit(0)

    threading.Thread(target=watch, name="recviewer-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (dead, not yet reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else (a reused pid): not ours
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rpartition(b")")[2].split()[:1]
    except OSError:
        return True  # no /proc (macOS): the signal check is all there is
    return state != [b"Z"]


def _broken() -> tuple[type[BaseException], ...]:
    """What submitting to a dead or shut-down executor raises."""
    from concurrent.futures.process import BrokenProcessPool

    return (BrokenProcessPool, RuntimeError)


def _timeout() -> type[BaseException]:
    from concurrent.futures import TimeoutError as FutureTimeout

    return FutureTimeout

Cancel = Callable[[], bool]
MAX_WORKERS = 4  # beyond this, reading from the disk is what limits
START_AFTER_BATCHES = 8  # ScanPool(n): fewer batches to read after the first are read here
# The default pool's rule (docs/performance.md "When workers start"): in-process
# head-read cost per file and per byte, and what starting the workers costs.
PER_FILE_S = 60e-6
PER_BYTE_S = 3e-9
START_COST_S = 0.8
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


def _read_groups(found: list[tuple[str, str, str | None]], gists: bool = True,
                 tools: bool = True, keys: bool = False) -> list:
    """In a worker: each file's references, as tuples of RecordingRef fields
    (with row gists and tool names when the scanning process reads them).
    With ``keys``: ``(stat key, tuples)`` per file, the key ``(size, mtime_ns,
    inode)`` taken before the file is read (a change after it makes the key
    stale, never the references), None when it cannot be taken."""
    with head.gists_on(gists), head.tools_on(tools):
        if not keys:
            return [[_ref_fields(r) for r in read_refs(FoundFile(*f))] for f in found]
        out = []
        for f in found:
            try:
                st = os.stat(f[0])
                key: tuple[int, int, int] | None = (st.st_size, st.st_mtime_ns, st.st_ino)
            except OSError:
                key = None
            out.append((key, [_ref_fields(r) for r in read_refs(FoundFile(*f))]))
        return out


def file_size(found: FoundFile) -> int:
    try:
        return os.stat(found.path).st_size
    except OSError:
        return 0


def read_cost(files: int, size: int) -> float:
    """Estimated seconds to read ``files`` files of ``size`` bytes in all, in one process."""
    return files * PER_FILE_S + size * PER_BYTE_S




def _start_method() -> str:
    """``forkserver`` where there is one: workers come from a clean process, not
    a fork of this one and its threads (a GUI has several)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def map_batches(func: Callable[[list], list], batches: list[list],
                workers: int) -> list[list] | None:
    """``func`` of every batch on ``workers`` worker processes, results in
    batch order; None when workers cannot run here (then the caller reads in
    this process). ``func`` is one of our own module-level functions and takes
    and returns plain values only."""
    if workers <= 0 or not batches:
        return None
    try:
        with _executor(workers) as executor:
            return list(executor.map(func, batches))
    except Exception:  # noqa: BLE001 - no workers here (sandbox, frozen build, one died)
        return None


def imap_batches(func: Callable[[list], list], batches: Iterable[list], workers: int,
                 cancel: Cancel | None = None) -> Iterator[list]:
    """``func`` of each batch, in batch order, on ``workers`` worker processes
    with a few batches in flight (``func`` as for ``map_batches``). Stops soon
    after ``cancel()`` is true. Where workers cannot start or one dies, the
    remaining batches are done in this process: the results are the same."""
    source = iter(batches)
    executor: ProcessPoolExecutor | None = None
    if workers > 0:
        try:
            executor = _executor(workers)
        except (OSError, ValueError, ImportError, NotImplementedError):
            executor = None
    pending: deque[tuple[list, Future | None]] = deque()

    def submit(batch: list) -> Future | None:
        nonlocal executor
        if executor is None:
            return None
        try:
            return executor.submit(func, batch)
        except _broken():
            executor.shutdown(wait=False, cancel_futures=True)
            executor = None
            return None

    try:
        for batch in islice(source, 2 * max(1, workers)):
            pending.append((batch, submit(batch)))
        while pending:
            if cancel is not None and cancel():
                return
            batch, future = pending.popleft()
            result = None
            while future is not None:
                if cancel is not None and cancel():
                    return
                try:
                    result = future.result(timeout=_POLL)
                    break
                except _timeout():
                    continue
                except Exception:  # noqa: BLE001 - a dead or broken worker: do it here
                    if executor is not None:
                        executor.shutdown(wait=False, cancel_futures=True)
                    executor = None
                    future = None
            yield func(batch) if future is None else result
            for more in islice(source, 1):
                pending.append((more, submit(more)))
    finally:
        for _, future in pending:
            if future is not None:
                future.cancel()
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


class ScanPool:
    """Worker processes for catalog scans, started on first need and kept until
    ``close()`` (a ``with`` block); used by one scan at a time."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = default_workers() if workers is None else max(0, workers)
        self.by_cost = workers is None  # the default pool starts workers by read_cost
        self._executor: ProcessPoolExecutor | None = None
        self._failed = False  # workers could not be started or died: read here
        self._keys_out: dict[str, tuple[int, int, int] | None] | None = None  # read_groups

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
                self._executor = _executor(self.workers)
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
        for groups in self.read_groups(batches, cancel):
            yield [r for g in groups for r in g]

    def read_groups(self, batches: Iterable[list], cancel: Cancel | None = None,
                    size_of: Callable[[FoundFile], int] | None = None,
                    keys_out: dict[str, tuple[int, int, int] | None] | None = None,
                    ) -> Iterator[list[list[RecordingRef]]]:
        """Per batch, each item's references: a ``FoundFile`` is read (here or
        on a worker), a list of references (known already) is passed through.
        ``size_of(found)``: its size for the cost rule (default: a stat).
        ``keys_out``: filled with the stat key of each file a worker read
        (``_read_groups(keys=True)``), so the scanning process need not stat it."""
        self._keys_out = keys_out
        size_of = size_of or file_size
        source = iter(batches)
        held: list[list] = []
        if not self.started:
            # Batches known whole go at once while nothing is held; else look
            # ahead until the workers pay for themselves (or the walk ends). The
            # first batch with files to read is read here, before workers start,
            # so the first rows come without waiting for them.
            first: list | None = None
            cost, count = 0.0, 0
            for batch in source:
                todo = [item for item in batch if isinstance(item, FoundFile)]
                if not todo and not held and first is None:
                    yield batch
                    continue
                if first is None:
                    first = batch
                    continue
                held.append(batch)
                if self.workers <= 0:
                    break  # none to start: read on in order (``_submit`` gives None)
                if self.by_cost:
                    cost += read_cost(len(todo), sum(size_of(f) for f in todo))
                    if cost >= START_COST_S:
                        break
                elif todo:
                    count += 1
                    if count >= START_AFTER_BATCHES:
                        break
            else:
                for batch in ([first] if first is not None else []) + held:
                    if cancel is not None and cancel():
                        return
                    yield [_here(item) for item in batch]
                return
            yield [_here(item) for item in first]  # the first rows at once, before workers start
        rest = chain(held, source)
        pending: deque[tuple[list, Future | None]] = deque()
        # Batches in flight: enough that the workers keep reading while this
        # process is busy elsewhere (the window's GUI thread building the tree
        # holds the GIL for ~0.1–0.3 s; with 4 a worker ran dry: a cold 30k-file
        # window listing took ~5% longer).
        ahead = 12 * max(1, self.workers)

        def top_up() -> None:
            for batch in islice(rest, ahead - len(pending)):
                pending.append((batch, self._submit(batch)))

        try:
            self._get_executor()
            top_up()
            while pending:
                batch, future = pending.popleft()
                groups = self._collect(batch, future, cancel)
                if groups is None:
                    if future is not None:
                        future.cancel()
                    return
                top_up()
                yield groups
        finally:
            for _, future in pending:
                if future is not None:
                    future.cancel()

    def _submit(self, batch: list) -> Future | None:
        """Hand the files of ``batch`` to a worker (None: there are none or
        nothing to read, it is done here)."""
        todo = [(f.path, f.rel_path, f.problem) for f in batch if isinstance(f, FoundFile)]
        if self._executor is None or not todo:
            return None
        try:
            return self._executor.submit(partial(_read_groups, gists=head.GISTS,
                                                        tools=head.tools_wanted(),
                                                        keys=self._keys_out is not None), todo)
        except _broken():
            self._give_up_workers()
            return None

    def _collect(self, batch: list, future: Future | None,
                 cancel: Cancel | None) -> list[list[RecordingRef]] | None:
        """Each item's references (None when cancelled while waiting)."""
        while future is not None:
            if cancel is not None and cancel():
                return None
            try:
                answers = iter(future.result(timeout=_POLL))
            except _timeout():
                continue
            except Exception:  # noqa: BLE001 - a dead or broken worker: read it here
                self._give_up_workers()
                break
            keys_out = self._keys_out
            if keys_out is None:
                return [[RecordingRef(*t) for t in next(answers)] if isinstance(item, FoundFile)
                        else item for item in batch]
            groups: list[list[RecordingRef]] = []
            for item in batch:
                if isinstance(item, FoundFile):
                    key, tuples = next(answers)
                    keys_out[item.path] = key
                    groups.append([RecordingRef(*t) for t in tuples])
                else:
                    groups.append(item)
            return groups
        if cancel is not None and cancel():
            return None
        return [_here(item) for item in batch]


def _here(item) -> list[RecordingRef]:
    """An item's references, read in this process when it is a file."""
    return read_refs(item) if isinstance(item, FoundFile) else item
