"""After a scan: story places and key statuses for the tree, off the GUI thread.

Two jobs on the workers helper (``ui/workers.py``), started when a scan ends,
so the first rows never wait for them:

- story order: per test, ``core.sequence.order_refs`` (each chat recording of
  the test read once) → ``{path: place}`` batches → ``TestTreeModel.set_places``
  (rows move into call order, the name cell gains ``#2``);
- key status: per recording, ``core.keys.verify.classify`` with the test ids
  of its folder → ``{path: (class, cause)}`` batches →
  ``TestTreeModel.set_key_statuses`` (Key column, ``key:stale`` / ``is:stale``).

A new scan supersedes both (each lane drops what an old job still delivers).
Cassette interactions (``FILE#N``) keep their recorded order and have no key.
With a byte reader (a git revision's blobs: ``DetailPane.byte_reader``) both
read through it, never from disk.
"""

from __future__ import annotations

import os
from typing import Callable

from PySide6.QtCore import QObject, Signal

from recviewer.core.catalog.scan import RecordingRef
from recviewer.ui.tree.labels import interaction_number
from recviewer.ui.workers import KEYS_LANE, STORY_LANE, JobControl, Workers

BATCH_TESTS = 40  # tests per story batch sent to the GUI thread
BATCH_FILES = 200  # files per key-status batch
MAX_TEST_IDS = 512  # test ids tried for a stale file (its folder's)


def _plain_files(refs: list[RecordingRef]) -> list[RecordingRef]:
    return [r for r in refs if r.is_recording and interaction_number(r.rel_path) is None]


def story_job(control: JobControl, refs: list[RecordingRef],
              read_bytes: Callable[[str], bytes] | None = None) -> int:
    """Worker: places per test, sent in batches; returns how many were placed."""
    from recviewer.core.sequence import order_refs

    by_function: dict[str, list[RecordingRef]] = {}
    for ref in _plain_files(refs):
        if ref.test_id:
            by_function.setdefault(ref.test_id.partition("[")[0], []).append(ref)
    placed, batch, tests = 0, {}, 0
    for group in by_function.values():  # a function's parametrisations together (borrowed parents)
        if control.cancelled():
            break
        try:
            places = order_refs(group, read_bytes=read_bytes)
        except Exception:  # noqa: BLE001 - one odd test must not stop the others
            continue
        batch.update(places)
        tests += 1
        if tests % BATCH_TESTS == 0:
            control.progress(batch)
            placed += len(batch)
            batch = {}
    if batch:
        control.progress(batch)
        placed += len(batch)
    return placed


def keys_job(control: JobControl, refs: list[RecordingRef],
             read_bytes: Callable[[str], bytes] | None = None) -> int:
    """Worker: key status per recording file, sent in batches."""
    from recviewer.core.keys.compute import loads_exact
    from recviewer.core.keys.verify import classify

    files = _plain_files(refs)
    ids_by_folder: dict[str, list[str]] = {}
    for ref in files:
        ids = ids_by_folder.setdefault(os.path.dirname(ref.path), [])
        if ref.test_id and ref.test_id not in ids and len(ids) < MAX_TEST_IDS:
            ids.append(ref.test_id)
    batch: dict[str, tuple[str, str | None]] = {}
    done = 0
    for ref in files:
        if control.cancelled():
            break
        try:
            doc = None if read_bytes is None else loads_exact(read_bytes(ref.path))
            status = classify(ref.path, doc,
                              test_ids=ids_by_folder.get(os.path.dirname(ref.path), ()))
        except Exception:  # noqa: BLE001 - a file that defeats the rules is 'unknown'
            status = None
        if status is not None:
            batch[ref.path] = (status.cls, status.cause)
        if len(batch) >= BATCH_FILES:
            control.progress(batch)
            done += len(batch)
            batch = {}
    if batch:
        control.progress(batch)
        done += len(batch)
    return done


class TreeFacts(QObject):
    """Starts both jobs for a finished scan and hands their batches to the model."""

    places_done = Signal(int)  # recordings placed
    keys_done = Signal(int)  # recordings with a key status

    def __init__(self, workers: Workers, on_places: Callable[[dict], None],
                 on_keys: Callable[[dict], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self._on_places, self._on_keys = on_places, on_keys

    def start(self, refs: list[RecordingRef],
              read_bytes: Callable[[str], bytes] | None = None) -> None:
        refs = list(refs)
        self._workers.submit(STORY_LANE, story_job, refs, read_bytes,
                             on_progress=self._on_places,
                             on_done=self.places_done.emit, on_error=lambda _m: None)
        self._workers.submit(KEYS_LANE, keys_job, refs, read_bytes, on_progress=self._on_keys,
                             on_done=self.keys_done.emit, on_error=lambda _m: None)

    def stop(self) -> None:
        self._workers.drop(STORY_LANE)
        self._workers.drop(KEYS_LANE)
