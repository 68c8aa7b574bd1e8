"""OpenAI Responses API (``/v1/responses``, also OpenAI-compatible hosts).

Request ``{model, instructions, input: str | [items], tools, ...}``; response
``{object: "response", output: [items], usage, status}``. Items: ``message``
(content ``input_text`` / ``output_text`` / ``input_image`` / ``refusal``),
``reasoning`` (summary / content text, encrypted content), ``function_call``,
``function_call_output``, and the hosted tool calls (``web_search_call``,
``file_search_call``, ...), shown as data. A streamed body is the list of
event objects (``response.output_text.delta``,
``response.function_call_arguments.delta``, ``response.completed``, ...);
each event is one chunk.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts.prologue import prologue
from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import (
    Envelope, as_dict, as_int, as_list, as_str, streamed_exchange,
)
from recviewer.core.formats.parts.openai_messages import usage_of
from recviewer.core.model import (
    Chunk, DataPart, Delta, ErrorPart, Exchange, ImagePart, Message, Part, ReasoningPart,
    RefusalPart, TextPart, ToolCallDelta, ToolCallPart, ToolResultPart,
)

CONVERSATION_KEYS = ("input", "instructions")


def _content_parts(content: Any) -> list[Part]:
    if isinstance(content, str):
        return [TextPart(content)] if content else []
    out: list[Part] = []
    for c in as_list(content):
        c = as_dict(c)
        kind = as_str(c.get("type")) or ""
        if kind in ("input_text", "output_text", "text", "summary_text", "reasoning_text"):
            out.append(TextPart(as_str(c.get("text")) or ""))
        elif kind == "refusal":
            out.append(RefusalPart(as_str(c.get("refusal")) or ""))
        elif kind == "input_image":
            url = as_str(c.get("image_url")) or as_str(c.get("file_id")) or ""
            out.append(ImagePart(url, as_str(c.get("detail"))))
        elif kind == "input_file":
            name = as_str(c.get("filename")) or as_str(c.get("file_id")) or as_str(c.get("file_url"))
            out.append(DataPart("File", name or "file", None))
        elif c:
            out.append(DataPart(kind or "content", kind or "content", c))
    return out


def _reasoning_text(item: dict) -> str:
    pieces = [as_str(as_dict(s).get("text")) or "" for s in as_list(item.get("summary"))]
    pieces += [as_str(as_dict(s).get("text")) or "" for s in as_list(item.get("content"))]
    text = "\n\n".join(p for p in pieces if p)
    if not text and item.get("encrypted_content"):
        return "[encrypted reasoning]"
    return text


def item_parts(item: Any, index: int | None = None) -> tuple[str | None, list[Part]]:
    """One input/output item → (role when it is a message, parts)."""
    if isinstance(item, str):
        return "user", [TextPart(item)]
    it = as_dict(item)
    kind = as_str(it.get("type")) or ("message" if "role" in it else "")
    if kind == "message":
        return as_str(it.get("role")) or "assistant", _content_parts(it.get("content"))
    if kind == "reasoning":
        return None, [ReasoningPart(_reasoning_text(it))]
    if kind in ("function_call", "custom_tool_call"):
        args = it.get("arguments") if kind == "function_call" else it.get("input")
        return None, [ToolCallPart.from_arguments(
            as_str(it.get("call_id")) or as_str(it.get("id")), as_str(it.get("name")) or "",
            args if args is not None else "", index)]
    if kind in ("function_call_output", "custom_tool_call_output"):
        out = it.get("output")
        text = out if isinstance(out, str) else "".join(
            p.text for p in _content_parts(out) if isinstance(p, TextPart))
        return "tool", [ToolResultPart(as_str(it.get("call_id")), text)]
    if kind.endswith("_call") or kind.endswith("_call_output"):
        action = as_dict(it.get("action"))
        what = as_str(action.get("query")) or as_str(action.get("type")) or \
            ", ".join(as_str(q) or "" for q in as_list(it.get("queries"))) or \
            (as_str(it.get("status")) or "")
        return None, [DataPart(kind.replace("_", " "), what, it)]
    if it:
        return None, [DataPart(kind or "item", kind or "item", it)]
    return None, []


def items_messages(items: Any, default_role: str) -> tuple[Message, ...]:
    """Items → messages: message items start a message; other items join the
    message before them (or one of ``default_role``); tool outputs are messages."""
    out: list[Message] = []
    for i, item in enumerate(as_list(items)):
        role, parts = item_parts(item, i)
        if role is not None:
            out.append(Message(role or default_role, tuple(parts)))
        elif out and out[-1].role == default_role:
            out[-1] = Message(out[-1].role, out[-1].parts + tuple(parts))
        else:
            out.append(Message(default_role, tuple(parts)))
    return tuple(out)


def request_messages(body: Any) -> tuple[Message, ...]:
    b = as_dict(body)
    out: list[Message] = []
    instructions = b.get("instructions")
    if isinstance(instructions, str) and instructions:
        out.append(Message("system", (TextPart(instructions),)))
    inp = b.get("input")
    if isinstance(inp, str):
        out.append(Message("user", (TextPart(inp),)))
    else:
        out.extend(items_messages(inp, "assistant"))
    return tuple(out)


def _response_messages(b: dict) -> tuple[Message, ...]:
    parts: list[Part] = []
    for i, item in enumerate(as_list(b.get("output"))):
        parts.extend(item_parts(item, i)[1])
    return (Message("assistant", tuple(parts)),) if parts else ()


def _error_of(b: dict) -> ErrorPart | None:
    err = b.get("error")
    if isinstance(err, dict) and err:
        return ErrorPart(as_str(err.get("message")) or "error", as_str(err.get("code"))
                         or as_str(err.get("type")) or "error", None, err)
    return None


class OpenAIResponsesAdapter:
    name = "openai_responses"
    label = "responses"
    tool_places = places.EVERY_PLACE

    def matches(self, env: Envelope) -> bool:
        ep = env.endpoint or ""
        if ep.endswith("/responses"):
            return True
        b = env.response_body
        first = b[0] if isinstance(b, list) and b else b
        return as_dict(first).get("object") == "response" or \
            str(as_dict(first).get("type", "")).startswith("response.")

    def to_exchange(self, env: Envelope) -> Exchange:
        p = prologue(env, CONVERSATION_KEYS)
        params, error, b = p.params, p.error, p.body
        request = request_messages(p.request)
        if p.stream is not None:
            return streamed_exchange(request, chunks_of(p.stream), params, error)
        if error is None:
            error = _error_of(b)
        incomplete = as_str(as_dict(b.get("incomplete_details")).get("reason"))
        return Exchange(request, _response_messages(b), incomplete or as_str(b.get("status")),
                        usage_of(b.get("usage")), (), params, error)


def delta_of(event: Any) -> Delta:
    e = as_dict(event)
    kind = as_str(e.get("type")) or ""
    index = as_int(e.get("output_index"))
    if kind == "response.output_text.delta":
        return Delta(text=as_str(e.get("delta")) or "")
    if kind in ("response.reasoning_summary_text.delta", "response.reasoning_text.delta"):
        return Delta(reasoning=as_str(e.get("delta")) or "")
    if kind == "response.refusal.delta":
        return Delta(refusal=as_str(e.get("delta")) or "")
    if kind == "response.output_item.added":
        item = as_dict(e.get("item"))
        if item.get("type") in ("function_call", "custom_tool_call") and index is not None:
            return Delta(tool_calls=(ToolCallDelta(index, as_str(item.get("call_id")),
                                                   as_str(item.get("name"))),))
        if item.get("type") == "message":
            return Delta(role=as_str(item.get("role")))
        return Delta()
    if kind in ("response.function_call_arguments.delta",
                "response.custom_tool_call_input.delta") and index is not None:
        return Delta(tool_calls=(ToolCallDelta(index, arguments=as_str(e.get("delta")) or ""),))
    if kind in ("response.completed", "response.incomplete", "response.failed"):
        r = as_dict(e.get("response"))
        reason = as_str(as_dict(r.get("incomplete_details")).get("reason"))
        return Delta(finish_reason=reason or as_str(r.get("status")) or kind.split(".")[-1],
                     usage=usage_of(r.get("usage")), error=_error_of(r))
    if kind == "error":
        return Delta(error=ErrorPart(as_str(e.get("message")) or "stream error",
                                     as_str(e.get("code")) or "error", None, e))
    return Delta()


def chunks_of(events: list) -> tuple[Chunk, ...]:
    return tuple(Chunk(i, raw, delta_of(raw), label=as_str(as_dict(raw).get("type")) or "event")
                 for i, raw in enumerate(events))


ADAPTER = OpenAIResponsesAdapter()
