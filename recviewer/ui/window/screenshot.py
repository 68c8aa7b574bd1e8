"""Headless ``--screenshot``: open a path, wait until shown, save a PNG, exit.

Event-driven: finishes when the scan is done and the selected recording is on
screen; a safety timeout saves whatever is there and reports failure.
"""

from __future__ import annotations

import os
import sys
import tempfile

from PySide6.QtCore import QEventLoop, QSettings, QTimer

from recviewer.ui.window.main_window import MainWindow
from recviewer.ui.window.recent_paths import default_path

SETTLE_MS = 150  # after the last event, let layout and painting catch up


class _Shot:
    def __init__(self, window: MainWindow, out: str, select: str | None,
                 expect: str | None) -> None:
        self.window, self.out, self.select = window, out, select
        self.expect = expect  # path that must be shown before the picture
        self.seek: int | None = None  # stream timeline position (--seek)
        self.scan_done = False
        self.shown: set[str] = set()
        self.code: int | None = None
        self.loop = QEventLoop()
        self.settle = QTimer()
        self.settle.setSingleShot(True)
        self.settle.timeout.connect(self.save)

    def on_scan(self, result) -> None:
        self.scan_done = True
        if result.error:
            return self.fail(result.error)
        if self.select:
            ref = self.window.select_recording(self.select)
            if ref is None:
                return self.fail(f"--select {self.select}: no recording matches")
            self.expect = ref.path
        self.check()

    def on_shown(self, path: str) -> None:
        self.shown.add(path)
        self.check()

    def check(self) -> None:
        if self.scan_done and (self.expect is None or self.expect in self.shown):
            if self.seek is not None:  # --seek: the stream timeline, then the picture
                self.window.detail.stream.timeline.seek(self.seek)
                self.window.detail.stream.flush()
                self.seek = None
            self.settle.start(SETTLE_MS)

    def save(self, code: int = 0) -> None:
        self.settle.stop()
        if self.code is not None:
            return
        ok = self.window.grab().save(self.out, "PNG")
        if not ok:
            print(f"recviewer: cannot write {self.out}", file=sys.stderr)
        self.code = code if ok else 1
        self.loop.quit()

    def fail(self, message: str) -> None:
        print(f"recviewer: {message}", file=sys.stderr)
        self.save(1)

    def timeout(self) -> None:
        self.fail("timed out waiting for the window; saved what was shown")


def run_screenshot(path: str | None, out: str, *, select: str | None = None,
                   tab: str = "conversation", size: tuple[int, int] = (1280, 800),
                   timeout: float = 60.0, seek: int | None = None,
                   theme: str | None = None) -> int:
    with tempfile.TemporaryDirectory(prefix="recviewer-shot-") as tmp:
        # A private settings file: the user's window state is neither used nor changed.
        settings = QSettings(os.path.join(tmp, "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        if theme:  # "light" / "dark" / "system" (View ▸ Theme), in the private settings
            window.appearance.set_mode(theme)
        window.resize(*size)
        window.detail.set_tab(tab)
        window.show()
        if path is None:
            path = default_path(None)
        if path is None:
            print("recviewer: nothing to open", file=sys.stderr)
            return 1
        expect = os.path.abspath(path) if os.path.isfile(path) and not select else None
        shot = _Shot(window, os.path.abspath(out), select, expect)
        shot.seek = seek
        window.scan_finished.connect(shot.on_scan)
        window.recording_shown.connect(shot.on_shown)
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(shot.timeout)
        guard.start(int(timeout * 1000))
        window.open_path(path)
        if shot.code is None:
            shot.loop.exec()
        guard.stop()
        window.workers.shutdown(3000)
        window.close()
        window.deleteLater()
        return shot.code or 0
