"""The tool names a recording mentions, for the tree filter.

Taken from the parsed head the catalog already has, so finding them costs no
second read of the file: tool definitions (OpenAI/Ollama ``tools[].function``,
Anthropic ``tools[]``, Gemini ``config.tools[].function_declarations``), tool
calls in earlier messages (OpenAI ``tool_calls``, Anthropic ``tool_use``
blocks) and a tool-runtime ``tool_name``. Only these known places are looked
at (no walk of the whole request: requests can hold megabytes of tool
results), and every list is capped.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any, Iterator

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.:\-]{0,79}\Z")
MAX_ITEMS = 2_000  # items looked at per list


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> Iterator[dict]:
    if isinstance(value, list):
        for item in islice(value, MAX_ITEMS):
            if isinstance(item, dict):
                yield item


def _candidates(request: dict) -> Iterator[Any]:
    yield request.get("tool_name")
    body = _dict(request.get("body") if "body" in request else request.get("payload"))
    config = _dict(body.get("config") or body.get("generation_config"))
    for tool in (*_items(body.get("tools")), *_items(config.get("tools"))):
        yield tool.get("name")
        yield _dict(tool.get("function")).get("name")
        for decl in _items(tool.get("function_declarations") or tool.get("functionDeclarations")):
            yield decl.get("name")
    for message in _items(body.get("messages")):
        for call in _items(message.get("tool_calls")):
            yield _dict(call.get("function")).get("name")
        for block in _items(message.get("content")):
            if block.get("type") == "tool_use":
                yield block.get("name")


def tool_names(doc: Any) -> tuple[str, ...]:
    """Distinct identifier-like tool names in the document's request, first seen first."""
    request = _dict(doc.get("request") if isinstance(doc, dict) else None)
    seen: dict[str, None] = {}
    for name in _candidates(request):
        if isinstance(name, str) and _IDENTIFIER.match(name):
            seen.setdefault(name, None)
    return tuple(seen)
