"""The stream timeline inside the main window, on the real corpus."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from recviewer.core.replay import ReplayCursor
from recviewer.ui.conversation.parts import CURSOR
from recviewer.ui.detail.conversation_tab import HEIGHT_KEY, MAX_SHARE
from tests.corpus_paths import CORPUS, LARGEST, NOT_STREAMED

ROOT = CORPUS / "recordings"


def select_and_wait(qtbot, window, path) -> None:
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        assert window.select_recording(os.fspath(path)) is not None


@pytest.fixture
def largest(qtbot, window, open_and_wait):
    """The main window (1280×800) showing the largest streamed recording."""
    window.resize(1280, 800)
    open_and_wait(window, ROOT)
    select_and_wait(qtbot, window, LARGEST)
    return window


def seek_and_render(window, n: int) -> None:
    window.detail.timeline.seek(n)
    window.detail.stream.flush()  # a frame may wait for the end of the interval


def test_streamed_recording_shows_the_timeline_at_its_end(qtbot, largest):
    stream, timeline = largest.detail.stream, largest.detail.timeline
    assert largest.detail.current_tab() == "conversation"
    assert timeline.isVisible() and stream.streamed()
    assert timeline.length() == 1399 and timeline.position() == 1399
    text = largest.detail.conversation.document_text()
    assert CURSOR not in text  # the full, final render
    # the timeline keeps the conversation readable at 800 px
    conversation_h, timeline_h = stream.sizes()
    assert conversation_h > timeline_h > 0
    assert timeline_h <= sum(stream.sizes()) * MAX_SHARE + 1


def test_seeking_mid_stream_grows_the_bubble_with_a_cursor(qtbot, largest):
    conversation = largest.detail.conversation
    conversation.set_markdown(False)  # compare the assembled text as it is
    rec = largest.detail.recording
    expected = ReplayCursor(rec.exchange).seek(700).text
    final = ReplayCursor(rec.exchange).seek(1399).text
    assert final.startswith(expected) and len(expected) < len(final)
    seek_and_render(largest, 700)
    text = conversation.document_text()
    assert CURSOR in text
    tail = expected.rstrip()[-200:]  # the newest text sits right before the cursor
    assert f"{tail}{CURSOR}" in text.replace("\u2029", "\n")
    assert final.strip()[-80:] not in text  # the rest has not arrived yet
    assert "chunk 700 of 1,399" in text
    bar = conversation.browser.verticalScrollBar()
    assert bar.value() == bar.maximum()  # the view follows the growing end


def test_the_view_follows_the_end_until_the_user_scrolls_up(qtbot, largest):
    bar = largest.detail.conversation.browser.verticalScrollBar()
    seek_and_render(largest, 600)
    for n in (650, 700, 750):
        seek_and_render(largest, n)
        assert bar.value() == bar.maximum() > 0
    bar.setValue(0)  # the user scrolls up to read the request
    seek_and_render(largest, 800)
    assert bar.value() == 0


def test_back_at_the_end_is_the_normal_full_render(qtbot, largest):
    conversation = largest.detail.conversation
    full = conversation.document_text()
    seek_and_render(largest, 10)
    assert conversation.document_text() != full
    seek_and_render(largest, largest.detail.timeline.length())
    assert conversation.document_text() == full
    assert CURSOR not in full


def test_play_advances_and_selecting_another_recording_pauses(qtbot, largest):
    timeline = largest.detail.timeline
    seek_and_render(largest, 0)
    timeline.play()
    assert timeline.is_playing()
    qtbot.waitUntil(lambda: timeline.position() > 3, timeout=10000)
    qtbot.waitUntil(lambda: CURSOR in largest.detail.conversation.document_text(), timeout=5000)
    largest.select_recording(os.fspath(NOT_STREAMED))
    assert not timeline.is_playing()  # paused at once, before the new file is read


def test_a_non_streamed_recording_hides_the_timeline(qtbot, largest):
    select_and_wait(qtbot, largest, NOT_STREAMED)
    assert largest.detail.timeline.isHidden()
    assert not largest.detail.stream.streamed()
    select_and_wait(qtbot, largest, LARGEST)
    assert largest.detail.timeline.isVisible()


def test_playback_menu_lists_the_transport_with_shortcuts(qtbot, window):
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "&Playback" in menus
    keys = {a.text(): a.shortcut().toString() for a in menus["&Playback"].actions()
            if not a.isSeparator()}
    assert keys["Play"] == "Space"
    assert keys["Step back"] == "Left" and keys["Step forward"] == "Right"
    assert keys["Jump to start"] == "Home" and keys["Jump to end"] == "End"
    assert keys["&Faster"] == "]" and keys["&Slower"] == "["


def test_faster_and_slower_step_the_speed(qtbot, largest):
    timeline, menu = largest.detail.timeline, largest.playback_menu
    assert timeline.playback().speed() == 1.0
    menu.faster.trigger()
    menu.faster.trigger()
    assert timeline.playback().speed() == 4.0
    assert timeline.transport().speed.currentText() == "4×"
    for _ in range(10):
        menu.slower.trigger()
    assert timeline.playback().speed() == 0.25


def _focus(qtbot, window, widget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=5000)


def test_transport_keys_work_in_the_conversation_not_in_tree_or_filter(qtbot, largest):
    timeline, browser = largest.detail.timeline, largest.detail.conversation.browser
    _focus(qtbot, largest, browser)
    qtbot.keyClick(browser, Qt.Key.Key_Left)
    assert timeline.position() == 1398
    qtbot.keyClick(browser, Qt.Key.Key_Home)
    assert timeline.position() == 0
    qtbot.keyClick(browser, Qt.Key.Key_Right)
    assert timeline.position() == 1
    qtbot.keyClick(browser, Qt.Key.Key_Space)
    assert timeline.is_playing()
    qtbot.keyClick(browser, Qt.Key.Key_Space)
    assert not timeline.is_playing()
    qtbot.keyClick(browser, Qt.Key.Key_BracketRight)
    assert timeline.playback().speed() == 2.0
    before = timeline.position()
    edit = largest.tree.filter_edit
    _focus(qtbot, largest, edit)
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Home, Qt.Key.Key_Space, Qt.Key.Key_Right):
        qtbot.keyClick(edit, key)
    assert edit.text() == "  " and edit.cursorPosition() == 2  # the filter box kept them
    assert timeline.position() == before and not timeline.is_playing()
    tree = largest.tree.view
    _focus(qtbot, largest, tree)
    leaf = tree.currentIndex()
    qtbot.keyClick(tree, Qt.Key.Key_Left)  # on a leaf: the tree goes to its parent
    assert tree.currentIndex() == leaf.parent()  # (a shortcut would have eaten the key)


def test_timeline_height_is_remembered(qtbot, largest, make_window, settings):
    stream = largest.detail.stream
    stream.moveSplitter(stream.sizes()[0] + 40, 1)  # the user makes the timeline smaller
    wanted = stream.timeline_wanted_height()
    assert wanted == stream.sizes()[1] < 220
    assert int(settings.value(HEIGHT_KEY)) == wanted
    again = make_window(settings)
    assert again.detail.stream.timeline_wanted_height() == wanted


def test_screenshot_after_seek(qtbot, tmp_path):
    from recviewer.app import main

    out = tmp_path / "mid.png"
    code = main(["--screenshot", str(out), "--select", LARGEST.name, "--size", "1280x800",
                 "--seek", "700", str(ROOT)])
    assert code == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
