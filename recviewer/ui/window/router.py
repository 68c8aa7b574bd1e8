"""Which window shows a path: the app's windows, opened from the command line
or handed over by a later launch (``single_instance``).

A recording inside the folder a window already shows is selected there (no
rescan); a folder already shown brings its window forward; anything else gets
a new window. With no path, the most recent window comes forward (or, when
none is left, one opens on the default folder).
"""

from __future__ import annotations

import os
from typing import Callable

from PySide6.QtCore import QSettings, Qt

from recviewer.ui.window.main_window import MainWindow


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives
        return False


class WindowRouter:
    def __init__(self, settings: QSettings, default_path: Callable[[], str | None]) -> None:
        self._settings = settings
        self._default_path = default_path
        self.windows: list[MainWindow] = []

    def show_paths(self, paths: list[str]) -> None:
        """Show each of ``paths`` (absolute or relative to this process)."""
        if not paths:
            if self.windows:
                self._bring_forward(self.windows[-1])
            else:
                self._new_window(self._default_path())
            return
        for path in paths:
            self.show_one(os.path.abspath(path))

    def show_one(self, path: str) -> MainWindow:
        for window in reversed(self.windows):
            root = window.root
            if not root or not _inside(path, root):
                continue
            if path == root:
                self._bring_forward(window)
                return window
            if os.path.isfile(path):
                window.tree.set_filter("")  # the file must be visible to be selected
                if not window.tree.select_path(path):
                    window.open_file(path)  # new since the scan: rescan, then select it
                window.recent.add(path)
                self._bring_forward(window)
                return window
        return self._new_window(path)

    def _new_window(self, path: str | None) -> MainWindow:
        window = MainWindow(self._settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closed: gone from the list
        window.destroyed.connect(lambda _obj=None, w=window: self._forget(w))
        self.windows.append(window)
        window.show()
        if path:
            window.open_path(path)
        return window

    def _forget(self, window: MainWindow) -> None:
        self.windows = [w for w in self.windows if w is not window]

    @staticmethod
    def _bring_forward(window: MainWindow) -> None:
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
