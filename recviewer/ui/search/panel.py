"""SearchPanel: search every recording of the open folder (Ctrl+Shift+F).

A query box, the index built in the background on first use (progress, Cancel;
``core.search.SearchIndex`` keeps it in the user's cache folder, never in the
recordings folder), and the hits grouped by test. Activating a hit emits
``hit_activated(path, terms)``: the recording to open and the words to
highlight in it (``query_terms``). Every SQLite connection lives and dies in
one worker job (connections do not cross threads).
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QTreeView,
    QVBoxLayout, QWidget,
)

from recviewer.core.search.index import BuildStats, Hit, SearchIndex
from recviewer.core.search.query import match_expression, query_terms
from recviewer.ui.search.delegate import HitDelegate
from recviewer.ui.search.model import PATH_ROLE, SearchResultsModel
from recviewer.ui.workers import JobControl, Workers

BUILD_LANE = "search-build"
QUERY_LANE = "search-query"
UPDATE_LANE = "search-update"
LIMIT = 300
PLACEHOLDER = 'Search every recording: words or prefixes, "quoted phrases"'


def build_job(control: JobControl, root: str) -> BuildStats:
    with SearchIndex(root) as index:
        return index.build(progress=lambda done, total: control.progress((done, total)),
                           cancel=control.cancelled)


def query_job(_control: JobControl, root: str, query: str, limit: int) -> list[Hit]:
    with SearchIndex(root) as index:
        return index.search(query, limit)


def update_job(_control: JobControl, root: str, changed: tuple[str, ...], added: tuple[str, ...],
               removed: tuple[str, ...]) -> BuildStats:
    with SearchIndex(root) as index:
        return index.update(changed=changed, added=added, removed=removed)


class SearchPanel(QWidget):
    hit_activated = Signal(object, object)  # absolute path (str), terms (list[str])
    results_shown = Signal(int)  # number of hits, once listed
    index_ready = Signal(object)  # BuildStats

    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self.root: str | None = None
        self.built_for: str | None = None  # the folder whose index is up to date
        self._pending: str | None = None  # the query waiting for the index
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.run)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(300)
        self._typing.timeout.connect(self.run)
        self.edit.textEdited.connect(lambda _t: self._typing.start())
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel_build)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.model = SearchResultsModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("searchResults")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setItemDelegate(HitDelegate(self.view))
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)
        top = QHBoxLayout()
        top.addWidget(self.edit, 1)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(busy)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self._show_busy(False)
        self.set_root(None)

    # ------------------------------------------------------------ folder
    def set_root(self, root: str | None) -> None:
        """Another folder is open: its index is built on the next search."""
        for lane in (BUILD_LANE, QUERY_LANE, UPDATE_LANE):
            self._workers.drop(lane)
        self.root, self.built_for, self._pending = root, None, None
        self.model.set_hits(root or "", [])
        self._show_busy(False)
        self.status.setText("Type words to search the text of every recording." if root
                            else "Open a folder to search its recordings.")

    def update_files(self, changed: Iterable[str] = (), added: Iterable[str] = (),
                     removed: Iterable[str] = ()) -> bool:
        """Live reload saw these files change; the index follows (when built)."""
        if not self.root or self.built_for != self.root:
            return False
        changed, added, removed = tuple(changed), tuple(added), tuple(removed)
        if not (changed or added or removed):
            return False
        self._workers.submit(UPDATE_LANE, update_job, self.root, changed, added, removed,
                             on_done=lambda _stats: self._rerun())
        return True

    # ------------------------------------------------------------ searching
    def focus_query(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def search(self, text: str) -> None:
        self.edit.setText(text)
        self.run()

    def run(self) -> None:
        self._typing.stop()
        text = self.edit.text().strip()
        if not self.root:
            return
        if match_expression(text) is None:
            self._workers.drop(QUERY_LANE)
            self.model.set_hits(self.root, [])
            self.status.setText("Type words to search the text of every recording.")
            return
        if self.built_for != self.root:
            self._pending = text
            if not self._workers.busy(BUILD_LANE):
                self._build()
            return
        self._workers.submit(QUERY_LANE, query_job, self.root, text, LIMIT,
                             on_done=lambda hits, t=text: self._on_hits(t, hits),
                             on_error=self._on_error)

    def _rerun(self) -> None:
        if self.edit.text().strip():
            self.run()

    def _build(self) -> None:
        self.progress.setRange(0, 0)
        self._show_busy(True)
        self.status.setText("Indexing the folder (once; later searches are instant)…")
        root = self.root
        self._workers.submit(BUILD_LANE, build_job, root,
                             on_done=lambda stats, r=root: self._on_built(r, stats),
                             on_progress=self._on_progress, on_error=self._on_error)

    def cancel_build(self) -> None:
        self._workers.drop(BUILD_LANE)
        self._pending = None
        self._show_busy(False)
        self.status.setText("Indexing cancelled; search again to go on where it stopped.")

    @property
    def building(self) -> bool:
        return self._workers.busy(BUILD_LANE)

    def _on_progress(self, value: tuple[int, int]) -> None:
        done, total = value
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"indexing {done:,} of {total:,} files")

    def _on_built(self, root: str, stats: BuildStats) -> None:
        self._show_busy(False)
        if stats.cancelled or root != self.root:
            return
        self.built_for = root
        self.index_ready.emit(stats)
        if self._pending is not None:
            self._pending = None
            self.run()

    def _on_hits(self, text: str, hits: list[Hit]) -> None:
        self.model.set_hits(self.root or "", hits)
        self.view.expandAll()
        tests = self.model.rowCount()
        more = " (the first ones)" if len(hits) >= LIMIT else ""
        self.status.setText(f"{len(hits):,} match{'es' * (len(hits) != 1)}{more} in "
                            f"{tests:,} test{'s' * (tests != 1)} for {text}" if hits
                            else f"Nothing matches {text}")
        self.results_shown.emit(len(hits))

    def _on_error(self, message: str) -> None:
        self._show_busy(False)
        self.status.setText(f"Search failed: {message}")

    def _show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    def _on_activated(self, index: QModelIndex) -> None:
        path = index.data(PATH_ROLE) if index.isValid() else None
        if path:
            self.hit_activated.emit(path, query_terms(self.edit.text()))
