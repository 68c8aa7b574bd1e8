"""SearchResultsModel: search hits grouped by test (a two-level item model).

Top level: one row per test (``group_by_test`` order: the test of the best hit
first), its hits below. A hit row shows where the match is and the snippet;
``HIT_ROLE`` gives the ``Hit``, ``PATH_ROLE`` the recording's absolute path.
``snippet_html`` is the snippet as escaped rich text with the matches bold.
"""

from __future__ import annotations

import html
import os
from typing import Any, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from recviewer.core.search.index import Hit, group_by_test

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
NO_TEST = "(no test id)"
_Index = QModelIndex | QPersistentModelIndex
_GROUP = 0  # internal id of a group row; a hit's is its group's row + 1


def snippet_html(hit: Hit) -> str:
    """The snippet, escaped, with each match in ``<b>``."""
    out, at = [], 0
    for start, end in hit.matches:
        if start < at or end > len(hit.snippet):
            continue
        out.append(html.escape(hit.snippet[at:start]))
        out.append("<b>" + html.escape(hit.snippet[start:end]) + "</b>")
        at = end
    out.append(html.escape(hit.snippet[at:]))
    return "".join(out)


class SearchResultsModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.root = ""
        self._groups: list[tuple[str | None, list[Hit]]] = []

    def set_hits(self, root: str, hits: Sequence[Hit]) -> None:
        self.beginResetModel()
        self.root = root
        self._groups = group_by_test(hits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits(self.root, [])

    @property
    def hit_count(self) -> int:
        return sum(len(h) for _t, h in self._groups)

    def abs_path(self, hit: Hit) -> str:
        return os.path.join(self.root, *hit.path.split("/"))

    def hit(self, index: _Index) -> Hit | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    # ------------------------------------------------------------ Qt
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _GROUP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() == _GROUP and parent.row() < len(self._groups):
            hits = self._groups[parent.row()][1]
            return self.createIndex(row, 0, parent.row() + 1) if row < len(hits) else QModelIndex()
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            test_id, hits = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{test_id or NO_TEST}  ({len(hits)})"
            if role == Qt.ItemDataRole.ToolTipRole:
                return "<p>" + html.escape(test_id or NO_TEST) + "</p>"
            return None
        hit = self._groups[index.internalId() - 1][1][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.where}: {hit.snippet}"
        if role == HIT_ROLE:
            return hit
        if role == PATH_ROLE:
            return self.abs_path(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"<p><i>{html.escape(hit.path)}</i><br>{html.escape(hit.where)}</p>"
                    f"<p>{snippet_html(hit)}</p>")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and section == 0:
            return "match"
        return None
