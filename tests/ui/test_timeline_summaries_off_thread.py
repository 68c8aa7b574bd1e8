"""A stream's chunk summaries are made by the loading worker, not the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings

import recviewer.ui.detail_pane as detail_pane
import recviewer.ui.timeline.panel as panel
from recviewer.core.replay import describe_chunks
from recviewer.ui.main_window import MainWindow
from tests.conftest import SEED


def test_timeline_uses_summaries_described_in_the_worker(qtbot, tmp_path, monkeypatch):
    threads: list[str] = []

    def in_worker(exchange):
        threads.append(threading.current_thread().name)
        return describe_chunks(exchange)

    def on_gui_thread(exchange):
        raise AssertionError("chunks described on the GUI thread")

    monkeypatch.setattr(detail_pane, "describe_chunks", in_worker)
    monkeypatch.setattr(panel, "describe_chunks", on_gui_thread)
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    with qtbot.captureExceptions() as errors:
        win.open_file(str(SEED))
        qtbot.waitUntil(lambda: win.detail.timeline.chunk_model().rowCount() == 62, timeout=15000)
    assert not errors
    assert threads and threading.main_thread().name not in threads
    assert win.detail.timeline.position_text() == "chunk 62 / 62"
