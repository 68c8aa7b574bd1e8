"""OpenAI legacy completions: ``/v1/completions``, plain and streamed.

The request has a ``prompt`` (string, list of strings or token ids); the
response has ``choices[].text``. A streamed body is a list of Completion chunks.
Some old recordings say ``/v1/completions`` but hold chat bodies; those are
left to the chat adapter (it is tried first and picks by body type).
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts.prologue import prologue
from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import Envelope, as_dict, as_list, as_str, streamed_exchange
from recviewer.core.formats.parts.openai_messages import choice_chunk, usage_of
from recviewer.core.load import type_name
from recviewer.core.model import Chunk, Delta, Exchange, Message, TextPart, Usage

CONVERSATION_KEYS = ("prompt", "suffix")


def _is_completion_body(body: Any) -> bool:
    if (type_name(body) or "").endswith("completion.Completion"):
        return True
    return as_dict(body).get("object") == "text_completion"


def prompt_text(prompt: Any) -> str:
    """A prompt as one text: a string, strings joined, or token ids listed."""
    if isinstance(prompt, str):
        return prompt
    items = as_list(prompt)
    if all(isinstance(p, str) for p in items):
        return "\n\n".join(items)
    return " ".join(str(p) for p in items if isinstance(p, (int, str, list)))


class OpenAICompletionsAdapter:
    name = "openai_completions"
    label = "completions"
    tool_places = places.OPENAI_PLACES

    def matches(self, env: Envelope) -> bool:
        body = env.response_body
        first = body[0] if isinstance(body, list) and body else body
        if _is_completion_body(first):
            return True
        ep = env.endpoint or ""
        req = as_dict(env.request_body)
        return (ep.endswith("/completions") and not ep.endswith("/chat/completions")
                and "prompt" in req and "messages" not in req)

    def to_exchange(self, env: Envelope) -> Exchange:
        p = prologue(env, CONVERSATION_KEYS)
        req, params, error, b = p.request, p.params, p.error, p.body
        request: tuple[Message, ...] = ()
        if "prompt" in req:
            request = (Message("user", (TextPart(prompt_text(req.get("prompt"))),)),)
        if p.stream is not None:
            chunks = tuple(chunk_of(i, raw) for i, raw in enumerate(p.stream))
            return streamed_exchange(request, chunks, params, error)
        choices = [as_dict(c) for c in as_list(b.get("choices"))]
        response = tuple(
            Message("assistant", (TextPart(as_str(c.get("text")) or ""),)) for c in choices
        )
        finish = as_str(choices[0].get("finish_reason")) if choices else None
        return Exchange(request, response, finish, usage_of(b.get("usage")), (), params, error)


def chunk_of(index: int, raw: Any) -> Chunk:
    """One streamed Completion → Chunk. Only choice 0 is assembled."""
    return choice_chunk(index, raw, _text_delta)


def _text_delta(choice: dict, usage: Usage | None) -> Delta:
    return Delta(text=as_str(choice.get("text")) or "",
                 finish_reason=as_str(choice.get("finish_reason")), usage=usage)


ADAPTER = OpenAICompletionsAdapter()
