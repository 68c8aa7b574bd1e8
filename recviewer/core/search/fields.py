"""The searchable text of one recording, each piece with where it sits.

``where`` names: ``model``, ``request.tools`` (tool definition names),
``request.messages[i]`` (text and tool results of request message i),
``request.messages[i].tool_calls`` (names and arguments of the calls it
holds), ``response.text``, ``response.reasoning``, ``tool_call.name``,
``tool_call.arguments`` (the calls the response makes), ``tool_result``
(results a response holds: tool runtime), ``error``. Taken from the common
model, so every format is searched the same way.
"""

from __future__ import annotations

from typing import Iterator

from recviewer.core.model import (
    DataPart, Message, ReasoningPart, Recording, TextPart, ToolCallPart, ToolResultPart,
)
from recviewer.core.tool_names import tool_names

MAX_FIELD = 1_000_000  # characters of one field indexed (a megabyte of tool output is enough)


def _message_text(message: Message) -> str:
    pieces = []
    for part in message.parts:
        if isinstance(part, TextPart):
            pieces.append(part.text)
        elif isinstance(part, ToolResultPart):
            pieces.append(part.content)
        elif isinstance(part, DataPart) and part.summary:
            pieces.append(part.summary)
    return "\n".join(p for p in pieces if p)


def _calls_text(calls: tuple[ToolCallPart, ...]) -> str:
    return "\n".join(f"{c.name} {c.arguments}" for c in calls)


def recording_fields(rec: Recording) -> Iterator[tuple[str, str]]:
    """(where, text) pairs; empty texts are left out."""
    ex = rec.exchange
    if rec.model:
        yield "model", rec.model
    tools = tool_names(rec.raw) if isinstance(rec.raw, dict) else ()
    if tools:
        yield "request.tools", " ".join(tools)
    for i, message in enumerate(ex.request_messages):
        text = _message_text(message)
        if text.strip():
            yield f"request.messages[{i}]", text
        calls = message.tool_calls
        if calls:
            yield f"request.messages[{i}].tool_calls", _calls_text(calls)
    text: list[str] = []
    reasoning: list[str] = []
    results: list[str] = []
    for message in ex.response_messages:
        for part in message.parts:
            if isinstance(part, TextPart):
                text.append(part.text)
            elif isinstance(part, ReasoningPart):
                reasoning.append(part.text)
            elif isinstance(part, ToolResultPart):
                results.append(part.content)
            elif isinstance(part, ToolCallPart):
                yield "tool_call.name", part.name
                if part.arguments.strip():
                    yield "tool_call.arguments", part.arguments
    if "".join(text).strip():
        yield "response.text", "".join(text)
    if "".join(reasoning).strip():
        yield "response.reasoning", "".join(reasoning)
    if results:
        yield "tool_result", "\n".join(results)
    if ex.error is not None and ex.error.message:
        yield "error", ex.error.message
