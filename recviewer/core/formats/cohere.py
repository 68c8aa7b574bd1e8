"""Cohere v2 (and v1) chat and embed (``api.cohere.com``).

Chat request ``{model, messages: [{role, content: str | [{type: text}],
tool_calls, tool_call_id}], tools}``; response ``{message: {role, content,
tool_plan, tool_calls}, finish_reason, usage: {tokens, billed_units}}``.
Embed request ``{texts | inputs, model, input_type}``; response
``{embeddings: {float: [[...]]}}`` shown as data.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import Envelope, as_dict, as_int, as_list, as_str
from recviewer.core.formats.parts.errors import exchange_error
from recviewer.core.formats.parts.openai_messages import tool_call_parts
from recviewer.core.model import (
    DataPart, Exchange, Message, Part, ReasoningPart, TextPart, ToolResultPart, Usage,
)

CONVERSATION_KEYS = ("messages", "message", "chat_history", "preamble")


def _content(content: Any) -> list[Part]:
    if isinstance(content, str):
        return [TextPart(content)] if content else []
    out: list[Part] = []
    for c in as_list(content):
        c = as_dict(c)
        if c.get("type") == "thinking":
            out.append(ReasoningPart(as_str(c.get("thinking")) or ""))
        elif isinstance(c.get("text"), str):
            out.append(TextPart(c["text"]))
        elif c:
            out.append(DataPart(as_str(c.get("type")) or "content", "content", c))
    return out


def message_of(raw: Any) -> Message:
    m = as_dict(raw)
    role = as_str(m.get("role")) or "assistant"
    if role == "tool":
        text = "".join(p.text for p in _content(m.get("content")) if isinstance(p, TextPart))
        return Message("tool", (ToolResultPart(as_str(m.get("tool_call_id")), text),))
    parts: list[Part] = []
    plan = as_str(m.get("tool_plan"))
    if plan:
        parts.append(ReasoningPart(plan))
    parts += _content(m.get("content"))
    parts += tool_call_parts(m.get("tool_calls"))
    return Message(role, tuple(parts))


def usage_of(raw: Any) -> Usage | None:
    u = as_dict(raw)
    tokens = as_dict(u.get("tokens")) or as_dict(u.get("billed_units"))
    if not tokens:
        return None
    i, o = as_int(tokens.get("input_tokens")), as_int(tokens.get("output_tokens"))
    return Usage(i, o, i + o if i is not None and o is not None else None, u)


class CohereAdapter:
    name = "cohere"
    label = ""  # '': the endpoint's last path segment
    tool_places = places.EVERY_PLACE

    def matches(self, env: Envelope) -> bool:
        return "cohere" in (env.url or "") and (env.endpoint or "").endswith(
            ("/chat", "/embed", "/rerank"))

    def to_exchange(self, env: Envelope) -> Exchange:
        req = as_dict(env.request_body)
        params = {k: v for k, v in req.items() if k not in CONVERSATION_KEYS}
        error = exchange_error(env)
        b = as_dict(env.response_body)
        if (env.endpoint or "").endswith(("/embed", "/rerank")):
            texts = as_list(req.get("texts")) or as_list(req.get("inputs")) or as_list(
                req.get("documents"))
            request = (Message("user", tuple(TextPart(t) if isinstance(t, str)
                                             else DataPart("Input", "input", t) for t in texts)),)
            vectors = as_dict(b.get("embeddings"))
            summary = ", ".join(f"{k}: {len(as_list(v))} vectors" for k, v in vectors.items())
            response = (Message("assistant", (DataPart("Embeddings", summary or "response", b),)),
                        ) if b and error is None else ()
            return Exchange(request, response, None, usage_of(b.get("meta")), (), params, error)
        request = tuple(message_of(m) for m in as_list(req.get("messages")))
        if not request and isinstance(req.get("message"), str):  # v1 chat
            request = (Message("user", (TextPart(req["message"]),)),)
        msg = b.get("message")
        response = (message_of(msg),) if isinstance(msg, dict) else (
            (Message("assistant", (TextPart(b["text"]),)),) if isinstance(b.get("text"), str)
            else ())
        return Exchange(request, response, as_str(b.get("finish_reason")),
                        usage_of(b.get("usage") or b.get("meta")), (), params, error)


ADAPTER = CohereAdapter()
