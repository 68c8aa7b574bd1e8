"""DiffWindow: a top-level window comparing two recordings ("test — A ↔ B").

Its title names the test and the two files by short names (a 64-hex name by
its first 8 digits); it opens fitted to the free area of its screen.

``open_diff_window(path_a, path_b, parent)`` is what ``recviewer --diff A B``
and the main window's Compare action call: it shows the window at once and
reads both files in the background; an unreadable file is shown as an error
page naming which side failed and why.
"""

from __future__ import annotations

import os

import re

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from recviewer.core.model import Recording
from recviewer.ui.diff.view import DiffView
from recviewer.ui.find.actions import FindActions
from recviewer.ui.workers import Workers


WANTED = QSize(1280, 800)
FRAME = QSize(16, 48)  # what a window manager's frame and title bar may add
TEST_CHARS = 90  # of a test id in the title
_HEX_NAME = re.compile(r"^(?:models-)?[0-9a-f]{16,}(?:-[0-9a-f]{8})?$")


def short_name(path: str) -> str:
    """A file name as a title shows it: a 64-hex recording name by its first
    8 digits (``e30bc640…``), other names whole, a cassette interaction as
    ``name.yaml#3``."""
    base, hash_, index = path.rpartition("#")
    if not (hash_ and index.isdigit()):
        base, index = path, ""
    name = os.path.basename(base) or base
    stem = name[:-5] if name.endswith(".json") else name
    if _HEX_NAME.match(stem):
        head = stem.split("-")[1] if stem.startswith("models-") else stem
        name = ("models-" if stem.startswith("models-") else "") + head[:8] + "\u2026"
    return f"{name}#{index}" if index else name


def _names(path_a: str, path_b: str) -> tuple[str, str]:
    a, b = short_name(path_a), short_name(path_b)
    if a == b:  # same name in two folders: say which folder
        pa = os.path.basename(os.path.dirname(path_a.rpartition("#")[0] or path_a))
        pb = os.path.basename(os.path.dirname(path_b.rpartition("#")[0] or path_b))
        if pa and pb and pa != pb:
            a, b = f"{pa}/{a}", f"{pb}/{b}"
    return a, b


def short_test(test_id: str | None) -> str:
    """The test function and its parameters (``test_x[openai/gpt-4o]``), cut to TEST_CHARS."""
    if not test_id:
        return ""
    head, _, params = test_id.partition("[")
    name = head.rsplit("::", 1)[-1] + (f"[{params}" if params else "")
    return name if len(name) <= TEST_CHARS else name[:TEST_CHARS - 1] + "\u2026"


def window_title(path_a: str, path_b: str, test_a: str | None = None,
                 test_b: str | None = None) -> str:
    """``test — a ↔ b`` with short names; both tests when they differ."""
    a, b = _names(path_a, path_b)
    ta, tb = short_test(test_a), short_test(test_b)
    names = f"{a} \u2194 {b}"
    if ta and ta == tb:
        return f"{ta} \u2014 {names}"
    if ta or tb:
        return f"{ta or '(no test id)'} \u2194 {tb or '(no test id)'} \u2014 {names}"
    return names


def fitted(available: QRect, wanted: QSize = WANTED) -> QRect:
    """Where a window of ``wanted`` size goes on a screen whose free area is
    ``available``: shrunk to fit with its frame, centred."""
    width = max(320, min(wanted.width(), available.width() - FRAME.width()))
    height = max(240, min(wanted.height(), available.height() - FRAME.height()))
    x = available.x() + max(0, (available.width() - width - FRAME.width()) // 2)
    y = available.y() + max(0, (available.height() - height - FRAME.height()) // 2)
    return QRect(x, y, width, height)


def add_close_action(window: QWidget) -> QAction:
    """Ctrl+W (the platform's Close) and Escape close ``window``: the secondary
    windows (a diff, a set diff, a recording's history) all close so."""
    close = QAction("Close", window)
    close.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close),
                        QKeySequence(Qt.Key.Key_Escape)])
    close.triggered.connect(window.close)
    window.addAction(close)
    return close


class DiffWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None, workers: Workers | None = None) -> None:
        super().__init__(parent)
        self.view = DiffView(self, workers)
        self.setCentralWidget(self.view)
        self.setWindowTitle("Compare recordings")
        self.fit_screen(parent)
        add_close_action(self)
        self.find_actions = FindActions(self, lambda: self.view.find_bar, window_ctrl_f=True)

        self.view.diff_shown.connect(self._title_from_result)

    def fit_screen(self, near: QWidget | None = None) -> None:
        """Size and place the window inside the free area of its screen (a
        900-px screen never gets a window whose bottom is off it)."""
        screen = (near.screen() if near is not None else None) or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(WANTED)
            return
        self.setGeometry(fitted(screen.availableGeometry()))

    def load_paths(self, path_a: str, path_b: str) -> None:
        self.setWindowTitle(window_title(path_a, path_b))
        self.view.load_paths(path_a, path_b)

    def set_recordings(self, a: Recording, b: Recording) -> None:
        self.setWindowTitle(window_title(a.path, b.path, a.test_id, b.test_id))
        self.view.set_recordings(a, b)

    def _title_from_result(self) -> None:
        result = self.view.result()
        if result is not None:
            a, b = result.a, result.b
            self.setWindowTitle(window_title(a.path, b.path, a.test_id, b.test_id))

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
