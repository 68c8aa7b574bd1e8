"""The "Structural JSON" tab: every change between the two whole documents.

``StructuralModel`` is a flat table (path, kind, A, B) over ``diff_json``
changes; noise rows are left out unless ``set_show_noise(True)``. Values are
shown as one abbreviated line of JSON; the tooltip holds the full value
(HTML-escaped, so file text is never taken for markup).
"""

from __future__ import annotations

import html
from typing import Any

import orjson
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from recviewer.core.diff import Change
from recviewer.ui.diff.words_html import short_json
from recviewer.ui.table_model import RowsTableModel

HEADERS = ("Path", "Kind", "A", "B")
CELL_CHARS = 160      # characters of a value shown in a cell
TOOLTIP_CHARS = 4000  # characters of a value shown in a tooltip


def pretty(value: Any, limit: int = TOOLTIP_CHARS) -> str:
    try:
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode()
    except (orjson.JSONEncodeError, TypeError):
        text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"\n\u2026 ({len(text):,} characters)"


def tooltip_html(text: str) -> str:
    """Plain text as an explicit, escaped rich-text tooltip."""
    return f'<p style="white-space:pre-wrap;">{html.escape(text, quote=False)}</p>'


class StructuralModel(RowsTableModel):
    headers = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: tuple[Change, ...] = ()
        self._show_noise = False
        self._muted = QColor("#8c959f")
        self._kind_colours = {"added": QColor("#1a7f37"), "removed": QColor("#cf222e")}

    # ------------------------------------------------------------ ours
    def set_changes(self, changes: tuple[Change, ...]) -> None:
        self._all = tuple(changes)
        self._reset_rows(self._filtered())

    def set_show_noise(self, show: bool) -> None:
        if show == self._show_noise:
            return
        self._show_noise = show
        self._reset_rows(self._filtered())

    def change_at(self, row: int) -> Change:
        return self._rows[row]

    def noise_count(self) -> int:
        return sum(1 for c in self._all if c.noise)

    def _filtered(self) -> list[Change]:
        return [c for c in self._all if self._show_noise or not c.noise]

    def cell(self, c: Change, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(c, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(self._full(c, col))
        if role == Qt.ItemDataRole.ForegroundRole:
            if c.noise:
                return self._muted
            if col == 1 and c.kind in self._kind_colours:
                return self._kind_colours[c.kind]
        return None

    @staticmethod
    def _display(c: Change, col: int) -> str:
        if col == 0:
            return c.path or "(document)"
        if col == 1:
            return c.kind + (" \u00b7 noise" if c.noise else "")
        present = c.kind == "changed" or (c.kind == "removed") == (col == 2)
        if not present:
            return "\u2014"
        return short_json(c.a if col == 2 else c.b, CELL_CHARS)

    def _full(self, c: Change, col: int) -> str:
        if col in (0, 1):
            return f"{c.path}\n{c.kind}" + (" (normalisation noise)" if c.noise else "")
        present = c.kind == "changed" or (c.kind == "removed") == (col == 2)
        return pretty(c.a if col == 2 else c.b) if present else "(absent)"


def structural_table(model: StructuralModel, parent: QWidget | None = None) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.resizeSection(0, 380)
    header.resizeSection(1, 110)
    header.resizeSection(2, 300)
    return table
