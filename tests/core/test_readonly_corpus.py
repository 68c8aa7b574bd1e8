"""The CLI only reads: the whole corpus is byte-for-byte (and mtime) unchanged
after index on every folder, show/replay on every file and diff on every
history and provider pair, and nothing is opened for writing meanwhile."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from recviewer.core.diff import diff_recordings
from tests.conftest import corpus_files, read_ok
from tests.corpus_paths import CORPUS, HISTORY, HISTORY_NOISE_ONLY, PAIRS
from tests.support.fuzz import run_cli
from tests.support.tree_snapshot import snapshot_tree, tree_differences
from tests.support.write_guard import guard_writes


def _diff_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for folder in sorted(HISTORY.iterdir()):
        versions = sorted(folder.glob("*.json"))
        pairs += list(zip(versions, versions[1:]))
    for folder in sorted(PAIRS.iterdir()):
        pairs.append((folder / "a.json", folder / "b.json"))
    return pairs


def _expected_diff_code(a: Path, b: Path) -> int:
    """``diff``'s exit status computed from core: 0 when every change is
    normalisation noise (equivalent), 1 when any change is real."""
    changes = diff_recordings(read_ok(a), read_ok(b)).changes
    return 0 if all(c.noise for c in changes) else 1


@pytest.fixture
def write_guard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every open() / os.open() asking to write (the test then asserts none)."""
    return guard_writes(monkeypatch)


def test_cli_over_the_whole_corpus_changes_nothing(tmp_path, monkeypatch, write_guard):
    before = snapshot_tree(CORPUS)
    monkeypatch.chdir(tmp_path)  # nothing may land in the working folder either
    files = corpus_files()
    folders = sorted({CORPUS, *(p for f in files for p in f.parents if CORPUS in p.parents)})
    assert len(files) > 300 and len(folders) > 20

    for folder in folders:
        code, out, err = run_cli(["index", os.fspath(folder), "--json"])
        assert code == 0, err
    shown = replayed = 0
    for f in files:
        code, out, err = run_cli(["show", os.fspath(f)])
        assert "internal error" not in err, (f, err)
        shown += code == 0
        code, out, err = run_cli(["replay", os.fspath(f), "--at", "3"])
        assert "internal error" not in err, (f, err)
        replayed += code == 0
    codes = {}
    for a, b in _diff_pairs():
        code, out, err = run_cli(["diff", os.fspath(a), os.fspath(b), "--json"])
        expected = _expected_diff_code(a, b)
        assert (code, err) == (expected, ""), (a, b)
        assert orjson.loads(out)["equivalent"] is (expected == 0), (a, b)
        codes[a, b] = code
    assert set(codes.values()) == {0, 1}  # both outcomes are exercised
    noise_only = [code for (a, _), code in codes.items() if a.parent == HISTORY_NOISE_ONLY]
    assert noise_only and set(noise_only) == {0}  # re-recordings with only noise changed

    assert shown == len(files)  # every corpus file is a readable recording
    assert replayed > 150
    assert write_guard == []
    assert list(tmp_path.iterdir()) == []
    assert tree_differences(before, snapshot_tree(CORPUS)) == []


def test_tree_snapshot_sees_a_new_file_a_touched_file_and_an_edit(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_text("[]")
    before = snapshot_tree(tmp_path)
    assert set(before) == {".", "a.json", "sub", "sub/b.json"}
    assert tree_differences(before, snapshot_tree(tmp_path)) == []

    (tmp_path / "sub" / "c.json.tmp").write_text("x")
    (tmp_path / "a.json").write_text("{ }")
    os.utime(tmp_path / "sub" / "b.json", ns=(1, 1))
    diff = tree_differences(before, snapshot_tree(tmp_path))
    assert any(line.startswith("new: sub/c.json.tmp") for line in diff)
    assert any(line.startswith("changed: a.json") for line in diff)
    assert any(line.startswith("changed: sub/b.json") for line in diff)


def test_tree_snapshot_records_links_without_following_loops(tmp_path):
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "dangling").symlink_to(tmp_path / "missing")
    snap = snapshot_tree(tmp_path)
    assert snap["loop"] == ("link", os.fspath(tmp_path))
    assert snap["dangling"][0] == "link"


def test_write_guard_sees_writes(tmp_path, write_guard):
    (tmp_path / "a.txt").write_text("x")  # pathlib goes through io.open
    with open(tmp_path / "b.txt", "ab"):
        pass
    os.close(os.open(tmp_path / "c.txt", os.O_WRONLY | os.O_CREAT))
    with open(tmp_path / "a.txt", "rb"):  # reading is not recorded
        pass
    assert len(write_guard) == 3
