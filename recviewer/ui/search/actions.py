"""Edit ▸ Search Recordings… (Ctrl+Shift+F): the search panel in a dock of the main window.

A hit opens its recording in the tree and the detail pane, and the pane
highlights the query's terms once the recording is on screen
(``DetailPane.highlight``: the current view's find bar, all matches marked).
Live reload hands its changes to the index (``SearchIndex.update``).
The index is of the files on disk: while the window shows a git revision
the action is disabled (its tooltip says why) and the dock is closed.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from recviewer.ui.history.controller import NOT_AT_REVISION
from recviewer.ui.search.panel import SearchPanel

SHORTCUT = "Ctrl+Shift+F"
TEXT = "&Search Recordings…"
TIP = "Search the text of every recording in the folder"


class SearchActions(QObject):
    def __init__(self, window, menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self.panel = SearchPanel(window.workers)
        self.dock = QDockWidget("Search", window)
        self.dock.setObjectName("searchDock")
        self.dock.setWidget(self.panel)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                                  | Qt.DockWidgetArea.RightDockWidgetArea
                                  | Qt.DockWidgetArea.BottomDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.action = QAction(TEXT, window)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip(TIP)
        self.action.setToolTip(TIP)
        self.action.triggered.connect(lambda _c=False: self.open())
        menu.addAction(self.action)
        menu.setToolTipsVisible(True)  # (why the action is off at a revision)
        window.addAction(self.action)
        self.panel.hit_activated.connect(self.open_hit)
        window.scanner.started.connect(self.panel.set_root)
        window.live.applied.connect(self._on_live)
        window.history.revision_changed.connect(self._on_revision)
        if window.root:
            self.panel.set_root(window.root)

    def _on_revision(self, source) -> None:
        """The search index is of the working tree: off while a revision is shown."""
        at = source is not None
        self.action.setEnabled(not at)
        self.action.setToolTip(NOT_AT_REVISION if at else TIP)
        self.action.setStatusTip(NOT_AT_REVISION if at else TIP)
        if at:
            self.dock.hide()

    def open(self) -> None:
        if not self.action.isEnabled():  # (the home page's button) at a revision
            self._window.status.bar.showMessage(f"Search is {NOT_AT_REVISION}", 8000)
            return
        if self.panel.root != self._window.root:
            self.panel.set_root(self._window.root)
        self.dock.show()
        self.dock.raise_()
        self.panel.focus_query()

    def open_hit(self, path: str, terms: list[str]) -> None:
        if not self._window.tree.select_path(path):
            self._window.tree.clear_path_filter()
            self._window.tree.set_filter("")
            self._window.tree.select_path(path)
        if terms:
            self._window.detail.highlight(list(terms))

    def _on_live(self, result) -> None:
        root = self._window.root
        if not root:
            return
        changes = result.changes

        def full(rels):
            return tuple(os.path.join(root, *r.split("/")) for r in rels)

        self.panel.update_files(full(changes.modified), full(changes.added), full(changes.removed))
