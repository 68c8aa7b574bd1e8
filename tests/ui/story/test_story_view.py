"""The story of a test in the detail pane (issue 16): real MCP recordings."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.catalog.scan import scan, tree_path
from recviewer.core.sequence import story_of
from recviewer.ui.story.graph import DOT, DOWN, START, graph_lines, lanes
from recviewer.ui.story.group import group_tests
from recviewer.ui.story.model import FILE, PATH_ROLE, ROLE, TOOLS, StoryModel, short_name
from recviewer.ui.story.view import StoryView
from recviewer.ui.workers import Workers
from tests.corpus_paths import (
    MCP_CHAIN, MCP_FORK_CHILDREN, MCP_FORK_PARENT, MCP_TEST_ID, TOOL_RUNTIME,
    CATEGORY_EMBEDDINGS, CATEGORY_TEST_ID, RESPONSES,
)

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def _mcp_story():
    refs = scan(str(TOOL_RUNTIME)).refs
    return refs, story_of(refs, MCP_TEST_ID)


def test_graph_draws_the_fork_as_a_second_lane():
    _refs, story = _mcp_story()
    paths = [c.facts.path for c in story.calls]
    parent = paths.index(str(MCP_FORK_PARENT))
    kids = sorted(paths.index(str(p)) for p in MCP_FORK_CHILDREN)
    lane = lanes(story.calls)
    lines = graph_lines(story.calls)
    assert kids == [parent + 1, parent + 2]
    assert lane[kids[0]] == lane[parent] and lane[kids[1]] == lane[parent] + 1
    assert lines[parent].startswith(START) and DOWN in lines[parent]  # the fork leaves here
    assert lines[kids[1]].strip() == DOT  # the branch's call, in its own lane
    chain = [paths.index(str(p)) for p in MCP_CHAIN]
    assert chain == list(range(chain[0], chain[0] + 4))  # the 4-call chain, in order
    assert lines[chain[0]] == START and all(lines[i] == DOT for i in chain[1:])


def test_model_rows_say_what_each_call_is(qtbot):
    refs, story = _mcp_story()
    model = StoryModel(False)
    QAbstractItemModelTester(model, FATAL)
    model.set_story(story, {r.path: r.gist for r in refs})
    assert model.rowCount() == len(story.calls)
    first = model.row_of(str(MCP_CHAIN[0]))
    second = model.row_of(str(MCP_CHAIN[1]))
    assert model.index(first, ROLE).data() == "user"
    assert model.index(first, TOOLS).data() == "greet_everyone"
    assert model.index(second, ROLE).data() == "tool"
    assert model.index(first, FILE).data(PATH_ROLE) == str(MCP_CHAIN[0])
    assert model.index(first, FILE).data() == short_name(str(MCP_CHAIN[0]))
    tip = model.index(second, FILE).data(Qt.ItemDataRole.ToolTipRole)
    assert "continues " + os.path.basename(str(MCP_CHAIN[0])) in tip


def test_unplaced_calls_are_listed_apart(qtbot):
    refs = scan(str(RESPONSES)).refs
    story = story_of(refs, CATEGORY_TEST_ID)
    model = StoryModel(True)
    QAbstractItemModelTester(model, FATAL)
    model.set_story(story)
    assert sorted(model.paths()) == sorted(str(p) for p in CATEGORY_EMBEDDINGS)


def test_view_computes_off_thread_and_a_click_opens_the_call(qtbot):
    refs = scan(str(TOOL_RUNTIME)).refs
    workers = Workers()
    view = StoryView(workers)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    with qtbot.waitSignal(view.story_shown, timeout=20000):
        view.show_tests([MCP_TEST_ID], refs)
    assert view.story is not None and view.title.text() == MCP_TEST_ID
    assert "1 fork" in view.summary.text()
    row = view.model.row_of(str(MCP_CHAIN[2]))
    rect = view.calls.visualRect(view.model.index(row, ROLE))
    with qtbot.waitSignal(view.call_activated) as blocker:
        qtbot.mouseClick(view.calls.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [str(MCP_CHAIN[2])]
    workers.shutdown()


def test_group_tests_a_group():
    refs = scan(str(TOOL_RUNTIME)).refs
    ref = next(r for r in refs if r.test_id == MCP_TEST_ID)
    labels = tree_path(ref)
    assert group_tests(refs, labels) == [MCP_TEST_ID]
    assert MCP_TEST_ID in group_tests(refs, labels[:1])
    assert group_tests(refs, ("(no test id)", ".")) == []
