"""At a git revision every view reads the revision (tests/data/corpus/git bundle).

A test's story lists the revision's calls (files HEAD no longer has), the
folder overview equals ``core.stats`` of the extracted revision and is
computed anew on opening a revision and on going back, Export writes the
revision's recordings, and what only works on files on disk (search, key
tools, Reveal in File Manager, Open in External Editor) is disabled with a
tooltip saying why. Nothing is written into the repository.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from recviewer.core.catalog.scan import scan, tree_path
from recviewer.core.sequence import story_of
from recviewer.core.stats import folder_stats, stats_dict
from recviewer.ui.history.controller import NO_FILE_AT_REVISION, NOT_AT_REVISION
from recviewer.ui.tree import context_menu as tcm
from tests.conftest import extract_revision
from tests.corpus_paths import HISTORY_MESSAGES, HISTORY_PATHSPEC
from tests.support.tree_groups import group_index

FOLDER = HISTORY_PATHSPEC  # the folder the window opens, relative to the repository
REV = HISTORY_MESSAGES[0]  # has chat tests whose recordings HEAD no longer has


def _git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repo_state(history_repo):
    def state():
        return (_git(history_repo, "status", "--porcelain", "--ignored"),
                _git(history_repo, "count-objects", "-v"), _git(history_repo, "show-ref"))
    before = state()
    yield
    assert state() == before, "the repository was written to"


@pytest.fixture
def at_revision(qtbot, make_window, open_and_wait, history_repo):
    window = make_window()
    window.show()
    with qtbot.waitSignal(window.history.located, timeout=30000):
        open_and_wait(window, history_repo / FOLDER)
    with qtbot.waitSignal(window.history.revision_opened, timeout=60000):
        assert window.history.open_revision(REV)
    return window


@pytest.fixture(scope="module")
def extracted(history_repo, tmp_path_factory) -> Path:
    return extract_revision(history_repo, REV, tmp_path_factory.mktemp("rev"), FOLDER) / FOLDER



def _repo_file(repo: Path, path: str) -> Path:
    return repo / path.split(":", 1)[1]


def _stats(stats) -> dict:
    d = stats_dict(stats)
    d.pop("root")
    return d


def _show_story(qtbot, window, test_id: str):
    ref = next(r for r in window.tree.model.refs() if r.test_id == test_id)
    story = window.detail.story
    with qtbot.waitSignal(story.story_shown, timeout=30000):
        window.tree.view.setCurrentIndex(group_index(window, tree_path(ref)))
    assert window.detail.mode == "story" and story.story is not None
    assert story.story.test_id == test_id
    return story


def test_a_story_at_a_revision_shows_the_revisions_calls(qtbot, at_revision, history_repo,
                                                         extracted, repo_state):
    window = at_revision
    short = window.history.source.short
    disk_refs = scan(extracted).refs
    tests = sorted({r.test_id for r in window.tree.model.refs() if r.test_id and r.is_recording})
    expected = {t: story_of(disk_refs, t) for t in tests}

    def gone(call) -> bool:
        return not (history_repo / FOLDER / call.facts.rel_path).exists()

    # a test whose call was recorded in a file HEAD no longer has, and a chained test
    lost = next(t for t, s in expected.items() if s and any(gone(c) for c in s.calls))
    chained = next(t for t, s in expected.items() if s and any(c.after for c in s.calls))
    for test_id in (lost, chained):
        story = _show_story(qtbot, window, test_id)
        calls, want = story.story.calls, expected[test_id].calls
        assert [(c.facts.rel_path, c.after, c.facts.request, c.facts.tool_calls)
                for c in calls] == [(c.facts.rel_path, c.after, c.facts.request,
                                     c.facts.tool_calls) for c in want]
        assert all(c.facts.error is None and c.facts.request for c in calls)
        assert all(c.facts.path.startswith(f"{short}:") for c in calls)  # read from git
        assert story.model.rowCount() == len(calls)
        assert "Could not" not in story.summary.text()
        assert story.summary.text().startswith(f"{len(calls)} call")
        if test_id == lost:
            assert any(gone(c) for c in calls)


def test_the_overview_follows_the_revision_and_the_way_back(qtbot, make_window, open_and_wait,
                                                            history_repo, extracted, repo_state):
    window = make_window()
    window.show()
    with qtbot.waitSignal(window.history.located, timeout=30000):
        open_and_wait(window, history_repo / FOLDER)
    with qtbot.waitSignal(window.detail.overview_shown, timeout=60000):
        window.folder_pages.overview_action.trigger()
    on_disk = _stats(window.detail.stats)
    assert on_disk == _stats(folder_stats(scan(history_repo / FOLDER)))
    # opening a revision while the overview is on screen computes it anew
    with qtbot.waitSignal(window.detail.overview_shown, timeout=60000):
        assert window.history.open_revision(REV)
    assert window.history.at_revision and window.detail.mode == "overview"
    at_rev = _stats(window.detail.stats)
    assert at_rev == _stats(folder_stats(scan(extracted)))
    assert at_rev != on_disk and at_rev["recordings"] > 100
    assert at_rev["keys"]["ok"] > 0 and at_rev["by_provider"]  # read whole, from git objects
    short = window.history.source.short
    assert all(r.path.startswith(f"{short}:") for r in window.detail.stats.recordings)
    assert f"at {short}" in window.detail.overview.heading.text()
    # and going back computes it for the working tree again
    with qtbot.waitSignal(window.detail.overview_shown, timeout=60000):
        window.history.back_to_working_tree()
    assert not window.history.at_revision and window.detail.byte_reader is None
    assert _stats(window.detail.stats) == on_disk
    assert "read-only" not in window.detail.overview.heading.text()


def test_disk_only_actions_are_disabled_at_a_revision(qtbot, at_revision, open_and_wait,
                                                      history_repo, repo_state):
    window = at_revision
    disk_only = [window.search.action, *window.key_tools.disk_actions]
    assert all(not a.isEnabled() and a.toolTip() == NOT_AT_REVISION for a in disk_only)
    window.search.open()  # the home page's button: a message, no panel
    assert not window.search.dock.isVisible()
    assert "not available for a git revision" in window.statusBar().currentMessage()
    assert window.key_tools.verify() is None and window.key_tools.explain() is None
    ref = sorted((r for r in window.tree.model.refs() if r.is_recording),
                 key=lambda r: r.rel_path)[0]
    assert window.tree.select_path(ref.path)
    menu = window.tree_menu.build_menu(window.tree.view.currentIndex().siblingAtColumn(0))
    entries = {a.text(): a for a in menu.actions()}
    for text in (tcm.REVEAL, tcm.OPEN_EDITOR):
        assert not entries[text].isEnabled() and entries[text].toolTip() == NO_FILE_AT_REVISION
    assert entries[tcm.EXPORT].isEnabled() and entries[tcm.COPY_PATH].isEnabled()
    # back on the working tree they work again
    with qtbot.waitSignal(window.scan_finished, timeout=30000):
        window.history.back_to_working_tree()
    assert all(a.isEnabled() and a.toolTip() != NOT_AT_REVISION for a in disk_only)
    ref = sorted((r for r in window.tree.model.refs() if r.is_recording),
                 key=lambda r: r.rel_path)[0]
    assert window.tree.select_path(ref.path)
    menu = window.tree_menu.build_menu(window.tree.view.currentIndex().siblingAtColumn(0))
    entries = {a.text(): a for a in menu.actions()}
    assert entries[tcm.REVEAL].isEnabled() and entries[tcm.OPEN_EDITOR].isEnabled()


def test_export_at_a_revision_writes_the_revisions_recordings(qtbot, at_revision, history_repo,
                                                              tmp_path, repo_state):
    window = at_revision
    gone = sorted((r for r in window.tree.model.refs() if r.is_recording
                   and not _repo_file(history_repo, r.path).exists()), key=lambda r: r.rel_path)
    assert len(gone) >= 2
    target = tmp_path / "export.json"
    with qtbot.waitSignal(window.exporter.exported, timeout=30000) as blocker:
        window.exporter.export_to([r.path for r in gone[:2]], str(target), "json")
    outcome = blocker.args[0]
    assert outcome.written and outcome.count == 2, outcome.reason
    items = json.loads(target.read_bytes())
    assert [i.get("path") for i in items] == [r.path for r in gone[:2]]
    assert all(i.get("error") is None and i.get("format") and i.get("response") for i in items)
    assert [i.get("test_id") for i in items] == [r.test_id for r in gone[:2]]


def test_tree_places_and_key_statuses_at_a_revision_come_from_git(qtbot, at_revision,
                                                                 history_repo, repo_state):
    # Files HEAD no longer has still get their story place and key status:
    # the tree's background jobs read the revision's blobs, not the disk.
    window = at_revision
    facts = window.tree.facts
    with qtbot.waitSignal(facts.keys_done, timeout=60000):
        window.tree.compute_facts(window.detail.byte_reader)
    items = [window.tree.model._by_path[r.path] for r in window.tree.model.refs()
             if r.is_recording and "#" not in r.rel_path]
    gone = [i for i in items
            if not (history_repo / FOLDER / i.ref.rel_path).exists()]
    assert gone, "the revision should hold files HEAD no longer has"
    assert all(i.key in {"ok", "stale", "legacy", "unkeyed"} for i in gone)
    assert any(i.key == "ok" for i in gone)
