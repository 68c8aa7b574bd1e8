"""The flat table model every list view of the window shares.

``RowsTableModel`` is a list of rows under fixed column headers: it answers
``rowCount``, ``columnCount``, ``headerData`` and ``data`` (the index checks),
and a subclass says what one cell shows for a role in ``cell``. Models that
are not flat tables (a tree of groups) use ``header_data`` alone.
``row_table`` is the list view the history windows show such a model in.
"""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QModelIndex,
                            QPersistentModelIndex, Qt)
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


def header_data(headers: Sequence[str], section: int, orientation: Qt.Orientation,
                role: int) -> str | None:
    """The horizontal header text of ``section``; nothing for other roles."""
    if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(headers)):
        return headers[section]
    return None


class RowsTableModel(QAbstractTableModel):
    """Rows (``self._rows``) under ``headers`` (a class attribute)."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def _reset_rows(self, rows: list[Any]) -> None:
        """Show ``rows`` instead of the rows shown (a model reset)."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def cell(self, row: Any, column: int, role: int) -> Any:
        """What ``column`` of ``row`` shows for ``role`` (None: nothing)."""
        return None

    # ------------------------------------------------------------ Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return header_data(self.headers, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)


def row_table(model: QAbstractItemModel, name: str, parent: QWidget | None = None) -> QTableView:
    """A table of whole rows, one chosen at a time, no row numbers, one line a row."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table
