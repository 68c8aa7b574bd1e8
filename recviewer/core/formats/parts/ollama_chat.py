"""Ollama native generation: ``/api/generate`` and ``/api/chat`` messages and chunks.

A GenerateResponse carries ``response`` (+ ``thinking``); a ChatResponse
carries ``message {role, content, thinking, tool_calls}``. Both end with
``done``/``done_reason`` and eval counts. Ollama tool-call arguments are JSON
objects, not strings, and a streamed call arrives whole in one chunk.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.base import as_dict, as_int, as_list, as_str
from recviewer.core.model import (
    Chunk, Delta, ImagePart, Message, Part, ReasoningPart, TextPart, ToolCallDelta,
    ToolCallPart, ToolResultPart, Usage,
)


# base64 prefixes of common image signatures (Ollama sends bare base64)
_MAGIC = (("iVBOR", "image/png"), ("/9j/", "image/jpeg"), ("R0lGOD", "image/gif"),
          ("UklGR", "image/webp"))


def _image(data: Any) -> ImagePart | None:
    if not isinstance(data, str) or not data:
        return None
    if data.startswith(("data:", "http://", "https://")):
        return ImagePart(data)
    media = next((m for prefix, m in _MAGIC if data.startswith(prefix)), "image/*")
    return ImagePart(f"data:{media};base64,{data}")


def _images(value: Any) -> list[Part]:
    return [p for p in (_image(x) for x in as_list(value)) if p is not None]


def tool_calls_of(calls: Any) -> list[ToolCallPart]:
    out = []
    for pos, call in enumerate(as_list(calls)):
        call = as_dict(call)
        fn = as_dict(call.get("function"))
        index = as_int(fn.get("index"))
        arguments = fn.get("arguments")
        out.append(ToolCallPart.from_arguments(
            as_str(call.get("id")), as_str(fn.get("name")) or "",
            arguments if arguments is not None else {}, index if index is not None else pos))
    return out


def chat_message(msg: Any) -> Message:
    """One Ollama chat message → Message."""
    m = as_dict(msg)
    role = as_str(m.get("role")) or "unknown"
    parts: list[Part] = []
    thinking = as_str(m.get("thinking"))
    if thinking:
        parts.append(ReasoningPart(thinking))
    content = as_str(m.get("content")) or ""
    if role == "tool":
        parts.append(ToolResultPart(as_str(m.get("tool_call_id")), content,
                                    as_str(m.get("tool_name")) or as_str(m.get("name"))))
    elif content:
        parts.append(TextPart(content))
    parts.extend(_images(m.get("images")))
    parts.extend(tool_calls_of(m.get("tool_calls")))
    return Message(role, tuple(parts))


def generate_request(req: dict) -> tuple[Message, ...]:
    """``/api/generate`` request: optional system + the prompt (and images)."""
    out = []
    system = as_str(req.get("system"))
    if system:
        out.append(Message("system", (TextPart(system),)))
    parts: list[Part] = []
    prompt = as_str(req.get("prompt"))
    if prompt is not None:
        parts.append(TextPart(prompt))
    parts.extend(_images(req.get("images")))
    if parts:
        out.append(Message("user", tuple(parts)))
    return tuple(out)


def usage_of(body: Any) -> Usage | None:
    b = as_dict(body)
    prompt = as_int(b.get("prompt_eval_count"))
    completion = as_int(b.get("eval_count"))
    if prompt is None and completion is None:
        return None
    total = prompt + completion if prompt is not None and completion is not None else None
    keys = ("prompt_eval_count", "eval_count", "total_duration", "load_duration",
            "prompt_eval_duration", "eval_duration")
    return Usage(prompt, completion, total, {k: b.get(k) for k in keys if k in b})


def finish_of(body: Any) -> str | None:
    b = as_dict(body)
    reason = as_str(b.get("done_reason"))
    if reason:
        return reason
    return "done" if b.get("done") is True else None


def response_message(body: Any) -> Message:
    """A whole (not streamed) GenerateResponse or ChatResponse → Message."""
    b = as_dict(body)
    if "message" in b:
        m = chat_message(b.get("message"))
        return Message("assistant" if m.role == "unknown" else m.role, m.parts, m.name)
    parts: list[Part] = []
    thinking = as_str(b.get("thinking"))
    if thinking:
        parts.append(ReasoningPart(thinking))
    text = as_str(b.get("response"))
    if text:
        parts.append(TextPart(text))
    return Message("assistant", tuple(parts))


def chunk_of(index: int, raw: Any, first_call: int) -> tuple[Chunk, int]:
    """One streamed response → (Chunk, index of the next tool call)."""
    b = as_dict(raw)
    m = as_dict(b.get("message"))
    source = m if "message" in b else b
    text = as_str(source.get("content" if "message" in b else "response")) or ""
    calls = []
    for call in tool_calls_of(m.get("tool_calls")):
        calls.append(ToolCallDelta(first_call, call.id, call.name, call.arguments))
        first_call += 1
    delta = Delta(text=text, reasoning=as_str(source.get("thinking")) or "",
                  role=as_str(m.get("role")), tool_calls=tuple(calls),
                  finish_reason=finish_of(b), usage=usage_of(b))
    return Chunk(index, raw, delta, label="done" if b.get("done") is True else "chunk"), first_call
