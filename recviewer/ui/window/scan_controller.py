"""ScanController: one folder scan at a time, batches streamed to the GUI thread.

Starting a scan supersedes the running one (its remaining batches are dropped);
``cancel()`` stops it and reports what was found so far. A big folder's files
are read on worker processes (``core.catalog.pool``), started for the scan and
stopped when it ends: no idle processes hold memory between scans. Files the
catalog cache knows unchanged are not read again (``core.catalog.cache``).
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal
from PySide6.QtWidgets import QStatusBar

from recviewer.core.catalog.refs import tool_terms
from recviewer.core.catalog.scan import RecordingRef, scan_iter
from recviewer.core.catalog.walk import display_text
from recviewer.core.catalog.pool import ScanPool
from recviewer.core.sources.base import RecordingSource, scan_source_iter
from recviewer.ui.workers import SCAN_LANE, JobControl, Workers

LANE = SCAN_LANE
GISTS = "gists"  # progress tag of the gist pass's batches


# After the first batch the worker steps aside briefly: scanning on at full speed
# it holds the GIL while the GUI thread inserts the first rows, which then take
# ~10x longer to appear (measured: ~220 ms instead of ~30 ms at 30k files).
FIRST_BATCH_PAUSE = 0.03

# The scan thread sends what it read at most this often (the first batch at
# once): every message wakes the GUI thread, which then holds the GIL the scan
# needs (a warm 30k-file re-open read 118 batches in ~0.2 s).
SEND_EVERY_S = 0.05

# The GUI takes the scan's batches together, at most this often: each batch
# handed to the tree costs a relayout of the view's visible rows and a repaint,
# whatever its size (py-spy at 30k files: ~55% of the window's scan time was
# QTreeView::doItemsLayout + paint after each of ~118 batches); a big one is a
# model reset (TestTreeModel.BULK_ROWS), ~0.15 s on a 30k-row tree. The first
# batch goes at once (first rows), and all that is pending when the scan ends
# (a warm re-open of 30k files: two hand-overs); the interval grows with the
# rows listed so far.
MERGE_MIN_MS = 400
MERGE_MAX_MS = 1500
MERGE_MS_PER_1K_ROWS = 40  # 30k rows listed: ~1.5 s between hand-overs (each is a reset)


def merge_interval_ms(rows: int) -> int:
    """How long the controller gathers batches once ``rows`` are listed."""
    return min(MERGE_MAX_MS, MERGE_MIN_MS + rows * MERGE_MS_PER_1K_ROWS // 1000)


@dataclass(slots=True, frozen=True)
class ScanResult:
    root: str
    count: int
    cancelled: bool
    error: str | None = None


LISTED = "listed"  # progress marker: every row is listed, the gist pass follows


def _scan_job(control: JobControl, root: str, batch_size: int,
              processes: int | None = None, use_cache: bool = True,
              gist_pass: bool = False,
              listed_taken: threading.Event | None = None) -> tuple[int, bool]:
    """Worker thread: stream (refs, tool-name filter words) batches through
    ``control.progress``, read without row gists (they double the cost of a
    file's head: the rows are listed first); then ``LISTED``; then the gist
    pass: the folder scanned again with gists (the catalog cache serves what
    it holds with gists and keeps what is read), ``(GISTS, refs)`` batches of
    the refs whose gist differs from the listed one. Without ``gist_pass``
    (the default, as ``benchmarks/bench_index`` runs it) the rows are read with
    their gists and only ``(refs, terms)`` batches are sent."""
    from recviewer.core.catalog.head import gists_on

    count = 0
    cached = {"cache": True} if use_cache else {}
    listed: dict[str, str | None] = {}
    held: list[RecordingRef] = []  # read, not yet sent (see SEND_EVERY_S)
    sent_at = 0.0

    def send() -> None:
        nonlocal held, sent_at
        if held:
            control.progress((held, tool_terms(held)))
            held, sent_at = [], time.monotonic()

    with ScanPool(processes) as pool:
        with gists_on(not gist_pass):
            for batch in scan_iter(root, batch_size=batch_size, cancel=control.cancelled,
                                   pool=pool, **cached):
                if control.cancelled():
                    break
                count += len(batch)
                held.extend(batch)
                if gist_pass:
                    listed.update((r.path, r.gist) for r in batch)
                if count == len(batch):
                    send()
                    time.sleep(FIRST_BATCH_PAUSE)  # let the GUI thread show the first rows at once
                elif time.monotonic() - sent_at >= SEND_EVERY_S:
                    send()
            if not control.cancelled():
                send()
        if control.cancelled() or not gist_pass:
            return count, control.cancelled()
        control.progress(LISTED)
        # The GUI thread builds the tree from the listing now; reading on at
        # once would hold the GIL it needs (a warm 30k-file re-open: the tree
        # took ~70% longer). The gist pass starts once the rows are shown.
        while listed_taken is not None and not listed_taken.wait(0.05):
            if control.cancelled():
                return count, True
        for batch in scan_iter(root, batch_size=batch_size, cancel=control.cancelled, pool=pool,
                               **cached):
            if control.cancelled():
                break
            changed = [r for r in batch if r.path in listed and listed[r.path] != r.gist]
            if changed:
                control.progress((GISTS, changed))
    return count, False


def clear_catalog_cache(bar: QStatusBar | None = None) -> str:
    """File ▸ Clear Cache: delete the catalog cache (``core.catalog.cache``);
    the next open reads every file again. Returns the message shown."""
    from recviewer.core.catalog.cache import clear_cache

    try:
        message = f"Cache cleared ({display_text(str(clear_cache()))})"
    except OSError as exc:
        message = f"Could not clear the cache: {exc.strerror or exc}"
    if bar is not None:
        bar.showMessage(message, 8000)
    return message


def _source_scan_job(control: JobControl, source: RecordingSource,
                     batch_size: int) -> tuple[int, bool]:
    """Worker thread: as ``_scan_job``, the recordings read from ``source`` (a git
    revision, say: its bytes come from git objects, never from the disk)."""
    count = 0
    for batch in scan_source_iter(source, batch_size=batch_size, cancel=control.cancelled):
        if control.cancelled():
            break
        count += len(batch)
        control.progress((batch, tool_terms(batch)))
    return count, control.cancelled()


class ScanController(QObject):
    started = Signal(object)  # root (str, kept exact)
    batch = Signal(object, object)  # list[RecordingRef], {path: filter words}
    progress = Signal(int)  # recordings so far
    finished = Signal(object)  # ScanResult: every row is listed (gists may follow)
    gists = Signal(object)  # list[RecordingRef]: listed refs, now with their row gist

    def __init__(self, workers: Workers, parent: QObject | None = None,
                 batch_size: int = 256, processes: int | None = None,
                 use_cache: bool = True, gist_pass: bool = True) -> None:
        super().__init__(parent)
        self._workers = workers
        self._processes = processes  # reading a big folder (None: one per core)
        self._batch_size = batch_size
        self._use_cache = use_cache  # the catalog cache (core/catalog/cache.py)
        self._gist_pass = gist_pass  # rows listed without gists, gists after (_scan_job)
        self._reported = False  # finished was emitted for this scan
        self._root: str | None = None
        self._count = 0
        self._running = False
        self._source: RecordingSource | None = None  # None: the folder on disk
        self._pending: list[RecordingRef] = []  # received, not yet handed to the GUI
        self._pending_terms: dict[str, str] = {}
        self._emitted = 0  # recordings handed over (batch signal) in this scan
        self._listed_taken = threading.Event()  # per scan (start)
        self._merge = QTimer(self)
        self._merge.setSingleShot(True)
        self._merge.timeout.connect(self._flush)

    @property
    def source(self) -> RecordingSource | None:
        """Where the last scan read from: None for the folder on disk."""
        return self._source

    @property
    def root(self) -> str | None:
        return self._root

    @property
    def running(self) -> bool:
        return self._running

    def start(self, root: str, source: RecordingSource | None = None) -> bool:
        """Scan ``root`` (a folder); False (and a finished error) if it is not one.
        With ``source`` the recordings come from it instead (``root`` names the
        folder it stands for, e.g. a git revision of that folder)."""
        root = os.path.abspath(root)
        self._workers.drop(LANE)
        self._root, self._count = root, 0
        self._reported = False
        self._drop_pending()
        self._source = source
        self.started.emit(root)
        if source is not None:
            self._running = True
            self._workers.submit(LANE, _source_scan_job, source, self._batch_size,
                                 on_done=self._on_done, on_progress=self._on_batch,
                                 on_error=self._on_error)
            return True
        if not os.path.isdir(root):
            self._running = False
            self.finished.emit(ScanResult(root, 0, False, f"not a folder: {root}"))
            return False
        self._running = True
        self._listed_taken = threading.Event()  # set once the listing is shown (_report)
        self._workers.submit(LANE, _scan_job, root, self._batch_size, self._processes,
                             self._use_cache, self._gist_pass, self._listed_taken,
                             on_done=self._on_done, on_progress=self._on_batch,
                             on_error=self._on_error)
        return True

    def cancel(self) -> None:
        if self._running:
            self._workers.cancel(LANE)

    def _on_batch(self, payload) -> None:
        if payload == LISTED:
            self._report(ScanResult(self._root or "", self._count, False))
            return
        refs, terms = payload
        if refs == GISTS:
            self.gists.emit(terms)  # the gist pass: (GISTS, refs)
            return
        self._count += len(refs)
        self._pending.extend(refs)
        self._pending_terms.update(terms)
        if not self._emitted:
            self._flush()  # the first rows at once
        elif not self._merge.isActive():
            self._merge.start(merge_interval_ms(self._emitted))
        self.progress.emit(self._count)

    def _flush(self) -> None:
        """Hand what was gathered to the GUI (one ``batch`` signal)."""
        self._merge.stop()
        if not self._pending:
            return
        refs, terms = self._pending, self._pending_terms
        self._pending, self._pending_terms = [], {}
        self._emitted += len(refs)
        self.batch.emit(refs, terms)

    def _drop_pending(self) -> None:
        self._merge.stop()
        self._pending, self._pending_terms, self._emitted = [], {}, 0

    def _report(self, result: ScanResult) -> None:
        """The listing ended: everything found is listed, then ``finished``
        (once per scan; the gist pass may still be running)."""
        self._flush()
        self._running = False
        if not self._reported:
            self._reported = True
            self.finished.emit(result)
        self._listed_taken.set()  # the gist pass may start (_scan_job)

    def _on_done(self, outcome: tuple[int, bool]) -> None:
        _, cancelled = outcome
        self._report(ScanResult(self._root or "", self._count, cancelled))

    def _on_error(self, message: str) -> None:
        if self._reported:  # the gist pass failed: the rows keep their file names
            return
        self._report(ScanResult(self._root or "", self._count, False, message))
