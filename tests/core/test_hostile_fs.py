"""File-system faults: each odd file gives a RecordingError / an error ref with a
clear reason, and the rest of the scan goes on.

Unreadable files, symlink loops, broken links, FIFOs and devices, files deleted
between listing and reading, folders removed during a scan, names that are not
UTF-8. Tests run as root in CI, where chmod cannot make a file unreadable: there
the permission error is simulated at ``os.open``.
"""

from __future__ import annotations

import builtins
import errno
import os
import shutil
import sys
from pathlib import Path

import pytest

import recviewer.core.catalog.scan as catalog_module
from tests.corpus_paths import SEED
from tests.support.fuzz import run_cli, time_bound
from recviewer.core.catalog.scan import scan, scan_iter
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file-system features")


def _good(folder: Path, name: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED, path)
    return path


def _refs_by_name(root: Path) -> dict[str, catalog_module.RecordingRef]:
    with time_bound(20):
        catalog = scan(root)
    assert not catalog.cancelled
    return {r.rel_path: r for r in catalog.refs}


def _assert_error(result, *words: str) -> None:
    assert isinstance(result, RecordingError), result
    assert result.reason.strip()
    assert any(w in result.reason for w in words), result.reason


def _assert_cli_one_line(path: Path | str, *words: str) -> None:
    code, out, err = run_cli(["show", os.fspath(path)])
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("recviewer-cli: "), err
    assert any(w in err for w in words), err


# ----------------------------------------------------------------- permissions
def _assert_locked_beside_fine(root, bad) -> None:
    """``bad`` (a/locked.json) cannot be read: every consumer says "permission
    denied" in one line, and its neighbour b/fine.json still reads."""
    _assert_error(read_recording(bad), "permission denied")
    refs = _refs_by_name(root)
    assert refs["a/locked.json"].error == "permission denied"
    assert refs["b/fine.json"].error is None
    _assert_cli_one_line(bad, "permission denied")


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads a chmod 000 file anyway (simulated below)")
def test_chmod_000_file(tmp_path):
    bad = _good(tmp_path, "a/locked.json")
    _good(tmp_path, "b/fine.json")
    bad.chmod(0)
    try:
        _assert_locked_beside_fine(tmp_path, bad)
    finally:
        bad.chmod(0o644)


