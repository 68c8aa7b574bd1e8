"""Anthropic Messages API (``/v1/messages``), recorded as raw HTTP.

Request ``{method, url, payload}``. The response body is a message dict
(content blocks), an error dict (status >= 400), or — when streamed — the list
of SSE text lines; each SSE event becomes one Chunk labelled with its name.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts.prologue import prologue
from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.parts.anthropic_content import blocks_parts, error_part, request_messages
from recviewer.core.formats.base import Envelope, as_dict, as_int, as_str, streamed_exchange
from recviewer.core.formats.parts.openai_messages import usage_of
from recviewer.core.formats.parts.sse import SseEvent, parse_sse_lines
from recviewer.core.model import Chunk, Delta, Exchange, Message, ToolCallDelta, Usage

CONVERSATION_KEYS = ("messages", "system")


class AnthropicMessagesAdapter:
    name = "anthropic_messages"
    label = "anthropic"
    tool_places = places.ANTHROPIC_PLACES

    def matches(self, env: Envelope) -> bool:
        ep = env.endpoint or ""
        if ep.endswith("/v1/messages") or ep == "/messages":
            return True
        b = as_dict(env.response_body)
        return b.get("type") == "message" and isinstance(b.get("content"), list)

    def to_exchange(self, env: Envelope) -> Exchange:
        p = prologue(env, CONVERSATION_KEYS)
        params, error, b = p.params, p.error, p.body
        request = request_messages(p.request)
        if p.stream is not None:
            chunks = chunks_of(parse_sse_lines(p.stream))
            return streamed_exchange(request, chunks, params, error)
        if b.get("type") == "error" and error is None:
            error = error_part(b, env.status)
        if error is not None or not b:
            return Exchange(request, (), None, None, (), params, error)
        message = Message(as_str(b.get("role")) or "assistant", blocks_parts(b.get("content")))
        return Exchange(request, (message,), as_str(b.get("stop_reason")),
                        usage_of(b.get("usage")), (), params, None)


def _merged_usage(previous: Usage | None, raw: Any) -> Usage | None:
    """message_delta usage updates (usually only output_tokens) over message_start's."""
    if not isinstance(raw, dict):
        return None
    base = dict(previous.raw) if previous is not None and isinstance(previous.raw, dict) else {}
    base.update(raw)
    return usage_of(base)


def delta_of(event: SseEvent, usage: Usage | None) -> Delta:
    """One Anthropic stream event → Delta (``usage``: the usage so far)."""
    data = as_dict(event.json)
    kind = as_str(data.get("type")) or event.event
    index = as_int(data.get("index"))
    if kind == "message_start":
        msg = as_dict(data.get("message"))
        return Delta(role=as_str(msg.get("role")), usage=_merged_usage(usage, msg.get("usage")))
    if kind == "content_block_start" and index is not None:
        block = as_dict(data.get("content_block"))
        btype = block.get("type")
        if btype in ("tool_use", "server_tool_use"):
            # ``input`` is {} at start; the arguments come as input_json_delta.
            call = ToolCallDelta(index, as_str(block.get("id")), as_str(block.get("name")))
            return Delta(tool_calls=(call,))
        if btype == "text":
            return Delta(text=as_str(block.get("text")) or "")
        if btype == "thinking":
            return Delta(reasoning=as_str(block.get("thinking")) or "")
        return Delta()
    if kind == "content_block_delta":
        d = as_dict(data.get("delta"))
        dtype = d.get("type")
        if dtype == "text_delta":
            return Delta(text=as_str(d.get("text")) or "")
        if dtype == "thinking_delta":
            return Delta(reasoning=as_str(d.get("thinking")) or "")
        if dtype == "input_json_delta" and index is not None:
            piece = as_str(d.get("partial_json")) or ""
            return Delta(tool_calls=(ToolCallDelta(index, arguments=piece),))
        return Delta()
    if kind == "message_delta":
        d = as_dict(data.get("delta"))
        return Delta(finish_reason=as_str(d.get("stop_reason")),
                     usage=_merged_usage(usage, data.get("usage")))
    if kind == "error":
        return Delta(error=error_part(data))
    return Delta()


def chunks_of(events: list[SseEvent]) -> tuple[Chunk, ...]:
    out = []
    usage: Usage | None = None
    for i, event in enumerate(events):
        delta = delta_of(event, usage)
        if delta.usage is not None:
            usage = delta.usage
        out.append(Chunk(i, event.raw, delta, label=event.event))
    return tuple(out)


ADAPTER = AnthropicMessagesAdapter()
