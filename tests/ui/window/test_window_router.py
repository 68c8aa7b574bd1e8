"""Paths from the command line or a later launch go to the right window."""

from __future__ import annotations

import shutil

import pytest

from recviewer.ui.window.router import WindowRouter
from tests.corpus_paths import SEED


@pytest.fixture
def router(qtbot, settings, tmp_path):
    made = WindowRouter(settings, lambda: None)
    yield made
    for window in list(made.windows):
        window.workers.shutdown(5000)
        window.close()


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "recs"
    root.mkdir()
    for name in ("a.json", "b.json"):
        shutil.copy(SEED, root / name)
    return root


def _wait_scanned(qtbot, window):
    qtbot.waitUntil(lambda: not window.scanner.running and window.tree.model.recording_count() > 0,
                    timeout=20000)


def test_a_recording_of_a_shown_folder_is_selected_in_its_window(qtbot, router, folder):
    router.show_paths([str(folder)])
    (window,) = router.windows
    _wait_scanned(qtbot, window)
    router.show_paths([str(folder / "b.json")])
    assert router.windows == [window] and not window.scanner.running  # no new window, no rescan
    assert window.tree.current_ref().path == str(folder / "b.json")


def test_other_folders_get_their_own_window(qtbot, router, folder, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SEED, other / "c.json")
    router.show_paths([str(folder)])
    router.show_paths([str(other / "c.json")])
    assert len(router.windows) == 2
    assert router.windows[1].root == str(other)


def test_the_same_folder_again_reuses_its_window(qtbot, router, folder):
    router.show_paths([str(folder)])
    router.show_paths([str(folder)])
    router.show_paths([])  # no path: the last window comes forward
    assert len(router.windows) == 1


def test_no_path_and_no_window_opens_the_default(qtbot, settings, folder):
    router = WindowRouter(settings, lambda: str(folder))
    router.show_paths([])
    (window,) = router.windows
    assert window.root == str(folder)
    window.workers.shutdown(5000)
    window.close()


def test_a_closed_window_is_forgotten(qtbot, router, folder):
    router.show_paths([str(folder)])
    (window,) = router.windows
    window.workers.shutdown(5000)
    window.close()
    qtbot.waitUntil(lambda: router.windows == [], timeout=5000)  # deleted on close
    router.show_paths([str(folder / "a.json")])  # opens anew instead of reaching a dead window
    assert len(router.windows) == 1
