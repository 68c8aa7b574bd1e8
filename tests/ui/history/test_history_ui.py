"""The recording-history UI on the real history bundle (tests/data/corpus/git).

A revision of the open folder lists the rows the extracted revision lists and
reads its recordings from git objects; the picker lists commits with counts;
Compare Revisions of a manifest pair shows the manifest's counts and opens a
pair side by side; the history window lists a known path's versions. Nothing
is written into the repository.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.errors import RecordingError
from recviewer.core.model import Recording
from recviewer.core.setdiff.compare import compare_revisions
from recviewer.core.sources.git import list_commits, path_history
from recviewer.ui.history.commit_model import COMMIT_ROLE
from recviewer.ui.history.controller import NOT_IN_REPO
from recviewer.ui.history.picker import RevisionPicker
from recviewer.ui.history.revision_source import locate
from recviewer.ui.history.setdiff_model import PAIR_ROLE
from tests.conftest import extract_revision
from tests.corpus_paths import (HISTORY_COMMON_FILE, HISTORY_OGX_RENAME, HISTORY_PATHSPEC,
                                HISTORY_QWEN3, HISTORY_REKEY, HISTORY_RENAMED_BACK)

FOLDER = HISTORY_PATHSPEC  # the folder the window opens, relative to the repository


def _git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout


def _repo_state(repo: Path) -> tuple[str, str, str]:
    """What a write into the repository would change: status, objects, refs."""
    return (_git(repo, "status", "--porcelain", "--ignored"),
            _git(repo, "count-objects", "-v"), _git(repo, "show-ref"))


def _rows(window) -> list[tuple]:
    return sorted((r.rel_path, r.test_id, r.endpoint, r.model, r.streaming, r.chunks, r.error,
                   r.format) for r in window.tree.model.refs())


@pytest.fixture
def repo_state(history_repo):
    before = _repo_state(history_repo)
    yield
    assert _repo_state(history_repo) == before, "the repository was written to"


def _open_in_repo(qtbot, make_window, open_and_wait, repo: Path):
    window = make_window()
    window.show()
    with qtbot.waitSignal(window.history.located, timeout=30000):
        open_and_wait(window, repo / FOLDER)
    return window


def _open_revision(qtbot, window, rev: str) -> None:
    with qtbot.waitSignal(window.history.revision_opened, timeout=60000):
        assert window.history.open_revision(rev)


def test_a_revision_lists_the_rows_of_the_extracted_revision(
        qtbot, make_window, open_and_wait, history_repo, tmp_path, repo_state):
    rev = HISTORY_OGX_RENAME[0]
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    on_disk = _rows(window)
    _open_revision(qtbot, window, rev)
    at_rev = _rows(window)
    extracted = extract_revision(history_repo, rev, tmp_path / "x", FOLDER)
    other = make_window()
    open_and_wait(other, extracted / FOLDER)
    assert at_rev == _rows(other)
    assert at_rev != on_disk  # main differs from that revision: the tree really changed
    # every row is read from git, spelled git's way; marked read-only history
    short = window.history.source.short
    assert all(r.path.startswith(f"{short}:{FOLDER}/") for r in window.tree.model.refs())
    assert short in window.windowTitle() and "read-only" in window.windowTitle()
    assert window.history.bar.isVisible()
    assert window.history.bar.label_text().startswith(f"at {short} \u00b7 ")
    assert not window.live.action.isEnabled()
    assert window.history.back_action.isEnabled()


def test_a_revision_recording_loads_from_git_not_from_disk(
        qtbot, make_window, open_and_wait, history_repo, repo_state):
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    _open_revision(qtbot, window, HISTORY_REKEY[0])
    # a file of the revision that no longer exists on disk (the re-key removed 131)
    gone = [r for r in window.tree.model.refs() if r.is_recording
            and not (history_repo / r.path.split(":", 1)[1]).exists()]
    assert gone
    ref = sorted(gone, key=lambda r: r.rel_path)[0]
    with qtbot.waitSignal(window.recording_shown, timeout=30000):
        assert window.tree.select_path(ref.path)
    rec = window.detail.recording
    assert isinstance(rec, Recording), window.detail.error
    assert rec.path == ref.path
    blob = _git(history_repo, "show", f"{HISTORY_REKEY[0]}:{ref.path.split(':', 1)[1]}")
    # the Raw tab shows the blob's JSON (pretty-printed)
    assert json.loads(window.detail.raw.editor.toPlainText()) == json.loads(blob)
    assert rec.test_id == ref.test_id


def test_back_to_the_working_tree_and_reload(qtbot, make_window, open_and_wait, history_repo,
                                             repo_state):
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    on_disk = _rows(window)
    _open_revision(qtbot, window, HISTORY_QWEN3[0])
    with qtbot.waitSignal(window.scan_finished, timeout=30000):
        window.reload()  # F5 reads the revision again
    assert window.history.at_revision
    with qtbot.waitSignal(window.scan_finished, timeout=30000):
        window.history.back_to_working_tree()
    assert not window.history.at_revision
    assert not window.history.bar.isVisible() and window.detail.reader is None
    assert window.live.action.isEnabled()
    assert _rows(window) == on_disk
    assert "read-only" not in window.windowTitle()


def test_an_unknown_revision_is_a_message(qtbot, make_window, open_and_wait, history_repo):
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    with qtbot.waitSignal(window.history.revision_failed, timeout=30000) as blocker:
        window.history.open_revision("no-such-branch")
    assert "no-such-branch" in blocker.args[0]
    assert not window.history.at_revision


def test_a_folder_outside_git_disables_open_revision(qtbot, make_window, open_and_wait,
                                                     tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    window = make_window()
    with qtbot.waitSignal(window.history.located, timeout=30000) as blocker:
        open_and_wait(window, folder)
    assert isinstance(blocker.args[0], RecordingError)
    assert not window.history.open_action.isEnabled()
    assert NOT_IN_REPO in window.history.open_action.toolTip()
    assert not window.history.compare_revisions_action.isEnabled()


def test_the_picker_lists_commits_with_their_counts(qtbot, history_repo, make_window,
                                                    repo_state):
    window = make_window()
    place = locate(str(history_repo / FOLDER))
    picker = RevisionPicker(place, window.workers, window)
    qtbot.addWidget(picker)
    QAbstractItemModelTester(picker.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(picker.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    qtbot.waitUntil(lambda: picker.loaded, timeout=30000)
    expected = list_commits(history_repo, [FOLDER])
    shown = [picker.model.index(r, 0).data(COMMIT_ROLE) for r in range(picker.model.rowCount())]
    assert shown == expected and len(shown) == 52  # every commit of the bundle
    renamed = next(c for c in shown if c.short == HISTORY_OGX_RENAME[1])
    assert renamed.recordings == 21  # the manifest: 21 recordings edited in place
    row = shown.index(renamed)
    assert picker.model.index(row, 4).data() == "21"
    picker.filter_edit.setText("rename project")
    assert picker.proxy.rowCount() >= 1
    assert all("rename project" in picker.proxy.index(r, 3).data().lower()
               for r in range(picker.proxy.rowCount()))
    chosen = picker.choose_row(0)
    assert chosen is not None and picker.revision() == chosen.short
    picker.rev_edit.setText("main")  # a typed branch is accepted
    assert picker.revision() == "main"


def test_compare_revisions_shows_the_manifest_counts(qtbot, make_window, open_and_wait,
                                                     history_repo, repo_state):
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    old, new = HISTORY_QWEN3
    win = window.history.compare_revisions(old, new)
    qtbot.addWidget(win)
    QAbstractItemModelTester(win.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    qtbot.waitUntil(lambda: win.outcome() is not None, timeout=60000)
    counts = win.outcome().diff.counts
    # the manifest: 1 added, 42 modified of which 23 noise-only and 19 response
    assert (counts["added"], counts["noise"], counts["response"]) == (1, 23, 19)
    assert counts == compare_revisions(str(history_repo), old, new, [FOLDER]).counts
    # noise hidden by default; the tree counts per class per test file
    assert {p.cls for p in win.model.pairs()} == {"added", "response"}
    assert len(win.model.pairs()) == 20
    per_file = [win.model.group_counts(g) for g in range(win.model.group_count())]
    assert sum(c.get("response", 0) for c in per_file) == 19
    assert "19 response" in win.counts.text() and "(noise hidden)" in win.counts.text()
    win.show_noise.setChecked(True)
    assert len(win.model.pairs()) == 43
    assert sum(1 for p in win.model.pairs() if p.cls == "noise") == 23
    per_file = [win.model.group_counts(g) for g in range(win.model.group_count())]
    assert sum(c.get("noise", 0) for c in per_file) == 23
    win.close()


def test_a_pair_opens_side_by_side_and_f7_steps_pairs(qtbot, make_window, open_and_wait,
                                                      history_repo, repo_state):
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    win = window.history.compare_revisions(*HISTORY_QWEN3)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.pair_shown, timeout=60000) as shown:
        qtbot.waitUntil(lambda: win.outcome() is not None, timeout=60000)
    first = shown.args[0]
    assert first is win.model.pairs()[0]
    response = next(p for p in win.model.pairs() if p.cls == "response")
    assert win.select_pair(response)
    qtbot.waitUntil(lambda: win.diff.result() is not None
                    and win.diff.result().b.path.endswith(response.new), timeout=30000)
    result = win.diff.result()
    assert result is not None and not result.diff.equivalent
    assert result.a.path.endswith(response.old) and result.b.path.endswith(response.new)
    # F7 in the tree: the next changed recording
    win.tree.setFocus()
    pairs = win.model.pairs()
    at = pairs.index(response)
    with qtbot.waitSignal(win.pair_shown, timeout=30000) as nxt:
        win.next_action.trigger()
    assert nxt.args[0] is pairs[at + 1]
    with qtbot.waitSignal(win.pair_shown, timeout=30000) as prev:
        win.previous_action.trigger()
    assert prev.args[0] is response
    # Enter / double-click: its own diff window
    diff_window = win.open_pair_window(response)
    qtbot.waitUntil(lambda: diff_window.view.result() is not None, timeout=30000)
    assert diff_window.view.result().b.path.endswith(response.new)
    # an added recording shows on its own
    added = next(p for p in win.model.pairs() if p.cls == "added")
    with qtbot.waitSignal(win.pair_shown, timeout=30000):
        win.select_pair(added)
    assert win.pages.currentIndex() == 2 and "Added" in win.single_label.text()
    diff_window.close()
    win.close()


def test_a_key_change_pair_is_listed_old_to_new(qtbot, make_window, open_and_wait, history_repo,
                                                repo_state):
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    win = window.history.compare_revisions(*HISTORY_RENAMED_BACK)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.outcome() is not None, timeout=60000)
    keyed = [p for p in win.model.pairs() if p.cls == "request" and p.key_changed]
    assert len(keyed) == 1  # the manifest: one /v1/models list re-keyed
    index = win.model.index_of(keyed[0])
    assert "\u2192" in index.data()
    assert index.data(PAIR_ROLE) is keyed[0]
    win.close()


def test_compare_folders_of_two_extracted_revisions(qtbot, make_window, history_repo, tmp_path,
                                                    repo_state):
    window = make_window()
    old, new = HISTORY_QWEN3
    a = extract_revision(history_repo, old, tmp_path / "a", FOLDER) / FOLDER
    b = extract_revision(history_repo, new, tmp_path / "b", FOLDER) / FOLDER
    win = window.history.compare_folders(str(a), str(b))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.outcome() is not None, timeout=60000)
    counts = win.outcome().diff.counts
    assert (counts["added"], counts["noise"], counts["response"]) == (1, 23, 19)


def test_cancel_stops_a_set_diff(qtbot, make_window, open_and_wait, history_repo):
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    win = window.history.compare_revisions(*HISTORY_QWEN3)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.finished, timeout=60000):
        win.cancel()  # before it got far: a partial result, said so
    outcome = win.outcome()
    assert outcome is not None and outcome.diff.cancelled
    assert win.counts.text().startswith("Cancelled")


def test_history_lists_the_versions_of_a_known_path(qtbot, make_window, open_and_wait,
                                                    history_repo, repo_state):
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    path = str(history_repo / HISTORY_COMMON_FILE)
    with qtbot.waitSignal(window.recording_shown, timeout=30000):
        assert window.tree.select_path(path)
    assert window.history.history_action.isEnabled()
    win = window.history.show_history()
    qtbot.addWidget(win)
    QAbstractItemModelTester(win.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    with qtbot.waitSignal(win.version_shown, timeout=60000):
        qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=60000)
    own = path_history(history_repo, HISTORY_COMMON_FILE)
    versions = win.versions()
    assert [v.commit.oid for v in versions if v.path == HISTORY_COMMON_FILE] == \
        [v.commit.oid for v in own]
    assert len(own) == 7  # the manifest: touched 7 times
    # the newest version against the one before it
    assert win.current_row() == 0 and win.page() == "diff"
    qtbot.waitUntil(lambda: win.diff.result() is not None, timeout=30000)
    result = win.diff.result()
    assert result.b.path == f"{versions[0].commit.short}:{versions[0].path}"
    # step to the oldest: the first version shows on its own
    for _ in range(len(versions) - 1):
        with qtbot.waitSignal(win.version_shown, timeout=30000):
            assert win.step(1)
    assert not win.step(1)
    assert win.page() == "single" and "First version" in win.single_label.text()
    assert not win.older_action.isEnabled() and win.newer_action.isEnabled()
    win.close()


def test_the_tree_menu_offers_history(qtbot, make_window, open_and_wait, history_repo):
    from recviewer.ui.tree.context_menu import HISTORY
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    path = str(history_repo / HISTORY_COMMON_FILE)
    assert window.tree.select_path(path)
    index = window.tree.view.currentIndex().siblingAtColumn(0)
    menu = window.tree_menu.build_menu(index)
    entry = next(a for a in menu.actions() if a.text() == HISTORY)
    entry.trigger()
    opened = [w for w in window.history._windows if w.isVisible()]
    assert opened and opened[-1].path == HISTORY_COMMON_FILE
    qtbot.waitUntil(lambda: opened[-1].model.rowCount() > 0, timeout=60000)
    opened[-1].close()


def test_ctrl_d_at_a_revision_reads_both_sides_from_git(qtbot, make_window, open_and_wait,
                                                        history_repo, repo_state):
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    _open_revision(qtbot, window, HISTORY_QWEN3[0])
    refs = sorted((r for r in window.tree.model.refs() if r.is_recording),
                  key=lambda r: r.rel_path)[:2]
    win = window.compare_paths(refs[0].path, refs[1].path)
    qtbot.waitUntil(lambda: win.view.result() is not None, timeout=30000)
    result = win.view.result()
    assert result is not None
    assert (result.a.path, result.b.path) == (refs[0].path, refs[1].path)
    win.close()


def test_the_revision_bar_follows_the_theme(qtbot, make_window, open_and_wait, history_repo):
    window = _open_in_repo(qtbot, make_window, open_and_wait, history_repo)
    _open_revision(qtbot, window, HISTORY_QWEN3[0])
    window.appearance.set_mode("light")
    light = window.history.bar.styleSheet()
    window.appearance.set_mode("dark")
    dark = window.history.bar.styleSheet()
    assert light != dark and "background" in dark
    window.appearance.set_mode("light")
    assert window.history.bar.styleSheet() == light
