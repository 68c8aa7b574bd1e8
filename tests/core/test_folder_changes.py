"""FolderSnapshot / changes: what a live reload needs to know, on real tmp folders."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

import recviewer.core.folder_changes as fc
from tests.conftest import corpus_files
from tests.corpus_paths import CORPUS, SEED
from recviewer.core.folder_changes import FolderChanges, FolderSnapshot, changes


def _write(path, text: str = "{}") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_snapshot_lists_json_files_with_size_and_mtime(tmp_path):
    _write(tmp_path / "a.json", "{}")
    _write(tmp_path / "sub" / "deeper" / "b.json", "[1, 2]")
    _write(tmp_path / "notes.txt", "x")
    _write(tmp_path / "sub" / "c.json.bak", "x")
    (tmp_path / "folder.json").mkdir()
    os.utime(tmp_path / "a.json", ns=(5, 1_000_000_007))

    snap = FolderSnapshot.take(tmp_path)
    assert snap.root == os.fspath(tmp_path) and snap.complete
    assert dict(snap.files) == {
        "a.json": (2, 1_000_000_007),
        "sub/deeper/b.json": (6, (tmp_path / "sub/deeper/b.json").stat().st_mtime_ns),
    }
    assert len(snap) == 2 and "a.json" in snap and "notes.txt" not in snap


def test_no_change_is_empty_and_falsy(tmp_path):
    _write(tmp_path / "a.json")
    d = changes(FolderSnapshot.take(tmp_path), FolderSnapshot.take(tmp_path))
    assert d == FolderChanges() and not d and d.count == 0


def test_added_removed_and_modified_are_sorted(tmp_path):
    for name in ("keep.json", "gone.json", "edit.json", "touch.json", "z/old.json"):
        _write(tmp_path / name, '{"v": 1}')
    old = FolderSnapshot.take(tmp_path)

    (tmp_path / "gone.json").unlink()
    shutil.rmtree(tmp_path / "z")
    _write(tmp_path / "edit.json", '{"v": 22}')  # size changes
    st = (tmp_path / "touch.json").stat()
    os.utime(tmp_path / "touch.json", ns=(st.st_atime_ns, st.st_mtime_ns + 1))  # same size
    _write(tmp_path / "b" / "new.json")
    _write(tmp_path / "a-new.json")

    d = changes(old, FolderSnapshot.take(tmp_path))
    assert d.added == ("a-new.json", "b/new.json")
    assert d.removed == ("gone.json", "z/old.json")
    assert d.modified == ("edit.json", "touch.json")
    assert d and d.count == 6


def test_renamed_file_is_a_removal_and_an_addition(tmp_path):
    _write(tmp_path / "before.json")
    old = FolderSnapshot.take(tmp_path)
    (tmp_path / "before.json").rename(tmp_path / "after.json")
    d = changes(old, FolderSnapshot.take(tmp_path))
    assert (d.added, d.removed, d.modified) == (("after.json",), ("before.json",), ())


def test_changes_accepts_plain_mappings():
    d = changes({"a.json": (1, 1), "b.json": (1, 1)}, {"b.json": (1, 2), "c.json": (0, 0)})
    assert d == FolderChanges(("c.json",), ("a.json",), ("b.json",))


def test_snapshot_of_a_single_file_and_of_nothing(tmp_path):
    _write(tmp_path / "one.json", "{}")
    snap = FolderSnapshot.take(tmp_path / "one.json")
    assert list(snap.files) == ["one.json"]
    missing = FolderSnapshot.take(tmp_path / "missing")
    assert len(missing) == 0 and missing.complete


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs")
def test_links_loops_and_odd_files(tmp_path):
    _write(tmp_path / "real" / "r.json", "{}")
    (tmp_path / "real" / "loop").symlink_to(tmp_path)  # entered once, never again
    (tmp_path / "linked.json").symlink_to(tmp_path / "real" / "r.json")
    (tmp_path / "broken.json").symlink_to(tmp_path / "nowhere.json")
    os.mkfifo(tmp_path / "pipe.json")
    snap = FolderSnapshot.take(tmp_path)
    assert sorted(snap.files) == ["linked.json", "real/r.json"]
    assert snap.files["linked.json"] == snap.files["real/r.json"]  # the target's stamp


def test_folder_vanishing_during_the_walk(tmp_path, monkeypatch):
    _write(tmp_path / "a" / "x.json")
    _write(tmp_path / "b" / "y.json")
    real_scandir = os.scandir

    def vanishing_scandir(path):
        if isinstance(path, str) and os.path.basename(path) == "a":
            shutil.rmtree(path)
        return real_scandir(path)

    monkeypatch.setattr(fc.os, "scandir", vanishing_scandir)
    snap = FolderSnapshot.take(tmp_path)
    assert list(snap.files) == ["b/y.json"] and snap.complete


def test_cancel_stops_the_walk(tmp_path):
    for i in range(10):
        _write(tmp_path / f"d{i}" / "r.json")
    snap = FolderSnapshot.take(tmp_path, cancel=lambda: True)
    assert not snap.complete and len(snap) == 0


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs byte file names")
def test_names_that_are_not_utf8(tmp_path):
    shutil.copyfile(SEED, os.path.join(os.fsencode(tmp_path), b"odd-\xff.json"))
    snap = FolderSnapshot.take(tmp_path)
    (name,) = snap.files
    assert os.path.exists(os.path.join(snap.root, name))  # the key still reaches the file


def test_snapshot_of_the_corpus_matches_its_files():
    snap = FolderSnapshot.take(CORPUS)
    expected = {p.relative_to(CORPUS).as_posix() for p in corpus_files()}
    cassettes = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*")
                 if p.name.endswith((".yaml", ".yml", ".yaml.gz")) and p.is_file()}
    assert cassettes  # the walk's cassettes are watched too
    assert set(snap.files) == expected | cassettes
    assert not changes(snap, FolderSnapshot.take(CORPUS))
