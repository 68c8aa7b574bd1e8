"""TimelinePanel playback: the timer, speed, "instant", pacing and timing labels."""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest
from PySide6.QtCore import QTimer

from recviewer.ui.timeline.playback import INSTANT
from recviewer.ui.timeline.controls import REAL_TIMING, SYNTHETIC_TIMING
from tests.corpus_paths import LARGEST, SEED, TOOL_STREAM
from tests.conftest import read_ok as load
from tests.support.timeline import panel  # noqa: F401 (fixture)


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
    rec = load(TOOL_STREAM)  # the corpus has no timing: add 0.1 s gaps to real chunks
    timed = tuple(replace(c, time=0.1 * (i + 1)) for i, c in enumerate(rec.exchange.chunks))
    panel.set_recording(replace(rec, exchange=replace(rec.exchange, chunks=timed)))
    assert panel.transport().timing_label.text() == REAL_TIMING == "recorded timing"
    assert not panel.transport().pacing.isEnabled()
    assert panel.playback().duration() == pytest.approx(1.9)


def test_qt_calls_keep_their_references_to_none():
    """Playback makes dozens of Qt calls per tick. PySide6 6.12.0 on Python 3.11
    drops a reference to None on every call of a void method, which aborts the
    interpreter ("deallocating None") after some thousand ticks. Python >= 3.12
    (None is immortal there) or PySide6 6.11 do not; this fails until fixed."""
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(1000):
        timer.setInterval(5)
    lost = before - sys.getrefcount(None)
    assert lost < 10, (f"{lost} references to None lost in 1000 void Qt calls: this "
                       "PySide6/Python pair will crash the app (use PySide6 != 6.12.0 "
                       "on Python 3.11, or Python >= 3.12)")
