"""What a find bar searches: a text view, and for the Raw tab its unshown pages.

``TextTarget`` wraps a ``QTextEdit`` (the conversation and diff browsers) or a
``QPlainTextEdit`` (the raw JSON): its document text, the part of the
document on screen (only the visible matches are painted, so 100,000 matches
cost what a screenful costs) and the match highlights (extra selections, the
current one stronger). ``PagedTarget`` adds the pages of a huge file not yet
shown: their matches are counted and reached by loading pages on demand.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from recviewer.ui.find.matches import Span

Editor = QTextEdit | QPlainTextEdit
MATCH_BG, MATCH_FG = "#fff176", "#1f2328"      # every match
CURRENT_BG, CURRENT_FG = "#ff9632", "#000000"  # the current one
MARGIN = 400  # UTF-16 units painted beyond the visible part


def _format(background: str, foreground: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(background))
    fmt.setForeground(QColor(foreground))
    return fmt


class TextTarget:
    """One text view the find bar searches."""

    def __init__(self, editor: Editor) -> None:
        self.editor = editor
        self._match = _format(MATCH_BG, MATCH_FG)
        self._current = _format(CURRENT_BG, CURRENT_FG)

    def text(self) -> str:
        return self.editor.document().toRawText()

    def remaining(self) -> str | bytes | memoryview | None:
        """Text not in the document yet (a huge file's later pages)."""
        return None

    def load_more(self) -> bool:
        """Put the next page into the document; False when there is none."""
        return False

    def visible_range(self) -> tuple[int, int]:
        viewport = self.editor.viewport()
        top = self.editor.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.editor.cursorForPosition(QPoint(viewport.width(), viewport.height()))
        bottom.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        return max(0, top - MARGIN), bottom.position() + MARGIN

    def paint(self, spans: list[Span], visible: range, current: int | None) -> None:
        selections = []
        for index in visible:
            start, end = spans[index]
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = self._current if index == current else self._match
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def select(self, span: Span) -> None:
        """Put the text cursor at ``span`` and scroll it into view (the match is
        painted as the current one, not selected: the selection colour would hide it)."""
        cursor = QTextCursor(self.editor.document())
        limit = max(0, self.editor.document().characterCount() - 1)
        cursor.setPosition(min(span[1], limit))
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        cursor.setPosition(min(span[0], limit))
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()

    def cursor_position(self) -> int:
        """Where a new search starts: the text cursor when it is on screen (a
        click, the last match), else the top of the view."""
        cursor = self.editor.textCursor()
        position = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        start, end = self.visible_range()
        if start <= position <= end or not self.editor.verticalScrollBar().value():
            return position
        return start + MARGIN

    def selected_text(self) -> str:
        return self.editor.textCursor().selectedText()


class PagedTarget(TextTarget):
    """A text view fed a page at a time: ``remaining()`` gives what is not shown,
    ``more()`` appends the next page (both from the view that owns the pages)."""

    def __init__(self, editor: Editor, remaining: Callable[[], str | bytes | memoryview | None],
                 more: Callable[[], bool]) -> None:
        super().__init__(editor)
        self._remaining = remaining
        self._more = more

    def remaining(self) -> str | bytes | memoryview | None:
        return self._remaining()

    def load_more(self) -> bool:
        return self._more()
