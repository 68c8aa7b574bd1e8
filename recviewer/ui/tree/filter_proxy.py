"""TreeFilterProxy: filter-as-you-type and natural sorting over TestTreeModel.

Which rows are shown is worked out by the model (``tree_match``: a row matching
every word, everything below a matching group, and the path to each match);
this proxy only asks it, so filtering stays O(1) per row while batches arrive.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from recviewer.ui.tree.match import NO_QUERY, Query, split_words
from recviewer.ui.tree.model import FILTER_ROLE, NAME, TestTreeModel

_Index = QModelIndex | QPersistentModelIndex

__all__ = ["TreeFilterProxy", "split_words"]


class TreeFilterProxy(QSortFilterProxyModel):
    """Case-insensitive substring filter (every word must match) and natural sort."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._query: Query = NO_QUERY
        self.setRecursiveFilteringEnabled(False)  # the model answers for subtrees
        self.setDynamicSortFilter(True)
        self.setFilterKeyColumn(NAME)
        self.setFilterRole(FILTER_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    @property
    def words(self) -> tuple[str, ...]:
        return self._query.words

    @property
    def query(self) -> Query:
        return self._query

    @property
    def filtering(self) -> bool:
        """Words or a path set narrow the tree."""
        return bool(self._query)

    def setSourceModel(self, model) -> None:  # type: ignore[override]
        if not isinstance(model, TestTreeModel):
            raise TypeError("TreeFilterProxy works over a TestTreeModel")
        super().setSourceModel(model)
        model.set_query(self._query)

    def set_filter_text(self, text: str) -> None:
        self.set_query(Query(split_words(text), self._query.paths))

    def set_paths(self, paths: frozenset[str] | None) -> None:
        """Show only these recordings (None: all); the words still narrow."""
        self.set_query(Query(self._query.words, paths))

    def set_query(self, query: Query) -> None:
        if query == self._query:
            return
        model = self.sourceModel()
        if hasattr(self, "endFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._apply(model, query)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._apply(model, query)
            self.invalidateFilter()

    def _apply(self, model: TestTreeModel | None, query: Query) -> None:
        self._query = query
        if model is not None:
            model.set_query(query)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        return not self._query or self.sourceModel().is_shown(source_row, source_parent)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        # Called ~log2(n) times per inserted row while a scan runs: the name
        # column's cached keys are compared without going through the model.
        a, b = left.internalPointer(), right.internalPointer()
        if left.column() == NAME and a.sort_key is not None and b.sort_key is not None:
            return a.sort_key < b.sort_key
        model: TestTreeModel = self.sourceModel()
        return model.sort_key(left) < model.sort_key(right)
