"""A recording as a readable plain-text transcript (for terminals and copying).

Every part kind is shown; long payloads (data URLs, JSON values) are shortened
so a transcript stays readable, while message text is shown whole.
"""

from __future__ import annotations

from typing import Any

import orjson

from recviewer.core.catalog.walk import display_text
from recviewer.core.export.json_dict import error_text
from recviewer.core.model import (
    DataPart, ErrorPart, ImagePart, Message, Part, ReasoningPart, Recording, RefusalPart,
    TextPart, ToolCallPart, ToolResultPart, Usage,
)

MAX_VALUE_LINES = 20  # lines of a JSON value (tool-runtime kwargs, model lists...)
INDENT = "    "


def _indent(text: str, prefix: str = INDENT) -> list[str]:
    return [prefix + line if line else "" for line in text.splitlines()] or [prefix.rstrip()]


def _json_lines(value: Any) -> list[str]:
    try:
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode()
    except (TypeError, orjson.JSONEncodeError):
        text = repr(value)
    lines = text.splitlines()
    if len(lines) > MAX_VALUE_LINES:
        hidden = len(lines) - MAX_VALUE_LINES
        lines = lines[:MAX_VALUE_LINES] + [f"… ({hidden} more lines)"]
    return [INDENT + line for line in lines]


def _image(part: ImagePart) -> str:
    if part.is_data_url:
        return f"[image: {part.media_type or 'data'}, {len(part.url)} characters of data URL]"
    return f"[image: {part.url}]"


def part_lines(part: Part) -> list[str]:
    """The transcript lines of one message part."""
    if isinstance(part, TextPart):
        return _indent(part.text)
    if isinstance(part, ReasoningPart):
        return ["  (reasoning)"] + _indent(part.text)
    if isinstance(part, RefusalPart):
        return ["  (refusal)"] + _indent(part.text)
    if isinstance(part, ImagePart):
        return [INDENT + _image(part)]
    if isinstance(part, ToolCallPart):
        head = f"  → tool call {part.name or '?'}" + (f" [{part.id}]" if part.id else "")
        lines = [head, INDENT + "arguments: " + part.arguments]
        if part.parse_error:
            lines.append(INDENT + "(" + part.parse_error + ")")
        return lines
    if isinstance(part, ToolResultPart):
        who = " ".join(x for x in (part.name, f"[{part.tool_call_id}]" if part.tool_call_id else None) if x)
        return [f"  ← tool result {who}".rstrip()] + _indent(part.content)
    if isinstance(part, DataPart):
        return [f"  {part.title}: {part.summary}"] + _json_lines(part.value)
    if isinstance(part, ErrorPart):
        return ["  ! " + (error_text(part) or part.message)]
    return [INDENT + repr(part)]


def message_lines(message: Message) -> list[str]:
    head = f"[{message.role}]" + (f" {message.name}" if message.name else "")
    lines = [head]
    for part in message.parts:
        lines.extend(part_lines(part))
    return lines


def _usage(usage: Usage) -> str:
    return (f"usage: prompt {usage.prompt_tokens}, completion {usage.completion_tokens}, "
            f"total {usage.total_tokens}")


def transcript(rec: Recording) -> str:
    """The whole recording as text, ending with a newline."""
    ex = rec.exchange
    lines = [f"file:     {display_text(rec.path)}",
             f"test:     {rec.test_id or '(no test id)'}"]
    call = " ".join(x for x in (rec.method, rec.endpoint or rec.url) if x)
    lines.append(f"call:     {call or '?'}" + (f"  (HTTP {rec.status})" if rec.status else ""))
    lines.append(f"model:    {rec.model or '?'}")
    stream = f"streamed, {rec.chunk_count} chunks" if rec.streaming else "not streamed"
    lines.append(f"format:   {rec.format} ({stream})")
    lines += ["", "── request " + "─" * 40]
    for message in ex.request_messages:
        lines += message_lines(message)
    if not ex.request_messages:
        lines.append("(no request message)")
    lines += ["", "── response " + "─" * 39]
    for message in ex.response_messages:
        lines += message_lines(message)
    if not ex.response_messages:
        lines.append("(no response message)")
    lines.append("")
    if ex.finish_reason:
        lines.append(f"finish reason: {ex.finish_reason}")
    if ex.usage is not None:
        lines.append(_usage(ex.usage))
    if ex.error is not None:
        lines.append(f"error: {error_text(ex.error)}")
    return "\n".join(lines).rstrip("\n") + "\n"
