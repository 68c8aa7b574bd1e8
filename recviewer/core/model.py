"""The data model every wire format is turned into.

Frozen, slotted dataclasses. Raw JSON values (dicts, lists) are kept as they
were read, already unwrapped from ``{"__type__", "__data__"}`` envelopes; they
are never mutated after loading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

import orjson


# ----------------------------------------------------------------- message parts
@dataclass(slots=True, frozen=True)
class TextPart:
    text: str


@dataclass(slots=True, frozen=True)
class ImagePart:
    """An image reference: a ``data:`` URL or a remote URL (never fetched)."""

    url: str
    detail: str | None = None

    @property
    def is_data_url(self) -> bool:
        return self.url.startswith("data:")

    @property
    def media_type(self) -> str | None:
        if not self.is_data_url:
            return None
        head = self.url[5:].split(",", 1)[0]
        return head.split(";", 1)[0] or None


@dataclass(slots=True, frozen=True)
class ToolCallPart:
    """A call the model asked for. ``arguments`` is the raw string as sent."""

    id: str | None
    name: str
    arguments: str
    parsed: Any = None
    parse_error: str | None = None
    index: int | None = None

    @classmethod
    def from_arguments(cls, id: str | None, name: str, arguments: Any,
                       index: int | None = None) -> ToolCallPart:
        """Build a call from a raw argument string (or an already-parsed value,
        as Gemini and Anthropic send), parsing it as JSON when it is a string."""
        if not isinstance(arguments, str):
            raw = orjson.dumps(arguments, option=orjson.OPT_SORT_KEYS).decode()
            return cls(id, name, raw, arguments, None, index)
        if not arguments.strip():
            return cls(id, name, arguments, {}, None, index)
        try:
            return cls(id, name, arguments, orjson.loads(arguments), None, index)
        except orjson.JSONDecodeError as exc:
            return cls(id, name, arguments, None, f"arguments are not valid JSON: {exc}", index)


@dataclass(slots=True, frozen=True)
class ToolResultPart:
    """What a tool returned, linked to its call by ``tool_call_id``."""

    tool_call_id: str | None
    content: str
    name: str | None = None


@dataclass(slots=True, frozen=True)
class ReasoningPart:
    text: str


@dataclass(slots=True, frozen=True)
class RefusalPart:
    text: str


@dataclass(slots=True, frozen=True)
class DataPart:
    """Structured payload that is not chat (embeddings, model lists, tool
    runtime kwargs...). ``summary`` is one human line; ``value`` the JSON."""

    title: str
    summary: str
    value: Any = None


@dataclass(slots=True, frozen=True)
class ErrorPart:
    """An error the recording holds (HTTP status, recorded exception)."""

    message: str
    kind: str | None = None
    status: int | None = None
    detail: Any = None


Part = Union[TextPart, ImagePart, ToolCallPart, ToolResultPart, ReasoningPart,
             RefusalPart, DataPart, ErrorPart]


@dataclass(slots=True, frozen=True)
class Message:
    role: str
    parts: tuple[Part, ...] = ()
    name: str | None = None

    @property
    def text(self) -> str:
        """All text parts joined, in order."""
        return "".join(p.text for p in self.parts if isinstance(p, TextPart))

    @property
    def tool_calls(self) -> tuple[ToolCallPart, ...]:
        return tuple(p for p in self.parts if isinstance(p, ToolCallPart))

    @property
    def tool_call_id(self) -> str | None:
        for p in self.parts:
            if isinstance(p, ToolResultPart):
                return p.tool_call_id
        return None


# ----------------------------------------------------------------- usage / stream
@dataclass(slots=True, frozen=True)
class Usage:
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None
    raw: Any = None


@dataclass(slots=True, frozen=True)
class ToolCallDelta:
    """A fragment of a streamed tool call, assembled by ``index``."""

    index: int
    id: str | None = None
    name: str | None = None
    arguments: str = ""


@dataclass(slots=True, frozen=True)
class Delta:
    """What one stream chunk adds to the assembled message."""

    text: str = ""
    reasoning: str = ""
    refusal: str = ""
    role: str | None = None
    tool_calls: tuple[ToolCallDelta, ...] = ()
    finish_reason: str | None = None
    usage: Usage | None = None
    error: ErrorPart | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.reasoning or self.refusal or self.tool_calls
                    or self.finish_reason or self.usage or self.error)


@dataclass(slots=True, frozen=True)
class Chunk:
    index: int
    raw: Any
    delta: Delta
    label: str = ""  # e.g. SSE event name or chunk type, for the chunk list
    time: float | None = None  # real seconds since stream start, if recorded


# ----------------------------------------------------------------- exchange
@dataclass(slots=True, frozen=True)
class Exchange:
    """One call as a conversation: what was sent, what came back."""

    request_messages: tuple[Message, ...] = ()
    response_messages: tuple[Message, ...] = ()
    finish_reason: str | None = None
    usage: Usage | None = None
    chunks: tuple[Chunk, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    error: ErrorPart | None = None


@dataclass(slots=True, frozen=True)
class Recording:
    """A recording file, read and adapted."""

    path: str
    test_id: str | None
    method: str | None
    url: str | None
    endpoint: str | None
    model: str | None
    format: str
    streaming: bool
    status: int | None
    request_body: Any
    response_body: Any
    exchange: Exchange
    raw: Any = None  # the whole unwrapped document
    size: int = 0

    @property
    def chunk_count(self) -> int | None:
        return len(self.exchange.chunks) if self.streaming else None
