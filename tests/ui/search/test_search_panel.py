"""Search every recording (issue 16, window part): real MCP recordings."""

from __future__ import annotations

import os

from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.search.index import Hit, SearchIndex
from recviewer.ui.search.delegate import pieces
from recviewer.ui.search.model import HIT_ROLE, PATH_ROLE, SearchResultsModel, snippet_html
from tests.corpus_paths import MCP_CHAIN, MCP_TEST_ID, TOOL_RUNTIME

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def test_results_model_groups_hits_by_test(qtbot):
    model = SearchResultsModel()
    QAbstractItemModelTester(model, FATAL)
    hits = [Hit("a/x.json", "t1", "response.text", "one two", ((4, 7),)),
            Hit("a/y.json", None, "request.messages[0]", "two", ((0, 3),)),
            Hit("a/z.json", "t1", "tool_call.arguments", "two!", ((0, 3),))]
    model.set_hits("/root", hits)
    assert model.rowCount() == 2 and model.hit_count == 3
    group = model.index(0, 0)
    assert model.rowCount(group) == 2 and "t1" in group.data()
    assert model.index(1, 0, group).data(HIT_ROLE) == hits[2]
    assert model.index(0, 0, model.index(1, 0)).data(PATH_ROLE) == os.path.join("/root", "a", "y.json")
    model.clear()
    assert model.rowCount() == 0


def test_snippets_are_escaped_with_the_match_bold():
    hit = Hit("x.json", None, "response.text", "<script>a & polyjuice</script>", ((12, 21),))
    assert snippet_html(hit) == "&lt;script&gt;a &amp; <b>polyjuice</b>&lt;/script&gt;"
    assert pieces(hit.snippet, hit.matches) == [
        ("<script>a & ", False), ("polyjuice", True), ("</script>", False)]


def test_search_finds_a_known_string_and_a_click_opens_that_recording(
        qtbot, window, open_and_wait):
    open_and_wait(window, TOOL_RUNTIME)
    panel = window.search.panel
    window.search.action.trigger()
    assert window.search.dock.isVisible()
    with qtbot.waitSignal(panel.results_shown, timeout=60000) as blocker:
        panel.search("polyjuice")
    assert blocker.args[0] > 0
    model = panel.model
    paths = {model.index(r, 0, model.index(g, 0)).data(PATH_ROLE)
             for g in range(model.rowCount()) for r in range(model.rowCount(model.index(g, 0)))}
    assert str(MCP_CHAIN[2]) in paths  # its request asks for polyjuice's boiling point
    assert str(MCP_CHAIN[0]) not in paths  # the greeting call never mentions it
    group = next(model.index(g, 0) for g in range(model.rowCount())
                 if MCP_TEST_ID in model.index(g, 0).data())
    target = next(model.index(r, 0, group) for r in range(model.rowCount(group))
                  if model.index(r, 0, group).data(PATH_ROLE) == str(MCP_CHAIN[2]))
    with qtbot.waitSignal(window.recording_shown, timeout=20000) as shown:
        panel.view.activated.emit(target)
    assert shown.args == [str(MCP_CHAIN[2])]
    assert window.tree.current_ref().path == str(MCP_CHAIN[2])
    bar = window.detail.conversation.find_bar  # the match is highlighted in the view
    qtbot.waitUntil(lambda: bar.isVisible() and len(bar.spans) > 0, timeout=10000)
    assert not any(TOOL_RUNTIME.glob("*.sqlite*"))  # the index lives in the cache folder


def test_live_reload_updates_the_index(qtbot, window, open_and_wait, tmp_path):
    folder = tmp_path / "recs"
    folder.mkdir()
    (folder / "a.json").write_bytes(MCP_CHAIN[2].read_bytes())
    open_and_wait(window, folder)
    panel = window.search.panel
    with qtbot.waitSignal(panel.results_shown, timeout=60000) as blocker:
        panel.search("polyjuice")
    assert blocker.args[0] > 0
    (folder / "b.json").write_bytes(MCP_CHAIN[3].read_bytes())
    with qtbot.waitSignal(panel.results_shown, timeout=60000):
        assert panel.update_files(added=[str(folder / "b.json")])
    with SearchIndex(str(folder)) as index:
        assert index.files == 2
