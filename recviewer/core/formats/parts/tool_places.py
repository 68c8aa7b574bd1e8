"""Where a request keeps its tool names, one reader per kind of place.

An adapter declares the places of its wire format as ``tool_places`` (a tuple of
these readers); ``recviewer.core.tool_names.tool_names`` reads them from the
parsed head the catalog already has, so finding tool names costs no second read
of the file. Only these known places are looked at (no walk of the whole
request: requests can hold megabytes of tool results), and every list is capped.
"""

from __future__ import annotations

from itertools import islice
from typing import Any, Callable, Iterator

MAX_ITEMS = 2_000  # items looked at per list

ToolPlace = Callable[[dict], Iterator[Any]]


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> Iterator[dict]:
    if isinstance(value, list):
        for item in islice(value, MAX_ITEMS):
            if isinstance(item, dict):
                yield item


def _body(request: dict) -> dict:
    return _dict(request.get("body") if "body" in request else request.get("payload"))


def runtime_tool(request: dict) -> Iterator[Any]:
    """A tool-runtime call: the request's ``tool_name``."""
    yield request.get("tool_name")


def tool_definitions(request: dict) -> Iterator[Any]:
    """Tool definitions: OpenAI/Ollama ``tools[].function.name``, Anthropic
    ``tools[].name``, Gemini ``(config.)tools[].function_declarations[].name``."""
    body = _body(request)
    config = _dict(body.get("config") or body.get("generation_config"))
    for tool in (*_items(body.get("tools")), *_items(config.get("tools"))):
        yield tool.get("name")
        yield _dict(tool.get("function")).get("name")
        for decl in _items(tool.get("function_declarations") or tool.get("functionDeclarations")):
            yield decl.get("name")


def openai_tool_calls(request: dict) -> Iterator[Any]:
    """Tool calls in earlier messages: OpenAI ``messages[].tool_calls[].function.name``."""
    for message in _items(_body(request).get("messages")):
        for call in _items(message.get("tool_calls")):
            yield _dict(call.get("function")).get("name")


def anthropic_tool_use(request: dict) -> Iterator[Any]:
    """Tool calls in earlier messages: Anthropic ``tool_use`` content blocks."""
    for message in _items(_body(request).get("messages")):
        for block in _items(message.get("content")):
            if block.get("type") == "tool_use":
                yield block.get("name")


def _definitions_and_calls(request: dict) -> Iterator[Any]:
    yield from tool_definitions(request)
    for message in _items(_body(request).get("messages")):  # in message order, both spellings
        for call in _items(message.get("tool_calls")):
            yield _dict(call.get("function")).get("name")
        for block in _items(message.get("content")):
            if block.get("type") == "tool_use":
                yield block.get("name")


# Every known place: for the generic adapter, and for a document read without
# knowing its adapter.
EVERY_PLACE: tuple[ToolPlace, ...] = (runtime_tool, _definitions_and_calls)
OPENAI_PLACES: tuple[ToolPlace, ...] = (tool_definitions, openai_tool_calls)
ANTHROPIC_PLACES: tuple[ToolPlace, ...] = (tool_definitions, anthropic_tool_use)
GEMINI_PLACES: tuple[ToolPlace, ...] = (tool_definitions,)
NO_PLACES: tuple[ToolPlace, ...] = ()
