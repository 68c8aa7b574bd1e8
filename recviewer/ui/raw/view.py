"""RawView: the file's JSON, pretty-printed, coloured lazily, with line numbers.

The document is parsed (without unwrapping envelopes: this is the file as it
is) and re-indented with orjson; bytes that do not parse are shown decoded
with replacement characters. The text is set once; colouring follows the
viewport (``raw_highlight``), so a megabyte stays responsive. Files over
``raw_pages.PRETTY_LIMIT`` are shown as stored, a page at a time, with a note
and "Show more" (``raw_more``).
"""

from __future__ import annotations

import orjson
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPaintEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from recviewer.core.errors import RecordingLoadError
from recviewer.core.load import decode_json
from recviewer.ui.raw.json_highlight import LazyJsonHighlighter
from recviewer.ui.raw.more_bar import MoreBar
from recviewer.ui.raw.pages import RawPages
from recviewer.ui.appearance.follow import follow
from recviewer.ui.appearance.view_colours import Theme
from recviewer.ui.find.bar import FindBar, install_ctrl_f
from recviewer.ui.find.target import PagedTarget


def pretty_text(data: bytes) -> tuple[str, bool]:
    """(text to show, whether it is re-indented JSON)."""
    try:
        doc = decode_json(data)
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode(), True
    except (RecordingLoadError, TypeError, orjson.JSONEncodeError):
        return data.decode("utf-8", errors="replace"), False


class _LineNumbers(QWidget):
    def __init__(self, editor: CodeView) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._editor.paint_gutter(self, event)


class CodeView(QPlainTextEdit):
    """Read-only, monospace, no wrapping, with a line-number gutter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._gutter = _LineNumbers(self)
        self.blockCountChanged.connect(self._update_margins)
        self.updateRequest.connect(self._scroll_gutter)
        self._update_margins()
        follow(self, on_zoom=self._on_zoom)

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 12 + self.fontMetrics().horizontalAdvance("9") * max(3, digits)

    def _update_margins(self, *_: object) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        r = self.contentsRect()
        self._gutter.setGeometry(QRect(r.left(), r.top(), self.gutter_width(), r.height()))

    def _on_zoom(self, _font: QFont) -> None:
        self._update_margins()
        r = self.contentsRect()
        self._gutter.setGeometry(QRect(r.left(), r.top(), self.gutter_width(), r.height()))

    def paint_gutter(self, gutter: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(gutter)
        pal = self.palette()
        painter.fillRect(event.rect(), pal.color(pal.ColorRole.AlternateBase))
        muted = QColor(pal.color(pal.ColorRole.Text))
        muted.setAlpha(130)
        painter.setPen(muted)
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        width = gutter.width() - 6
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight,
                                 str(block.blockNumber() + 1))
            block = block.next()
            top = bottom
        painter.end()


class RawView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = CodeView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.more = MoreBar(self)  # huge files: the part shown, and "Show more"
        self.more.more_requested.connect(self.show_more)
        self.pages: RawPages | None = None
        # find in page searches every page: the later ones are counted, loaded when reached
        self.find_bar = FindBar(PagedTarget(self.editor, self._unshown, self._more_for_find), self)
        install_ctrl_f(self, self.find_bar)
        layout.addWidget(self.more)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.editor)
        self._follow = follow(self, on_theme=self._apply_theme)
        self._theme: Theme = self._follow.theme
        self.highlighter = LazyJsonHighlighter(self.editor, self._theme.pygments_style)
        self.path = ""
        self.is_json = False

    def show_bytes(self, data: bytes, path: str) -> None:
        self.pages = RawPages.of_file(data, pretty_text)  # a page at a time when huge
        self.is_json = self.pages.is_json
        self.path = path
        self.editor.setPlainText(self.pages.next_page())
        self.more.follow(self.pages)
        self.highlighter.reset()

    def show_more(self) -> None:
        """Append the next page of a file shown in part."""
        if self.pages is None or self.pages.done:
            return
        cursor = QTextCursor(self.editor.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(self.pages.next_page())
        self.more.follow(self.pages)
        self.highlighter.reset()

    def _unshown(self) -> str | memoryview | None:
        """The part of a huge file not in the editor yet (bytes: not copied)."""
        if self.pages is None or self.pages.done:
            return None
        source = self.pages.source
        if isinstance(source, bytes):
            return memoryview(source)[self.pages.shown:]
        return source[self.pages.shown:]

    def _more_for_find(self) -> bool:
        if self.pages is None or self.pages.done:
            return False
        self.show_more()
        return True

    def clear(self) -> None:
        self.path = ""
        self.is_json = False
        self.pages = None
        self.more.follow(None)
        self.editor.clear()
        self.highlighter.reset()

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_theme(self, theme: Theme) -> None:
        """Use ``theme`` from now on (instead of following the palette)."""
        self._follow.set_theme(theme)

    def _apply_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.highlighter.set_style(theme.pygments_style)
