"""``recviewer --diff A B``: a standalone DiffWindow (and its ``--screenshot``).

``run_diff`` shows the window and returns 0 when it is closed.
``run_diff_screenshot`` waits until the diff (or its error page) is shown,
saves a PNG of the window and returns; a safety timeout saves what is there
and reports failure. Both use a private Workers pool that is shut down after.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEventLoop, Qt

from recviewer.ui.diff.window import DiffWindow
from recviewer.ui.window.picture import WindowPicture
from recviewer.ui.workers import Workers

def missing_path(paths: tuple[str, ...] | list[str]) -> str | None:
    """The one-line complaint about the first path that is not a file, or None."""
    for path in paths:
        if not os.path.isfile(path):
            kind = "is a folder, not a recording" if os.path.isdir(path) else "no such file"
            return f"--diff: {path}: {kind}"
    return None


def _open(path_a: str, path_b: str, size: tuple[int, int] | None) -> tuple[DiffWindow, Workers]:
    workers = Workers()
    window = DiffWindow(None, workers)
    if size is not None:
        window.resize(*size)
    window.load_paths(os.path.abspath(path_a), os.path.abspath(path_b))
    window.show()
    return window, workers


def run_diff(path_a: str, path_b: str) -> int:
    """Show the diff of two files until the window is closed; 0 then."""
    window, workers = _open(path_a, path_b, None)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    loop = QEventLoop()
    window.destroyed.connect(loop.quit)
    loop.exec()
    workers.shutdown(3000)
    return 0


def run_diff_screenshot(path_a: str, path_b: str, out: str, *,
                        size: tuple[int, int] = (1280, 800), timeout: float = 60.0) -> int:
    """Save a PNG of the diff window once the diff is shown; 0 on success."""
    window, workers = _open(path_a, path_b, size)
    picture = WindowPicture(window, out, timeout,
                            "timed out waiting for the diff; saved what was shown")
    window.view.diff_shown.connect(picture.ready)
    picture.start()
    code = picture.wait()
    window.close()
    workers.shutdown(3000)
    window.deleteLater()
    return code
