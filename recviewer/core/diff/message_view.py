"""A message as the plain dict a person compares, and how messages align.

The view keeps what a reader sees: role, name, text (for a tool message, the
tool result), reasoning, refusal, images, data and errors. Tool calls are
kept apart (they are matched by name and position, see ``pair_tool_calls``).
"""

from __future__ import annotations

from typing import Any

from recviewer.core.diff.noise import NoiseRules
from recviewer.core.model import (
    DataPart, ErrorPart, ImagePart, Message, ReasoningPart, RefusalPart, TextPart,
    ToolCallPart, ToolResultPart,
)


def message_text(m: Message) -> str:
    """Visible text: text parts and tool results, in order."""
    out = []
    for p in m.parts:
        if isinstance(p, TextPart):
            out.append(p.text)
        elif isinstance(p, ToolResultPart):
            out.append(p.content)
    return "".join(out)


def reasoning_text(m: Message) -> str:
    return "".join(p.text for p in m.parts if isinstance(p, ReasoningPart))


def message_view(m: Message) -> dict[str, Any]:
    """Plain JSON dict of a message, without its tool calls."""
    view: dict[str, Any] = {"role": m.role, "text": message_text(m)}
    if m.name:
        view["name"] = m.name
    reasoning = reasoning_text(m)
    if reasoning:
        view["reasoning"] = reasoning
    refusal = "".join(p.text for p in m.parts if isinstance(p, RefusalPart))
    if refusal:
        view["refusal"] = refusal
    results = [p for p in m.parts if isinstance(p, ToolResultPart)]
    if results:
        view["tool_call_id"] = results[0].tool_call_id
        if results[0].name:
            view["tool_name"] = results[0].name
    images = [p.url for p in m.parts if isinstance(p, ImagePart)]
    if images:
        view["images"] = images
    data = [{"title": p.title, "value": p.value} for p in m.parts if isinstance(p, DataPart)]
    if data:
        view["data"] = data
    errors = [error_view(p) for p in m.parts if isinstance(p, ErrorPart)]
    if errors:
        view["errors"] = errors
    return view


def error_view(e: ErrorPart | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"message": e.message, "kind": e.kind, "status": e.status}


def tool_call_view(c: ToolCallPart) -> dict[str, Any]:
    """Arguments as parsed JSON when they parse, else the raw string."""
    args = c.parsed if c.parse_error is None else c.arguments
    return {"id": c.id, "name": c.name, "arguments": args}


def full_view(m: Message) -> dict[str, Any]:
    """The view with tool calls, for a message added or removed as a whole."""
    view = message_view(m)
    if m.tool_calls:
        view["tool_calls"] = [tool_call_view(c) for c in m.tool_calls]
    return view


def align_key(m: Message, rules: NoiseRules) -> tuple:
    """What must match for two messages to be "the same message": role,
    noise-normalised text and the names of the tools it calls."""
    return (m.role, rules.normalize_text(message_text(m)),
            tuple(c.name for c in m.tool_calls))


def pair_tool_calls(a: tuple[ToolCallPart, ...], b: tuple[ToolCallPart, ...]
                    ) -> list[tuple[int | None, int | None]]:
    """Match calls by name, then by order among calls of that name.

    Returns (index in a, index in b) pairs in a reading order: matched and
    removed calls in a's order, then calls only b has.
    """
    by_name: dict[str, list[int]] = {}
    for j, call in enumerate(b):
        by_name.setdefault(call.name, []).append(j)
    pairs: list[tuple[int | None, int | None]] = []
    used: set[int] = set()
    for i, call in enumerate(a):
        queue = by_name.get(call.name)
        if queue:
            j = queue.pop(0)
            used.add(j)
            pairs.append((i, j))
        else:
            pairs.append((i, None))
    pairs.extend((None, j) for j in range(len(b)) if j not in used)
    return pairs
