"""The detail pane's pages: home (nothing selected), a test's story, the folder overview."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from recviewer.core.catalog.scan import scan, tree_path
from recviewer.ui.detail.home_page import FolderCounts
from recviewer.ui.tree.selection import refs_below
from tests.corpus_paths import MCP_CHAIN, MCP_TEST_ID, MESSAGES, TOOL_RUNTIME
from tests.support.tree_groups import group_index



def test_nothing_selected_shows_the_folder_counts(window, open_and_wait):
    open_and_wait(window, MESSAGES)
    refs = scan(str(MESSAGES)).refs
    home = window.detail.home
    assert window.detail.mode == "home"
    expected = FolderCounts(
        recordings=sum(r.is_recording for r in refs),
        tests=len({r.test_id for r in refs if r.is_recording and r.test_id}),
        failed=sum(r.is_recording and r.failed for r in refs),
        unreadable=sum(r.error is not None and not r.is_other for r in refs),
        other=sum(r.is_other for r in refs))
    assert home.counts == expected and expected.recordings == 9
    assert home.numbers["recordings"].text() == "9"
    assert home.numbers["tests"].text() == str(expected.tests)
    assert "Ctrl+Shift+F" in [w.text() for w in home.findChildren(type(home.heading))]


def test_selecting_a_test_shows_its_story_and_a_call_opens_it(qtbot, window, open_and_wait):
    open_and_wait(window, TOOL_RUNTIME)
    ref = next(r for r in window.tree.model.refs() if r.test_id == MCP_TEST_ID)
    index = group_index(window, tree_path(ref))
    story = window.detail.story
    with qtbot.waitSignal(story.story_shown, timeout=20000):
        window.tree.view.setCurrentIndex(index)
    assert window.detail.mode == "story"
    assert story.story is not None and story.story.test_id == MCP_TEST_ID
    with qtbot.waitSignal(window.recording_shown, timeout=20000) as blocker:
        story.call_activated.emit(str(MCP_CHAIN[1]))
    assert blocker.args == [str(MCP_CHAIN[1])]
    assert window.detail.mode == "recording"
    assert window.tree.current_ref().path == str(MCP_CHAIN[1])


def test_overview_bar_filters_the_tree_to_exactly_those_rows(qtbot, window, open_and_wait):
    open_and_wait(window, MESSAGES)
    with qtbot.waitSignal(window.detail.overview_shown, timeout=30000):
        window.folder_pages.overview_action.trigger()
    assert window.detail.mode == "overview"
    chart = window.detail.overview.charts["model"]
    labels = [label for label, _n in chart.rows()]
    row = labels.index("gpt-4o")
    expected = {r.path for r in scan(str(MESSAGES)).refs if r.model == "gpt-4o"}
    assert len(expected) == 3
    window.detail.overview.ensureWidgetVisible(chart)
    with qtbot.waitSignal(chart.filter_requested):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton,
                         pos=chart.bar_rect(row).center().toPoint())
    shown = {r.path for r in refs_below(window.tree.proxy, QModelIndex())}
    assert shown == expected
    assert "gpt-4o" in window.tree.path_filter_text()


def test_overview_lists_orphans_from_a_collection_file(qtbot, window, open_and_wait, tmp_path):
    open_and_wait(window, TOOL_RUNTIME)
    listing = tmp_path / "collected.txt"
    kept = sorted({r.test_id for r in window.tree.model.refs() if r.test_id} - {MCP_TEST_ID})
    listing.write_text("\n".join(kept) + "\n\n1 test collected in 0.01s\n")
    with qtbot.waitSignal(window.detail.overview_shown, timeout=30000):
        assert window.folder_pages.load_collection(str(listing))
    stats = window.detail.stats
    assert stats.orphans
    assert {r.path for r in stats.orphans} == {
        r.path for r in window.tree.model.refs() if r.test_id == MCP_TEST_ID and r.is_recording}
    assert window.detail.overview.orphans.isVisible()
