"""TreeFilterProxy: filter-as-you-type over TestTreeModel (which sorts itself).

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
    """Case-insensitive substring filter (every word must match); rows in the model's order."""

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

    def refilter(self) -> None:
        """Re-apply the same query (rows' filter words changed: key statuses)."""
        query, self._query = self._query, NO_QUERY
        self.set_query(query)

    def _apply(self, model: TestTreeModel | None, query: Query) -> None:
        self._query = query
        if model is not None:
            model.set_query(query)

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:
        """Without a filter, answered from the model's items: Qt's own answer
        maps (filters) every child of every row the view lays out, to draw its
        expand arrow (at 30k files: ~12k filter calls at each relayout of the
        top rows). With one, Qt's answer (exactly what the proxy shows)."""
        if self._query:
            return super().hasChildren(parent)
        model = self.sourceModel()
        if model is None or (parent.isValid() and parent.column() != NAME):
            return False
        item = model.item(self.mapToSource(parent))
        return item.ref is None and bool(item.children)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        return not self._query or self.sourceModel().is_shown(source_row, source_parent)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks: the model re-sorts itself (it keeps children in
        order, so inserts never make Qt call back into Python per comparison);
        the proxy keeps the model's order."""
        model = self.sourceModel()
        if model is not None and column >= 0:
            model.sort(column, order)
