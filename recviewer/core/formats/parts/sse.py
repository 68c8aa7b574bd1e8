"""Server-sent events from recorded text lines.

Raw-HTTP recordings keep a streamed body as the list of lines the server sent
(``"event: x"``, ``"data: {...}"``, ``""``). ``parse_sse_lines`` groups them into
events the way an SSE client does: fields accumulate until a blank line, then
the event is dispatched. Items may also hold several lines at once. Non-string
items are ignored. Pure data, no Qt, never raises on odd input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import orjson

NOT_JSON: Any = None  # value of ``SseEvent.json`` when the data is not JSON


@dataclass(slots=True, frozen=True)
class SseEvent:
    event: str  # the ``event:`` field, "message" when absent (SSE default)
    data: str  # all ``data:`` lines joined with "\n"
    json: Any = NOT_JSON  # ``data`` parsed as JSON, None when it is not JSON
    id: str | None = None
    line: int = 0  # index of the item where the event started

    @property
    def is_json(self) -> bool:
        return self.json is not None

    @property
    def raw(self) -> Any:
        """The parsed JSON, or the ``data`` text when it is not JSON."""
        return self.json if self.json is not None else self.data


def _lines(items: Iterable[Any]) -> Iterator[tuple[int, str]]:
    for pos, item in enumerate(items):
        if not isinstance(item, str):
            continue
        if "\n" in item or "\r" in item:
            for piece in item.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                yield pos, piece
        else:
            yield pos, item


def _parse_data(data: str) -> Any:
    if not data or data[0] not in "{[":
        return NOT_JSON
    try:
        return orjson.loads(data)
    except (orjson.JSONDecodeError, RecursionError):
        return NOT_JSON


def _field(line: str) -> tuple[str, str]:
    name, sep, value = line.partition(":")
    if sep and value.startswith(" "):
        value = value[1:]
    return name, value


def parse_sse_lines(items: Any) -> list[SseEvent]:
    """Group recorded SSE lines into events (comments and blank events dropped)."""
    if not isinstance(items, list):
        return []
    events: list[SseEvent] = []
    name: str | None = None
    data: list[str] = []
    event_id: str | None = None
    start = -1

    def dispatch() -> None:
        if data or name is not None:
            joined = "\n".join(data)
            events.append(SseEvent(name or "message", joined, _parse_data(joined),
                                   event_id, max(start, 0)))

    for pos, line in _lines(items):
        if line == "":
            dispatch()
            name, data, event_id, start = None, [], None, -1
            continue
        if line.startswith(":"):
            continue  # SSE comment
        if start < 0:
            start = pos
        field, value = _field(line)
        if field == "event":
            name = value
        elif field == "data":
            data.append(value)
        elif field == "id":
            event_id = value
    dispatch()
    return events


def parse_sse_text(text: Any) -> list[SseEvent]:
    """A recorded SSE body as one string (``\n``, ``\r\n`` or ``\r``
    separated): the events ``parse_sse_lines([text])`` gives, split at blank
    lines first (a cassette's stream is one string; this is its fast path)."""
    if not isinstance(text, str):
        return []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    events: list[SseEvent] = []
    for block in text.split("\n\n"):
        if not block:
            continue
        name: str | None = None
        data: list[str] = []
        event_id: str | None = None
        for line in block.split("\n"):
            if not line or line[0] == ":":
                continue  # a blank line left by "\n\n\n", or an SSE comment
            field, _, value = line.partition(":")
            if value[:1] == " ":
                value = value[1:]
            if field == "data":
                data.append(value)
            elif field == "event":
                name = value
            elif field == "id":
                event_id = value
        if data or name is not None:
            joined = "\n".join(data)
            events.append(SseEvent(name or "message", joined, _parse_data(joined), event_id, 0))
    return events


def is_done(event: SseEvent) -> bool:
    """The OpenAI-style end marker ``data: [DONE]``."""
    return event.data.strip() == "[DONE]"


def json_events(text: Any) -> list[Any]:
    """The JSON payloads of an SSE body in order (``[DONE]``, non-JSON data and
    comment lines left out)."""
    return [e.json for e in parse_sse_text(text) if e.is_json]


def looks_like_sse(body: Any) -> bool:
    """True for a non-empty list whose first string item is an SSE field line."""
    if not isinstance(body, list):
        return False
    for item in body:
        if isinstance(item, str) and item.strip():
            return item.startswith(("event:", "data:", "id:", ":", "retry:"))
    return False
