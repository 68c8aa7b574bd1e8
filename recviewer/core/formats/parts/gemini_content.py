"""Gemini ``Content``/``Part`` values → Messages, for the generate_content adapter.

Recordings made through the Python SDK use snake_case keys (``finish_reason``,
``function_call``), the REST API camelCase (``finishReason``, ``functionCall``);
``pick`` reads either.
"""

from __future__ import annotations

from typing import Any

import orjson

from recviewer.core.formats.base import as_dict, as_int, as_list, as_str
from recviewer.core.formats.parts.tool_links import ARGUMENT_KEYS, RESULT_KEYS, first_present
from recviewer.core.model import (
    DataPart, ImagePart, Message, Part, ReasoningPart, TextPart, ToolCallPart,
    ToolResultPart, Usage,
)

ROLES = {"model": "assistant", "function": "tool"}


def pick(d: dict, snake: str, camel: str) -> Any:
    """``d[snake]`` if present and not None, else ``d[camel]``."""
    value = d.get(snake)
    return value if value is not None else d.get(camel)


def role_of(raw: Any, default: str = "user") -> str:
    role = as_str(raw) or default
    return ROLES.get(role, role)


def json_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return str(value)


def part_of(raw: Any, call_index: int = 0) -> Part | None:
    """One Gemini part → Part (None for parts with nothing to show)."""
    if isinstance(raw, str):
        return TextPart(raw)
    p = as_dict(raw)
    text = as_str(p.get("text"))
    if text is not None:
        return ReasoningPart(text) if p.get("thought") is True else TextPart(text)
    call = as_dict(pick(p, "function_call", "functionCall"))
    if call:
        args = first_present(call, ARGUMENT_KEYS)
        return ToolCallPart.from_arguments(as_str(call.get("id")), as_str(call.get("name")) or "",
                                           args if args is not None else {}, call_index)
    result = as_dict(pick(p, "function_response", "functionResponse"))
    if result:
        value = first_present(result, ("response", *RESULT_KEYS))
        return ToolResultPart(as_str(result.get("id")), json_text(value if value is not None else {}),
                              as_str(result.get("name")))
    inline = as_dict(pick(p, "inline_data", "inlineData"))
    if inline:
        mime = as_str(pick(inline, "mime_type", "mimeType")) or "application/octet-stream"
        data = as_str(inline.get("data")) or ""
        if mime.startswith("image/"):
            return ImagePart(f"data:{mime};base64,{data}")
        return DataPart("Inline data", f"{mime}, {len(data)} base64 characters", None)
    file = as_dict(pick(p, "file_data", "fileData"))
    if file:
        uri = as_str(pick(file, "file_uri", "fileUri")) or ""
        mime = as_str(pick(file, "mime_type", "mimeType")) or ""
        if mime.startswith("image/"):
            return ImagePart(uri)
        return DataPart("File", f"{mime} {uri}".strip(), file)
    code = as_dict(pick(p, "executable_code", "executableCode"))
    if code:
        return DataPart("Code", as_str(code.get("language")) or "code", code)
    outcome = as_dict(pick(p, "code_execution_result", "codeExecutionResult"))
    if outcome:
        return DataPart("Code result", as_str(outcome.get("outcome")) or "result", outcome)
    return None


def parts_of(raw_parts: Any) -> tuple[Part, ...]:
    out: list[Part] = []
    calls = 0
    for raw in as_list(raw_parts):
        part = part_of(raw, calls)
        if isinstance(part, ToolCallPart):
            calls += 1
        if part is not None:
            out.append(part)
    return tuple(out)


def content_message(raw: Any, default_role: str = "user") -> Message:
    """A Content ``{role, parts}`` (or a bare string / part) → Message."""
    if isinstance(raw, str):
        return Message(default_role, (TextPart(raw),))
    c = as_dict(raw)
    if "parts" in c or "role" in c:
        return Message(role_of(c.get("role"), default_role), parts_of(c.get("parts")))
    part = part_of(c)
    return Message(default_role, (part,) if part is not None else ())


def contents_messages(contents: Any) -> tuple[Message, ...]:
    if isinstance(contents, (str, dict)):
        return (content_message(contents),)
    return tuple(content_message(c) for c in as_list(contents))


def system_message(value: Any) -> Message | None:
    """``system_instruction`` (string, Content, or list) → a system message."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = tuple(p for p in (part_of(x) for x in value) if p is not None)
    else:
        parts = content_message(value).parts
    return Message("system", parts) if parts else None


def usage_of(raw: Any) -> Usage | None:
    """``usage_metadata``/``usageMetadata`` → Usage (None when it holds no counts)."""
    u = as_dict(raw)
    prompt = as_int(pick(u, "prompt_token_count", "promptTokenCount"))
    completion = as_int(pick(u, "candidates_token_count", "candidatesTokenCount"))
    total = as_int(pick(u, "total_token_count", "totalTokenCount"))
    if prompt is None and completion is None and total is None:
        return None
    return Usage(prompt, completion, total, u)
