"""Edit ▸ Find…, Find Next (F3), Find Previous (Shift+F3) for a window.

The window says which find bar is current (``current_bar``: the view with the
focus, else the one on show). In the main window Ctrl+F belongs to the tree
filter unless the focus is in a view: there the view's own Ctrl+F hook
(``bar.install_ctrl_f``) opens its bar first, so Find… shows Ctrl+F without
taking it from the window (``window_ctrl_f=False``). A window without a tree
filter (the diff window) gives Find… the key itself.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from recviewer.ui.find.bar import FIND_KEY, FindBar


class FindActions:
    """The three find actions of one window."""

    def __init__(self, window: QWidget, current_bar: Callable[[], FindBar | None],
                 menu: QMenu | None = None, *, window_ctrl_f: bool = False) -> None:
        self._current = current_bar
        self.find = self._action(window, "&Find…", self.open, [FIND_KEY])
        if not window_ctrl_f:  # shown in the menu; the views' hook does the work
            self.find.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.find_next = self._action(window, "Find &Next", self.next, [QKeySequence("F3")])
        self.find_previous = self._action(window, "Find Pre&vious", self.previous,
                                          [QKeySequence("Shift+F3")])
        actions = (self.find, self.find_next, self.find_previous)
        if menu is not None:
            menu.addSeparator()
            for action in actions:
                menu.addAction(action)
        for action in actions[0 if window_ctrl_f else 1:]:
            window.addAction(action)  # works with the menu bar hidden

    @staticmethod
    def _action(window: QWidget, text: str, slot: Callable[[], None],
                keys: list[QKeySequence]) -> QAction:
        action = QAction(text, window)
        action.setShortcuts(keys)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def open(self) -> None:
        bar = self._current()
        if bar is not None:
            bar.open()

    def next(self) -> None:
        bar = self._current()
        if bar is not None:
            bar.next()

    def previous(self) -> None:
        bar = self._current()
        if bar is not None:
            bar.previous()
