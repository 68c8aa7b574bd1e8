"""ConversationView: a recording shown as a chat, in a safe QTextBrowser.

Rendering is pure (``html.py``); this widget owns the state that survives a
re-render: which folds are open, markdown on/off, the theme, and the cached
request HTML that lets a live stream (``show_stream_state``) re-render only
the response part ~30 times a second.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QVBoxLayout, QWidget

from recviewer.core.catalog.walk import display_text
from recviewer.core.assemble import StreamState
from recviewer.core.errors import RecordingError
from recviewer.core.keys.verify import STALE, KeyStatus
from recviewer.core.model import Recording
from recviewer.ui.conversation.browser import SafeBrowser
from recviewer.ui.conversation.context import RenderContext, ToolLinks
from recviewer.ui.conversation.folding import TOGGLE
from recviewer.ui.conversation.header import HeaderBar
from recviewer.ui.conversation.key_line import key_text
from recviewer.ui.conversation.html import (
    header_fields, load_error_html, page_html, recording_html, request_html, response_html,
)
from recviewer.ui.appearance.follow import follow
from recviewer.ui.appearance.view_colours import Theme
from recviewer.ui.find.bar import FindBar, install_ctrl_f
from recviewer.ui.find.target import TextTarget


class ConversationView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = HeaderBar(self)
        self.browser = SafeBrowser(self)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.find_bar = FindBar(TextTarget(self.browser), self)  # Ctrl+F, F3 (find in page)
        install_ctrl_f(self, self.find_bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.browser, 1)
        self._follow = follow(self, on_theme=self._apply_theme)
        self._theme: Theme = self._follow.theme
        self._markdown = True
        self._expanded: set[str] = set()
        self._rec: Recording | None = None
        self._state: StreamState | None = None
        self._live = False  # showing a StreamState (timeline) rather than the final page
        self._error: tuple[RecordingError, bytes | None] | None = None
        self._request_cache: tuple[tuple, str] | None = None
        self.clear()

    # ------------------------------------------------------------ public API
    def show_recording(self, rec: Recording) -> None:
        self._set_recording(rec)
        self._live = False
        self._state = None
        self._render(keep_scroll=False)

    def show_stream_state(self, rec: Recording, state: StreamState | None) -> None:
        """The request and the response as assembled in ``state`` (None: final)."""
        new = rec is not self._rec
        if not new and self._live == (state is not None) and state == self._state:
            return  # same frame again (a paused timeline): nothing to redraw
        if new:
            self._set_recording(rec)
        self._live = state is not None
        self._state = state
        self._render(keep_scroll=not new, follow=True)

    def set_key_status(self, status: KeyStatus | None) -> None:
        """The header's key line (``key_line.key_status``, computed by the
        loading worker); None hides it. Call after ``show_recording``."""
        self.header.set_key(key_text(status), stale=status is not None and status.cls == STALE)

    def show_error(self, err: RecordingError, raw: bytes | None) -> None:
        self._reset()
        self._error = (err, raw)
        self.header.set_key("")
        self.header.set_fields([("Test", ""), ("Status", "unreadable"),
                                ("File", display_text(err.path.rsplit("/", 1)[-1]))], err.path)
        self._render(keep_scroll=False)

    def clear(self) -> None:
        self._reset()
        self.header.set_fields([], "")
        self.header.set_key("")
        self.browser.clear()

    def set_markdown(self, enabled: bool) -> None:
        if enabled != self._markdown:
            self._markdown = enabled
            self._render(keep_scroll=True)

    def markdown(self) -> bool:
        return self._markdown

    def set_theme(self, theme: Theme) -> None:
        """Use ``theme`` from now on (instead of following the palette)."""
        self._follow.set_theme(theme)

    def theme(self) -> Theme:
        return self._theme

    def document_text(self) -> str:
        """Plain text of what is shown: header, then the document."""
        head = self.header.text()
        body = self.browser.toPlainText()
        return f"{head}\n{body}" if head else body

    # ------------------------------------------------------------ internals
    def _reset(self) -> None:
        self._rec = None
        self._state = None
        self._live = False
        self._error = None
        self._expanded = set()
        self._request_cache = None
        self.browser.forget_images()

    def _set_recording(self, rec: Recording) -> None:
        self._reset()
        self.header.set_key("")  # until the loader says (set_key_status)
        self._rec = rec
        self.header.set_fields(header_fields(rec), rec.path, rec.test_id)

    def _context(self) -> RenderContext:
        links = ToolLinks()
        if self._rec is not None:
            ex = self._rec.exchange
            msgs = ex.request_messages + ex.response_messages
            if self._state is not None:
                msgs = ex.request_messages + (self._state.to_message(),)
            links = ToolLinks.build(msgs)
        return RenderContext(self._theme, self._markdown, frozenset(self._expanded), links,
                             self.browser.thumb_for, live=self._live)

    def _page(self) -> str:
        ctx = self._context()
        if self._error is not None:
            return page_html(load_error_html(*self._error, ctx), ctx)
        rec = self._rec
        if rec is None:
            return ""
        if not self._live or self._state is None:
            return page_html(recording_html(rec, ctx), ctx)
        key = (id(rec), self._theme.name, self._markdown, ctx.expanded, tuple(ctx.links.numbers))
        if self._request_cache is None or self._request_cache[0] != key:
            self._request_cache = (key, request_html(rec, ctx))
        state = self._state
        total = len(rec.exchange.chunks)
        finished = state.position >= total
        label = f"response \u00b7 chunk {state.position:,} of {total:,}"
        response = response_html((state.to_message(),), state.finish_reason, state.usage, ctx,
                                 label=label, cursor=not finished, skip=rec.exchange.error)
        return page_html(self._request_cache[1] + response, ctx)

    def _render(self, keep_scroll: bool, follow: bool = False) -> None:
        bar = self.browser.verticalScrollBar()
        old, at_end = bar.value(), bar.value() >= bar.maximum() - 2
        self.browser.set_page(self._page())
        if follow and at_end:
            bar.setValue(bar.maximum())
        elif keep_scroll:
            bar.setValue(old)

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(TOGGLE):
            key = text[len(TOGGLE):]
            self._expanded.symmetric_difference_update({key})
            self._render(keep_scroll=True)
        elif url.hasFragment() and not url.scheme() and not url.path():
            self.browser.scrollToAnchor(url.fragment())

    def _apply_theme(self, theme: Theme) -> None:
        if theme != self._theme:
            self._theme = theme
            self._request_cache = None
            self._render(keep_scroll=True)
