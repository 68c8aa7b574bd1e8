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
