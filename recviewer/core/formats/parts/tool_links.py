"""Tool results linked to the calls that produced them, across a conversation.

Some wire formats name a result's call by id (OpenAI ``tool_call_id``,
Anthropic ``tool_use_id``), some only by the function's name (Gemini
``function_response``), some give both. ``link_results`` fills what a result
lacks from the calls before it: the name from the call with its id, or the id
from the first call of that name not answered yet. Arguments are looked up
under the keys providers have used for them (``ARGUMENT_KEYS``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from recviewer.core.model import Message, ToolCallPart, ToolResultPart

# Where a function call's arguments have been seen, most usual first.
ARGUMENT_KEYS = ("arguments", "args", "input", "parameters", "params", "kwargs")
# Where a function result's value has been seen.
RESULT_KEYS = ("result", "response", "output", "content")


def first_present(d: dict, keys: tuple[str, ...]) -> Any:
    """The value of the first of ``keys`` that ``d`` holds (None if none)."""
    for key in keys:
        value = d.get(key)
        if value is not None:
            return value
    return None


def link_results(messages: tuple[Message, ...]) -> tuple[Message, ...]:
    """``messages`` with every result's missing call id or name filled in from
    the calls before it (unchanged when there is nothing to fill)."""
    names: dict[str, str] = {}  # call id -> name
    open_calls: list[ToolCallPart] = []  # calls not answered yet, in order
    out: list[Message] = []
    for message in messages:
        parts = []
        for part in message.parts:
            if isinstance(part, ToolCallPart):
                if part.id:
                    names[part.id] = part.name
                open_calls.append(part)
            elif isinstance(part, ToolResultPart):
                part = _linked(part, names, open_calls)
                _answered(part, open_calls)
            parts.append(part)
        same = all(a is b for a, b in zip(parts, message.parts))
        out.append(message if same else replace(message, parts=tuple(parts)))
    return tuple(out)


def _linked(part: ToolResultPart, names: dict[str, str],
            open_calls: list[ToolCallPart]) -> ToolResultPart:
    if part.tool_call_id and not part.name and part.tool_call_id in names:
        return replace(part, name=names[part.tool_call_id] or None)
    if not part.tool_call_id and part.name:
        for call in open_calls:  # parallel calls of one name are answered in order
            if call.name == part.name and call.id:
                return replace(part, tool_call_id=call.id)
    return part


def _answered(part: ToolResultPart, open_calls: list[ToolCallPart]) -> None:
    """Take the call ``part`` answers off ``open_calls``."""
    for i, call in enumerate(open_calls):
        if (call.id == part.tool_call_id) if call.id and part.tool_call_id else call.name == part.name:
            del open_calls[i]
            return
