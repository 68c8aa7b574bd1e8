"""Find in page in the Raw, Conversation and diff views, and Ctrl+F / F3 / Esc routing."""

from __future__ import annotations

import re

import orjson
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from recviewer.core.formats.registry import read_recording
from recviewer.ui.find.bar import FindBar
from recviewer.ui.find.target import TextTarget
from recviewer.ui.raw import view as raw_view
from recviewer.ui.raw.pages import RawPages
from recviewer.ui.raw.view import RawView
from tests.corpus_paths import LARGEST, SECOND_LARGEST, SEED
from tests.support.desktop import activate, menu_actions, open_seed


def _count(text: str, term: str) -> int:
    return len(re.findall(re.escape(term), text, re.IGNORECASE))


def _painted(editor) -> list[str]:
    return [s.cursor.selectedText() for s in editor.extraSelections()]


@pytest.fixture
def raw(qtbot) -> RawView:
    v = RawView()
    qtbot.addWidget(v)
    v.resize(900, 600)
    v.show()
    return v


def test_raw_largest_counts_every_match_and_paints_the_visible_ones(raw):
    raw.show_bytes(LARGEST.read_bytes(), str(LARGEST))
    assert raw.editor.blockCount() > 37_000
    bar = raw.find_bar
    total = bar.find("Content")
    assert total == _count(raw.text(), "content") > 1000
    assert bar.count_label() == f"1 of {total:,}"
    painted = _painted(raw.editor)
    assert 0 < len(painted) < total  # only what is on screen is painted
    assert all(p.lower() == "content" for p in painted)
    bar.next()
    assert bar.count_label() == f"2 of {total:,}"
    bar.previous()
    bar.previous()  # wraps to the last match
    assert bar.count_label() == f"{total:,} of {total:,}"
    cursor = raw.editor.textCursor()
    assert raw.editor.document().findBlock(cursor.position()).blockNumber() > 37_000
    bar.find("no such words here")
    assert bar.count_label() == "No results" and _painted(raw.editor) == []


def test_raw_paged_file_counts_unshown_pages_and_loads_them_when_reached(raw, monkeypatch):
    monkeypatch.setattr(raw_view.RawPages, "of_file",
                        classmethod(lambda cls, data, pretty: cls(data, False, lines=300)))
    data = SECOND_LARGEST.read_bytes()
    raw.show_bytes(data, str(SECOND_LARGEST))
    pages = raw.pages
    assert isinstance(pages, RawPages) and not pages.done
    term = '"delta"'
    in_file = len(re.findall(re.escape(term.encode()), data))
    shown_before = pages.shown
    bar = raw.find_bar
    assert bar.find(term) == in_file
    in_first_page = _count(raw.text(), term)
    assert 0 < in_first_page < in_file
    for _ in range(in_first_page):
        bar.next()
    assert pages.shown > shown_before  # the next page was loaded to reach the match
    assert bar.count_label() == f"{in_first_page + 1:,} of {in_file:,}"
    assert bar.total == in_file


def test_text_browser_positions_after_emoji(qtbot):
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml("<p>\U0001f600 <b>Tokyo</b></p><table><tr><td>\U0001f680 tokyo</td>"
                    "<td>TOKYO</td></tr></table>")
    bar = FindBar(TextTarget(browser))
    qtbot.addWidget(bar)
    browser.show()
    assert bar.find("tokyo") == 3
    assert sorted(_painted(browser)) == ["TOKYO", "Tokyo", "tokyo"]


def test_conversation_find_and_search_again_after_a_rerender(qtbot):
    from recviewer.ui.conversation.view import ConversationView

    view = ConversationView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    rec = read_recording(SEED)
    view.show_recording(rec)
    bar = view.find_bar
    n = bar.find("knowledge")
    assert n == _count(view.browser.document().toRawText(), "knowledge") > 0
    assert all(p.lower() == "knowledge" for p in _painted(view.browser))
    view.set_markdown(False)  # a new page: searched again, the bar stays
    qtbot.waitUntil(lambda: bar.total == _count(view.browser.document().toRawText(), "knowledge"))
    with qtbot.waitSignal(bar.searched, timeout=3000):
        view.set_markdown(True)
    assert bar.isVisible() and bar.total == n


