"""Compare from the main window (Ctrl+D) and ``recviewer --diff``, on real history files."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication

import recviewer.ui.window.compare_actions as compare
from recviewer.app import main
from recviewer.ui.window.compare_actions import COMPARE_TWO, COMPARE_WITH, selected_refs
from recviewer.ui.diff.window import DiffWindow
from recviewer.ui.window.diff_app import run_diff
from recviewer.ui.tree.model import NAME
from tests.corpus_paths import HISTORY_CONTENT_CHANGED, KEY_HISTORY_EDITED

HISTORY = HISTORY_CONTENT_CHANGED
OLD = KEY_HISTORY_EDITED[0]  # 2025-10-04_045a0c1d5.json
NEW = HISTORY / "2025-11-07_b83184f7e.json"
MIDDLE = HISTORY / "2025-10-08_79bed44b0.json"
PNG = b"\x89PNG\r\n\x1a\n"


def index_of(window, path):
    return window.tree.proxy.mapFromSource(window.tree.model.index_for_path(os.fspath(path)))


def select(window, *paths) -> None:
    """Select ``paths`` with the selection model (the last one current)."""
    sel = window.tree.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag
    sel.clearSelection()
    for path in paths:
        index = index_of(window, path)
        assert index.isValid(), path
        sel.setCurrentIndex(index, flags.Select | flags.Rows)


@pytest.fixture
def history(qtbot, window, open_and_wait):
    result = open_and_wait(window, HISTORY)
    assert result.count == 4
    window.tree.view.expandAll()
    return window


def diff_windows(window) -> list[DiffWindow]:
    return [w for w in window.findChildren(DiffWindow) if w.isVisible()]


def focus_tree(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    window.tree.view.setFocus(Qt.FocusReason.OtherFocusReason)


def test_ctrl_d_with_two_selected_opens_a_diff_window(qtbot, history):
    select(history, OLD, NEW)
    assert [r.path for r in selected_refs(history.tree)] == [str(OLD), str(NEW)]
    action = history.comparer.action
    assert action.isEnabled() and action.text() == COMPARE_TWO
    assert action.shortcut().toString() == "Ctrl+D"
    assert action in history.tools_menu.actions()
    focus_tree(qtbot, history)
    qtbot.keyClick(history.tree.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    opened = diff_windows(history)
    assert len(opened) == 1
    diff = opened[0]
    qtbot.waitUntil(lambda: diff.view.result() is not None, timeout=20000)
    assert "changed" in diff.view.summary_text()
    assert "2025-10-04_045a0c1d5.json \u2194 2025-11-07_b83184f7e.json" in diff.windowTitle()
    assert diff.view.result().a.path == str(OLD)  # selected first: on the left
    # the conversation still follows the current item
    qtbot.waitUntil(lambda: history.detail.path == str(NEW), timeout=5000)
    diff.close()


def test_one_selected_asks_for_the_other_file(qtbot, history, monkeypatch):
    asked = []

    def fake_ask(parent, title, folder):
        asked.append((title, folder))
        return str(MIDDLE)

    monkeypatch.setattr(compare, "ask_recording", fake_ask)
    select(history, NEW)
    action = history.comparer.action
    assert action.isEnabled() and action.text() == COMPARE_WITH
    action.trigger()
    assert asked == [(f"Compare {NEW.name} with\u2026", str(HISTORY))]
    (diff,) = diff_windows(history)
    qtbot.waitUntil(lambda: diff.view.result() is not None, timeout=20000)
    assert diff.view.result().b.path == str(MIDDLE)
    diff.close()


def test_compare_with_dialog_cancelled_opens_nothing(qtbot, history, monkeypatch):
    monkeypatch.setattr(compare, "ask_recording", lambda *a: None)
    assert history.compare_with_dialog(str(OLD)) is None
    assert diff_windows(history) == []


def test_compare_is_disabled_for_none_or_three(qtbot, history):
    select(history)
    assert not history.comparer.action.isEnabled()
    select(history, OLD, MIDDLE, NEW)
    assert len(selected_refs(history.tree)) == 3
    assert not history.comparer.action.isEnabled()
    history.comparer.action.trigger()  # disabled: nothing happens
    assert diff_windows(history) == []


def test_group_rows_do_not_count_as_recordings(qtbot, history):
    select(history, OLD)
    sel = history.tree.view.selectionModel()
    group = index_of(history, OLD).parent()
    flags = QItemSelectionModel.SelectionFlag
    sel.select(group, flags.Select | flags.Rows)
    assert sel.isRowSelected(group.row(), group.parent())
    assert [r.path for r in selected_refs(history.tree)] == [str(OLD)]


def test_compare_paths_reports_an_unreadable_side(qtbot, window, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_bytes(OLD.read_bytes()[:100])
    diff = window.compare_paths(str(OLD), str(broken))
    assert diff.view.busy()  # read off the GUI thread: nothing delivered yet
    qtbot.waitUntil(lambda: not diff.view.busy(), timeout=20000)
    assert diff.view.result() is None
    assert diff.view.summary_text().startswith("Cannot compare: B")
    diff.close()


def test_selection_mode_is_extended_and_single_click_still_shows(qtbot, history):
    from PySide6.QtWidgets import QAbstractItemView

    view = history.tree.view
    assert view.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    with qtbot.waitSignal(history.recording_shown, timeout=20000):
        view.setCurrentIndex(index_of(history, MIDDLE))
    assert history.detail.recording.path == str(MIDDLE)
    assert view.selectionModel().isSelected(index_of(history, MIDDLE).siblingAtColumn(NAME))


# ------------------------------------------------------------ recviewer --diff
def test_diff_screenshot_in_process(qtbot, tmp_path):
    out = tmp_path / "diff.png"
    assert main(["--screenshot", str(out), "--diff", str(OLD), str(NEW)]) == 0
    assert out.read_bytes()[:8] == PNG


def test_diff_missing_file_is_one_line_and_exit_1(capsys, tmp_path):
    assert main(["--diff", str(OLD), str(tmp_path / "nope.json")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.json" in err and "no such file" in err
    assert main(["--diff", str(HISTORY), str(OLD)]) == 1
    assert "folder" in capsys.readouterr().err


def test_diff_window_standalone_returns_0_when_closed(qtbot):
    def close_when_shown() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, DiffWindow) and w.isVisible() and OLD.name in w.windowTitle():
                w.view.diff_shown.connect(w.close)
                if w.view.result() is not None:
                    w.close()
                return
        QTimer.singleShot(20, close_when_shown)

    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: [w.close() for w in QApplication.topLevelWidgets()
                                   if isinstance(w, DiffWindow)])
    guard.start(30000)
    QTimer.singleShot(0, close_when_shown)
    assert run_diff(str(OLD), str(NEW)) == 0
    assert guard.isActive()  # closed by the diff being shown, not by the guard
    guard.stop()


def test_the_recording_selected_first_is_a(qtbot, history):
    select(history, NEW, OLD)
    assert [r.path for r in selected_refs(history.tree)] == [str(NEW), str(OLD)]
    diff = history.comparer.trigger()
    assert isinstance(diff, DiffWindow)
    assert diff.windowTitle().startswith(NEW.name)
    diff.close()


def test_diff_window_opens_at_the_window_zoom(qtbot, history):
    base = history.comparer.compare_paths(str(OLD), str(NEW))
    size0 = base.view.browser.font().pointSizeF()
    base.close()
    history.zoom.bigger()
    history.zoom.bigger()
    zoomed_win = history.comparer.compare_paths(str(OLD), str(NEW))
    assert zoomed_win.view.browser.font().pointSizeF() == size0 + 2
    zoomed_win.close()
    history.zoom.actual_size()


def test_an_open_diff_window_follows_later_zoom_changes(qtbot, history):
    history.zoom.actual_size()
    win = history.comparer.compare_paths(str(OLD), str(NEW))
    size0 = win.view.browser.font().pointSizeF()
    history.zoom.bigger()
    assert win.view.browser.font().pointSizeF() == size0 + 1
    history.zoom.actual_size()
    assert win.view.browser.font().pointSizeF() == size0
    with qtbot.waitSignal(win.destroyed, timeout=5000):
        win.close()
    history.zoom.bigger()  # a closed window is no longer followed (no error)
    history.zoom.actual_size()
