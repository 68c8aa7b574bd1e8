"""TimelinePanel on real corpus streams: seeking, stepping, playback, keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from recviewer.core.replay import ReplayCursor
from recviewer.ui.timeline import INSTANT, TimelinePanel
from recviewer.ui.timeline.controls import REAL_TIMING, SYNTHETIC_TIMING
from tests.conftest import LARGEST, RECORDINGS, SEED

# Streamed, two tool calls in the *response* (get_weather x2), 19 chunks.
TOOL_STREAM = RECORDINGS / "responses/recordings/334cee9d473635bb4220061b0e366ca4673bcefff36aacb8f03043a76fe984ae.json"
# Not streamed: a plain chat completion.
NOT_STREAMED = RECORDINGS / "inference/recordings/02fba1826ee7c9b9318645bf6e4514d57cf09e34e40fb2745da54227220ccf35.json"


def load(path: Path) -> Recording:
    rec = read_recording(path)
    assert isinstance(rec, Recording), rec
    return rec


@pytest.fixture
def panel(qtbot) -> TimelinePanel:
    p = TimelinePanel()
    qtbot.addWidget(p)
    p.resize(1280, 220)
    return p


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


def test_play_advances_and_pause_stops(panel, qtbot):
    panel.set_recording(load(LARGEST))
    panel.seek(0)
    panel.play()
    assert panel.is_playing()
    qtbot.waitUntil(lambda: panel.position() > 0, timeout=5000)
    panel.pause()
    assert not panel.is_playing()
    stopped = panel.position()
    qtbot.wait(150)
    assert panel.position() == stopped


def test_play_runs_to_the_end_and_stops(panel, qtbot):
    rec = load(SEED)
    panel.set_recording(rec)
    panel.set_speed(16)
    states = []
    panel.stateChanged.connect(states.append)
    panel.play()  # at the end: starts again from 0
    assert panel.position() == 0
    qtbot.waitUntil(lambda: not panel.is_playing(), timeout=10_000)
    assert panel.position() == 62
    assert states[-1].text == rec.exchange.response_messages[0].text
    positions = [s.position for s in states]
    assert positions == sorted(positions)  # never went backwards while playing


def test_speed_changes_timer_interval_and_chunks_per_tick(panel):
    panel.set_recording(load(LARGEST))
    pb = panel.playback()
    panel.set_speed(0.25)
    slow_interval, slow_per_tick = pb.timer_interval(), pb.chunks_per_tick()
    panel.set_speed(1)
    normal_per_tick = pb.chunks_per_tick()
    assert pb.chunks_per_second() == pytest.approx(30.0)
    panel.set_speed(16)
    assert pb.timer_interval() < slow_interval
    assert pb.chunks_per_tick() > normal_per_tick > slow_per_tick
    assert panel.transport().speed.currentText() == "16×"


def test_speed_combo_sets_the_speed(panel, qtbot):
    panel.set_recording(load(SEED))
    combo = panel.transport().speed
    combo.activated.emit(combo.findData(4.0))
    assert panel.playback().speed() == 4.0


def test_instant_jumps_to_the_end(panel):
    panel.set_recording(load(LARGEST))
    panel.seek(10)
    panel.set_speed(INSTANT)
    panel.play()
    assert panel.position() == 1399 and not panel.is_playing()
    assert panel.transport().speed.currentText() == "instant"


def test_switching_to_instant_while_playing_jumps_to_the_end(panel):
    panel.set_recording(load(LARGEST))
    panel.seek(0)
    panel.play()
    panel.set_speed(INSTANT)
    assert panel.position() == 1399 and not panel.is_playing()


def test_bad_speed_is_refused(panel):
    with pytest.raises(ValueError):
        panel.set_speed(0)
    with pytest.raises(ValueError):
        panel.set_speed("fast")


def test_tokens_pacing_changes_the_duration(panel):
    panel.set_recording(load(LARGEST))
    pb = panel.playback()
    by_chunks = pb.duration()
    assert by_chunks == pytest.approx(1399 / 30)
    panel.set_pacing("tokens")
    assert pb.duration() != pytest.approx(by_chunks)
    assert panel.transport().pacing.currentData() == "tokens"
    assert panel.transport().timing_label.text() == SYNTHETIC_TIMING == \
        "synthetic pacing (no timing recorded)"


def test_recorded_timing_is_stated_and_used(panel):
    from dataclasses import replace

    rec = load(TOOL_STREAM)  # the corpus has no timing: add 0.1 s gaps to real chunks
    timed = tuple(replace(c, time=0.1 * (i + 1)) for i, c in enumerate(rec.exchange.chunks))
    panel.set_recording(replace(rec, exchange=replace(rec.exchange, chunks=timed)))
    assert panel.transport().timing_label.text() == REAL_TIMING == "recorded timing"
    assert not panel.transport().pacing.isEnabled()
    assert panel.playback().duration() == pytest.approx(1.9)


def test_list_follows_the_position(panel):
    panel.set_recording(load(LARGEST))
    panel.seek(37)
    view = panel.chunk_list()
    assert view.currentIndex().row() == 36
    assert view.selectionModel().isSelected(view.currentIndex())
    assert view.currentIndex().data().startswith("#36 chunk")
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
