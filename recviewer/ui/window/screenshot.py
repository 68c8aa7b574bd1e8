"""Headless ``--screenshot``: open a path, wait until shown, save a PNG, exit.

Event-driven: finishes when the scan is done and the selected recording is on
screen; a safety timeout saves whatever is there and reports failure.
"""

from __future__ import annotations

import os
import sys
import tempfile

from PySide6.QtCore import QSettings

from recviewer.ui.window.main_window import MainWindow
from recviewer.ui.window.picture import WindowPicture
from recviewer.ui.window.recent_paths import default_path


class _Shot:
    """What the main window must show before its picture is taken."""

    def __init__(self, window: MainWindow, picture: WindowPicture, select: str | None,
                 expect: str | None) -> None:
        self.window, self.picture, self.select = window, picture, select
        self.expect = expect  # path that must be shown before the picture
        self.seek: int | None = None  # stream timeline position (--seek)
        self.scan_done = False
        self.shown: set[str] = set()

    def on_scan(self, result) -> None:
        self.scan_done = True
        if result.error:
            return self.picture.fail(result.error)
        if self.select:
            ref = self.window.select_recording(self.select)
            if ref is None:
                return self.picture.fail(f"--select {self.select}: no recording matches")
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
            self.picture.ready()


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
        picture = WindowPicture(window, out, timeout,
                                "timed out waiting for the window; saved what was shown")
        shot = _Shot(window, picture, select, expect)
        shot.seek = seek
        window.scan_finished.connect(shot.on_scan)
        window.recording_shown.connect(shot.on_shown)
        picture.start()
        window.open_path(path)
        code = picture.wait()
        window.workers.shutdown(3000)
        window.close()
        window.deleteLater()
        return code
