"""DiffWindow: a top-level window comparing two recordings ("A ↔ B").

``open_diff_window(path_a, path_b, parent)`` is what ``recviewer --diff A B``
and the main window's Compare action call: it shows the window at once and
reads both files in the background; an unreadable file is shown as an error
page naming which side failed and why.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from recviewer.core.model import Recording
from recviewer.ui.diff.view import DiffView
from recviewer.ui.find.actions import FindActions
from recviewer.ui.workers import Workers


def _name(path: str) -> str:
    return os.path.basename(path) or path


def window_title(path_a: str, path_b: str) -> str:
    """``A ↔ B`` by file name; with the parent folder when the names are the
    same or the folders differ (``old/x.json ↔ new/y.json``)."""
    a, b = _name(path_a), _name(path_b)
    pa = os.path.basename(os.path.dirname(path_a))
    pb = os.path.basename(os.path.dirname(path_b))
    if (a == b or pa != pb) and pa and pb:
        a, b = f"{pa}/{a}", f"{pb}/{b}"
    return f"{a} \u2194 {b}"


class DiffWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None, workers: Workers | None = None) -> None:
        super().__init__(parent)
        self.view = DiffView(self, workers)
        self.setCentralWidget(self.view)
        self.setWindowTitle("Compare recordings")
        self.resize(1280, 800)
        close = QAction("Close", self)
        close.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close),
                            QKeySequence(Qt.Key.Key_Escape)])
        close.triggered.connect(self.close)
        self.addAction(close)
        self.find_actions = FindActions(self, lambda: self.view.find_bar, window_ctrl_f=True)

    def load_paths(self, path_a: str, path_b: str) -> None:
        self.setWindowTitle(window_title(path_a, path_b))
        self.view.load_paths(path_a, path_b)

    def set_recordings(self, a: Recording, b: Recording) -> None:
        self.setWindowTitle(window_title(a.path, b.path))
        self.view.set_recordings(a, b)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.cancel()
        super().closeEvent(event)


def open_diff_window(path_a: str, path_b: str, parent: QWidget | None = None,
                     workers: Workers | None = None) -> DiffWindow:
    """Show a DiffWindow comparing two files (read off the GUI thread).

    With a ``parent`` the window is deleted when closed (a main window may
    open many); without one the caller keeps the returned window alive.
    """
    window = DiffWindow(parent, workers)
    if parent is not None:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.load_paths(os.fspath(path_a), os.fspath(path_b))
    window.show()
    return window
