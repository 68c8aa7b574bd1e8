"""What the detail pane shows for the tree's groups and for the folder itself.

``FolderPages`` connects a main window's tree, scan and live reload to the
detail pane's pages: a test group → its story; View ▸ Folder Overview (or the
home page's button) → the overview; nothing selected → the home page with the
folder's counts. A click in the overview filters the tree to exactly those
recordings (``TreePane.filter_to_paths``); a click on a call of a story
selects it in the tree. View ▸ Load pytest Collection… reads a
``pytest --collect-only -q`` listing so the overview lists orphans.

Opening a git revision (or going back to the working tree) is a new scan:
the statistics are dropped, and when the overview was the page asked for last
(no recording or story chosen since) it is computed anew for what the tree
then lists once the scan ends — at a revision from
git objects (``DetailPane.byte_reader``, set by the history controller).
"""

from __future__ import annotations

import os
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from recviewer.core.load import read_bytes
from recviewer.core.stats import FilterRequest, parse_collected
from recviewer.ui.detail.pane import HOME, DetailPane
from recviewer.ui.story.group import group_tests
from recviewer.ui.tree.pane import TreePane

OVERVIEW_TEXT = "Folder &Overview"
COLLECTION_TEXT = "Load pytest &Collection…"


def ask_collection(parent: QWidget, folder: str) -> str | None:
    """A ``pytest --collect-only -q`` output file chosen by the user (a seam for tests)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Load pytest Collection", folder,
                                          "pytest --collect-only -q output (*.txt *.log);;"
                                          "All files (*)")
    return path or None


def filter_label(request: FilterRequest) -> str:
    return request.value if request.kind in ("all", "largest", "duplicate", "orphan") \
        else f"{request.kind} {request.value}"


class FolderPages(QObject):
    def __init__(self, window, view_menu: QMenu,
                 search: Callable[[], object] | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.tree: TreePane = window.tree
        self.detail: DetailPane = window.detail
        self.collected: frozenset[str] | None = None
        self.collection_path: str | None = None
        self._search = search
        self._overview_on = False  # the overview is the page asked for last (not a recording, a story)
        self.overview_action = QAction(OVERVIEW_TEXT, window)
        self.overview_action.setStatusTip("Charts of the folder: providers, models, sizes, "
                                          "failed calls, duplicates, key status")
        self.overview_action.triggered.connect(lambda _c=False: self.show_overview())
        self.collection_action = QAction(COLLECTION_TEXT, window)
        self.collection_action.setStatusTip("Read the output of 'pytest --collect-only -q' "
                                            "to list recordings of tests that no longer exist")
        self.collection_action.triggered.connect(lambda _c=False: self.load_collection())
        view_menu.addSeparator()
        view_menu.addAction(self.overview_action)
        view_menu.addAction(self.collection_action)
        window.addAction(self.overview_action)
        self.detail.overview.filter_requested.connect(self.filter_tree)
        self.detail.story.call_activated.connect(self.select_call)
        self.detail.home.overview_requested.connect(self.show_overview)
        self.detail.home.open_requested.connect(window.choose_folder)
        self.detail.home.search_requested.connect(self._on_search)
        window.scanner.started.connect(self._on_scan_started)
        window.scanner.finished.connect(self._on_scan_finished)
        window.live.applied.connect(lambda _result: self.refresh())
        window.tree.recording_selected.connect(lambda _ref: self._overview_off())
        self.detail.show_home(window.root, ())

    # ------------------------------------------------------------ pages
    def show_group(self, labels: tuple) -> None:
        """A group row became current: its tests' story, else the home page."""
        refs = self.tree.model.refs()
        tests = group_tests(refs, tuple(labels))
        self._overview_off()
        if tests:
            self.detail.show_story(tests, refs)
        else:
            self.detail.show_home(self._window.root, refs)

    def _overview_off(self) -> None:
        self._overview_on = False

    def show_overview(self) -> None:
        root = self._window.root
        if not root:
            return
        self._overview_on = True
        history = self._window.history
        if history.at_revision and history.source is not None:  # named in the overview's heading
            root = f"{root} at {history.source.short} (read-only history)"
        self.detail.show_overview(root, self.tree.model.refs(), self.collected)

    def show_home(self) -> None:
        self.detail.show_home(self._window.root, self.tree.model.refs())

    def load_collection(self, path: str | None = None) -> bool:
        """Read a ``pytest --collect-only -q`` listing (asks for one without
        ``path``); the overview then lists orphans. False when unreadable."""
        if path is None:
            path = ask_collection(self._window, self._window.root or "")
            if path is None:
                return False
        try:
            text = read_bytes(path).decode("utf-8", "replace")
        except OSError as exc:
            self._window.status.bar.showMessage(
                f"Cannot read {os.path.basename(path)}: {exc.strerror or exc}", 8000)
            return False
        self.collected = parse_collected(text)
        self.collection_path = path
        self._window.status.bar.showMessage(
            f"{len(self.collected):,} collected tests read from {os.path.basename(path)}", 8000)
        self.detail.invalidate_overview()
        self.show_overview()
        return True

    def filter_tree(self, request: FilterRequest) -> None:
        self.tree.filter_to_paths(request.paths, filter_label(request))

    def select_call(self, path: str) -> None:
        if not self.tree.select_path(path):
            self.tree.clear_path_filter()
            self.tree.set_filter("")
            self.tree.select_path(path)

    def refresh(self) -> None:
        """The folder changed on disk (live reload): counts and overview anew."""
        refs = self.tree.model.refs()
        root = self._window.root
        self.detail.update_home(root, refs)
        self.detail.invalidate_overview(root, refs, self.collected)

    # ------------------------------------------------------------ scan
    def _on_scan_started(self, root: str) -> None:
        self.detail.invalidate_overview()
        self.detail.show_home(root, (), scanning=True)

    def _on_scan_finished(self, _result) -> None:
        self.detail.update_home(self._window.root, self.tree.model.refs())
        if self._overview_on and self.detail.mode == HOME:  # nothing else chosen meanwhile
            self.show_overview()

    def _on_search(self) -> None:
        if self._search is not None:
            self._search()
