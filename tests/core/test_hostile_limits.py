"""Big inputs, bounded memory, cancellable scans (core only; no timing asserts).

- A streamed chat recording of ~20 MB (CI) / ~200 MB (``RECVIEWER_SLOW=1``) with
  big chunks, and one of 100,000 small chunks: read_recording, the replay
  cursor and the catalog work, and tracemalloc's peak stays under a generous
  multiple of the file size.
- A folder of 20,000 tiny recordings: a scan cancelled at any moment stops
  reading files at once and says it was cancelled.
"""

from __future__ import annotations

import gc
import os
import tracemalloc
from pathlib import Path

import pytest

import recviewer.core.catalog.scan as catalog_module
from recviewer.core.catalog.scan import scan, scan_iter
from recviewer.core.catalog.walk import FoundFile
from recviewer.core.folder_changes import FolderSnapshot
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from recviewer.core.replay import ReplayCursor
from tests.support.synthetic import FOLDERS, PER_FOLDER, write_many_files, write_stream

# Bounds on tracemalloc's peak, as multiples of the file size. Parsing reserves
# orjson's (yyjson's) worst-case arena up front, ~13-15x the size for dense
# JSON, most of it never touched (the process RSS stays ~3-5x): hence the
# looser bound while reading. What stays alive, and replaying, are held tighter.
READ_PEAK_FACTOR = 24
KEPT_FACTOR = 5
REPLAY_PEAK_FACTOR = 4
SLOW = os.environ.get("RECVIEWER_SLOW") == "1"


def _traced(fn, *args):
    """(result, memory still held, peak) of ``fn(*args)`` under tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn(*args)
        kept, peak = tracemalloc.get_traced_memory()
        return result, kept, peak
    finally:
        tracemalloc.stop()


def _replay(rec: Recording, chunks: int) -> None:
    cursor = ReplayCursor(rec.exchange)
    assert len(cursor) == chunks
    end = cursor.seek(chunks)
    assert end.text == rec.exchange.response_messages[0].text
    middle = cursor.seek(chunks // 2 + 1)
    assert middle.position == chunks // 2 + 1 and len(middle.text) < len(end.text)
    assert end.text.startswith(middle.text)
    assert cursor.step(-1).position == chunks // 2
    assert cursor.markers().finish == chunks - 1


def _check_big(tmp_path: Path, chunks: int, text_chars: int, small: bool = False) -> None:
    path = tmp_path / "big.json"
    size = write_stream(path, chunks, text_chars, small)
    rec, kept, peak = _traced(read_recording, path)
    assert isinstance(rec, Recording), rec
    assert rec.format == "openai_chat" and rec.chunk_count == chunks
    assert rec.exchange.finish_reason == "stop"
    mb = size / 1e6
    assert peak < READ_PEAK_FACTOR * size, f"reading: peak {peak / 1e6:.0f} MB, file {mb:.0f} MB"
    assert kept < KEPT_FACTOR * size, f"kept {kept / 1e6:.0f} MB for a {mb:.0f} MB file"
    _, _, peak = _traced(_replay, rec, chunks)
    assert peak < REPLAY_PEAK_FACTOR * size, f"replay: peak {peak / 1e6:.0f} MB, file {mb:.0f} MB"
    del rec
    ref = scan(tmp_path).refs[0]  # the catalog's cheap path on a big file
    assert ref.error is None and ref.chunks == chunks and ref.format == "openai_chat"
    assert ref.size == size


def test_twenty_megabyte_stream_with_big_chunks(tmp_path):
    _check_big(tmp_path, chunks=5_000, text_chars=3_600)
    assert (tmp_path / "big.json").stat().st_size > 19_000_000


@pytest.mark.slow
@pytest.mark.skipif(not SLOW, reason="set RECVIEWER_SLOW=1 for the 200 MB recording")
def test_two_hundred_megabyte_stream(tmp_path):
    _check_big(tmp_path, chunks=50_000, text_chars=3_600)
    assert (tmp_path / "big.json").stat().st_size > 190_000_000


def test_hundred_thousand_chunk_stream(tmp_path):
    _check_big(tmp_path, chunks=100_000, text_chars=3, small=True)


# ----------------------------------------------------------------- cancelling scans
@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_many_files(tmp_path_factory.mktemp("many"))


class CountingCancel:
    """cancel() turns true after ``after`` questions; counts files read after that."""

    def __init__(self, after: int) -> None:
        self.after, self.asked, self.read_after_cancel = after, 0, 0

    @property
    def fired(self) -> bool:
        return self.asked > self.after

    def __call__(self) -> bool:
        self.asked += 1
        return self.fired


@pytest.mark.parametrize("after", [0, 1, 2, 700, 9_999])
def test_scan_stops_reading_as_soon_as_cancelled(many_files, monkeypatch, after):
    cancel = CountingCancel(after)
    real_read_ref = catalog_module.read_ref

    def counting_read_ref(found: FoundFile):
        if cancel.fired:
            cancel.read_after_cancel += 1
        return real_read_ref(found)

    monkeypatch.setattr(catalog_module, "read_ref", counting_read_ref)
    catalog = scan(many_files, cancel=cancel)
    assert catalog.cancelled is True
    assert cancel.read_after_cancel == 0
    assert len(catalog.refs) < FOLDERS * PER_FOLDER
    assert len(catalog.refs) <= after
    assert all(r.error is None for r in catalog.refs)


def test_scan_cancelled_after_the_first_batch(many_files):
    batches: list[int] = []
    catalog = scan(many_files, progress=batches.append, cancel=lambda: bool(batches))
    assert catalog.cancelled is True
    assert batches == [256] and len(catalog.refs) == 256
    assert [r.rel_path for r in catalog.refs[:2]] == ["d000/r000.json", "d000/r001.json"]


def test_scan_iter_abandoned_midway_and_a_full_scan(many_files):
    it = scan_iter(many_files, batch_size=100)
    first = next(it)
    it.close()  # the consumer went away: the generator ends cleanly
    assert len(first) == 100
    full = scan(many_files)
    assert not full.cancelled and len(full.refs) == FOLDERS * PER_FOLDER and full.errors == 0
    assert full.tests == FOLDERS * PER_FOLDER


def test_folder_snapshot_of_many_files_and_cancelled(many_files):
    snap = FolderSnapshot.take(many_files)
    assert snap.complete and len(snap) == FOLDERS * PER_FOLDER
    asked = []
    cut = FolderSnapshot.take(many_files, cancel=lambda: asked.append(1) or len(asked) > 3)
    assert not cut.complete and len(cut) < len(snap)
