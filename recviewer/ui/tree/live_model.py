"""LiveTreeModel: the test tree, edited in place when files change on disk.

``TestTreeModel`` only grows (scan batches); this adds what live reload needs
without ever resetting the model, so the view keeps its selection, expanded
rows and scroll position:

- ``remove_paths``: recordings leave with ``beginRemoveRows``; groups left
  empty go with them; counts, error counts and filter hits are kept right;
- ``update_ref``: a re-read recording replaces its row's ref (``dataChanged``),
  or moves when its test id changed;
- marks: a row can be marked "new", "changed" or "deleted" (bold or struck
  out, an icon, and a tooltip line "changed on disk at HH:MM:SS").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from recviewer.core.catalog.scan import RecordingRef
from recviewer.ui.tree import match as tree_match
from recviewer.ui.conversation.text import inert
from recviewer.ui.tree.cells import COLUMNS, NAME
from recviewer.ui.tree.items import TreeItem, set_own_counts
from recviewer.ui.tree.model import FILTER_ROLE, TestTreeModel

MARK_ROLE = Qt.ItemDataRole.UserRole + 10  # "new" | "changed" | "deleted" | None
NEW, CHANGED, DELETED = "new", "changed", "deleted"

_Index = QModelIndex | QPersistentModelIndex
_MARK_ROLES = [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.DecorationRole,
               Qt.ItemDataRole.ToolTipRole, MARK_ROLE]
_ICONS = {NEW: QStyle.StandardPixmap.SP_FileDialogNewFolder,
          CHANGED: QStyle.StandardPixmap.SP_BrowserReload,
          DELETED: QStyle.StandardPixmap.SP_TrashIcon}
_WORDS = {NEW: "new on disk since the scan (appeared at {at})",
          CHANGED: "changed on disk at {at}",
          DELETED: "deleted from disk at {at}"}


LABEL_CHARS = 300  # of a test id or file name shown in a cell (the filter sees all)
TOOLTIP_CHARS = 2000


def one_line(text: str, limit: int = LABEL_CHARS) -> str:
    """A cell's text on one visible line: a hostile 300 kB test id with 60,000
    line breaks or bidi overrides would otherwise stall or spoof the tree."""
    if len(text) <= limit and text.isprintable():
        return text
    flat = inert(text[: limit + 1].replace("\r\n", "\n").replace("\n", " \u23ce ")
                 .replace("\t", " "))
    return flat[:limit] + "\u2026" if len(text) > limit or len(flat) > limit else flat


@dataclass(slots=True, frozen=True)
class RowMark:
    kind: str  # NEW | CHANGED | DELETED
    at: str  # "HH:MM:SS", local time

    def describe(self) -> str:
        return _WORDS[self.kind].format(at=self.at)


class LiveTreeModel(TestTreeModel):
    __test__ = False

    def __init__(self, parent=None, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self._marks: dict[str, RowMark] = {}
        self._icons: dict[str, object] = {}
        # Items taken out of the tree stay referenced until the next reset: a
        # QModelIndex holds a bare pointer to its item.
        self._removed: list[TreeItem] = []

    def clear(self) -> None:
        super().clear()
        self._marks.clear()
        self._removed.clear()

    # ------------------------------------------------------------ marks
    def mark(self, path: str) -> RowMark | None:
        return self._marks.get(path)

    def marked(self) -> dict[str, RowMark]:
        return dict(self._marks)

    def set_mark(self, path: str, mark: RowMark | None) -> None:
        if mark is None:
            if self._marks.pop(path, None) is None:
                return
        else:
            self._marks[path] = mark
        self._row_changed(path, _MARK_ROLES)

    def contains(self, path: str) -> bool:
        return path in self._by_path

    # ------------------------------------------------------------ edits
    def update_ref(self, ref: RecordingRef, terms: str = "") -> bool:
        """Give the recording at ``ref.path`` its re-read ref; False if absent.

        The row stays where it is when its group (test id) is unchanged;
        otherwise it is removed and inserted under its new group."""
        item = self._by_path.get(ref.path)
        if item is None:
            return False
        if self._path_of(ref) != self._path_of(item.ref):
            self.remove_paths([ref.path], keep_mark=True)
            self.add_refs([ref], {ref.path: terms} if terms else None)
            return True
        was_shown = self._shown_states(item)
        old_key = self._sort_key(item)  # (keys are made when first compared)
        before = (item.errors, item.failed, item.others)
        if item.matched:
            self._add_hits(item, -1)
        self._count_test(item.ref, -1)
        item.ref, item.terms, item.haystack = ref, terms, None
        item.sort_key = self._key_of(item)
        set_own_counts(item)
        self._count_test(ref, 1)
        errors, failed, others = (item.errors - before[0], item.failed - before[1],
                                  item.others - before[2])
        for group in item.ancestors():
            group.errors += errors
            group.failed += failed
            group.others += others
            if group is not self._root:
                self._dirty[id(group)] = group
        tree_match.match_new([item], self._query)  # its flags, and +1 hits if it matches
        self._announce_flips(was_shown)
        self._row_changed(ref.path, None)
        if item.sort_key != old_key and item.parent is not None:
            self._resort([item.parent])  # its column's value changed: keep the order
        self.flush_counts()
        return True

    def remove_paths(self, paths: Iterable[str], *, keep_mark: bool = False) -> int:
        """Remove these recordings (and groups left empty); returns how many."""
        removed = 0
        for path in paths:
            item = self._by_path.pop(path, None)
            if item is None:
                continue
            if not keep_mark:
                self._marks.pop(path, None)
            self._remove_item(item)
            removed += 1
        if removed:
            self.flush_counts()
        return removed

    def _remove_item(self, item: TreeItem) -> None:
        node = item  # the highest ancestor holding nothing else goes with it
        while node.parent is not None and node.parent is not self._root and node.parent.count == 1:
            node = node.parent
        parent = node.parent
        assert parent is not None
        was_shown = self._shown_states(node)
        self._add_hits(node, -(node.hits if node.ref is None else (1 if node.matched else 0)))
        self._count_test(item.ref, -1)
        for group in item.ancestors():
            group.count -= 1
            group.errors -= item.errors
            group.failed -= item.failed
            group.others -= item.others
        self._forget_dirty(node)
        self.ensure_sorted(parent)
        row = node.row
        self.beginRemoveRows(self._index_of(parent), row, row)
        del parent.children[row]
        for later in parent.children[row:]:
            later.row -= 1
        if node.ref is None:
            parent._by_label.pop(node.label, None)  # noqa: SLF001 - tree_items' index
        self._removed.append(node)
        self.endRemoveRows()
        for group in ([parent] if parent is not self._root else []) + [
                g for g in parent.ancestors() if g is not self._root]:
            self._dirty[id(group)] = group
        was_shown.pop(id(node), None)
        self._announce_flips(was_shown)
        if parent is self._root:
            if self._root.children:
                self._update_prefix()
            else:
                self._prefix = ""

    # ------------------------------------------------------------ helpers
    def _forget_dirty(self, node: TreeItem) -> None:
        stack = [node]
        while stack:
            current = stack.pop()
            self._dirty.pop(id(current), None)
            stack.extend(current.children)

    def _add_hits(self, node: TreeItem, delta: int) -> None:
        if delta:
            for ancestor in node.ancestors():
                ancestor.hits += delta

    def _shown_states(self, node: TreeItem) -> dict[int, tuple[TreeItem, bool]]:
        """Whether each visible group above ``node`` (and ``node``) is shown now."""
        states = {}
        for item in [node, *node.ancestors()]:
            if item is not self._root and item.attached:
                states[id(item)] = (item, tree_match.is_shown(item, self._query))
        return states

    def _announce_flips(self, before: dict[int, tuple[TreeItem, bool]]) -> None:
        """Groups whose shown state flipped: the proxy must re-filter them (top down)."""
        if not self._query:
            return
        flipped = [item for item, shown in before.values()
                   if item.parent is not None and tree_match.is_shown(item, self._query) != shown]
        for item in reversed(flipped):
            cell = self._index_of(item, NAME)
            self.dataChanged.emit(cell, cell, [FILTER_ROLE])

    def _row_changed(self, path: str, roles: list | None) -> None:
        item = self._by_path.get(path)
        if item is None:
            return
        first = self._index_of(item, 0)
        last = self._index_of(item, len(COLUMNS) - 1)
        self.dataChanged.emit(first, last, roles or [])

    def _mark_icon(self, kind: str):
        if kind not in self._icons:
            self._icons[kind] = QApplication.style().standardIcon(_ICONS[kind])
        return self._icons[kind]

    # ------------------------------------------------------------ Qt model API
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = super().data(index, role)
            return one_line(text) if isinstance(text, str) else text
        ref = index.internalPointer().ref
        mark = self._marks.get(ref.path) if ref is not None and self._marks else None
        if role == Qt.ItemDataRole.ToolTipRole:
            text = super().data(index, role)
            text = f"{text}\n{mark.describe()}" if mark is not None else text
            return text if len(text) <= TOOLTIP_CHARS else text[:TOOLTIP_CHARS] + "\u2026"
        if mark is None:
            return None if role == MARK_ROLE else super().data(index, role)
        if role == MARK_ROLE:
            return mark.kind
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if mark.kind == DELETED:
                font.setStrikeOut(True)
            else:
                font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and index.column() == NAME and not ref.error:
            return self._mark_icon(mark.kind)
        return super().data(index, role)
