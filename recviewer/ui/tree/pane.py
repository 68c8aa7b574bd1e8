"""TreePane: the filter box above the test tree (model → filter proxy → view)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Callable, Iterable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QToolButton,
                               QTreeView, QVBoxLayout, QWidget)

from recviewer.core.catalog.scan import RecordingRef
from recviewer.ui.tree.columns import ColumnFitter
from recviewer.ui.tree.filter_proxy import TreeFilterProxy, split_words
from recviewer.ui.tree.live_model import LiveTreeModel
from recviewer.ui.tree.background import TreeFacts
from recviewer.ui.tree.elide import SiblingElideDelegate
from recviewer.ui.tree.items import TreeItem
from recviewer.ui.tree.model import (CHUNKS, ENDPOINT, FILE, KEY, MODEL, NAME, REF_ROLE, STREAM,
                                     TestTreeModel, TreeCounts)
from recviewer.ui.tree.filter_keys import WindowKeys
from recviewer.ui.tree import labels
from recviewer.ui.tree.labels import count_label
from recviewer.ui.tree.match import FILTER_HELP
from recviewer.ui.workers import Workers

FILTER_PLACEHOLDER = "Filter tests, models, endpoints, files (Ctrl+F)"  # syntax: the tooltip
SIZE_HINT_ROWS = 100
COUNT_DELAY_MS = 200  # group counts are announced at most this often during a scan
# Column → (ideal, minimum) pixels, in the order they give way when the tree
# is narrow; the name column takes what is left (see tree_columns). The ideals
# are measured from the content once rows arrive (content_widths).
# (ideal, minimum) in the order columns give way to the name column: the file
# name (a hash, also in the tooltip and the detail header) first, then the model.
_WIDTHS = {FILE: (150, 36), MODEL: (130, 72), KEY: (64, 40), STREAM: (54, 30),
           CHUNKS: (54, 44), ENDPOINT: (110, 100)}
# The most a column takes for its content, in average characters.
_MAX_CHARS = {FILE: 36, MODEL: 34, KEY: 9, STREAM: 8, ENDPOINT: 18, CHUNKS: 8}


_MEASURED = 24  # the longest texts of a column that are measured in pixels


def content_widths(model: TestTreeModel, metrics, header=None) -> dict[int, int]:
    """Pixels each detail column needs for its widest text (distinct texts
    only, the longest few measured), capped at ``_MAX_CHARS`` characters.
    The refs' distinct raw values are gathered first and each labelled once
    (this runs over every row when a scan ends)."""
    refs = model.refs()
    by_kind = {(ref.format, ref.endpoint): ref for ref in refs}.values()  # one ref each
    by_stream = {ref.streaming: ref for ref in refs}.values()
    texts: dict[int, set[str]] = {
        FILE: {labels.file_name(ref.rel_path) for ref in refs},
        MODEL: {ref.model or "" for ref in refs},
        ENDPOINT: {labels.endpoint_label(ref) for ref in by_kind},
        CHUNKS: {labels.chunks_label(ref) for ref in {ref.chunks: ref for ref in refs}.values()},
        STREAM: {labels.stream_label(ref) for ref in by_stream},
        KEY: {"unkeyed" if model.key_counts() else ""},
    }
    biggest = max((t.count for t in model.top_groups()), default=0)
    texts[ENDPOINT].add(f"{biggest:,} of {biggest:,}")
    texts[ENDPOINT].add(labels.count_label(biggest, "recording"))
    pad = metrics.horizontalAdvance("M") * 2 + 16  # margins, and an icon beside a count
    widths = {}
    for column, found in texts.items():
        longest = heapq.nlargest(_MEASURED, found, key=len)
        best = max((metrics.horizontalAdvance(t) for t in longest), default=0) + pad
        if header is not None:
            title = model.headerData(column, Qt.Orientation.Horizontal)
            best = max(best, metrics.horizontalAdvance(title or "") + pad)
        if column == ENDPOINT:
            best += 22  # the warning / error icon beside a group's count
        widths[column] = min(best, metrics.averageCharWidth() * _MAX_CHARS[column] + pad + 22)
    return widths


@dataclass(slots=True, frozen=True)
class ViewState:
    """What the tree view showed before a model reset (the model's items)."""

    expanded: tuple[TreeItem, ...]
    current: TreeItem | None
    top: TreeItem | None


class PathFilterBar(QWidget):
    """ "Showing 12 recordings: model gpt-4o ✕" above the tree while a path
    filter is on; the ✕ (or Esc in it) clears it."""

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pathFilterBar")
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # labels come from recordings
        self.text.setMinimumWidth(40)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("\u2715")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip("Show all recordings again")
        self.clear_button.clicked.connect(self.cleared)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.clear_button)
        self.hide()

    def show_text(self, text: str) -> None:
        self.text.setText(text)
        self.text.setToolTip(text)
        self.show()


