"""Compare recordings from the main window: the "Compare" action (Ctrl+D).

The tree allows selecting several rows (ExtendedSelection; the *current* row
still drives the conversation). With exactly two recordings selected, Compare
opens a DiffWindow on them (the one selected first on the left); with one, it asks
for the other file ("Compare With…", a file dialog starting in that
recording's folder). ``MainWindow.compare_paths`` / ``compare_with_dialog``
delegate here; the tree's context menu calls ``compare_with_dialog(path)``.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMainWindow, QMenu, QWidget

from recviewer.core.catalog.scan import RecordingRef
from recviewer.ui.diff.window import DiffWindow, open_diff_window
from recviewer.ui.tree.model import NAME, REF_ROLE
from recviewer.ui.tree.pane import TreePane
from recviewer.ui.workers import Workers

SHORTCUT = "Ctrl+D"
COMPARE_TWO = "&Compare Selected Recordings"
COMPARE_WITH = "&Compare With\u2026"
FILE_FILTER = "Recordings (*.json);;All files (*)"


def ask_recording(parent: QWidget, title: str, folder: str) -> str | None:
    """A .json file chosen by the user, or None (a seam for tests)."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, FILE_FILTER)
    return path or None


def selected_refs(tree: TreePane) -> list[RecordingRef]:
    """The selected recordings (groups left out), in the order they were
    selected (a Shift range: top to bottom)."""
    rows = tree.view.selectionModel().selectedRows(NAME)
    return [ref for ref in (i.data(REF_ROLE) for i in rows) if ref is not None]


class CompareController(QObject):
    """Owns the Compare action and opens diff windows for a main window."""

    def __init__(self, window: QMainWindow, tree: TreePane, workers: Workers) -> None:
        super().__init__(window)
        self._window, self._tree, self._workers = window, tree, workers
        tree.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.action = QAction(COMPARE_WITH, window)
        self.action.setObjectName("compareAction")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip("Compare the two selected recordings, "
                                 "or the selected one with a file you choose")
        self.action.triggered.connect(lambda _checked=False: self.trigger())
        window.addAction(self.action)  # works with the menu bar hidden too
        tree.view.selectionModel().selectionChanged.connect(lambda *_: self.update_action())
        tree.view.selectionModel().currentChanged.connect(lambda *_: self.update_action())
        tree.model.modelReset.connect(self.update_action)
        self.update_action()

    def install_menu(self, menu: QMenu) -> QMenu:
        """Put Compare in ``menu`` (the window's Tools menu)."""
        menu.addAction(self.action)
        return menu

    # ------------------------------------------------------------ state
    def update_action(self) -> None:
        n = len(selected_refs(self._tree))
        self.action.setText(COMPARE_TWO if n == 2 else COMPARE_WITH)
        self.action.setEnabled(n in (1, 2))

    # ------------------------------------------------------------ doing
    def trigger(self) -> DiffWindow | None:
        refs = selected_refs(self._tree)
        if len(refs) == 2:
            return self.compare_paths(refs[0].path, refs[1].path)
        if len(refs) == 1:
            return self.compare_with_dialog(refs[0].path)
        return None

    def compare_paths(self, a: str, b: str) -> DiffWindow:
        """Open a diff window (A left, B right); it is deleted when closed."""
        win = self._window.history.compare_paths(a, b)  # at a git revision: read from git
        if win is not None:
            return win
        win = open_diff_window(os.path.abspath(a), os.path.abspath(b), self._window,
                               self._workers)
        self._window.zoom.follow(win.view.browser)  # View ▸ Zoom applies here too
        return win

    def compare_with_dialog(self, path: str | None = None) -> DiffWindow | None:
        """Compare ``path`` (default: the current recording) with a file the
        user picks; without any recording, ask for both files."""
        if path is None:
            ref = self._tree.current_ref()
            path = ref.path if ref is not None else None
        if path is None:
            path = ask_recording(self._window, "Compare: first recording (A)", self._start_folder())
            if path is None:
                return None
        name = os.path.basename(path)
        other = ask_recording(self._window, f"Compare {name} with\u2026",
                              os.path.dirname(os.path.abspath(path)))
        if other is None:
            return None
        return self.compare_paths(path, other)

    def _start_folder(self) -> str:
        return self._window.root or ""
