"""Recording / Exchange → one HTML page for QTextDocument. Pure functions.

A page is: error banner (if any), request messages as role bubbles, a divider,
the response messages, and a usage line. The request part and the response
part are built separately so a live stream can re-render only the response.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from recviewer.core.catalog.walk import display_text
from recviewer.core.errors import RecordingError
from recviewer.core.model import (
    ErrorPart, Message, Recording, TextPart, ToolCallPart, Usage,
)
from recviewer.ui.conversation.blocks import box_html, striped_html
from recviewer.ui.conversation.context import RenderContext
from recviewer.ui.conversation.parts import CURSOR, error_html, part_html, tool_call_html
from recviewer.ui.conversation.text import esc, pre_html

RAW_PREVIEW = 64 * 1024  # bytes of an unreadable file shown under its error


def header_fields(rec: Recording) -> list[tuple[str, str]]:
    """(label, value) pairs for the header bar, plain text (not HTML)."""
    host = ""
    if rec.url:
        try:
            host = urlsplit(rec.url).netloc
        except ValueError:
            host = ""
    endpoint = " ".join(x for x in (rec.method, rec.endpoint) if x)
    fmt = rec.format + (f" \u00b7 {host}" if host else "")
    if rec.streaming:
        fmt += f" \u00b7 streamed, {rec.chunk_count or 0:,} chunks"
    fields = [("Test", rec.test_id or "(no test id)")]
    fields += [(k, v) for k, v in (("Endpoint", endpoint), ("Model", rec.model or "")) if v]
    fields.append(("Format", fmt))
    err = rec.exchange.error
    if rec.status is not None:
        fields.append(("Status", str(rec.status)))
    elif err is not None:
        fields.append(("Status", f"error {err.status}" if err.status is not None else "error"))
    fields.append(("File", display_text(os.path.basename(rec.path))))
    return fields


def recording_errors(rec: Recording) -> list[ErrorPart]:
    """The errors to put in the top banner."""
    if rec.exchange.error is not None:
        return [rec.exchange.error]
    if rec.status is not None and rec.status >= 400:
        return [ErrorPart(f"HTTP {rec.status}", "http_error", rec.status, rec.response_body)]
    return []


def message_html(msg: Message, key: str, ctx: RenderContext, *, cursor: bool = False,
                 skip: ErrorPart | None = None) -> str:
    """One bubble. ``cursor`` puts the stream cursor after the last text/call."""
    t = ctx.theme
    colors = t.role(msg.role)
    label = esc(msg.role) + (f" \u00b7 {esc(msg.name)}" if msg.name else "")
    inner = [f'<p style="margin:0 0 4px 0;color:{colors.label};font-size:small;">'
             f"<b>{label}</b></p>"]
    last = max((i for i, p in enumerate(msg.parts) if isinstance(p, (TextPart, ToolCallPart))),
               default=-1) if cursor else -1
    for i, part in enumerate(msg.parts):
        if skip is not None and part == skip:
            continue
        pkey = f"{key}p{i}"
        if i == last and isinstance(part, TextPart):
            inner.append(part_html(TextPart(part.text + CURSOR), pkey, ctx, msg.role))
        elif i == last and isinstance(part, ToolCallPart):
            inner.append(tool_call_html(part, pkey, ctx, cursor=True))
        else:
            inner.append(part_html(part, pkey, ctx, msg.role))
    if cursor and last < 0:
        inner.append(f"<p>{CURSOR}</p>")
    return striped_html("".join(inner), colors.stripe, colors.bubble)


def banner_html(errors: list[ErrorPart], ctx: RenderContext) -> str:
    return "".join(error_html(e, f"e{i}", ctx) for i, e in enumerate(errors))


def request_html(rec: Recording, ctx: RenderContext) -> str:
    """Banner and request messages (everything above the response)."""
    out = [banner_html(recording_errors(rec), ctx)]
    out.extend(message_html(m, f"q{i}", ctx) for i, m in enumerate(rec.exchange.request_messages))
    if not rec.exchange.request_messages:
        out.append(_muted_line("(no request messages)", ctx))
    return "".join(out)


def divider_html(label: str, ctx: RenderContext) -> str:
    return (f'<p align="center" style="margin:6px 0 8px 0;color:{ctx.theme.muted};'
            f'font-size:small;">\u2500\u2500\u2500 {esc(label)} \u2500\u2500\u2500</p>')


def response_html(messages: tuple[Message, ...], finish: str | None, usage: Usage | None,
                  ctx: RenderContext, *, label: str = "response", cursor: bool = False,
                  skip: ErrorPart | None = None) -> str:
    out = [divider_html(label, ctx)]
    for i, m in enumerate(messages):
        out.append(message_html(m, f"r{i}", ctx, cursor=cursor and i == len(messages) - 1,
                                skip=skip))
    if not messages:
        out.append(_muted_line("(no response)", ctx))
    out.append(usage_html(usage, finish, ctx))
    return "".join(out)


def usage_html(usage: Usage | None, finish: str | None, ctx: RenderContext) -> str:
    facts = []
    if finish:
        facts.append(f"finish: {esc(finish)}")
    if usage is not None:
        tokens = [f"{name} {value:,}" for name, value in (
            ("prompt", usage.prompt_tokens), ("completion", usage.completion_tokens),
            ("total", usage.total_tokens)) if value is not None]
        if tokens:
            facts.append("tokens: " + " \u00b7 ".join(tokens))
    return _muted_line(" \u00b7 ".join(facts), ctx, escape=False) if facts else ""


def recording_html(rec: Recording, ctx: RenderContext) -> str:
    """The whole page for a recording's final state."""
    ex = rec.exchange
    label = f"response \u00b7 {len(ex.chunks):,} chunks" if rec.streaming else "response"
    return request_html(rec, ctx) + response_html(
        ex.response_messages, ex.finish_reason, ex.usage, ctx, label=label, skip=ex.error)


def load_error_html(err: RecordingError, raw: bytes | None, ctx: RenderContext) -> str:
    """The page for a file that could not be read: the reason, then its bytes."""
    where = f" (at byte {err.offset:,})" if err.offset is not None else ""
    part = ErrorPart(f"Cannot read this file: {err.reason}{where}", "unreadable file")
    out = [error_html(part, "e0", ctx),
           f'<p style="color:{ctx.theme.muted};">{esc(display_text(err.path))}</p>']
    if raw:
        text = raw[:RAW_PREVIEW].decode("utf-8", errors="replace")
        more = (f"\n\u2026 {len(raw) - RAW_PREVIEW:,} more bytes" if len(raw) > RAW_PREVIEW else "")
        out.append(box_html(pre_html(esc(text + more)), ctx.theme.code_bg, ctx.theme.card_border))
    return "".join(out)


def page_html(body: str, ctx: RenderContext) -> str:
    t = ctx.theme
    return f'<html><body bgcolor="{t.page}" style="color:{t.text};">{body}</body></html>'


def _muted_line(text: str, ctx: RenderContext, escape: bool = True) -> str:
    return (f'<p style="margin:4px 0;color:{ctx.theme.muted};font-size:small;">'
            f"{esc(text) if escape else text}</p>")
