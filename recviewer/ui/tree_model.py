"""TestTreeModel: a QAbstractItemModel adapting the plain items of tree_items.

Rows arrive in batches while a scan runs (``add_refs``); each batch announces
one ``beginInsertRows`` per parent that gains children, never one per file.
"""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QStyle

from recviewer.core.catalog import NO_TEST_ID_GROUP, RecordingRef, natural_key, tree_path
from recviewer.ui import labels
from recviewer.ui.tree_items import PathOf, TreeItem, attach, plan_batch

COLUMNS = ("Test / recording", "Endpoint", "Model", "Stream", "Chunks")
NAME, ENDPOINT, MODEL, STREAM, CHUNKS = range(len(COLUMNS))

REF_ROLE = Qt.ItemDataRole.UserRole + 1  # RecordingRef | None
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2  # lower-case text the filter searches
PATH_ROLE = Qt.ItemDataRole.UserRole + 3
COUNT_DELAY_MS = 200  # group counts are announced at most this often during a scan  # absolute file path of a recording

_Index = QModelIndex | QPersistentModelIndex


def filter_text(item: TreeItem) -> str:
    """What the filter box matches: test id, model, endpoint, file name, tools."""
    ref = item.ref
    if ref is None:
        return item.label.lower()
    parts = (ref.test_id or "", ref.model or "", ref.endpoint or "",
             labels.endpoint_label(ref), ref.rel_path, ref.format, item.terms)
    return " ".join(parts).lower()


def common_folder(labels: list[str]) -> str:
    """``tests/integration/`` for labels that all live below it ('' otherwise)."""
    if not labels:
        return ""
    folders = [label.split("/")[:-1] for label in labels]
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
        self._error_icon = None
        self._prefix = ""  # folder prefix shared by all test files, not shown
        self._dirty: dict[int, TreeItem] = {}  # groups whose counts changed, not yet announced
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self.flush_counts)

    # ------------------------------------------------------------ building
    def clear(self) -> None:
        self.beginResetModel()
        self._root = TreeItem.new_root()
        self._by_path.clear()
        self._prefix = ""
        self._dirty.clear()
        self._count_timer.stop()
        self.endResetModel()

    def add_refs(self, refs: Iterable[RecordingRef], terms: dict[str, str] | None = None) -> int:
        """Append a scan batch; returns how many recordings were added.

        ``terms`` maps a path to extra words its row matches in the filter."""
        plan = plan_batch(self._root, refs, self._path_of, terms)
        for ins in plan.insertions:
            self.beginInsertRows(self._index_of(ins.parent), ins.first, ins.last)
            attach(ins)
            self.endInsertRows()
        for item in plan.recordings:
            self._by_path[item.ref.path] = item
        if any(ins.parent is self._root for ins in plan.insertions):
            self._update_prefix()
        for group in plan.changed:
            self._dirty[id(group)] = group
        if self._dirty and not self._count_timer.isActive():
            self._count_timer.start()
        return len(plan.recordings)

    def flush_counts(self) -> None:
        """Announce changed group counts now: one dataChanged per parent, on the
        count column only (neither sorted nor filtered on, so the proxy need not
        re-sort or re-filter). Batched by a short timer while a scan streams in."""
        self._count_timer.stop()
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

    def _update_prefix(self) -> None:
        tops = self._root.children
        prefix = common_folder([t.label for t in tops if t.label != NO_TEST_ID_GROUP])
        if prefix != self._prefix:
            self._prefix = prefix
            self.dataChanged.emit(self.index(0, NAME), self.index(len(tops) - 1, NAME),
                                  [Qt.ItemDataRole.DisplayRole])

    @property
    def hidden_prefix(self) -> str:
        """The folder all test files share, left out of their labels ('' if none)."""
        return self._prefix

    # ------------------------------------------------------------ lookups
    def recording_count(self) -> int:
        return self._root.count

    def error_count(self) -> int:
        return self._root.errors

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
            return self._display(item, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == Qt.ItemDataRole.DecorationRole:
            if item.ref is not None:  # a recording: on its name
                return self._icon() if col == NAME and item.ref.error else None
            return self._icon() if col == ENDPOINT and item.errors else None
        if role == FILTER_ROLE:
            return filter_text(item)
        if role == REF_ROLE:
            return item.ref
        if role == PATH_ROLE:
            return item.ref.path if item.ref is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == CHUNKS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # ------------------------------------------------------------ cell helpers
    def _display(self, item: TreeItem, col: int) -> str | None:
        ref = item.ref
        if ref is None:
            if col == NAME:
                if item.parent is self._root and self._prefix and item.label.startswith(self._prefix):
                    return item.label[len(self._prefix):]
                return item.label
            if col == ENDPOINT:  # errors below show as an icon (see the tooltip)
                return labels.count_label(item.count, "recording")
            return None
        if col == NAME:
            return labels.short_file_name(ref.rel_path)
        if col == ENDPOINT:
            return labels.endpoint_label(ref) or ("error" if ref.error else "")
        if col == MODEL:
            return ref.model or ""
        if col == STREAM:
            return labels.stream_label(ref)
        if col == CHUNKS:
            return labels.chunks_label(ref)
        return None

    def _tooltip(self, item: TreeItem) -> str:
        ref = item.ref
        if ref is None:
            text = f"{' › '.join(item.group_path())}\n{labels.count_label(item.count, 'recording')}"
            if item.errors:
                text += f", {labels.count_label(item.errors, 'unreadable file')}"
            return text
        lines = [ref.rel_path, ref.test_id or "(no test id)", labels.human_size(ref.size)]
        if ref.error:
            lines.append(f"Error: {ref.error}")
        return "\n".join(lines)

    def sort_key(self, index: _Index) -> Any:
        """Natural-sort key of a cell (Python value; never through QVariant).

        The '(no test id)' group sorts after the test files in every column."""
        item, col = self.item(index), index.column()
        if col == NAME:
            if item.sort_key is None:
                text = item.ref.rel_path if item.ref is not None else item.label
                item.sort_key = (self._rank(item), natural_key(text))
            return item.sort_key
        if col == CHUNKS:  # numbers; groups first, unstreamed before streamed
            ref = item.ref
            number = -2 if ref is None else (ref.chunks if ref.chunks is not None else -1)
            return (self._rank(item), number)
        return (self._rank(item), natural_key(self._display(item, col) or ""))

    def _rank(self, item: TreeItem) -> int:
        return 1 if item.parent is self._root and item.label == NO_TEST_ID_GROUP else 0

    def _icon(self):
        if self._error_icon is None:
            style = QApplication.style()
            self._error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        return self._error_icon
