"""Gemini generate_content (Vertex AI / Google GenAI SDK), plain and streamed.

Request ``{model, contents: [{role, parts}], config}``; response
``candidates[].content.parts`` with ``finish_reason`` and ``usage_metadata``.
A streamed body is a list of such responses (plain dicts); each is one chunk.
Function-call parts arrive whole, so each streamed call gets the next index.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import (
    Envelope, as_dict, as_int, as_list, as_str, streamed_exchange,
)
from recviewer.core.formats.parts.errors import exchange_error
from recviewer.core.formats.parts.tool_links import link_results
from recviewer.core.formats.parts.gemini_content import (
    content_message, contents_messages, part_of, pick, role_of, system_message, usage_of,
)
from recviewer.core.model import (
    Chunk, Delta, ErrorPart, Exchange, ReasoningPart, TextPart, ToolCallDelta, ToolCallPart,
)

ENDPOINTS = ("/generate_content", "/generate_content_stream")
URL_MARKERS = (":generateContent", ":streamGenerateContent")


def _system_of(body: dict) -> Any:
    config = as_dict(body.get("config"))
    value = pick(config, "system_instruction", "systemInstruction")
    return value if value is not None else pick(body, "system_instruction", "systemInstruction")


def request_params(body: Any) -> dict[str, Any]:
    b = as_dict(body)
    params = {k: v for k, v in b.items()
              if k not in ("contents", "system_instruction", "systemInstruction")}
    config = as_dict(b.get("config"))
    if "system_instruction" in config or "systemInstruction" in config:
        params["config"] = {k: v for k, v in config.items()
                            if k not in ("system_instruction", "systemInstruction")}
    return params


def _finish(candidate: dict, body: dict) -> str | None:
    reason = as_str(pick(candidate, "finish_reason", "finishReason"))
    if reason:
        return reason
    feedback = as_dict(pick(body, "prompt_feedback", "promptFeedback"))
    return as_str(pick(feedback, "block_reason", "blockReason"))


class GeminiAdapter:
    name = "gemini"
    label = "gemini"
    tool_places = places.GEMINI_PLACES

    def matches(self, env: Envelope) -> bool:
        if (env.url or "").startswith("vertexai:") or (env.endpoint or "") in ENDPOINTS:
            return True
        if any(m in (env.url or "") for m in URL_MARKERS):
            return True
        body = env.response_body
        first = body[0] if isinstance(body, list) and body else body
        return "contents" in as_dict(env.request_body) and "candidates" in as_dict(first)

    def to_exchange(self, env: Envelope) -> Exchange:
        req = as_dict(env.request_body)
        system = system_message(_system_of(req))
        request = link_results(((system,) if system else ()) + contents_messages(req.get("contents")))
        params = request_params(req)
        error = exchange_error(env)
        body = env.response_body
        if isinstance(body, list):
            chunks = chunks_of(body)
            return streamed_exchange(request, chunks, params, error)
        b = as_dict(body)
        candidates = [as_dict(c) for c in as_list(b.get("candidates"))]
        response = tuple(content_message(c.get("content"), "assistant") for c in candidates)
        finish = _finish(candidates[0] if candidates else {}, b)
        usage = usage_of(pick(b, "usage_metadata", "usageMetadata"))
        return Exchange(request, response, finish, usage, (), params, error)


def chunks_of(body: list) -> tuple[Chunk, ...]:
    """Each streamed response → one Chunk; only candidate 0 is assembled."""
    out = []
    next_call = 0
    for i, raw in enumerate(body):
        b = as_dict(raw)
        candidates = as_list(b.get("candidates"))
        cand = as_dict(candidates[0]) if candidates else {}
        content = as_dict(cand.get("content"))
        text, reasoning, calls = [], [], []
        for p in as_list(content.get("parts")):
            part = part_of(p, next_call)
            if isinstance(part, ReasoningPart):
                reasoning.append(part.text)
            elif isinstance(part, TextPart):
                text.append(part.text)
            elif isinstance(part, ToolCallPart):
                calls.append(ToolCallDelta(next_call, part.id, part.name, part.arguments))
                next_call += 1
        role = role_of(content.get("role"), "assistant") if "role" in content else None
        err = as_dict(b.get("error"))
        delta = Delta(text="".join(text), reasoning="".join(reasoning), role=role,
                      tool_calls=tuple(calls), finish_reason=_finish(cand, b),
                      usage=usage_of(pick(b, "usage_metadata", "usageMetadata")),
                      error=ErrorPart(as_str(err.get("message")) or "stream error",
                                      as_str(err.get("status")), as_int(err.get("code")), err)
                      if err else None)
        out.append(Chunk(i, raw, delta, label="chunk"))
    return tuple(out)


ADAPTER = GeminiAdapter()
