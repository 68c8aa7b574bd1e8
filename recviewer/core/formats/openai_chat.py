"""OpenAI chat completions: ``/v1/chat/completions``, plain and streamed."""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import (
    Envelope, as_dict, as_int, as_list, as_str, streamed_exchange,
)
from recviewer.core.formats.parts.errors import exchange_error
from recviewer.core.formats.parts.openai_messages import (
    chat_message, chat_messages, choice_chunk, request_params, usage_of,
)
from recviewer.core.load import type_name
from recviewer.core.model import Chunk, Delta, Exchange, ToolCallDelta, Usage


def _is_chat_body(body: Any) -> bool:
    name = type_name(body) or ""
    return "ChatCompletion" in name or as_str(as_dict(body).get("object", "")) in (
        "chat.completion", "chat.completion.chunk")


class OpenAIChatAdapter:
    name = "openai_chat"
    label = "chat"
    tool_places = places.OPENAI_PLACES

    def matches(self, env: Envelope) -> bool:
        if env.endpoint and env.endpoint.endswith("/chat/completions"):
            return True
        body = env.response_body
        first = body[0] if isinstance(body, list) and body else body
        return _is_chat_body(first) and "messages" in as_dict(env.request_body)

    def to_exchange(self, env: Envelope) -> Exchange:
        request = chat_messages(as_dict(env.request_body).get("messages"))
        params = request_params(env.request_body)
        body = env.response_body
        error = exchange_error(env)
        if isinstance(body, list):
            chunks = tuple(chunk_of(i, raw) for i, raw in enumerate(body))
            return streamed_exchange(request, chunks, params, error)
        b = as_dict(body)
        choices = as_list(b.get("choices"))
        response = tuple(chat_message(as_dict(c).get("message")) for c in choices)
        finish = as_str(as_dict(choices[0]).get("finish_reason")) if choices else None
        return Exchange(request, response, finish, usage_of(b.get("usage")), (), params, error)


def chunk_of(index: int, raw: Any) -> Chunk:
    """One ChatCompletionChunk → Chunk. Only choice 0 is assembled."""
    return choice_chunk(index, raw, _chat_delta)


def _chat_delta(choice: dict, usage: Usage | None) -> Delta:
    # Runs once per chunk of every stream: plain isinstance tests instead of the
    # as_* readers (same values; profiled as the largest cost of a long stream).
    d = choice.get("delta")
    if not isinstance(d, dict):
        d = {}
    calls = []
    tcs = d.get("tool_calls")
    if isinstance(tcs, list):
        for pos, tc in enumerate(tcs):
            tc = as_dict(tc)
            fn = as_dict(tc.get("function"))
            i = as_int(tc.get("index"))
            calls.append(ToolCallDelta(
                i if i is not None else pos, as_str(tc.get("id")), as_str(fn.get("name")),
                as_str(fn.get("arguments")) or "",
            ))
    text = d.get("content")
    reasoning = d.get("reasoning_content")
    if not (isinstance(reasoning, str) and reasoning):
        reasoning = d.get("reasoning")
    refusal = d.get("refusal")
    role = d.get("role")
    finish = choice.get("finish_reason")
    return Delta(
        text=text if isinstance(text, str) else "",
        reasoning=reasoning if isinstance(reasoning, str) else "",
        refusal=refusal if isinstance(refusal, str) else "",
        role=role if isinstance(role, str) else None,
        tool_calls=tuple(calls),
        finish_reason=finish if isinstance(finish, str) else None,
        usage=usage,
    )


ADAPTER = OpenAIChatAdapter()
