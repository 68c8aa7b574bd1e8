"""WindowPicture: a PNG of a window once what it must show is on screen.

Event-driven: the caller says ``ready()`` when the content is there; the
picture is taken once layout and painting caught up. A safety timeout saves
whatever is there and reports failure. Used by ``--screenshot`` of the main
window (``screenshot.py``) and of the diff window (``diff_app.py``).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

SETTLE_MS = 150  # after the last event, let layout and painting catch up


class WindowPicture:
    """A PNG of ``window``, saved ``SETTLE_MS`` after ``ready()``; ``fail(message)``
    saves what is there and reports failure; past ``timeout`` seconds it fails
    with ``timeout_message``. The one screenshot helper of the main window and
    the diff window."""

    def __init__(self, window: QWidget, out: str, timeout: float, timeout_message: str) -> None:
        self.window, self.out, self.shown_out = window, os.path.abspath(out), out
        self.code: int | None = None
        self.loop = QEventLoop()
        self.settle = QTimer()
        self.settle.setSingleShot(True)
        self.settle.timeout.connect(lambda: self.save(0))
        self.guard = QTimer()
        self.guard.setSingleShot(True)
        self.guard.timeout.connect(lambda: self.fail(timeout_message))
        self._timeout_ms = int(timeout * 1000)

    def start(self) -> None:
        """Start the safety timeout (before opening what is to be shown)."""
        self.guard.start(self._timeout_ms)

    def ready(self) -> None:
        """What is to be shown is there: save once layout and painting caught up."""
        self.settle.start(SETTLE_MS)

    def save(self, code: int = 0) -> None:
        self.settle.stop()
        if self.code is not None:
            return
        ok = self.window.grab().save(self.out, "PNG")
        if not ok:
            print(f"recviewer: cannot write {self.shown_out}", file=sys.stderr)
        self.code = code if ok else 1
        self.loop.quit()

    def fail(self, message: str) -> None:
        print(f"recviewer: {message}", file=sys.stderr)
        self.save(1)

    def wait(self) -> int:
        """Run until the picture is saved; its exit code."""
        if self.code is None:
            self.loop.exec()
        self.guard.stop()
        self.settle.stop()
        return self.code if self.code is not None else 1
