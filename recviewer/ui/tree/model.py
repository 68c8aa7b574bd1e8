"""TestTreeModel: a QAbstractItemModel adapting the plain items of tree_items.

Rows arrive in batches while a scan runs (``add_refs``); each batch announces
one ``beginInsertRows`` per parent that gains children, never one per file.
The model also keeps which rows the filter shows (``tree_match``), so that the
proxy's question "is this row shown?" is answered without walking subtrees.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from recviewer.core.catalog.scan import KIND_RECORDING, NO_TEST_ID_GROUP, RecordingRef, tree_path
from recviewer.ui.tree import cells as tree_cells
from recviewer.ui.tree import match as tree_match
from recviewer.ui.tree.elide import PREFIX_ROLE, shared_prefix
from recviewer.ui.tree.cells import (CHUNKS, COLUMNS, ENDPOINT, FILE, KEY, MODEL, NAME,  # noqa: F401
                                     STREAM)
from recviewer.ui.tree.items import (PathOf, TreeItem, building, mark_attached, plan_batch,
                                     release)

REF_ROLE = Qt.ItemDataRole.UserRole + 1  # RecordingRef | None
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2  # lower-case text the filter searches
PATH_ROLE = Qt.ItemDataRole.UserRole + 3  # absolute file path of a recording

_Index = QModelIndex | QPersistentModelIndex
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
# A batch of at least this many rows is announced as one model reset (the
# view and the proxy then ask only for what is shown), not as insertions:
# each insertion makes the proxy and the view call back into Python for
# every row (py-spy at 30k files: ~half of the window's listing time).
BULK_ROWS = 2000
_PREFIX_COLUMNS = frozenset({NAME, MODEL, FILE})
KEY_WORDS = "key:{cls} is:{cls}"  # what a key status adds to a row's filter words


def _with_key_terms(terms: str, cls: str) -> str:
    kept = [w for w in terms.split() if not w.startswith(("key:", "is:stale", "is:ok",
                                                          "is:legacy", "is:unkeyed"))]
    return " ".join([*kept, KEY_WORDS.format(cls=cls)])


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
        self._order: tuple[int, bool] = (NAME, False)  # column, descending
        self._prefixes: dict[tuple[int, int], tuple[int, int]] = {}  # see _sibling_prefix
        self._story = True  # name column: calls in story order

    # ------------------------------------------------------------ building
    def clear(self) -> None:
        self.beginResetModel()
        self._root = TreeItem.new_root()
        self._by_path.clear()
        self._prefix = ""
        self._dirty.clear()
        self._tests.clear()
        self._prefixes.clear()
        self.endResetModel()
        release()  # the old tree is the collector's again (items.building)

    def add_refs(self, refs: Iterable[RecordingRef], terms: dict[str, str] | None = None,
                 *, announce_counts: bool = True) -> int:
        """Append a scan batch; returns how many recordings were added.

        ``terms`` maps a path to extra words its row matches in the filter.
        With ``announce_counts=False`` the changed group counts are announced
        only by the next ``flush_counts()`` (a caller streaming many batches
        does that on a timer: one announcement for several batches). A batch
        of ``BULK_ROWS`` or more is announced as a model reset."""
        refs = refs if isinstance(refs, list) else list(refs)
        if len(refs) >= BULK_ROWS:
            return self._add_by_reset(refs, terms)
        with building():
            plan = plan_batch(self._root, refs, self._path_of, terms)
            revealed = tree_match.match_new(plan.created, self._query)
            for item in plan.created:  # new groups: their children sorted before Qt sees them
                if item.ref is None and item.children:
                    self._sort_children(item)
            for ins in plan.insertions:
                self._insert_sorted(ins.parent, ins.items)
            self._note_recordings(plan.recordings)
        added = [item.label for ins in plan.insertions if ins.parent is self._root
                 for item in ins.items if item.label != NO_TEST_ID_GROUP]
        if added:
            self._update_prefix(added)
        for group in revealed:  # hidden by the filter until now: the proxy re-checks them
            cell = self._index_of(group, NAME)
            self.dataChanged.emit(cell, cell, [FILTER_ROLE])
        for group in plan.changed:
            self._dirty[id(group)] = group
        if announce_counts:
            self.flush_counts()
        return len(plan.recordings)

    def _add_by_reset(self, refs: list[RecordingRef], terms: dict[str, str] | None) -> int:
        """``add_refs`` of a big batch: the items go straight into the tree,
        each parent that gained children is marked for sorting (sorted when
        first asked for: ``ensure_sorted``; the top rows at once), and Qt hears
        one reset (views keep their open rows and current row: ``TreePane``)."""
        self.beginResetModel()
        with building():
            plan = plan_batch(self._root, refs, self._path_of, terms, reset=True)
            tree_match.match_grown(plan.created, self._query)
            grown = {id(item.parent): item.parent for item in plan.created}
            for parent in grown.values():  # sorted when Qt first asks for their rows
                parent.unsorted = len(parent.children) > 1
            self.ensure_sorted(self._root)  # (the top rows are shown at once)
            self._note_recordings(plan.recordings)
            self._dirty.clear()  # a reset shows every count anew
            self._update_prefix(announce=False)
        self.endResetModel()
        return len(plan.recordings)

    def _note_recordings(self, items: list[TreeItem]) -> None:
        by_path, tests = self._by_path, self._tests
        for item in items:
            ref = item.ref
            by_path[ref.path] = item
            if ref.test_id and ref.kind == KIND_RECORDING:
                tests[ref.test_id] += 1

    def _sort_children(self, group: TreeItem) -> None:
        """Put ``group``'s children in the current order and number their rows
        (a lone child needs no key: keys are made when first compared)."""
        children = group.children
        if len(children) > 1:
            children.sort(key=self._sort_key)
        for row, child in enumerate(children):
            child.row = row
        group.unsorted = False

    def ensure_sorted(self, group: TreeItem | None) -> None:
        """Sort ``group``'s children now if a reset left them unsorted. A reset
        sorts only the top rows: every other group is sorted the first time
        Qt asks for one of its rows (``index``, ``is_shown``, ``_index_of`` and
        every other place that hands out a row number call this), so a
        30k-file listing makes sort keys only for the groups someone opens.
        Rows always match list positions; until then Qt has none of them."""
        if group is not None and group.unsorted:
            self._sort_children(group)

    def _sort_key(self, item: TreeItem) -> tuple:
        """``item``'s key in the current order, made on first use."""
        key = item.sort_key
        if key is None:
            key = item.sort_key = self._key_of(item)
        return key

    def _insert_sorted(self, parent: TreeItem, items: list[TreeItem]) -> None:
        """Insert ``items`` among ``parent``'s children at their sorted rows:
        one ``beginInsertRows`` per run of rows that land together (a scan in
        natural order appends: one run). Keys are compared in Python here,
        never by Qt calling back per comparison."""
        self.ensure_sorted(parent)
        sort_key = self._sort_key
        items.sort(key=sort_key)
        children = parent.children
        runs: list[tuple[int, list[TreeItem]]] = []
        for item in items:
            pos = bisect_right(children, sort_key(item), key=sort_key) if children else 0
            if runs and runs[-1][0] == pos:
                runs[-1][1].append(item)
            else:
                runs.append((pos, [item]))
        parent_index = self._index_of(parent)
        offset = 0
        for pos, run in runs:
            row = pos + offset
            self.beginInsertRows(parent_index, row, row + len(run) - 1)
            children[row:row] = run
            for i in range(row, len(children)):
                children[i].row = i
            for item in run:
                mark_attached(item)
            self.endInsertRows()
            offset += len(run)

    # ------------------------------------------------------------ order
    def _key_of(self, item: TreeItem) -> tuple:
        column, descending = self._order
        return tree_cells.sort_key(item, column, self._root, descending=descending,
                                   story=self._story)

    @property
    def sort_order(self) -> tuple[int, Qt.SortOrder]:
        column, descending = self._order
        return column, (Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)

    @property
    def story_order(self) -> bool:
        """Calls of a test in story order on the name column (else by file name)."""
        return self._story

    def set_story_order(self, on: bool) -> None:
        if on != self._story:
            self._story = on
            self._resort()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-sort every group's children (header clicks reach here through
        the proxy, which does not sort itself); new rows keep this order."""
        if not 0 <= column < len(COLUMNS):
            column = NAME
        order_ = (column, order == Qt.SortOrder.DescendingOrder)
        if order_ != self._order:
            self._order = order_
            self._resort()

    def _resort(self, groups: Iterable[TreeItem] | None = None) -> None:
        """Sort the children of ``groups`` (every group by default) as a layout
        change. A group none of whose children Qt holds (no persistent index)
        is only marked: sorted when next asked for (``ensure_sorted``)."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        held = [(index.internalPointer(), index.column()) for index in old]
        holding = {id(item.parent) for item, _column in held}
        if groups is None:
            groups, stack = [], [self._root]
            while stack:
                group = stack.pop()
                groups.append(group)
                stack.extend(child for child in group.children if child.ref is None)
        for group in groups:
            for child in group.children:
                child.sort_key = None  # made anew when compared
            if group is self._root or id(group) in holding:
                self._sort_children(group)
            else:
                group.unsorted = len(group.children) > 1
        self.changePersistentIndexList(old, [self.createIndex(item.row, column, item)
                                             for item, column in held])
        self.layoutChanged.emit()

    def set_places(self, places: dict[str, int | None]) -> int:
        """Story places (``core.sequence.order_refs``) for recordings by path;
        their rows move to story order when the name column sorts by it.
        Returns how many rows changed."""
        parents: dict[int, TreeItem] = {}
        for path, place in places.items():
            item = self._by_path.get(path)
            if item is not None and item.place != place:
                item.place = place
                parents[id(item.parent)] = item.parent
        if not parents:
            return 0
        if self._order[0] == NAME and self._story:
            self._resort(parents.values())
        for parent in parents.values():
            if parent.children and not parent.unsorted:  # (else Qt has none of its rows)
                self.dataChanged.emit(self._index_of(parent.children[0]),
                                      self._index_of(parent.children[-1]),
                                      [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])
        return len(parents)

    def set_key_statuses(self, statuses: dict[str, tuple[str, str | None]]) -> int:
        """Key status per path: ``(cls, cause)`` with cls ok / stale / legacy /
        unkeyed (``core.keys.verify.classify``). The filter matches
        ``key:<cls>`` (and ``is:stale``); call ``set_query`` again to re-filter."""
        changed: list[TreeItem] = []
        for path, (cls, cause) in statuses.items():
            item = self._by_path.get(path)
            if item is not None and (item.key, item.key_cause) != (cls, cause):
                item.key, item.key_cause = cls, cause
                item.terms = _with_key_terms(item.terms, cls)
                item.haystack = None
                changed.append(item)
        if self._order[0] == KEY:
            self._resort({id(i.parent): i.parent for i in changed}.values())
        for item in changed:
            first, last = self._index_of(item, KEY), self._index_of(item, NAME)
            self.dataChanged.emit(first, first, [Qt.ItemDataRole.DisplayRole,
                                                 Qt.ItemDataRole.DecorationRole])
            self.dataChanged.emit(last, last, [Qt.ItemDataRole.ToolTipRole])
        return len(changed)

    def set_gists(self, refs: Iterable[RecordingRef]) -> int:
        """Listed recordings again, now with their row gist (the scan lists
        rows first and reads gists after: ``ScanController.gists``). A ref is
        taken only when it differs from the listed one in its gist alone (a
        file changed since is live reload's business). One dataChanged per
        parent on the name column; call ``set_query`` again to re-filter.
        Returns how many rows changed."""
        parents: dict[int, tuple[TreeItem, int, int]] = {}
        changed = 0
        for ref in refs:
            item = self._by_path.get(ref.path)
            if item is None or item.ref.gist == ref.gist or replace(item.ref, gist=ref.gist) != ref:
                continue
            item.ref, item.haystack = ref, None
            changed += 1
            parent = item.parent
            self.ensure_sorted(parent)
            lo, hi = parents.get(id(parent), (parent, item.row, item.row))[1:]
            parents[id(parent)] = (parent, min(lo, item.row), max(hi, item.row))
        # (no column sorts on the gist: rows stay where they are)
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole]
        for parent, lo, hi in parents.values():
            if parent.attached:
                self.dataChanged.emit(self.createIndex(lo, NAME, parent.children[lo]),
                                      self.createIndex(hi, NAME, parent.children[hi]), roles)
        return changed

    def key_counts(self) -> Counter[str]:
        return Counter(item.key for item in self._by_path.values() if item.key)

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
            self.ensure_sorted(parent)
            lo, hi = rows.get(id(parent), (parent, group.row, group.row))[1:]
            rows[id(parent)] = (parent, min(lo, group.row), max(hi, group.row))
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                 Qt.ItemDataRole.ToolTipRole]
        for parent, lo, hi in rows.values():
            self.dataChanged.emit(self.createIndex(lo, ENDPOINT, parent.children[lo]),
                                  self.createIndex(hi, ENDPOINT, parent.children[hi]), roles)

    def _update_prefix(self, added: list[str] | None = None, *, announce: bool = True) -> None:
        """Recompute the shared folder; with ``added`` (new test files' labels)
        only fold those into it: a scan adds test files in every batch.
        ``announce=False``: inside a reset, which shows every label anew."""
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
            self._prefixes.clear()
            if not announce:
                return
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
        group = self.item(parent)
        self.ensure_sorted(group)
        children = group.children
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

    def top_groups(self) -> list[TreeItem]:
        return list(self._root.children)

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

    def index_of_item(self, item: TreeItem) -> QModelIndex:
        """The index of an item taken from this model earlier (invalid when
        it is no longer in the tree: the model was cleared, or it was removed)."""
        node = item
        while node.parent is not None:
            if node.row >= len(node.parent.children) or node.parent.children[node.row] is not node:
                return QModelIndex()
            node = node.parent
        return self._index_of(item) if node is self._root and item is not self._root \
            else QModelIndex()

    def item(self, index: _Index) -> TreeItem:
        return index.internalPointer() if index.isValid() else self._root

    def _index_of(self, item: TreeItem, column: int = 0) -> QModelIndex:
        if item is self._root:
            return QModelIndex()
        self.ensure_sorted(item.parent)
        return self.createIndex(item.row, column, item)

    # ------------------------------------------------------------ Qt model API
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        # hasIndex() would call back into rowCount/columnCount: checked here directly
        if row < 0 or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        if parent.isValid() and parent.column() != NAME:
            return QModelIndex()
        group = self.item(parent)
        if group.unsorted:
            self._sort_children(group)
        children = group.children
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        if up is None or up is self._root:
            return QModelIndex()
        self.ensure_sorted(up.parent)
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
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS  # (asked for every row laid out)

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
            if item.ref is not None and col == KEY:  # a stale key: re-record it
                return self._icon(QStyle.StandardPixmap.SP_BrowserReload) \
                    if item.key == "stale" else None
            if item.ref is not None:  # a recording: on its name
                kind = tree_cells.icon_kind(item) if col == NAME else None
            else:  # a group: beside its count
                kind = tree_cells.icon_kind(item) if col == ENDPOINT else None
            return self._icon(_PIXMAPS[kind]) if kind else None
        if role == PREFIX_ROLE:
            return self._sibling_prefix(item, col)
        if role == FILTER_ROLE:
            return tree_match.haystack(item)
        if role == REF_ROLE:
            return item.ref
        if role == PATH_ROLE:
            return item.ref.path if item.ref is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == CHUNKS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _sibling_prefix(self, item: TreeItem, col: int) -> int:
        """Characters the cell shares with all its siblings' cells (elide.py):
        group names, file names and models; 0 for a call's gist (its place
        comes first and must stay)."""
        if col not in _PREFIX_COLUMNS or (col == NAME and item.ref is not None):
            return 0
        parent = item.parent
        if parent is None:
            return 0
        key = (id(parent), col)
        cached = self._prefixes.get(key)
        if cached is not None and cached[0] == len(parent.children):
            return cached[1]
        texts = []
        for sibling in parent.children:
            if (sibling.ref is None) == (item.ref is None):
                hidden = self._prefix if self._shares_prefix(sibling) else ""
                texts.append(tree_cells.display(sibling, col, hidden) or "")
        value = shared_prefix(texts)
        self._prefixes[key] = (len(parent.children), value)
        return value

    def sort_key(self, index: _Index) -> Any:
        """Sort key of a cell in its column (ascending; Python value)."""
        return tree_cells.sort_key(self.item(index), index.column(), self._root,
                                   story=self._story)

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
