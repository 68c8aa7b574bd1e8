"""A diff window whose sides are read through a reader (a git revision's
recordings come from git objects, never from the disk)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from recviewer.core.errors import RecordingError
from recviewer.core.model import Recording
from recviewer.ui.diff.window import DiffWindow, window_title
from recviewer.ui.workers import Workers

Reader = Callable[[str], tuple[Recording | RecordingError, bytes | None]]


def _read_both(control, reader: Reader, a: str, b: str):
    first = reader(a)[0]
    if control.cancelled():
        return None
    return first, reader(b)[0]


def open_read_diff_window(path_a: str, path_b: str, reader: Reader, parent: QWidget | None,
                          workers: Workers) -> DiffWindow:
    """As ``diff.window.open_diff_window``, both files read by ``reader`` off the GUI thread."""
    window = DiffWindow(parent, workers)
    if parent is not None:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.setWindowTitle(window_title(path_a, path_b))
    window.view.bar.set_summary("Reading files\u2026")
    window.show()

    def done(pair) -> None:
        if pair is None:
            return
        errors = [(s, r) for s, r in zip(("A", "B"), pair) if isinstance(r, RecordingError)]
        if errors:
            window.view.show_errors(errors)
        else:
            window.set_recordings(*pair)

    workers.submit(f"history-diff-{id(window):x}", _read_both, reader, path_a, path_b,
                   on_done=done, on_error=lambda m: window.view.bar.set_summary(
                       f"Cannot compare: {m}"))
    return window