@pytest.fixture
def deny_reading(monkeypatch):
    """Make opening one path fail with EACCES (works as root too)."""
    denied: set[str] = set()
    real_os_open, real_open = os.open, builtins.open

    def check(path) -> None:
        if isinstance(path, (str, bytes, os.PathLike)) and os.fsdecode(path) in denied:
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))

    def fake_os_open(path, flags, *args, **kwargs):
        check(path)
        return real_os_open(path, flags, *args, **kwargs)

    def fake_open(file, *args, **kwargs):
        check(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(builtins, "open", fake_open)
    return denied


def test_unreadable_file_simulated(tmp_path, deny_reading):
    bad = _good(tmp_path, "a/locked.json")
    _good(tmp_path, "b/fine.json")
    deny_reading.add(os.fspath(bad))
    _assert_locked_beside_fine(tmp_path, bad)


# ----------------------------------------------------------------- links, pipes, devices
@posix_only
def test_symlink_loops_and_broken_links_end_and_are_reported(tmp_path):
    _good(tmp_path, "sub/ok.json")
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # folder loop
    (tmp_path / "sub" / "self").symlink_to(tmp_path / "sub" / "self")  # link to itself
    (tmp_path / "x.json").symlink_to(tmp_path / "y.json")  # file loop
    (tmp_path / "y.json").symlink_to(tmp_path / "x.json")
    (tmp_path / "gone.json").symlink_to(tmp_path / "missing.json")
    refs = _refs_by_name(tmp_path)
    assert refs["sub/ok.json"].error is None
    assert refs["gone.json"].error and "symbolic link" in refs["gone.json"].error
    assert refs["x.json"].error and refs["y.json"].error
    assert len(refs) == 4  # the folder loop added nothing, and the walk ended
    for path in (tmp_path / "x.json", tmp_path / "gone.json"):
        with time_bound(10):
            result = read_recording(path)
        _assert_error(result, "symbolic link", "not found", "cannot read")
        _assert_cli_one_line(path, "symbolic link", "not found", "cannot read")


@posix_only
def test_fifo_and_device_are_refused_without_blocking(tmp_path):
    _good(tmp_path, "ok.json")
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    for name in ("pipe.json", "zero.json"):
        with time_bound(10):  # a plain open() of a FIFO blocks; /dev/zero never ends
            result = read_recording(tmp_path / name)
        _assert_error(result, "not a regular file")
        _assert_cli_one_line(tmp_path / name, "not a regular file")
    refs = _refs_by_name(tmp_path)
    assert refs["ok.json"].error is None
    assert "not a regular file" in refs["pipe.json"].error
    assert "not a regular file" in refs["zero.json"].error


def test_folder_named_like_a_recording(tmp_path):
    (tmp_path / "folder.json").mkdir()
    _good(tmp_path, "folder.json/inner.json")
    _assert_error(read_recording(tmp_path / "folder.json"), "folder")
    _assert_cli_one_line(tmp_path / "folder.json", "folder")
    assert set(_refs_by_name(tmp_path)) == {"folder.json/inner.json"}


# ----------------------------------------------------------------- changes during a scan
def test_file_deleted_between_listing_and_reading(tmp_path, monkeypatch):
    for i in range(5):
        _good(tmp_path, f"r{i}.json")
    real_read_ref = catalog_module.read_ref

    def delete_then_read(found):
        if found.rel_path == "r2.json":
            os.remove(found.path)
        return real_read_ref(found)

    monkeypatch.setattr(catalog_module, "read_ref", delete_then_read)
    refs = _refs_by_name(tmp_path)
    assert len(refs) == 5
    assert "not found" in refs["r2.json"].error
    assert all(refs[f"r{i}.json"].error is None for i in (0, 1, 3, 4))
    _assert_error(read_recording(tmp_path / "r2.json"), "not found")


def test_folders_removed_during_a_scan(tmp_path):
    for folder in ("a", "b", "c"):
        for i in range(3):
            _good(tmp_path, f"{folder}/r{i}.json")
    seen = []
    with time_bound(20):
        for batch in scan_iter(tmp_path, batch_size=1):
            seen.extend(batch)
            if len(seen) == 1:
                shutil.rmtree(tmp_path / "a")  # the folder being read: listed files vanish
                shutil.rmtree(tmp_path / "b")  # a folder not reached yet
    by_name = {r.rel_path: r for r in seen}
    assert by_name["a/r0.json"].error is None
    assert all("not found" in (by_name[f"a/r{i}.json"].error or "") for i in (1, 2))
    assert not any(name.startswith("b/") for name in by_name)
    assert all(by_name[f"c/r{i}.json"].error is None for i in range(3))


def test_scanned_root_removed_or_missing(tmp_path):
    catalog = scan(tmp_path / "never-existed")
    assert catalog.refs == [] and catalog.error
    code, out, err = run_cli(["index", os.fspath(tmp_path / "never-existed")])
    assert code == 1 and err.count("\n") == 1


# ----------------------------------------------------------------- names
@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs byte file names")
def test_names_that_are_not_utf8(tmp_path):
    root = os.fsencode(tmp_path)
    bad_file = os.path.join(root, b"bad-\xff\xfe.json")
    bad_folder = os.path.join(root, b"dir-\xe9")
    os.mkdir(bad_folder)
    for target in (bad_file, os.path.join(bad_folder, b"inner.json")):
        shutil.copyfile(SEED, target)
    _good(tmp_path, "fine.json")

    refs = _refs_by_name(tmp_path)
    assert len(refs) == 3 and refs["fine.json"].error is None
    odd = [r for name, r in refs.items() if name != "fine.json"]
    for ref in odd:
        assert "\ufffd" in ref.rel_path  # shown with a replacement character
        ref.rel_path.encode("utf-8")  # and safe to print or encode
        assert ref.error is None or "UTF-8" in ref.error
        assert os.path.exists(ref.path)  # the OS path still reaches the file

    as_str = os.fsdecode(bad_file)  # what a command line hands over
    rec = read_recording(as_str)
    assert isinstance(rec, Recording) and rec.test_id
    code, out, err = run_cli(["show", as_str])
    assert code == 0 and "\ufffd" in out
    code, out, err = run_cli(["index", os.fspath(tmp_path), "--json"])
    assert code == 0 and ("\ufffd" in out or "\\ufffd" in out)