def test_find_terms_highlights_each_word(qtbot):
    from recviewer.ui.conversation.view import ConversationView

    view = ConversationView()
    qtbot.addWidget(view)
    view.show()
    view.show_recording(read_recording(SEED))
    text = view.browser.document().toRawText()
    total = view.find_bar.find_terms(["file_search", "region"])
    assert total == _count(text, "file_search") + _count(text, "region") > 0
    assert view.find_bar.edit.text() == "file_search region"


def test_ctrl_f_in_a_view_opens_its_bar_and_in_the_tree_the_filter(qtbot, window, open_and_wait):
    open_seed(qtbot, window, open_and_wait)
    activate(qtbot, window)
    detail = window.detail
    detail.set_tab("raw")
    detail.raw.editor.setFocus()
    qtbot.waitUntil(detail.raw.editor.hasFocus)
    qtbot.keyClick(detail.raw.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = detail.raw.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    assert not window.tree.filter_edit.hasFocus()
    qtbot.keyClicks(bar.edit, "chunk")
    qtbot.waitUntil(lambda: bar.total > 0)
    total = bar.total
    assert total == _count(detail.raw.text(), "chunk")
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.count_label() == f"2 of {total:,}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_label() == f"1 of {total:,}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_label() == f"2 of {total:,}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and detail.raw.editor.hasFocus()
    assert detail.raw.editor.extraSelections() == []
    # the tree keeps Ctrl+F for its filter
    window.tree.view.setFocus()
    qtbot.waitUntil(window.tree.view.hasFocus)
    qtbot.keyClick(window.tree.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tree.filter_edit.hasFocus() and not bar.isVisible()
    # Ctrl+F with the focus in the timeline finds in the conversation
    detail.set_tab("conversation")
    timeline = detail.timeline
    timeline.setFocus()
    focus = timeline.focusWidget() or timeline
    qtbot.keyClick(focus, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert detail.conversation.find_bar.isVisible()


def test_edit_menu_has_find_entries(window):
    actions = menu_actions(window)
    assert [k.toString() for k in actions[("Edit", "Find…")].shortcuts()] == ["Ctrl+F"]
    assert [k.toString() for k in actions[("Edit", "Find Next")].shortcuts()] == ["F3"]
    assert [k.toString() for k in actions[("Edit", "Find Previous")].shortcuts()] == ["Shift+F3"]
    actions[("Edit", "Find…")].trigger()  # from the menu: the detail tab on show
    assert not window.detail.conversation.find_bar.isHidden()


def test_diff_window_find_and_esc_closes_the_bar_not_the_window(qtbot):
    from recviewer.ui.diff.window import DiffWindow

    win = DiffWindow()
    qtbot.addWidget(win)
    win.show()
    activate(qtbot, win)
    with qtbot.waitSignal(win.view.diff_shown, timeout=20000):
        win.load_paths(str(SEED), str(LARGEST))
    win.view.browser.setFocus()
    qtbot.keyClick(win.view.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = win.view.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    n = bar.find("assistant")
    assert n == _count(win.view.browser.document().toRawText(), "assistant") > 0
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and win.isVisible()


def test_detail_pane_highlight_waits_for_the_recording(qtbot, window, open_and_wait):
    open_and_wait(window, SEED.parent)
    detail = window.detail
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        assert window.select_recording(str(SEED)) is not None
        detail.highlight(["file_search", "Region"])  # while loading: applied once shown
    bar = detail.conversation.find_bar
    text = detail.conversation.browser.document().toRawText()
    qtbot.waitUntil(lambda: bar.total > 0, timeout=5000)
    assert bar.total == _count(text, "file_search") + _count(text, "region")
    assert bar.count_label() == f"1 of {bar.total:,}"
    detail.set_tab("raw")
    detail.highlight(["chunk"])  # shown already: at once, in the current tab
    assert detail.raw.find_bar.total == _count(detail.raw.text(), "chunk") > 0
