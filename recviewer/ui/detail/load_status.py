"""LoadStatus: "Loading big.json (53 MB)…" in the status bar while a recording loads.

Loading runs in a worker (``DetailPane``); this only tells the user that the
window is busy with their choice. Big files say so at once; small ones only if
they are still loading after ``DELAY_MS`` (no flicker while arrowing through
the tree).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar

from recviewer.core.catalog.scan import RecordingRef
from recviewer.core.catalog.walk import display_text
from recviewer.ui.tree.labels import human_size

BIG = 1_000_000  # bytes: announced without delay
DELAY_MS = 250


class LoadStatus(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.label = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(80)
        bar = window.status.bar
        bar.addPermanentWidget(self.label)
        bar.addPermanentWidget(self.busy)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(lambda: self._show(True))
        self._showing = False
        self._show(False)
        window.tree.recording_selected.connect(self._on_selected)
        window.tree.group_selected.connect(lambda _labels: self.done())
        window.detail.shown.connect(lambda _path: self.done())
        window.detail.failed.connect(lambda _message: self.done())
        window.scanner.started.connect(lambda _root: self.done())

    @property
    def showing(self) -> bool:
        return self._showing

    def text(self) -> str:
        return self.label.text() if self._showing else ""

    def done(self) -> None:
        self._timer.stop()
        self._show(False)

    def _on_selected(self, ref: RecordingRef) -> None:
        name = display_text(ref.rel_path.rsplit("/", 1)[-1])
        self.label.setText(f"Loading {name} ({human_size(ref.size)})\u2026")
        if ref.size >= BIG:
            self._timer.stop()
            self._show(True)
        else:
            self._show(False)
            self._timer.start()

    def _show(self, on: bool) -> None:
        self._showing = on
        self.label.setVisible(on)
        self.busy.setVisible(on)
