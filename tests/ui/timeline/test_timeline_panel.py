"""TimelinePanel on real corpus streams: seeking, stepping, list, inspector, keys."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QPoint, Qt

from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from recviewer.core.replay import ReplayCursor
from recviewer.ui.timeline.panel import TimelinePanel
from tests.conftest import read_ok as load
from tests.corpus_paths import LARGEST, NOT_STREAMED, RECORDINGS, SEED, TOOL_STREAM
from tests.support.timeline import panel  # noqa: F401 (fixture)

# Streamed, two tool calls in the *response* (get_weather x2), 19 chunks.
# Not streamed: a plain chat completion.


def test_streams_open_at_their_end(panel):
    rec = load(LARGEST)
    panel.set_recording(rec)
    assert panel.isEnabled() and not panel.isHidden()
    assert panel.length() == len(rec.exchange.chunks) == 1399
    assert panel.position() == 1399
    assert panel.position_text() == "chunk 1,399 / 1,399"
    assert panel.chunk_model().rowCount() == 1399


def test_seed_has_no_tool_call_marks_its_tool_call_is_in_the_request(panel):
    rec = load(SEED)
    assert any(m.tool_calls for m in rec.exchange.request_messages)
    panel.set_recording(rec)
    assert panel.length() == 62
    kinds = {m.kind for m in panel.scrubber().marks()}
    assert "tool" not in kinds
    assert {"content", "finish"} <= kinds


def test_tool_stream_marks_both_tool_calls_and_the_finish(panel):
    panel.set_recording(load(TOOL_STREAM))
    marks = panel.scrubber().marks()
    tools = [m for m in marks if m.kind == "tool"]
    assert [m.position for m in tools] == [2, 10]  # chunks #1 and #9, shown after them
    assert all("get_weather" in m.label for m in tools)
    finish = [m for m in marks if m.kind == "finish"]
    assert [m.position for m in finish] == [18] and "tool_calls" in finish[0].label
    scrubber = panel.scrubber()
    assert "tool call [1] get_weather" in scrubber.tooltip_at(scrubber.axis().x_of(10))


@pytest.mark.parametrize("path", [SEED, LARGEST, TOOL_STREAM], ids=["seed", "largest", "tool"])
def test_seek_emits_the_state_the_cursor_assembles(panel, qtbot, path):
    rec = load(path)
    panel.set_recording(rec)
    n = len(rec.exchange.chunks)
    for target in (n // 2, 1, n - 1):
        with qtbot.waitSignal(panel.stateChanged) as blocker:
            panel.seek(target)
        expected = ReplayCursor(rec.exchange).seek(target)
        assert blocker.args[0].position == target
        assert blocker.args[0].text == expected.text
        assert blocker.args[0].tool_calls == expected.tool_calls
        assert panel.position_text() == f"chunk {target:,} / {n:,}"


def test_step_home_and_end(panel, qtbot):
    rec = load(LARGEST)
    panel.set_recording(rec)
    panel.seek(0)
    assert panel.position_text() == "chunk 0 / 1,399"
    with qtbot.waitSignal(panel.stateChanged) as blocker:
        panel.step(37)
    assert panel.position_text() == "chunk 37 / 1,399"
    assert blocker.args[0].text == ReplayCursor(rec.exchange).seek(37).text
    panel.step(-1)
    assert panel.position() == 36
    panel.step(-100)
    assert panel.position() == 0  # clamped
    panel.transport_actions().end.trigger()
    assert panel.position_text() == "chunk 1,399 / 1,399"
    assert panel.state().text == rec.exchange.response_messages[0].text
    panel.transport_actions().start.trigger()
    assert panel.position() == 0


def test_list_follows_the_position(panel):
    panel.set_recording(load(LARGEST))
    panel.seek(37)
    view = panel.chunk_list()
    assert view.currentIndex().row() == 36
    assert view.selectionModel().isSelected(view.currentIndex())
    assert view.currentIndex().data().startswith("#37  ")  # position 37 = chunk #37 (1-based)
    panel.seek(0)
    assert not view.selectionModel().hasSelection()


def test_clicking_a_list_row_seeks(panel, qtbot):
    panel.set_recording(load(TOOL_STREAM))
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.chunk_list()
    index = panel.chunk_model().index(4, 0)
    view.scrollTo(index)
    with qtbot.waitSignal(panel.stateChanged) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(index).center())
    assert panel.position() == 5
    assert blocker.args[0].tool_calls[0].arguments == '{"location": "S'


def test_clicking_the_scrubber_and_the_plot_seeks(panel, qtbot):
    panel.set_recording(load(TOOL_STREAM))
    panel.show()
    qtbot.waitExposed(panel)
    scrubber, plot = panel.scrubber(), panel.plot()
    x = round(scrubber.axis().x_of(9))
    qtbot.mouseClick(scrubber, Qt.MouseButton.LeftButton, pos=QPoint(x, scrubber.height() // 2))
    assert panel.position() == 9
    axis = plot.axis()
    x = round((axis.x_of(12) + axis.x_of(13)) / 2)  # the middle of chunk #12's bar
    qtbot.mouseClick(plot, Qt.MouseButton.LeftButton, pos=QPoint(x, plot.height() // 2))
    assert panel.position() == 13
    assert scrubber.position() == plot.position() == 13


def test_keyboard_shortcuts_work_inside_the_panel(panel, qtbot):
    panel.set_recording(load(LARGEST))
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    panel.chunk_list().setFocus()
    qtbot.waitUntil(lambda: panel.chunk_list().hasFocus())
    qtbot.keyClick(panel, Qt.Key.Key_Home)
    assert panel.position() == 0
    qtbot.keyClick(panel, Qt.Key.Key_Right)
    qtbot.keyClick(panel, Qt.Key.Key_Right)
    assert panel.position() == 2
    qtbot.keyClick(panel, Qt.Key.Key_Left)
    assert panel.position_text() == "chunk 1 / 1,399"
    qtbot.keyClick(panel, Qt.Key.Key_End)
    assert panel.position() == 1399
    qtbot.keyClick(panel, Qt.Key.Key_Home)
    qtbot.keyClick(panel, Qt.Key.Key_Space)
    assert panel.is_playing()
    assert panel.transport_actions().play.text() == "Pause"
    qtbot.keyClick(panel, Qt.Key.Key_Space)
    assert not panel.is_playing()
    assert panel.transport_actions().play.text() == "Play"


def test_shortcuts_are_scoped_to_the_panel(panel):
    for action in panel.transport_actions().all():
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
        assert action in panel.actions()


def test_inspector_shows_what_the_chunk_changed(panel):
    panel.set_recording(load(TOOL_STREAM))
    panel.seek(2)  # chunk #1 opens tool call 0
    inspector = panel.inspector()
    assert inspector.chunk().index == 1
    changes = inspector.changes_text()
    assert "tool call [0] get_weather" in changes and "call_DrAmcQ25jYywGzd5JG1CZJ0y" in changes
    panel.seek(5)
    assert "arguments + 'n\": \"S'" in inspector.changes_text()
    assert '"arguments": "n\\": \\"S"' in inspector.json_text()
    panel.seek(18)
    assert "finish_reason tool_calls" in inspector.changes_text()
    panel.seek(0)
    assert inspector.chunk() is None and inspector.json_text() == ""


def test_non_streamed_recording_disables_the_panel(panel):
    panel.set_recording(load(LARGEST))
    rec = load(NOT_STREAMED)
    assert not rec.streaming
    panel.set_recording(rec)
    assert not panel.isEnabled() and panel.isHidden()
    assert panel.recording() is None and panel.length() == 0
    assert panel.chunk_model().rowCount() == 0
    panel.play()
    assert not panel.is_playing()
    panel.set_recording(None)
    assert not panel.isEnabled()


def test_fits_under_the_conversation(panel):
    panel.set_recording(load(LARGEST))
    assert panel.minimumSizeHint().height() <= 220


def streamed_corpus_recordings() -> list[Recording]:
    recs = [read_recording(p) for p in sorted(RECORDINGS.rglob("*.json"))]
    return [r for r in recs if isinstance(r, Recording) and r.streaming and r.exchange.chunks]


def test_every_streamed_corpus_recording_replays(panel):
    recs = streamed_corpus_recordings()
    assert len(recs) > 100
    formats = set()
    for rec in recs:
        formats.add(rec.format)
        panel.set_recording(rec)
        n = len(rec.exchange.chunks)
        assert panel.isEnabled() and panel.length() == n and panel.chunk_model().rowCount() == n
        panel.seek(n // 2)
        assert panel.state().text == ReplayCursor(rec.exchange).seek(n // 2).text
        assert panel.inspector().chunk() is rec.exchange.chunks[n // 2 - 1] or n // 2 == 0
        panel.seek(n)
        assert panel.state().finish_reason == rec.exchange.finish_reason
    assert "openai_chat" in formats


def test_the_chunk_list_has_fixed_rows_and_shows_the_last_of_100000(qtbot):
    """Fixed row heights: row n's place is known without laying out the others
    (a QListView took ~0.12 s at 100,000 chunks before it could scroll)."""
    from PySide6.QtWidgets import QHeaderView

    from recviewer.core.replay import ChunkSummary
    from recviewer.ui.timeline.chunk_list import ChunkListModel
    from recviewer.ui.timeline.chunk_view import ChunkView

    model = ChunkListModel(None)
    view = ChunkView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(300, 200)
    view.show()
    model.set_summaries([ChunkSummary(i, "chunk", "x", "", (), None, False, 1)
                         for i in range(100_000)])
    assert view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    last = model.index(99_999, 0)
    view.setCurrentIndex(last)
    view.scrollTo(last)
    assert view.viewport().rect().intersects(view.visualRect(last))
    assert last.data().startswith("#100000  ")


def test_one_numbering_in_position_list_inspector_and_marks(panel):
    rec = load(SEED)
    panel.set_recording(rec)
    n = panel.length()
    panel.seek(40)
    assert panel.position_text() == f"chunk 40 / {n}"
    assert panel.chunk_list().currentIndex().data().startswith("#40  ")
    assert "#40" in panel.inspector()._title.text()
    assert panel.inspector().chunk().index == 39  # 0-based inside, 1-based on screen
    for mark in panel.scrubber().marks():
        assert f"(chunk #{mark.position})" in mark.label  # a mark sits where its chunk shows
