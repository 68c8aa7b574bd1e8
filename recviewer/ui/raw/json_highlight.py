"""Lazy per-line JSON colouring for a QPlainTextEdit.

QSyntaxHighlighter colours every block of a document as soon as its text is
set, which takes seconds for a megabyte of pretty JSON. This colours only the
blocks on screen (plus a margin), once each, when the view paints or scrolls:
the same mechanism QSyntaxHighlighter uses (``QTextLayout.setFormats`` +
``markContentsDirty``), driven by the viewport instead of the whole document.
"""

from __future__ import annotations

from pygments.lexers import JsonLexer
from PySide6.QtCore import QObject, QRect, QTimer
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

from recviewer.ui.appearance.syntax_highlight import token_style

MAX_LINE = 20_000  # characters of one line that get coloured; the rest stays plain
MARGIN = 30        # blocks coloured beyond the visible ones


class LazyJsonHighlighter(QObject):
    def __init__(self, editor: QPlainTextEdit, style_name: str) -> None:
        super().__init__(editor)
        self._editor = editor
        self._style = style_name
        self._lexer = JsonLexer(ensurenl=False, stripnl=False)
        self._formats: dict[object, QTextCharFormat | None] = {}
        self._done = bytearray()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.highlight_visible)
        editor.updateRequest.connect(self._schedule)
        self.reset()

    def set_style(self, style_name: str) -> None:
        """Switch pygments style; already coloured blocks are recoloured lazily."""
        if style_name != self._style:
            self._style = style_name
            self._formats.clear()
            self.reset()

    def reset(self) -> None:
        """Forget what was coloured (call after the editor's text changed)."""
        self._done = bytearray(self._editor.document().blockCount())
        self._schedule()

    def coloured_blocks(self) -> int:
        return sum(self._done)

    def _schedule(self, *_: object) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def highlight_visible(self) -> None:
        ed = self._editor
        doc = ed.document()
        if len(self._done) != doc.blockCount():
            self._done = bytearray(doc.blockCount())
        block = ed.firstVisibleBlock()
        for _ in range(MARGIN):  # a few above, so scrolling up shows colour at once
            prev = block.previous()
            if not prev.isValid():
                break
            block = prev
        bottom = ed.viewport().rect().bottom()
        start = end = -1
        extra = MARGIN * 2
        while block.isValid():
            geo: QRect = ed.blockBoundingGeometry(block).translated(ed.contentOffset()).toRect()
            if geo.top() > bottom:
                extra -= 1
                if extra < 0:
                    break
            n = block.blockNumber()
            if not self._done[n]:
                self._done[n] = 1
                block.layout().setFormats(self._ranges(block.text()))
                start = block.position() if start < 0 else start
                end = block.position() + block.length()
            block = block.next()
        if start >= 0:
            doc.markContentsDirty(start, end - start)

    def _ranges(self, text: str) -> list[QTextLayout.FormatRange]:
        ranges = []
        pos = 0
        for ttype, value in self._lexer.get_tokens(text[:MAX_LINE]):
            fmt = self._format(ttype)
            if fmt is not None and value:
                r = QTextLayout.FormatRange()
                r.start, r.length, r.format = pos, len(value), fmt
                ranges.append(r)
            pos += len(value)
        return ranges

    def _format(self, ttype: object) -> QTextCharFormat | None:
        if ttype in self._formats:
            return self._formats[ttype]
        st = token_style(self._style, ttype)
        fmt: QTextCharFormat | None = None
        if st.color or st.bold or st.italic:
            fmt = QTextCharFormat()
            if st.color:
                fmt.setForeground(QColor(st.color))
            if st.bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            if st.italic:
                fmt.setFontItalic(True)
        self._formats[ttype] = fmt
        return fmt
