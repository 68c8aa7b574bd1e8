"""OpenAI-style chat messages (request side and non-streamed response side).

Used by every adapter whose messages follow the OpenAI chat schema
(OpenAI, Azure, Ollama's /v1, watsonx and Bedrock through OpenAI compat).
"""

from __future__ import annotations

from typing import Any, Callable

import orjson

from recviewer.core.formats.base import as_dict, as_int, as_list, as_str
from recviewer.core.model import (
    Chunk, Delta, ImagePart, Message, Part, ReasoningPart, RefusalPart, TextPart, ToolCallPart,
    ToolResultPart, Usage,
)


def content_text(content: Any) -> str:
    """Flatten OpenAI content (str, or list of typed parts) to plain text."""
    if isinstance(content, str):
        return content
    pieces = []
    for item in as_list(content):
        if isinstance(item, str):
            pieces.append(item)
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            pieces.append(item["text"])
    return "".join(pieces)


def content_parts(content: Any) -> list[Part]:
    """Typed parts of an OpenAI message ``content`` value."""
    if content is None:
        return []
    if isinstance(content, str):
        return [TextPart(content)] if content else []
    parts: list[Part] = []
    for item in as_list(content):
        if isinstance(item, str):
            parts.append(TextPart(item))
            continue
        item = as_dict(item)
        kind = item.get("type")
        if kind in ("image_url", "input_image"):
            image = item.get("image_url")
            url = as_str(as_dict(image).get("url")) or as_str(image) or ""
            parts.append(ImagePart(url, as_str(as_dict(image).get("detail"))))
        elif kind == "refusal":
            parts.append(RefusalPart(as_str(item.get("refusal")) or ""))
        elif isinstance(item.get("text"), str):
            parts.append(TextPart(item["text"]))
        elif item:
            parts.append(TextPart(orjson.dumps(item).decode()))
    return parts


def tool_call_parts(calls: Any) -> list[ToolCallPart]:
    out = []
    for pos, call in enumerate(as_list(calls)):
        call = as_dict(call)
        fn = as_dict(call.get("function"))
        index = as_int(call.get("index"))
        out.append(ToolCallPart.from_arguments(
            as_str(call.get("id")), as_str(fn.get("name")) or "",
            fn.get("arguments") if fn.get("arguments") is not None else "",
            index if index is not None else pos,
        ))
    return out


def chat_message(msg: Any) -> Message:
    """One OpenAI chat message dict → Message."""
    msg = as_dict(msg)
    role = as_str(msg.get("role")) or "unknown"
    parts: list[Part] = []
    reasoning = as_str(msg.get("reasoning_content")) or as_str(msg.get("reasoning"))
    if reasoning:
        parts.append(ReasoningPart(reasoning))
    if role == "tool":
        parts.append(ToolResultPart(as_str(msg.get("tool_call_id")),
                                    content_text(msg.get("content")), as_str(msg.get("name"))))
    else:
        parts.extend(content_parts(msg.get("content")))
    refusal = as_str(msg.get("refusal"))
    if refusal:
        parts.append(RefusalPart(refusal))
    parts.extend(tool_call_parts(msg.get("tool_calls")))
    legacy = as_dict(msg.get("function_call"))
    if legacy:
        parts.append(ToolCallPart.from_arguments(None, as_str(legacy.get("name")) or "",
                                                 legacy.get("arguments") or ""))
    return Message(role, tuple(parts), as_str(msg.get("name")))


def chat_messages(messages: Any) -> tuple[Message, ...]:
    return tuple(chat_message(m) for m in as_list(messages))


def usage_of(raw: Any) -> Usage | None:
    """OpenAI ``usage`` dict → Usage (also accepts Ollama/Anthropic key names)."""
    u = as_dict(raw)
    if not u:
        return None
    prompt = as_int(u.get("prompt_tokens"))
    if prompt is None:
        prompt = as_int(u.get("input_tokens"))
    completion = as_int(u.get("completion_tokens"))
    if completion is None:
        completion = as_int(u.get("output_tokens"))
    total = as_int(u.get("total_tokens"))
    if total is None and prompt is not None and completion is not None:
        total = prompt + completion
    return Usage(prompt, completion, total, u)


def request_params(body: Any) -> dict[str, Any]:
    """Everything in a request body except the conversation itself."""
    return {k: v for k, v in as_dict(body).items() if k not in ("messages", "contents", "input")}


def choice_chunk(index: int, raw: Any, delta_of: Callable[[dict, Usage | None], Delta]) -> Chunk:
    """One streamed OpenAI-style chunk → Chunk; only choice 0 is read, by
    ``delta_of(choice, usage)``. A chunk without choices carries just its usage."""
    # once per chunk of every stream: the as_* readers inlined (same values)
    c = raw if isinstance(raw, dict) else {}
    u = c.get("usage")
    usage = usage_of(u) if u else None  # usage_of of an empty or non-dict value is None
    choices = c.get("choices")
    if not (isinstance(choices, list) and choices):
        return Chunk(index, raw, Delta(usage=usage), label="usage" if usage else "chunk")
    first = choices[0]
    return Chunk(index, raw, delta_of(first if isinstance(first, dict) else {}, usage),
                 label="chunk")
