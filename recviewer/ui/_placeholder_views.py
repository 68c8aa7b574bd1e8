"""TEMPORARY stand-ins for ConversationView / RawView until the real ones land."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from recviewer.core.model import ToolCallPart, ToolResultPart


class _Text(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.browser)

    def clear(self) -> None:
        self.browser.clear()

    def document_text(self) -> str:
        return self.browser.toPlainText()


class ConversationView(_Text):
    def show_recording(self, rec) -> None:
        lines = []
        ex = rec.exchange
        for m in ex.request_messages + ex.response_messages:
            lines.append(f"[{m.role}] {m.text}")
            for p in m.parts:
                if isinstance(p, ToolCallPart):
                    lines.append(f"  tool call {p.name}({p.arguments})")
                elif isinstance(p, ToolResultPart):
                    lines.append(f"  tool result: {p.content}")
        self.browser.setPlainText("\n".join(lines))

    def show_error(self, err, raw) -> None:
        self.browser.setPlainText(f"{err.reason}\n\n{(raw or b'')[:2000].decode('utf-8', 'replace')}")

    def show_stream_state(self, rec, state) -> None:
        self.show_recording(rec)

    def set_markdown(self, enabled: bool) -> None:
        pass


class RawView(_Text):
    def show_bytes(self, data: bytes, path: str) -> None:
        self.browser.setPlainText(data[:200000].decode("utf-8", "replace"))
