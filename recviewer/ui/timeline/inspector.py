"""The chunk inspector: what the current chunk changed, and its recorded JSON.

Shows the chunk that led to the current position (chunk ``position - 1``).
Only that one chunk is pretty-printed and coloured, whatever the stream size.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel, QTextBrowser, QVBoxLayout, QWidget

from recviewer.core.model import Chunk
from recviewer.ui.appearance.follow import follow
from recviewer.ui.appearance.syntax_highlight import highlight_html, pretty_json
from recviewer.ui.appearance.view_colours import Theme, theme_for_palette
from recviewer.ui.timeline.chunk_list import quoted

MAX_JSON_CHARS = 40_000  # beyond this the chunk is shown uncoloured and cut
FOCUS_KEY = '"delta"'  # OpenAI chunks: what changed sits under this key


def change_lines(chunk: Chunk, theme: Theme) -> list[str]:
    """HTML lines (escaped) describing what ``chunk`` adds to the message."""
    d = chunk.delta
    esc = html.escape
    out: list[str] = []

    def line(label: str, value: str, colour: str | None = None) -> None:
        style = f' style="color:{colour}"' if colour else ""
        out.append(f"<b{style}>{esc(label)}</b> {esc(value)}")

    assistant = theme.roles["assistant"].label
    if d.role:
        line("role", d.role)
    if d.reasoning:
        line("reasoning +", quoted(d.reasoning, 200), theme.muted)
    if d.text:
        line("text +", quoted(d.text, 200), assistant)
    if d.refusal:
        line("refusal +", quoted(d.refusal, 200), theme.refusal_fg)
    tool = theme.roles["tool"].label
    for tc in d.tool_calls:
        head = f"tool call [{tc.index}]" + (f" {tc.name}" if tc.name else "")
        extra = [f"id {tc.id}"] if tc.id else []
        if tc.arguments:
            extra.append(f"arguments + {quoted(tc.arguments, 200)}")
        line(head, ", ".join(extra) or "(no new arguments)", tool)
    if d.finish_reason:
        line("finish_reason", d.finish_reason, theme.roles["system"].label)
    if d.usage is not None:
        u = d.usage
        line("usage", f"prompt {u.prompt_tokens}, completion {u.completion_tokens}, "
                      f"total {u.total_tokens}")
    if d.error is not None:
        line("error", d.error.message, theme.error_fg)
    return out or [f'<span style="color:{theme.muted}">adds nothing to the message</span>']


class ChunkInspector(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._chunk: Chunk | None = None
        self._title = QLabel(self)
        self._title.setWordWrap(True)  # narrow beside the test tree: wrap, don't widen
        self._changes = QLabel(self)
        self._changes.setWordWrap(True)
        self._changes.setTextFormat(Qt.TextFormat.RichText)
        self._changes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._changes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._json = QTextBrowser(self)
        self._json.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        follow(self, on_zoom=self._on_zoom)  # the fixed font grows with the panel's (View ▸ Zoom)
        self._json.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self._json.setOpenLinks(False)
        self._json.setAccessibleName("Chunk JSON")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self._title)
        lay.addWidget(self._changes)
        lay.addWidget(self._json, 1)
        self.show_chunk(None, 0)

    def show_chunk(self, chunk: Chunk | None, total: int) -> None:
        self._chunk = chunk
        theme = theme_for_palette(self.palette())
        if chunk is None:
            self._title.setText("<b>no chunk received yet</b> (position 0)" if total else "")
            self._changes.setText("")
            self._json.clear()
            return
        self._title.setText(f"last chunk received: <b>#{chunk.index + 1}</b> "  # 1-based
                            f"({html.escape(chunk.label or 'chunk')}) — what it changed:")
        self._changes.setText("<br>".join(change_lines(chunk, theme)))
        self._json.setHtml(_json_html(chunk.raw, theme))
        self._scroll_to(FOCUS_KEY)

    def _scroll_to(self, needle: str) -> None:
        """Put the first line holding ``needle`` at the top (past the
        boilerplate id/type lines), when the chunk has one."""
        found = self._json.document().find(needle)
        if found.isNull():
            return
        bar = self._json.verticalScrollBar()
        bar.setValue(bar.value() + self._json.cursorRect(found).top() - 4)

    def chunk(self) -> Chunk | None:
        return self._chunk

    def json_view(self) -> QTextBrowser:
        return self._json

    def _on_zoom(self, font: QFont) -> None:
        """The chunk JSON keeps its fixed family at the zoom of the panel's font."""
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        base = QApplication.font().pointSizeF()
        if font.pointSizeF() > 0 and base > 0 and fixed.pointSizeF() > 0:
            fixed.setPointSizeF(max(5.0, fixed.pointSizeF() + font.pointSizeF() - base))
        self._json.setFont(fixed)

    def changes_text(self) -> str:
        """Plain text of the change lines (for tests)."""
        return QTextDocumentFragment.fromHtml(self._changes.text()).toPlainText()

    def json_text(self) -> str:
        return self._json.toPlainText()


def _json_html(raw, theme: Theme) -> str:
    text = pretty_json(raw)
    if len(text) > MAX_JSON_CHARS:
        body = html.escape(text[:MAX_JSON_CHARS]) + f"\n… ({len(text):,} characters, cut)"
    else:
        body = highlight_html(text, theme.pygments_style)
    return f'<pre style="margin:0; white-space:pre-wrap">{body}</pre>'
