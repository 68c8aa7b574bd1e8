"""Recording sources on the real history bundle: a git revision reads like its
files extracted to a folder, from git objects only, and writes nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from recviewer.core.catalog.scan import scan
from recviewer.core.errors import RecordingError
from recviewer.core.export.json_dict import catalog_dict, recording_dict
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from recviewer.core.sources import (FolderSource, GitRevisionSource, list_commits, load_recording,
                                    open_repo, path_history, recording_history, scan_source)
from recviewer.core.sources import git as git_module
from recviewer.core.sources.git import git_environment
from tests.conftest import extract_revision
from tests.corpus_paths import (GIT_BUNDLE, HISTORY_COMMON_FILE, HISTORY_MAIN, HISTORY_OGX_RENAME,
                                HISTORY_PATHSPEC, HISTORY_QWEN3, HISTORY_REKEYED_FILE,
                                HISTORY_REMOVE_UNUSED, HISTORY_ROOT_COMMIT, HISTORY_SIBLING_LIST)


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def _without_root(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "root"}


@pytest.mark.parametrize("rev", [HISTORY_ROOT_COMMIT, HISTORY_QWEN3[1], HISTORY_MAIN])
def test_revision_catalog_equals_the_extracted_folder(history_repo, tmp_path, rev):
    source = GitRevisionSource.from_repo(history_repo, rev, [HISTORY_PATHSPEC])
    assert not isinstance(source, RecordingError), source
    with source:
        catalog = scan_source(source)
    folder = scan(extract_revision(history_repo, rev, tmp_path, HISTORY_PATHSPEC))
    assert catalog.error is None and len(catalog.refs) == len(folder.refs) > 20
    assert _without_root(catalog_dict(catalog)) == _without_root(catalog_dict(folder))
    # the same natural walk order, not just the same set
    assert [r.rel_path for r in catalog.refs] == [r.rel_path for r in folder.refs]
    assert catalog.root == str(history_repo)


def test_folder_source_gives_what_scan_gives(history_repo, tmp_path):
    folder = extract_revision(history_repo, HISTORY_MAIN, tmp_path, HISTORY_PATHSPEC)
    via_source = scan_source(FolderSource(folder))
    assert catalog_dict(via_source) == catalog_dict(scan(folder))


def test_a_bare_clone_reads_the_same(history_repo, tmp_path):
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(GIT_BUNDLE), str(bare)], check=True)
    repo = open_repo(bare)
    assert not isinstance(repo, RecordingError) and repo.bare
    a = scan_source(GitRevisionSource.from_repo(bare, HISTORY_MAIN, [HISTORY_PATHSPEC]))
    b = scan_source(GitRevisionSource.from_repo(history_repo, HISTORY_MAIN, [HISTORY_PATHSPEC]))
    assert _without_root(catalog_dict(a)) == _without_root(catalog_dict(b))
    assert len(a.refs) == 205 + 73 + 46 + 24  # the manifest's count at main


def test_one_recording_from_a_revision_equals_the_file(history_repo, tmp_path):
    rev = HISTORY_OGX_RENAME[0]
    folder = extract_revision(history_repo, rev, tmp_path, HISTORY_PATHSPEC)
    source = GitRevisionSource.from_repo(history_repo, rev)
    with source:
        rec = load_recording(source, HISTORY_COMMON_FILE, path=HISTORY_COMMON_FILE)
        missing = load_recording(source, "tests/nothing.json")
    on_disk = read_recording(folder / HISTORY_COMMON_FILE)
    assert isinstance(rec, Recording) and isinstance(on_disk, Recording)
    assert recording_dict(rec) | {"path": ""} == recording_dict(on_disk) | {"path": ""}
    assert rec.path == HISTORY_COMMON_FILE and rec.size == on_disk.size
    assert isinstance(missing, RecordingError) and "no such recording" in missing.reason


def test_errors_are_values(history_repo, tmp_path):
    assert open_repo(tmp_path).reason == "not a git repository"
    assert open_repo(tmp_path / "absent").reason == "no such folder"
    for rev in ("no-such-branch", "--output=/tmp/x", ""):
        got = GitRevisionSource.from_repo(history_repo, rev)
        assert isinstance(got, RecordingError) and got.reason.startswith("unknown revision")
    assert isinstance(list_commits(tmp_path), RecordingError)


def test_reading_never_writes_into_the_repository(history_repo):
    git_dir = history_repo / ".git"
    before = _tree_digest(git_dir)
    status_before = subprocess.run(["git", "status", "--porcelain"], cwd=history_repo,
                                   capture_output=True, check=True).stdout
    for rev in (HISTORY_ROOT_COMMIT, HISTORY_MAIN):
        with GitRevisionSource.from_repo(history_repo, rev) as source:
            scan_source(source)
    list_commits(history_repo, HISTORY_PATHSPEC)
    path_history(history_repo, HISTORY_COMMON_FILE)
    assert _tree_digest(git_dir) == before
    assert subprocess.run(["git", "status", "--porcelain"], cwd=history_repo,
                          capture_output=True, check=True).stdout == status_before == b""


def test_blobs_come_from_one_cat_file_process(history_repo, monkeypatch):
    started = []
    real = git_module.subprocess.Popen

    def counting(argv, *a, **kw):
        started.append(argv)
        return real(argv, *a, **kw)

    monkeypatch.setattr(git_module.subprocess, "Popen", counting)
    with GitRevisionSource.from_repo(history_repo, HISTORY_MAIN) as source:
        catalog = scan_source(source)
    assert len(catalog.refs) > 300
    batches = [argv for argv in started if "cat-file" in argv]
    assert batches == [batches[0]] and batches[0][-2:] == ["cat-file", "--batch"]
    assert len(started) <= 5  # rev-parse x3, ls-tree, cat-file: none per file


def test_stopping_a_read_early_keeps_the_stream_in_step(history_repo):
    with GitRevisionSource.from_repo(history_repo, HISTORY_MAIN, [HISTORY_PATHSPEC]) as source:
        entries = source.entries()
        first = source.read(entries[:50])
        next(first)
        first.close()  # 49 replies still pending: drained
        _, data = next(iter(source.read(entries[60:61])))
        assert data == source.read_key(entries[60].key)
        assert data.startswith(b"{")


def test_git_runs_with_a_safe_environment(history_repo, monkeypatch, tmp_path):
    monkeypatch.setenv("GIT_DIR", str(tmp_path))  # would point git elsewhere
    monkeypatch.setenv("GIT_WORK_TREE", str(tmp_path))
    env = git_environment()
    assert "GIT_DIR" not in env and "GIT_WORK_TREE" not in env
    assert env["GIT_OPTIONAL_LOCKS"] == "0" and env["GIT_PAGER"] == "cat"
    repo = open_repo(history_repo)
    assert not isinstance(repo, RecordingError) and repo.root == str(history_repo)
    argv = repo.argv("ls-tree", "HEAD")
    assert "core.fsmonitor=false" in argv and "--no-pager" in argv


def test_list_commits_for_a_revision_picker(history_repo):
    commits = list_commits(history_repo)
    assert not isinstance(commits, RecordingError)
    assert len(commits) == 52  # every commit of the bundle, newest first
    newest, oldest = commits[0], commits[-1]
    assert newest.oid.startswith(HISTORY_MAIN) and oldest.oid.startswith(HISTORY_ROOT_COMMIT)
    assert newest.short == newest.oid[:10] and newest.date > oldest.date
    assert newest.author and newest.subject and "\n" not in newest.subject
    by_oid = {c.short: c for c in commits}
    assert by_oid[HISTORY_OGX_RENAME[1]].recordings == 21  # the in-place rename
    assert by_oid[HISTORY_QWEN3[1]].recordings == 43  # 1 added + 42 modified
    limited = list_commits(history_repo, "tests/integration/messages", limit=1)
    assert [c.short for c in limited] == [HISTORY_OGX_RENAME[0]]
    assert limited[0].recordings == 12  # only the paths under the filter
    assert len(list_commits(history_repo, "tests/integration/messages")) == 2


def test_path_history_lists_each_version(history_repo):
    versions = path_history(history_repo, HISTORY_COMMON_FILE)
    assert not isinstance(versions, RecordingError)
    assert len(versions) == 7
    assert versions[-1].status == "A" and {v.status for v in versions[:-1]} == {"M"}
    repo = open_repo(history_repo)
    with repo.blobs() as blobs:
        for v in versions[:2]:
            shown = subprocess.run(["git", "show", f"{v.commit.oid}:{HISTORY_COMMON_FILE}"],
                                   cwd=history_repo, capture_output=True, check=True).stdout
            assert blobs.read_one(v.oid) == shown


def test_os_paths_stay_in_the_folder_source(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.json").write_text("{}")
    entries = FolderSource(tmp_path).entries()
    assert [e.rel_path for e in entries] == ["a/x.json"]
    assert entries[0].name == os.path.join(str(tmp_path), "a", "x.json")


def test_recording_history_follows_key_changes_not_siblings(history_repo):
    own = path_history(history_repo, HISTORY_REKEYED_FILE)
    full = recording_history(history_repo, HISTORY_REKEYED_FILE)
    assert [v.status for v in own] == ["A"] and own[0].path == HISTORY_REKEYED_FILE
    assert len(full) == 5 and full[0].path == HISTORY_REKEYED_FILE  # newest first
    earlier = [v for v in full if v.path != HISTORY_REKEYED_FILE]
    assert sorted(v.status for v in earlier) == ["A", "A", "D", "D"]
    assert {v.commit.short for v in earlier if v.status == "D"} == {HISTORY_REMOVE_UNUSED[1]}
    only_own = recording_history(history_repo, HISTORY_REKEYED_FILE, follow_key_changes=False)
    assert only_own == own
    # a second model list of the same test lived next to this one: not an earlier name
    sibling = recording_history(history_repo, HISTORY_SIBLING_LIST)
    assert {v.path for v in sibling} == {HISTORY_SIBLING_LIST}
