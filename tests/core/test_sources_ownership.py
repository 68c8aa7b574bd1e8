"""Who ends a ``git cat-file --batch`` process: the source that started it.
After ``compare_revisions`` and after a ``with GitRevisionSource.from_repo``
block, no ``git`` child process that the test started remains (alive or a
zombie nobody waited for). Processes that earlier tests' sources still hold
(fixtures kept for the session) are counted before and left out."""

from __future__ import annotations

import os
from pathlib import Path

from recviewer.core.errors import RecordingError
from recviewer.core.setdiff.compare import compare_revisions
from recviewer.core.sources import GitRevisionSource
from tests.corpus_paths import HISTORY_MAIN, HISTORY_PATHSPEC, HISTORY_QWEN3


def _git_children() -> set[int]:
    """Ids of this process's children whose command is ``git`` (from /proc)."""
    me = os.getpid()
    out = set()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path("/proc", name, "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        # "pid (comm) state ppid ...": comm may hold spaces, so split at the last ")"
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        if ppid == me and comm == "git":
            out.add(int(name))
    return out


def test_the_probe_sees_a_running_cat_file(history_repo):
    before = _git_children()
    source = GitRevisionSource.from_repo(history_repo, HISTORY_MAIN, [HISTORY_PATHSPEC])
    assert not isinstance(source, RecordingError), source
    with source:
        assert len(source.entries()) > 20
        assert len(_git_children() - before) == 1  # the one cat-file process, running
    assert _git_children() - before == set()


def test_compare_revisions_leaves_no_cat_file_process(history_repo):
    before = _git_children()
    diff = compare_revisions(str(history_repo), HISTORY_QWEN3[0], HISTORY_QWEN3[1],
                             [HISTORY_PATHSPEC])
    assert not isinstance(diff, RecordingError), diff
    assert diff.pairs
    assert _git_children() - before == set()


def test_a_shared_process_is_ended_by_its_owner_only(history_repo):
    before = _git_children()
    a = GitRevisionSource.from_repo(history_repo, HISTORY_QWEN3[0], [HISTORY_PATHSPEC])
    assert not isinstance(a, RecordingError), a
    b = GitRevisionSource.from_repo(a.repo, HISTORY_QWEN3[1], [HISTORY_PATHSPEC], share=a)
    assert not isinstance(b, RecordingError), b
    assert b.blobs is a.blobs
    with a:
        with b:
            assert b.entries() and a.entries()
        # b shared a's process: closing b leaves it running for a
        assert len(_git_children() - before) == 1
        entry = a.entries()[0]
        assert a.read_key(entry.key)
    assert _git_children() - before == set()


def test_an_unknown_revision_leaves_no_process(history_repo):
    before = _git_children()
    got = GitRevisionSource.from_repo(history_repo, "no-such-branch")
    assert isinstance(got, RecordingError)
    assert _git_children() - before == set()
