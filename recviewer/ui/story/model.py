"""StoryModel: a test's calls as table rows (story order, or the unplaced calls).

Columns: the branch drawing, the call's place, the role of the last request
message, what the call is (the catalog gist), the tool calls its response
makes, its finish reason (or error) and its tokens, then the file name.
"""

from __future__ import annotations

import html
import os
from typing import Any, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from recviewer.core.sequence import CallFacts, Story
from recviewer.ui.story.graph import graph_lines
from recviewer.ui.table_model import RowsTableModel

GRAPH, PLACE, ROLE, WHAT, TOOLS, FINISH, TOKENS, FILE = range(8)
HEADERS = ("", "#", "request", "call", "tool calls", "finish", "tokens", "file")
PATH_ROLE = Qt.ItemDataRole.UserRole + 1  # the recording's absolute path


def tokens_text(facts: CallFacts) -> str:
    if facts.prompt_tokens is None and facts.completion_tokens is None:
        return ""
    left = "?" if facts.prompt_tokens is None else f"{facts.prompt_tokens:,}"
    right = "?" if facts.completion_tokens is None else f"{facts.completion_tokens:,}"
    return f"{left} → {right}"


class StoryModel(RowsTableModel):
    """The placed calls of a story (``unplaced=False``) or its unplaced ones."""

    headers = HEADERS

    def __init__(self, unplaced: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.unplaced = unplaced
        self._rows: list[tuple[CallFacts, str, str, bool, bool, str | None]] = []
        self._gists: Mapping[str, str | None] = {}
        self.error_colour = QColor("#cf222e")
        self.muted_colour = QColor("#6e7781")

    def set_story(self, story: Story | None, gists: Mapping[str, str | None] | None = None) -> None:
        """``gists``: absolute path → the catalog's one-line gist of the call."""
        self.beginResetModel()
        self._gists = gists or {}
        rows: list[tuple[CallFacts, str, str, bool, bool, str | None]] = []
        if story is not None:
            if self.unplaced:
                rows = [(f, "", "–", False, False, None) for f in story.unplaced]
            else:
                lines = graph_lines(story.calls)
                rows = [(c.facts, g, str(i), c.fork, c.borrowed, c.after)
                        for i, (c, g) in enumerate(zip(story.calls, lines), 1)]
        self._rows = rows
        self.endResetModel()

    def set_colours(self, error: QColor, muted: QColor) -> None:
        self.error_colour, self.muted_colour = QColor(error), QColor(muted)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, FILE))

    def facts(self, row: int) -> CallFacts:
        return self._rows[row][0]

    def paths(self) -> list[str]:
        return [r[0].path for r in self._rows]

    def row_of(self, path: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r[0].path == path), -1)

    # ------------------------------------------------------------ Qt
    def cell(self, row: tuple, col: int, role: int) -> Any:
        facts, graph, place, fork, borrowed, after = row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(facts, col, graph, place)
        if role == PATH_ROLE:
            return facts.path
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(facts, fork, borrowed, after)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == FINISH and facts.error:
                return self.error_colour
            if col in (FILE, TOKENS) or (col == FILE and borrowed):
                return self.muted_colour
        if role == Qt.ItemDataRole.FontRole:
            if col == FILE and borrowed:
                font = QFont()
                font.setItalic(True)
                return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (PLACE, TOKENS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, facts: CallFacts, col: int, graph: str, place: str) -> str:
        if col == GRAPH:
            return graph
        if col == PLACE:
            return place
        if col == ROLE:
            return facts.last_role or ""
        if col == WHAT:
            gist = self._gists.get(facts.path)
            return gist or (facts.first_user[:80] if facts.first_user else "")
        if col == TOOLS:
            return ", ".join(facts.tool_calls)
        if col == FINISH:
            return f"error: {facts.error}" if facts.error else (facts.finish_reason or "")
        if col == TOKENS:
            return tokens_text(facts)
        if col == FILE:
            return short_name(facts.rel_path)
        return ""

    def _tip(self, facts: CallFacts, fork: bool, borrowed: bool, after: str | None) -> str:
        lines = [facts.rel_path]
        if facts.test_id:
            lines.append(facts.test_id)
        if self.unplaced:
            lines.append("not part of a conversation chain")
        elif after is None:
            lines.append("first call of a chain")
        else:
            lines.append(f"continues {os.path.basename(after)}")
        if fork:
            lines.append("one branch of a fork: its parent has several continuations")
        if borrowed:
            lines.append("recorded under another parametrisation of this test")
        if facts.error:
            lines.append(f"error: {facts.error}")
        return plain_tip("\n".join(lines))


def short_name(rel_path: str) -> str:
    """A file name short enough for a column: a long hash keeps its first 12 digits."""
    name = os.path.basename(rel_path)
    stem, dot, ext = name.rpartition(".")
    if dot and len(stem) > 24:
        return f"{stem[:12]}….{ext}"
    return name


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` as written: Qt guesses rich text from
    the first tag it sees, so the text is escaped inside a rich-text shell."""
    return "<p style='white-space:pre'>" + html.escape(text) + "</p>"
