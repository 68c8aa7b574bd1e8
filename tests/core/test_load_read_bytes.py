"""``read_bytes``: whole files, capped reads, and files that change size."""

from __future__ import annotations

import os

import pytest

from recviewer.core import load
from recviewer.core.load import read_bytes


def test_whole_file_and_capped_reads(tmp_path):
    path = tmp_path / "f.json"
    path.write_bytes(b"0123456789")
    assert read_bytes(path) == b"0123456789"
    assert read_bytes(path, 4) == b"0123"
    assert read_bytes(path, 100) == b"0123456789"
    assert read_bytes(path, 0) == b""


def test_empty_file(tmp_path):
    path = tmp_path / "e.json"
    path.write_bytes(b"")
    assert read_bytes(path) == b""


def test_a_file_that_grew_after_its_size_was_taken_is_read_to_its_end(tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    path.write_bytes(b"x" * 10)
    real_fstat = os.fstat

    class Shrunk:
        def __init__(self, st):
            self.st_mode, self.st_size = st.st_mode, 3  # says 3 bytes; 10 are there

    monkeypatch.setattr(load.os, "fstat", lambda fd: Shrunk(real_fstat(fd)))
    assert read_bytes(path) == b"x" * 10


def test_reads_larger_than_one_call_are_joined(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    path.write_bytes(bytes(range(256)) * 40)
    monkeypatch.setattr(load, "_READ_AT_ONCE", 1000)
    assert read_bytes(path) == bytes(range(256)) * 40
    assert read_bytes(path, 2500) == (bytes(range(256)) * 40)[:2500]


def test_a_fifo_is_refused_without_blocking(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        read_bytes(fifo)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(IsADirectoryError):
        read_bytes(tmp_path)


def _sparse(path, size: int):
    with open(path, "wb") as fh:
        fh.truncate(size)  # no blocks written: instant, takes no disk space
    return path


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    big = _sparse(tmp_path / "big.json", load.MAX_FILE_BYTES + 1)
    reads = []
    real_read = os.read
    monkeypatch.setattr(load.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(load.FileTooLarge) as caught:
        read_bytes(big)
    assert reads == [] and caught.value.size == load.MAX_FILE_BYTES + 1
    assert load.read_problem(caught.value) == \
        "too large to open (1.00 GB; recviewer opens files up to 1 GB)"
    assert read_bytes(big, 10) == bytes(10)  # a capped read (the Raw tab's first page) still works


def test_too_large_is_a_clear_error_in_the_catalog_and_on_open(tmp_path):
    from recviewer.core.catalog.scan import scan
    from recviewer.core.errors import RecordingError
    from recviewer.core.formats.registry import read_recording

    big = _sparse(tmp_path / "huge.json", load.MAX_FILE_BYTES + 5)
    (ref,) = scan(tmp_path).refs
    assert ref.error.startswith("too large to open") and ref.size == load.MAX_FILE_BYTES + 5
    rec = read_recording(big)
    assert isinstance(rec, RecordingError) and rec.reason.startswith("too large to open")