class TreePane(QWidget):
    recording_selected = Signal(object)  # RecordingRef
    group_selected = Signal(tuple)  # labels from the root down to the group
    path_filter_changed = Signal()  # filter_to_paths / clear_path_filter
    filter_changed = Signal()  # the filter text was applied (counts may differ)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: TestTreeModel = LiveTreeModel(self)  # edited in place on disk changes
        self.proxy = TreeFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(FILTER_PLACEHOLDER)
        self.filter_edit.setToolTip(FILTER_HELP)
        self.path_bar = PathFilterBar(self)
        self.path_bar.cleared.connect(self.clear_path_filter)
        self._path_label = ""
        self._path_root: str | None = None  # the folder the path filter was made for
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAcceptDrops(False)  # a dropped file opens (window), not typed
        self.filter_edit.installEventFilter(WindowKeys(self.filter_edit))  # Ctrl+E exports
        self.view = QTreeView(self)
        self.view.setObjectName("testTree")
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setIndentation(14)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setItemDelegate(SiblingElideDelegate(self.view))  # keeps what differs
        self.columns = ColumnFitter(self.view, NAME, _WIDTHS)
        # sizeHintForColumn measures this many rows through the delegate (Qt's
        # default, 1000, costs ~80 ms at every scan's end); content_widths
        # measures every distinct text without painting.
        self.view.header().setResizeContentsPrecision(SIZE_HINT_ROWS)
        self.view.header().hideSection(STREAM)  # the chunk count says it: streamed
        self.view.header().hideSection(KEY)  # until key statuses are known
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.path_bar)
        layout.addWidget(self.view)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self.apply_filter)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.model.flush_counts)
        self._count_timer.timeout.connect(self._update_path_bar)
        self._expand_timer = QTimer(self)
        self._expand_timer.setSingleShot(True)
        self._expand_timer.setInterval(300)
        self._expand_timer.timeout.connect(self._expand_matches)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self._last_ref: RecordingRef | None = None
        # A big scan batch reaches the model as a reset (TestTreeModel.BULK_ROWS):
        # the rows the user opened, the current row and the scroll position stay.
        self._kept: ViewState | None = None
        self._restoring = False
        self.model.modelAboutToBeReset.connect(self._keep_view_state)
        self.model.modelReset.connect(self._restore_view_state)
        self.facts: TreeFacts | None = None  # use_workers

    # ------------------------------------------------------------ resets
    def _keep_view_state(self) -> None:
        view, proxy, model = self.view, self.proxy, self.model
        expanded: list = []
        pending = [QModelIndex()]
        while pending:  # only open rows are descended into: cheap
            parent = pending.pop()
            for row in range(proxy.rowCount(parent)):
                index = proxy.index(row, 0, parent)
                if view.isExpanded(index):
                    expanded.append(model.item(proxy.mapToSource(index)))
                    pending.append(index)
        current = view.currentIndex()
        top = view.indexAt(QPoint(0, 0))
        self._kept = ViewState(
            tuple(expanded),
            model.item(proxy.mapToSource(current)) if current.isValid() else None,
            model.item(proxy.mapToSource(top)) if top.isValid() else None)

    def _restore_view_state(self) -> None:
        kept, self._kept = self._kept, None
        if kept is None:
            return
        view, proxy, model = self.view, self.proxy, self.model

        def shown(item) -> QModelIndex:
            return proxy.mapFromSource(model.index_of_item(item)) if item is not None \
                else QModelIndex()

        for item in kept.expanded:
            index = shown(item)
            if index.isValid():
                view.expand(index)
        current = shown(kept.current)
        if current.isValid():
            self._restoring = True  # the same row again: no new selection signal
            try:
                view.selectionModel().setCurrentIndex(
                    current, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
            finally:
                self._restoring = False
        top = shown(kept.top)
        if top.isValid():
            view.scrollTo(top, QAbstractItemView.ScrollHint.PositionAtTop)

    # ------------------------------------------------------------ content
    # ------------------------------------------------------------ after the scan
    def use_workers(self, workers: Workers) -> None:
        """Story places and key statuses are computed on these workers."""
        self.facts = TreeFacts(workers, self._on_places, self._on_keys, self)

    def compute_facts(self, read_bytes: Callable[[str], bytes] | None = None) -> None:
        """After a scan: story order and key status off the GUI thread (files
        read through ``read_bytes`` when given: a git revision)."""
        if self.facts is not None:
            self.facts.start(self.model.refs(), read_bytes)

    def _on_places(self, places: dict) -> None:
        current = self.view.currentIndex()
        self.model.set_places(places)
        if current.isValid():
            self.view.scrollTo(self.view.currentIndex())

    def _on_keys(self, statuses: dict) -> None:
        if self.model.set_key_statuses(statuses):
            if self.view.header().isSectionHidden(KEY):
                self.show_key_column()
                self.fit_columns()
            if any(w.startswith(("key:", "is:")) for w in self.proxy.words):
                self.proxy.refilter()
                self._expand_matches()
                self.filter_changed.emit()

    def set_gists(self, refs: list[RecordingRef]) -> None:
        """Rows listed without their gist get it (``ScanController.gists``)."""
        if self.model.set_gists(refs) and self.proxy.words:
            self.proxy.refilter()  # the filter matches gists
            self._expand_matches()
            self.filter_changed.emit()

    def clear(self, root: str | None = None) -> None:
        """Empty the tree for a scan of ``root``; a path filter made for
        another folder goes (one for the same folder stays: F5)."""
        self._last_ref = None
        if self.facts is not None:
            self.facts.stop()
        self._count_timer.stop()
        if self.proxy.query.paths is not None and root != self._path_root:
            self.clear_path_filter()
        self._path_root = root
        self.model.clear()
        self._update_path_bar()

    def flush(self) -> None:
        """Announce pending counts and open pending matches now (end of a scan)."""
        self._count_timer.stop()
        self.model.flush_counts()
        if self._expand_timer.isActive():
            self._expand_timer.stop()
            self._expand_matches()
        self._update_path_bar()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Size the detail columns to their content (within _MAX_CHARS)."""
        widths = content_widths(self.model, self.view.fontMetrics(), self.view.header())
        widths[ENDPOINT] = max(widths[ENDPOINT], self.view.sizeHintForColumn(ENDPOINT) + 8)
        self.columns.set_ideal(widths, keep=frozenset({ENDPOINT}))

    def show_key_column(self, on: bool = True) -> None:
        """The Key column is shown once key statuses are known."""
        self.view.header().setSectionHidden(KEY, not on)
        self.columns.fit()

    def add_refs(self, refs: Iterable[RecordingRef], terms: dict[str, str] | None = None) -> None:
        self.model.add_refs(refs, terms, announce_counts=False)
        if not self._count_timer.isActive():
            self._count_timer.start()  # group counts: one announcement per burst
        if self.proxy.filtering and not self._expand_timer.isActive():
            self._expand_timer.start()  # open new matches, once per burst of batches

    def counts(self) -> TreeCounts:
        """What the status bar says (recordings, tests, failed, unreadable,
        other JSON files; how many match while filtering)."""
        return self.model.counts()

    # ------------------------------------------------------------ path filter
    def filter_to_paths(self, paths: Iterable[str], label: str) -> None:
        """Show exactly these recordings (absolute paths, or ``FILE#N`` as
        ``RecordingRef.path`` holds them), with a clearable "Showing 12
        recordings: <label> ✕" above the tree; the text filter narrows within."""
        self._path_label = label
        self.view.collapseAll()
        self.proxy.set_paths(frozenset(paths))
        self._expand_matches()
        self._update_path_bar()
        self._keep_current_visible()
        self.path_filter_changed.emit()

    def clear_path_filter(self) -> None:
        if self.proxy.query.paths is None:
            return
        self._path_label = ""
        self.view.collapseAll()
        self.proxy.set_paths(None)
        self._expand_matches()
        self._update_path_bar()
        self._keep_current_visible()
        self.path_filter_changed.emit()

    @property
    def path_filter(self) -> frozenset[str] | None:
        return self.proxy.query.paths

    def path_filter_text(self) -> str:
        """What the indicator says ('' when there is no path filter)."""
        return self.path_bar.text.text() if self.proxy.query.paths is not None else ""

    def _update_path_bar(self) -> None:
        paths = self.proxy.query.paths
        if paths is None:
            self.path_bar.hide()
            return
        present = self.model.count_present(paths)
        what = count_label(present, "recording")
        if self.proxy.words:
            what = f"{self.model.shown_count():,} of {what}"
        self.path_bar.show_text(f"Showing {what}: {self._path_label}" if self._path_label
                                else f"Showing {what}")

    def _keep_current_visible(self) -> None:
        current = self.view.currentIndex()
        if current.isValid():
            self.view.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtCenter)

    # ------------------------------------------------------------ filter
    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def set_filter(self, text: str) -> None:
        """Set the filter text and apply it now (no typing delay)."""
        self.filter_edit.setText(text)
        self.apply_filter()

    def _expand_matches(self) -> None:
        if self.proxy.filtering:
            self.view.expandAll()

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        if split_words(self.filter_edit.text()) == self.proxy.words:
            return
        # Collapse first: every expanded row is a persistent index the proxy
        # would otherwise have to carry through the re-filtering.
        self.view.collapseAll()
        self.proxy.set_filter_text(self.filter_edit.text())
        if self.proxy.filtering:
            self.view.expandAll()
        else:
            self._keep_current_visible()
        self._update_path_bar()
        self.filter_changed.emit()

    # ------------------------------------------------------------ selection
    def current_ref(self) -> RecordingRef | None:
        return self.view.currentIndex().data(REF_ROLE)

    def has_path(self, path: str) -> bool:
        """The recording is in the tree (shown or filtered out)."""
        return self.model.index_for_path(path).isValid()

    def ref_for_path(self, path: str) -> RecordingRef | None:
        return self.model.index_for_path(path).data(REF_ROLE)

    def select_path(self, path: str) -> bool:
        """Make the recording at ``path`` current; False when absent or filtered out."""
        index = self.proxy.mapFromSource(self.model.index_for_path(path))
        if not index.isValid():
            return False
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring or self._kept is not None:
            return  # a reset takes the current row away and gives it back
        ref = current.data(REF_ROLE) if current.isValid() else None
        if ref is None:
            self._last_ref = None
            if current.isValid():
                source = self.proxy.mapToSource(current)
                self.group_selected.emit(self.model.item(source).group_path())
            return
        if ref != self._last_ref:
            self._last_ref = ref
            self.recording_selected.emit(ref)
