"""FolderWatch: notices files changing under the open folder.

A QFileSystemWatcher watches every folder under the root (and the ``*.json``
files themselves while there are not too many, since writing a file in place
does not touch its folder), and the root's parent (a renamed root tells no one
else); its events are debounced (``DEBOUNCE_MS``) into one check. With more than ``MAX_FOLDERS`` folders, or when the watcher refuses a
path (the system's watch limit), a QTimer polls every ``POLL_MS`` instead.

Every check runs in the workers' "live" lane (``folder_check``): a new
snapshot compared with the last one, changed files re-read. ``report`` is
emitted on the GUI thread when something changed. ``prepare(root)`` (scan
started) takes the baseline; ``resume()`` (scan finished) starts reporting.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from recviewer.core.catalog.walk import is_valid_utf8
from recviewer.core.folder_changes import FolderSnapshot
from recviewer.core.catalog.folder_check import CheckResult, FolderState, abs_path, check_folder, take_state
from recviewer.ui.workers import LIVE_LANE, JobControl, Workers

LANE = LIVE_LANE
DEBOUNCE_MS = 300
MAX_DELAY_S = 2.0  # a steady stream of events still gets a check this often
POLL_MS = 2000
BASELINE_DELAY_MS = 300  # after a scan starts, before the baseline walk
MAX_FOLDERS = 2000
MAX_FILES = 4000  # files watched one by one; above, only folders (plus polling)
OFF, WATCH, POLL = "off", "watch", "poll"


def _baseline_job(control: JobControl, root: str, limit: int) -> FolderState | None:
    state = take_state(root, limit, control.cancelled)
    return None if control.cancelled() else state


def _check_job(control: JobControl, root: str, old: FolderSnapshot,
               limit: int) -> CheckResult | None:
    return check_folder(root, old, limit, control.cancelled)


class FolderWatch(QObject):
    report = Signal(object)  # CheckResult with changes, or with state.root_missing
    mode_changed = Signal(str)  # OFF | WATCH | POLL
    ready = Signal()  # the baseline is taken

    def __init__(self, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self.max_folders, self.max_files = MAX_FOLDERS, MAX_FILES
        self.force_poll = False  # tests: take the polling path
        self._root: str | None = None
        self._baseline: FolderSnapshot | None = None
        self._active = False  # reporting (no scan running, watching enabled)
        self._missing = False
        self._refused = False  # the watcher refused a path: poll until the next root
        self._mode = OFF
        self.checks = 0  # checks completed (tests wait on it)
        self._again = False  # asked to check while a check ran: once more after it
        self._first_event = 0.0  # when the pending debounce started
        self._watcher: QFileSystemWatcher | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.check_now)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll)
        # The baseline walk starts a moment after the scan: run at once, it
        # competes with the scan worker for the GIL and delays the first rows.
        self._baseline_timer = QTimer(self)
        self._baseline_timer.setSingleShot(True)
        self._baseline_timer.setInterval(BASELINE_DELAY_MS)
        self._baseline_timer.timeout.connect(self._take_baseline)

    # ------------------------------------------------------------ state
    @property
    def mode(self) -> str:
        return self._mode

    @property
    def root(self) -> str | None:
        return self._root

    @property
    def has_baseline(self) -> bool:
        return self._baseline is not None

    def set_intervals(self, debounce_ms: int, poll_ms: int) -> None:
        self._debounce.setInterval(debounce_ms)
        self._poll.setInterval(poll_ms)

    def watched(self) -> list[str]:
        w = self._watcher
        return (w.directories() + w.files()) if w is not None else []

    # ------------------------------------------------------------ control
    def prepare(self, root: str, *, baseline: bool = True) -> None:
        """A scan of ``root`` starts: take the baseline now (unless watching is
        off: ``resume`` takes it then), report after ``resume``."""
        self.stop()
        self._root, self._baseline, self._missing = os.path.abspath(root), None, False
        self._refused = False
        if baseline:
            self._baseline_timer.start()

    def _take_baseline(self) -> None:
        if self._root is not None:
            self._workers.submit(LANE, _baseline_job, self._root, self.max_folders,
                                 on_done=self._on_baseline)

    def resume(self) -> None:
        """Start reporting: check once (changes made during the scan), then watch."""
        if self._root is None:
            return
        self._active = True
        if self._baseline is not None:
            self.check_now()
        elif not self._workers.busy(LANE) and not self._baseline_timer.isActive():
            # watching was off when the scan started
            self.prepare(self._root)
            self._active = True

    def stop(self) -> None:
        """Stop watching and reporting (the baseline is kept for ``resume``)."""
        self._active = False
        self._debounce.stop()
        self._poll.stop()
        self._baseline_timer.stop()
        self._workers.drop(LANE)
        self._drop_watcher()
        self._set_mode(OFF)

    def check_now(self) -> None:
        if not self._active or self._root is None or self._baseline is None:
            return
        if self._workers.busy(LANE):  # never cancel a check: it would never finish
            self._again = True       # while files keep changing
            return
        self._again = False
        self._workers.submit(LANE, _check_job, self._root, self._baseline, self.max_folders,
                             on_done=self._on_checked)

    # ------------------------------------------------------------ results
    def _on_baseline(self, state: FolderState | None) -> None:
        if state is None:
            return
        self._baseline = state.snapshot
        self._missing = state.root_missing
        self.ready.emit()
        if self._active:
            self._follow(state)
            self.check_now()

    def _on_checked(self, result: CheckResult | None) -> None:
        self.checks += 1
        if self._again:
            QTimer.singleShot(0, self.check_now)
        if result is None or not self._active:
            return
        state = result.state
        went_missing = state.root_missing and not self._missing
        self._missing = state.root_missing
        if not state.root_missing:
            self._baseline = state.snapshot
        self._follow(state)
        if result.changes or went_missing:
            self.report.emit(result)

    def _on_poll(self) -> None:
        if not self._workers.busy(LANE):
            self.check_now()

    # ------------------------------------------------------------ watching
    def _follow(self, state: FolderState) -> None:
        """Watch what ``state`` lists, or poll when that is not possible."""
        if not self._active:
            return
        files = state.snapshot.files
        too_many = state.folders is None or len(state.folders) > self.max_folders
        if (self.force_poll or self._refused or state.root_missing or too_many
                or not self._watch(state)):
            self._drop_watcher()
            self._set_mode(POLL)
            if not self._poll.isActive():
                self._poll.start()
            return
        self._set_mode(WATCH)
        if len(files) > self.max_files:  # in-place writes are seen by polling only
            if not self._poll.isActive():
                self._poll.start()
        else:
            self._poll.stop()

    def _watch(self, state: FolderState) -> bool:
        """Bring the watcher's paths in line with ``state``; False if it refused any."""
        root = self._root or ""
        wanted = {f for f in state.folders or () if is_valid_utf8(f)}
        parent = os.path.dirname(root)
        if parent and parent != root and is_valid_utf8(parent):
            wanted.add(parent)  # the root itself renamed or removed (see _on_event)
        if len(state.snapshot.files) <= self.max_files:
            wanted.update(abs_path(root, rel) for rel in state.snapshot.files
                          if is_valid_utf8(rel))  # Qt cannot name the others
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.directoryChanged.connect(self._on_event)
            self._watcher.fileChanged.connect(self._on_event)
        have = set(self.watched())
        stale = sorted(have - wanted)
        if stale:
            self._watcher.removePaths(stale)
        new = sorted(wanted - have)
        failed = self._watcher.addPaths(new) if new else []
        if [p for p in failed if os.path.exists(p)]:  # vanished ones are no failure
            self._refused = True
        return not self._refused

    def _on_event(self, path: str) -> None:
        if not self._active or self._root is None:
            return
        if path == os.path.dirname(self._root):  # a sibling changed, or the root went
            if os.path.isdir(self._root) != self._missing:
                return
        if not self._debounce.isActive():
            self._first_event = time.monotonic()
        elif time.monotonic() - self._first_event > MAX_DELAY_S:
            return  # let the pending check fire: events keep coming
        self._debounce.start()

    def _drop_watcher(self) -> None:
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None

    def _set_mode(self, mode: str) -> None:
        if mode != self._mode:
            self._mode = mode
            self.mode_changed.emit(mode)
