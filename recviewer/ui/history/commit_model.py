"""CommitModel: a repository's commits as a table (the revision picker's list).

Columns: commit, date, author, subject, recordings touched. ``CommitFilter``
keeps the rows whose commit, date, author, e-mail or subject hold every word
of the filter text (case-insensitive).
"""

from __future__ import annotations

import html
from typing import Any, Sequence

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from recviewer.core.catalog.walk import display_text
from recviewer.core.sources.git import CommitInfo
from recviewer.ui.table_model import Index, RowsTableModel

COMMIT, DATE, AUTHOR, SUBJECT, RECORDINGS = range(5)
HEADERS = ("Commit", "Date", "Author", "Subject", "Recordings")
COMMIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the CommitInfo of a row


def safe_tip(text: str) -> str:
    """A tooltip showing ``text`` (from a repository or a recording) as text:
    escaped and marked rich text, so Qt never reads markup out of it."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def commit_words(c: CommitInfo) -> str:
    return " ".join((c.oid, c.date, c.author, c.email, c.subject)).lower()


class CommitModel(RowsTableModel):
    headers = HEADERS

    # ------------------------------------------------------------ content
    def set_commits(self, commits: Sequence[CommitInfo]) -> None:
        """Show ``commits``; a longer list starting with the rows shown only appends."""
        commits = list(commits)
        n = len(self._rows)
        if n and len(commits) > n and [c.oid for c in commits[:n]] == [c.oid for c in self._rows]:
            self.beginInsertRows(QModelIndex(), n, len(commits) - 1)
            self._rows = commits
            self.endInsertRows()
            return
        self._reset_rows(commits)

    def commits(self) -> list[CommitInfo]:
        return list(self._rows)

    def commit_at(self, row: int) -> CommitInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # ------------------------------------------------------------ Qt
    def cell(self, c: CommitInfo, col: int, role: int) -> Any:
        if role == COMMIT_ROLE:
            return c
        if role == Qt.ItemDataRole.DisplayRole:
            return (c.short, c.date[:16].replace("T", " "), display_text(c.author),
                    display_text(c.subject), f"{c.recordings:,}")[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == AUTHOR:
                return safe_tip(display_text(f"{c.author} <{c.email}>"))
            if col == SUBJECT:
                return safe_tip(display_text(c.subject))
            if col == COMMIT:
                return safe_tip(c.oid)
            if col == DATE:
                return safe_tip(c.date)
            return f"{c.recordings:,} recording files touched by this commit"
        if role == Qt.ItemDataRole.TextAlignmentRole and col == RECORDINGS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class CommitFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()

    def set_text(self, text: str) -> None:
        words = tuple(text.lower().split())
        if hasattr(self, "endFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        c = model.commit_at(row) if isinstance(model, CommitModel) else None
        if c is None:
            return False
        words = commit_words(c)
        return all(w in words for w in self._words)
