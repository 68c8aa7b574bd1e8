"""TreePane: the filter box above the test tree (model → filter proxy → view)."""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from recviewer.core.catalog.scan import RecordingRef
from recviewer.ui.tree.columns import ColumnFitter
from recviewer.ui.tree.filter_proxy import TreeFilterProxy, split_words
from recviewer.ui.tree.live_model import LiveTreeModel
from recviewer.ui.tree.model import CHUNKS, ENDPOINT, MODEL, NAME, REF_ROLE, STREAM, TestTreeModel
from recviewer.ui.tree.filter_keys import WindowKeys

FILTER_PLACEHOLDER = "Filter tests, models, endpoints, files (Ctrl+F)"
COUNT_DELAY_MS = 200  # group counts are announced at most this often during a scan
# Column → (ideal, minimum) pixels, in the order they give way when the tree
# is narrow; the name column takes what is left (see tree_columns).
_WIDTHS = {MODEL: (130, 60), STREAM: (54, 30), ENDPOINT: (100, 84), CHUNKS: (54, 40)}


class TreePane(QWidget):
    recording_selected = Signal(object)  # RecordingRef
    group_selected = Signal(tuple)  # labels from the root down to the group

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: TestTreeModel = LiveTreeModel(self)  # edited in place on disk changes
        self.proxy = TreeFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(FILTER_PLACEHOLDER)
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
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.columns = ColumnFitter(self.view, NAME, _WIDTHS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self.apply_filter)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.model.flush_counts)
        self._expand_timer = QTimer(self)
        self._expand_timer.setSingleShot(True)
        self._expand_timer.setInterval(300)
        self._expand_timer.timeout.connect(self._expand_matches)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self._last_ref: RecordingRef | None = None

    # ------------------------------------------------------------ content
    def clear(self) -> None:
        self._last_ref = None
        self._count_timer.stop()
        self.model.clear()

    def flush(self) -> None:
        """Announce pending counts and open pending matches now (end of a scan)."""
        self._count_timer.stop()
        self.model.flush_counts()
        if self._expand_timer.isActive():
            self._expand_timer.stop()
            self._expand_matches()

    def add_refs(self, refs: Iterable[RecordingRef], terms: dict[str, str] | None = None) -> None:
        self.model.add_refs(refs, terms, announce_counts=False)
        if not self._count_timer.isActive():
            self._count_timer.start()  # group counts: one announcement per burst
        if self.proxy.words and not self._expand_timer.isActive():
            self._expand_timer.start()  # open new matches, once per burst of batches

    # ------------------------------------------------------------ filter
    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def set_filter(self, text: str) -> None:
        """Set the filter text and apply it now (no typing delay)."""
        self.filter_edit.setText(text)
        self.apply_filter()

    def _expand_matches(self) -> None:
        if self.proxy.words:
            self.view.expandAll()

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        if split_words(self.filter_edit.text()) == self.proxy.words:
            return
        # Collapse first: every expanded row is a persistent index the proxy
        # would otherwise have to carry through the re-filtering.
        self.view.collapseAll()
        self.proxy.set_filter_text(self.filter_edit.text())
        if self.proxy.words:
            self.view.expandAll()
        else:
            current = self.view.currentIndex()
            if current.isValid():
                self.view.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtCenter)

    # ------------------------------------------------------------ selection
    def current_ref(self) -> RecordingRef | None:
        return self.view.currentIndex().data(REF_ROLE)

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
