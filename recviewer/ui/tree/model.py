"""TestTreeModel: a QAbstractItemModel adapting the plain items of tree_items.

Rows arrive in batches while a scan runs (``add_refs``); each batch announces
one ``beginInsertRows`` per parent that gains children, never one per file.
The model also keeps which rows the filter shows (``tree_match``), so that the
proxy's question "is this row shown?" is answered without walking subtrees.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from recviewer.core.catalog.scan import NO_TEST_ID_GROUP, RecordingRef, tree_path
from recviewer.ui.tree import cells as tree_cells
from recviewer.ui.tree import match as tree_match
from recviewer.ui.tree.cells import CHUNKS, COLUMNS, ENDPOINT, MODEL, NAME, STREAM  # noqa: F401
from recviewer.ui.tree.items import PathOf, TreeItem, attach, plan_batch

REF_ROLE = Qt.ItemDataRole.UserRole + 1  # RecordingRef | None
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2  # lower-case text the filter searches
PATH_ROLE = Qt.ItemDataRole.UserRole + 3  # absolute file path of a recording

_Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True, frozen=True)
class TreeCounts:
    """What the status bar says: counted as ``core.catalog.Catalog`` counts
    (recordings are ``ref.is_recording``; other JSON files are neither
    recordings nor tests); ``shown`` is set while a filter narrows the tree."""

    tests: int
    recordings: int
    failed: int
    unreadable: int
    other: int
    shown: int | None = None


def common_folder(names: list[str]) -> str:
    """``tests/integration/`` for file names that all live below it ('' otherwise)."""
    if not names:
        return ""
    folders = [name.split("/")[:-1] for name in names]
    common = folders[0]
    for parts in folders[1:]:
        n = 0
        while n < min(len(common), len(parts)) and common[n] == parts[n]:
            n += 1
        common = common[:n]
    return "/".join(common) + "/" if common else ""


class TestTreeModel(QAbstractItemModel):
    """Test file → function → parametrization → recording."""

    __test__ = False  # not a pytest class

    def __init__(self, parent=None, path_of: PathOf = tree_path) -> None:
        super().__init__(parent)
        self._root = TreeItem.new_root()
        self._path_of = path_of
        self._by_path: dict[str, TreeItem] = {}
        self._prefix = ""  # folder prefix shared by all test files, not shown
        self._query: tree_match.Query = tree_match.NO_QUERY  # the filter (see tree_match)
        self._dirty: dict[int, TreeItem] = {}  # groups whose counts changed, not yet announced
        self._tests: Counter[str] = Counter()  # recordings per test id
        self._icons: dict[QStyle.StandardPixmap, Any] = {}

    # ------------------------------------------------------------ building
    def clear(self) -> None:
        self.beginResetModel()
        self._root = TreeItem.new_root()
        self._by_path.clear()
        self._prefix = ""
        self._dirty.clear()
        self._tests.clear()
        self.endResetModel()

    def add_refs(self, refs: Iterable[RecordingRef], terms: dict[str, str] | None = None,
                 *, announce_counts: bool = True) -> int:
        """Append a scan batch; returns how many recordings were added.

        ``terms`` maps a path to extra words its row matches in the filter.
        With ``announce_counts=False`` the changed group counts are announced
        only by the next ``flush_counts()`` (a caller streaming many batches
        does that on a timer: one announcement for several batches)."""
        plan = plan_batch(self._root, refs, self._path_of, terms)
        revealed = tree_match.match_new(plan.created, self._query)
        for ins in plan.insertions:
            self.beginInsertRows(self._index_of(ins.parent), ins.first, ins.last)
            attach(ins)
            self.endInsertRows()
        for item in plan.recordings:
            self._by_path[item.ref.path] = item
            self._count_test(item.ref, 1)
        added = [item.label for ins in plan.insertions if ins.parent is self._root
                 for item in ins.items if item.label != NO_TEST_ID_GROUP]
        if added:
            self._update_prefix(added)
        for group in revealed:  # hidden by the filter until now: the proxy re-checks them
            cell = self.createIndex(group.row, NAME, group)
            self.dataChanged.emit(cell, cell, [FILTER_ROLE])
        for group in plan.changed:
            self._dirty[id(group)] = group
        if announce_counts:
            self.flush_counts()
        return len(plan.recordings)

    @property
    def counts_pending(self) -> bool:
        return bool(self._dirty)

    def flush_counts(self) -> None:
        """Announce changed group counts now: one dataChanged per parent, on the
        count column only (not the sort column, so the proxy need not re-sort)."""
        groups, self._dirty = list(self._dirty.values()), {}
        rows: dict[int, tuple[TreeItem, int, int]] = {}
        for group in groups:
            parent = group.parent
            lo, hi = rows.get(id(parent), (parent, group.row, group.row))[1:]
            rows[id(parent)] = (parent, min(lo, group.row), max(hi, group.row))
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                 Qt.ItemDataRole.ToolTipRole]
        for parent, lo, hi in rows.values():
            self.dataChanged.emit(self.createIndex(lo, ENDPOINT, parent.children[lo]),
                                  self.createIndex(hi, ENDPOINT, parent.children[hi]), roles)

    def _update_prefix(self, added: list[str] | None = None) -> None:
        """Recompute the shared folder; with ``added`` (new test files' labels)
        only fold those into it: a scan adds test files in every batch."""
        tops = self._root.children
        named = len(tops) - (self._root.child_group(NO_TEST_ID_GROUP) is not None)
        if added is None or named == len(added):
            prefix = common_folder([t.label for t in tops if t.label != NO_TEST_ID_GROUP])
        elif not self._prefix:
            return  # no folder was shared before: none can be now
        else:
            prefix = common_folder([self._prefix + "-", *added])
        if prefix != self._prefix:
            self._prefix = prefix
            self.dataChanged.emit(self.index(0, NAME), self.index(len(tops) - 1, NAME),
                                  [Qt.ItemDataRole.DisplayRole])

    def _shares_prefix(self, item) -> bool:
        """Test files, and the folders under "(no test id)", drop the shared prefix."""
        parent = item.parent
        return parent is self._root or (parent is not None and parent.parent is self._root
                                         and parent.label == NO_TEST_ID_GROUP)

    @property
    def hidden_prefix(self) -> str:
        """The folder all test files share, left out of their labels ('' if none)."""
        return self._prefix

    # ------------------------------------------------------------ filtering
    @property
    def filter_words(self) -> tree_match.Words:
        return self._query.words

    @property
    def query(self) -> tree_match.Query:
        return self._query

    def set_filter_words(self, words: tree_match.Words) -> None:
        """Recompute which rows the filter shows (the proxy then re-filters)."""
        self.set_query(tree_match.Query(words, self._query.paths))

    def set_query(self, query: tree_match.Query) -> None:
        self._query = query
        tree_match.apply_query(self._root, query)

    def is_shown(self, row: int, parent: _Index) -> bool:
        """Whether the filter shows source row ``row`` under ``parent`` (O(1))."""
        if not self._query:
            return True
        children = self.item(parent).children
        return 0 <= row < len(children) and tree_match.is_shown(children[row], self._query)

    def count_present(self, paths: Iterable[str]) -> int:
        """How many of ``paths`` are recordings in the tree."""
        return sum(1 for p in paths if p in self._by_path)

    def shown_count(self) -> int:
        """Recordings the filter shows (all of them without a filter)."""
        return self._root.hits if self._query else self._root.count

    # ------------------------------------------------------------ lookups
    def recording_count(self) -> int:
        """Rows for files (recordings, unreadable files, other JSON files)."""
        return self._root.count

    def error_count(self) -> int:
        """Unreadable files (other JSON files are not errors)."""
        return self._root.errors

    def _count_test(self, ref: RecordingRef, delta: int) -> None:
        if ref.test_id and ref.is_recording:
            self._tests[ref.test_id] += delta
            if self._tests[ref.test_id] <= 0:
                del self._tests[ref.test_id]

    def counts(self) -> TreeCounts:
        root = self._root
        return TreeCounts(len(self._tests), root.count - root.errors - root.others, root.failed,
                          root.errors, root.others, root.hits if self._query else None)

    def refs(self) -> list[RecordingRef]:
        return [item.ref for item in self._by_path.values()]

    def index_for_path(self, path: str) -> QModelIndex:
        item = self._by_path.get(path)
        return self._index_of(item) if item is not None else QModelIndex()

    def item(self, index: _Index) -> TreeItem:
        return index.internalPointer() if index.isValid() else self._root

    def _index_of(self, item: TreeItem, column: int = 0) -> QModelIndex:
        if item is self._root:
            return QModelIndex()
        return self.createIndex(item.row, column, item)

    # ------------------------------------------------------------ Qt model API
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        # hasIndex() would call back into rowCount/columnCount: checked here directly
        if row < 0 or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        if parent.isValid() and parent.column() != NAME:
            return QModelIndex()
        children = self.item(parent).children
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.item(parent).children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item: TreeItem = index.internalPointer()
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return tree_cells.display(item, col, self._prefix if self._shares_prefix(item) else "",
                                      bool(self._query))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tree_cells.tooltip(item)
        if role == Qt.ItemDataRole.DecorationRole:
            if item.ref is not None:  # a recording: on its name
                kind = tree_cells.icon_kind(item) if col == NAME else None
            else:  # a group: beside its count
                kind = tree_cells.icon_kind(item) if col == ENDPOINT else None
            return self._icon(_PIXMAPS[kind]) if kind else None
        if role == FILTER_ROLE:
            return tree_match.haystack(item)
        if role == REF_ROLE:
            return item.ref
        if role == PATH_ROLE:
            return item.ref.path if item.ref is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == CHUNKS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort_key(self, index: _Index) -> Any:
        """Natural-sort key of a cell (Python value; never through QVariant)."""
        return tree_cells.sort_key(self.item(index), index.column(), self._root)

    def _icon(self, pixmap: QStyle.StandardPixmap = QStyle.StandardPixmap.SP_MessageBoxCritical):
        icon = self._icons.get(pixmap)
        if icon is None:
            icon = self._icons[pixmap] = QApplication.style().standardIcon(pixmap)
        return icon


# What each icon kind of ``cells.icon_kind`` looks like: unreadable files are
# critical, failed calls a warning, other JSON files a plain file.
_PIXMAPS = {tree_cells.ICON_UNREADABLE: QStyle.StandardPixmap.SP_MessageBoxCritical,
            tree_cells.ICON_FAILED: QStyle.StandardPixmap.SP_MessageBoxWarning,
            tree_cells.ICON_OTHER: QStyle.StandardPixmap.SP_FileIcon}
