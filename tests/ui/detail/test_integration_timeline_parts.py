"""Parts of the timeline wiring: frame coalescing, speed steps, timeline height."""

from __future__ import annotations

import pytest

from recviewer.ui.detail.render_coalescer import Coalescer
from recviewer.ui.detail.playback_menu import next_speed
from recviewer.ui.detail.conversation_tab import MAX_SHARE, MIN_HEIGHT, timeline_height
from recviewer.ui.timeline.playback import INSTANT, SPEEDS


def test_coalescer_delivers_first_at_once_then_only_the_last(qtbot):
    got: list[int] = []
    c = Coalescer(got.append, 30)
    c.push(1)
    assert got == [1]  # leading edge: no wait for the first frame
    for value in (2, 3, 4):
        c.push(value)
    assert got == [1] and c.pending()  # the burst waits for the interval
    qtbot.waitUntil(lambda: got == [1, 4], timeout=2000)  # only the last of it
    assert not c.pending()


def test_coalescer_flush_and_cancel(qtbot):
    got: list[str] = []
    c = Coalescer(got.append, 10_000)
    c.push("a")
    c.push("b")
    c.flush()
    assert got == ["a", "b"]
    c.push("c")
    c.cancel()
    assert not c.pending()
    c.push("d")  # after cancel the next value goes through at once
    assert got == ["a", "b", "d"]


def test_coalescer_push_from_inside_a_delivery_waits(qtbot):
    got: list[int] = []
    c = Coalescer(lambda v: (got.append(v), v < 2 and c.push(v + 1)), 20)
    c.push(0)
    assert got == [0] and c.pending()
    qtbot.waitUntil(lambda: got == [0, 1, 2], timeout=2000)


def test_next_speed_steps_along_the_menu_speeds():
    assert next_speed(1.0, 1) == 2.0 and next_speed(1.0, -1) == 0.5
    assert next_speed(SPEEDS[-1], 1) == SPEEDS[-1]
    assert next_speed(SPEEDS[0], -1) == SPEEDS[0]
    assert next_speed(3.0, 1) == 4.0 and next_speed(3.0, -1) == 2.0  # off-notch values
    assert next_speed(INSTANT, -1) == SPEEDS[-1] and next_speed(INSTANT, 1) == INSTANT


def test_timeline_height_leaves_the_conversation_most_of_the_room():
    assert timeline_height(220, 690) == 220
    assert timeline_height(600, 690) == int(690 * MAX_SHARE)
    assert timeline_height(220, 250) == MIN_HEIGHT  # small: the timeline's minimum
    assert timeline_height(220, 150) == 75  # tiny: never more than half


def test_timeline_fits_beside_the_tree_dropping_optional_labels(qtbot):
    from recviewer.core.formats.registry import read_recording
    from recviewer.ui.timeline.panel import TimelinePanel
    from tests.corpus_paths import LARGEST

    panel = TimelinePanel()
    qtbot.addWidget(panel)
    panel.set_recording(read_recording(LARGEST))
    assert panel.minimumSizeHint().width() < 640  # half of a 1280 px window
    bar = panel.transport()
    panel.resize(620, 220)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: bar.legend.isHidden())
    assert bar.position_label.isVisible() and bar.speed.isVisible()
    panel.resize(1600, 220)
    qtbot.waitUntil(lambda: not bar.legend.isHidden() and not bar.timing_label.isHidden())


def test_speed_and_pacing_are_remembered_for_the_next_window(make_window, settings):
    from recviewer.ui.detail.conversation_tab import PACING_KEY, SPEED_KEY

    first = make_window()
    first.detail.timeline.set_speed(4.0)
    first.detail.timeline.set_pacing("tokens")
    assert settings.value(SPEED_KEY) == "4.0" and settings.value(PACING_KEY) == "tokens"
    again = make_window()
    playback = again.detail.timeline.playback()
    assert playback.speed() == 4.0 and playback.pacing_mode() == "tokens"
    assert again.detail.timeline.transport().speed.currentText() == "4×"
    again.detail.timeline.set_speed(INSTANT)
    assert make_window().detail.timeline.playback().speed() == INSTANT


@pytest.mark.parametrize("value", ["fast", "-2", "0", "1e9", None, ["4"]])
def test_a_stored_speed_that_makes_no_sense_is_ignored(value):
    from recviewer.ui.detail.conversation_tab import stored_speed

    assert stored_speed(value) is None


def test_stored_speeds_read_back():
    from recviewer.ui.detail.conversation_tab import stored_speed

    assert stored_speed("0.25") == 0.25 and stored_speed(16) == 16.0
    assert stored_speed(INSTANT) == INSTANT
