"""Gemini Interactions API (``/v1beta/interactions``), recorded as raw HTTP.

Request ``{model, input, system_instruction, tools, stream}``; ``input`` is a
string, a list of turns ``{role, content}`` or a list of content items. The
response is an Interaction (``outputs``, ``status``, ``usage``), an error dict,
or the SSE lines of a stream (``content.start``/``content.delta``/
``interaction.complete``; newer ``step.*`` names are read the same way).
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts.prologue import prologue
from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import (
    Envelope, as_dict, as_int, as_list, as_str, streamed_exchange,
)
from recviewer.core.formats.parts.gemini_content import json_text, part_of, role_of
from recviewer.core.formats.parts.sse import SseEvent, parse_sse_lines
from recviewer.core.formats.parts.tool_links import (
    ARGUMENT_KEYS, RESULT_KEYS, first_present, link_results,
)
from recviewer.core.model import (
    Chunk, DataPart, Delta, ErrorPart, Exchange, ImagePart, Message, Part, ReasoningPart,
    TextPart, ToolCallDelta, ToolCallPart, ToolResultPart, Usage,
)

CONVERSATION_KEYS = ("input", "system_instruction")


def _summary_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return "".join(as_str(as_dict(s).get("text")) or "" for s in as_list(value))


def content_part(raw: Any, index: int | None = None) -> Part | None:
    if isinstance(raw, str):
        return TextPart(raw)
    c = as_dict(raw)
    kind = c.get("type")
    if kind == "text":
        return TextPart(as_str(c.get("text")) or "")
    if kind == "thought":
        text = _summary_text(c.get("summary"))
        return ReasoningPart(text) if text else None
    if kind == "function_call":
        args = first_present(c, ARGUMENT_KEYS)
        return ToolCallPart.from_arguments(as_str(c.get("id")), as_str(c.get("name")) or "",
                                           args if args is not None else {}, index)
    if kind in ("function_result", "function_response"):
        call_id = as_str(c.get("call_id")) or as_str(c.get("id"))
        result = first_present(c, RESULT_KEYS)
        return ToolResultPart(call_id, json_text(result if result is not None else {}),
                              as_str(c.get("name")))
    if kind == "image":
        data, mime = as_str(c.get("data")), as_str(c.get("mime_type")) or "image/*"
        return ImagePart(f"data:{mime};base64,{data}" if data else as_str(c.get("uri")) or "")
    if kind is None and c:  # a generate_content part ({"function_call": {...}}, {"text"})
        part = part_of(c, index or 0)
        if part is not None:
            return part
    return DataPart(as_str(kind) or "Content", as_str(kind) or "content", c) if c else None


def contents_parts(content: Any) -> tuple[Part, ...]:
    if isinstance(content, str):
        return (TextPart(content),)
    items = content if isinstance(content, list) else [content]
    parts = (content_part(x, i) for i, x in enumerate(items))
    return tuple(p for p in parts if p is not None)


def request_messages(payload: dict) -> tuple[Message, ...]:
    out = []
    system = payload.get("system_instruction")
    if system is not None:
        out.append(Message("system", contents_parts(system)))
    value = payload.get("input")
    if isinstance(value, list) and any(isinstance(x, dict) and "role" in x for x in value):
        for turn in value:
            t = as_dict(turn)
            out.append(Message(role_of(t.get("role")), contents_parts(t.get("content"))))
    elif value is not None:
        out.append(Message("user", contents_parts(value)))
    return link_results(tuple(out))


def usage_of(raw: Any) -> Usage | None:
    u = as_dict(raw)
    if not u:
        return None
    return Usage(as_int(u.get("total_input_tokens")), as_int(u.get("total_output_tokens")),
                 as_int(u.get("total_tokens")), u)


class GeminiInteractionsAdapter:
    name = "gemini_interactions"
    label = "gemini"
    tool_places = places.GEMINI_PLACES

    def matches(self, env: Envelope) -> bool:
        return (env.endpoint or "").endswith("/interactions")

    def to_exchange(self, env: Envelope) -> Exchange:
        p = prologue(env, CONVERSATION_KEYS)
        params, error, b = p.params, p.error, p.body
        request = request_messages(p.request)
        if p.stream is not None:
            chunks = tuple(chunk_of(i, e) for i, e in enumerate(parse_sse_lines(p.stream)))
            return streamed_exchange(request, chunks, params, error)
        if error is not None or not b:
            return Exchange(request, (), None, None, (), params, error)
        message = Message(role_of(b.get("role"), "assistant"), contents_parts(b.get("outputs")))
        return Exchange(request, (message,), as_str(b.get("status")), usage_of(b.get("usage")),
                        (), params, None)


def _call_delta(index: int, c: dict) -> ToolCallDelta:
    args = first_present(c, ARGUMENT_KEYS)
    text = args if isinstance(args, str) else (json_text(args) if args is not None else "")
    return ToolCallDelta(index, as_str(c.get("id")), as_str(c.get("name")), text)


def delta_of(event: SseEvent) -> Delta:
    data = as_dict(event.json)
    kind = as_str(data.get("event_type")) or event.event
    index = as_int(data.get("index"))
    if kind in ("content.start", "step.start"):
        c = as_dict(data.get("content") or data.get("step"))
        if c.get("type") == "function_call" and index is not None:
            return Delta(tool_calls=(_call_delta(index, c),))
        return Delta(text=as_str(c.get("text")) or "") if c.get("type") == "text" else Delta()
    if kind in ("content.delta", "step.delta"):
        d = as_dict(data.get("delta"))
        dtype = d.get("type")
        if dtype == "text":
            return Delta(text=as_str(d.get("text")) or "")
        if dtype in ("thought_summary", "thought"):
            inner = as_dict(d.get("content"))
            return Delta(reasoning=as_str(inner.get("text")) or as_str(d.get("text")) or "")
        if dtype in ("function_call", "arguments_delta") and index is not None:
            return Delta(tool_calls=(_call_delta(index, d),))
        return Delta()
    if kind in ("interaction.complete", "interaction.completed"):
        inter = as_dict(data.get("interaction"))
        return Delta(role=role_of(inter.get("role"), "assistant") if "role" in inter else None,
                     finish_reason=as_str(inter.get("status")), usage=usage_of(inter.get("usage")))
    if kind == "error" or "error" in data:
        err = as_dict(data.get("error"))
        return Delta(error=ErrorPart(as_str(err.get("message")) or "stream error",
                                     as_str(err.get("code")) or "error", None, data))
    return Delta()


def chunk_of(index: int, event: SseEvent) -> Chunk:
    return Chunk(index, event.raw, delta_of(event), label=event.event)


ADAPTER = GeminiInteractionsAdapter()
