"""TreeFilterProxy: filter-as-you-type and natural sorting over TestTreeModel."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from recviewer.ui.tree_model import FILTER_ROLE, NAME, TestTreeModel

_Index = QModelIndex | QPersistentModelIndex


def split_words(text: str) -> tuple[str, ...]:
    """Lower-case words of a filter string; all of them must match."""
    return tuple(w for w in text.lower().split() if w)


class TreeFilterProxy(QSortFilterProxyModel):
    """Case-insensitive substring filter (every word must match) and natural sort.

    A row is shown when it matches, when one of its descendants matches
    (recursive filtering), or when an ancestor matches (auto-accepted children).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self.setDynamicSortFilter(True)
        self.setFilterKeyColumn(NAME)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    @property
    def words(self) -> tuple[str, ...]:
        return self._words

    def set_filter_text(self, text: str) -> None:
        words = split_words(text)
        if words == self._words:
            return
        if hasattr(self, "endFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._words:
            return True
        index = self.sourceModel().index(source_row, NAME, source_parent)
        haystack = index.data(FILTER_ROLE) or ""
        return all(w in haystack for w in self._words)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        model = self.sourceModel()
        if isinstance(model, TestTreeModel):
            return model.sort_key(left) < model.sort_key(right)
        return super().lessThan(left, right)
