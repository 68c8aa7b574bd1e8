"""Next / previous recording in the tree (Alt+Down / Alt+Up) and full screen (F11).

Moving walks the filtered, sorted tree (the proxy model) in display order,
depth first, skipping group rows and crossing from one group into the next,
whether the groups are expanded or not; the row reached is opened in view.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QMenu, QTreeView

from recviewer.ui.tree.model import REF_ROLE


def _following(model: QAbstractItemModel, index: QModelIndex) -> QModelIndex:
    """The row after ``index`` in depth-first display order (invalid at the end)."""
    if model.rowCount(index) > 0:  # (the invalid root index has its top rows)
        return model.index(0, 0, index)
    while index.isValid():
        parent = index.parent()
        if index.row() + 1 < model.rowCount(parent):
            return model.index(index.row() + 1, 0, parent)
        index = parent
    return QModelIndex()


def _last_below(model: QAbstractItemModel, index: QModelIndex) -> QModelIndex:
    while model.rowCount(index) > 0:
        index = model.index(model.rowCount(index) - 1, 0, index)
    return index


def _preceding(model: QAbstractItemModel, index: QModelIndex) -> QModelIndex:
    """The row before ``index`` in depth-first display order."""
    if not index.isValid():  # from "nowhere": the very last row
        return _last_below(model, QModelIndex())
    if index.row() > 0:
        return _last_below(model, model.index(index.row() - 1, 0, index.parent()))
    return index.parent()


def step_recording(model: QAbstractItemModel, current: QModelIndex, step: int) -> QModelIndex:
    """The next (``step`` > 0) or previous recording row from ``current``;
    invalid when there is none. From no current row: the first / last one."""
    move = _following if step > 0 else _preceding
    index = current.siblingAtColumn(0) if current.isValid() else QModelIndex()
    while True:
        index = move(model, index)
        if not index.isValid():
            return QModelIndex()
        if index.data(REF_ROLE) is not None:
            return index


def go_to(view: QTreeView, index: QModelIndex) -> None:
    """Make ``index`` current, opening its groups and scrolling it into view."""
    parent = index.parent()
    while parent.isValid():
        view.expand(parent)
        parent = parent.parent()
    view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)


def move_recording(view: QTreeView, step: int) -> bool:
    """Alt+Down / Alt+Up: True when the selection moved."""
    target = step_recording(view.model(), view.currentIndex(), step)
    if not target.isValid():
        return False
    go_to(view, target)
    return True


class Navigation(QObject):
    """The Next/Previous Recording and Full Screen actions of a window."""

    def __init__(self, window: QMainWindow, view: QTreeView, view_menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self.next_recording = QAction("&Next Recording", window)
        self.next_recording.setShortcut(QKeySequence("Alt+Down"))
        self.next_recording.triggered.connect(lambda _c=False: move_recording(view, 1))
        self.previous_recording = QAction("&Previous Recording", window)
        self.previous_recording.setShortcut(QKeySequence("Alt+Up"))
        self.previous_recording.triggered.connect(lambda _c=False: move_recording(view, -1))
        self.full_screen = QAction("F&ull Screen", window)
        self.full_screen.setCheckable(True)
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.FullScreen)
        if not any(k.toString() == "F11" for k in keys):
            keys = [QKeySequence(Qt.Key.Key_F11), *keys]
        self.full_screen.setShortcuts(keys)
        self.full_screen.toggled.connect(self.set_full_screen)
        view_menu.addSeparator()
        for action in (self.next_recording, self.previous_recording):
            view_menu.addAction(action)
            window.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.full_screen)
        window.addAction(self.full_screen)  # F11 works with the menu bar hidden
        window.installEventFilter(self)

    def set_full_screen(self, on: bool) -> None:
        state = self._window.windowState()
        if on:
            self._window.setWindowState(state | Qt.WindowState.WindowFullScreen)
        else:
            self._window.setWindowState(state & ~Qt.WindowState.WindowFullScreen)
        if self.full_screen.isChecked() != on:
            self.full_screen.setChecked(on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the window manager may leave full screen on its own: keep the check mark true
        if watched is self._window and event.type() == QEvent.Type.WindowStateChange:
            on = bool(self._window.windowState() & Qt.WindowState.WindowFullScreen)
            if self.full_screen.isChecked() != on:
                self.full_screen.setChecked(on)
        return False
