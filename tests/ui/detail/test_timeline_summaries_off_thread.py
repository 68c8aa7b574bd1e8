"""A stream's chunk summaries are made by the loading worker, not the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings

import recviewer.ui.detail.pane as detail_pane
import recviewer.ui.timeline.panel as panel
from recviewer.core.replay import describe_chunks
from recviewer.ui.window.main_window import MainWindow
from tests.corpus_paths import SEED



def _open_seed(qtbot, tmp_path) -> MainWindow:
    """A window showing the seed's stream (62 chunks) at its end, without errors."""
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    with qtbot.captureExceptions() as errors:
        win.open_file(str(SEED))
        qtbot.waitUntil(lambda: win.detail.timeline.chunk_model().rowCount() == 62, timeout=15000)
    assert not errors
    assert win.detail.timeline.position_text() == "chunk 62 / 62"
    return win

def test_timeline_uses_summaries_described_in_the_worker(qtbot, tmp_path, monkeypatch):
    threads: list[str] = []

    def in_worker(exchange):
        threads.append(threading.current_thread().name)
        return describe_chunks(exchange)

    def on_gui_thread(exchange):
        raise AssertionError("chunks described on the GUI thread")

    monkeypatch.setattr(detail_pane, "describe_chunks", in_worker)
    monkeypatch.setattr(panel, "describe_chunks", on_gui_thread)
    _open_seed(qtbot, tmp_path)
    assert threads and threading.main_thread().name not in threads


def test_the_replay_cursor_is_built_by_the_worker_too(qtbot, tmp_path, monkeypatch):
    import recviewer.ui.timeline.playback as playback
    from recviewer.core.replay import ReplayCursor

    built: list[str] = []

    class SpyCursor(ReplayCursor):
        __slots__ = ()

        def __init__(self, exchange, *args):
            built.append(threading.current_thread().name)
            super().__init__(exchange, *args)

    def not_here(exchange, *args):
        raise AssertionError("replay cursor built on the GUI thread")

    monkeypatch.setattr(detail_pane, "ReplayCursor", SpyCursor)
    monkeypatch.setattr(playback, "ReplayCursor", not_here)
    win = _open_seed(qtbot, tmp_path)
    assert built and threading.main_thread().name not in built
    win.detail.timeline.seek(10)
    assert win.detail.timeline.position_text() == "chunk 10 / 62"


def test_a_cursor_made_for_another_stream_is_not_used(qtbot):
    from recviewer.core.formats.registry import read_recording
    from recviewer.core.replay import ReplayCursor
    from recviewer.ui.timeline.panel import TimelinePanel
    from tests.corpus_paths import LARGEST

    seed, largest = read_recording(SEED), read_recording(LARGEST)
    panel = TimelinePanel()
    qtbot.addWidget(panel)
    panel.set_recording(seed, None, ReplayCursor(largest.exchange))
    assert len(panel.playback().cursor()) == 62
