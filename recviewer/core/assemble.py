"""Folding stream deltas into a message, exactly as a client would.

Every streamed format's adapter turns its chunks into ``Delta`` values; this
module is the one place that folds them. The adapters use it to build the final
response message, and the replay cursor uses it to build the state at any chunk,
so "replay to the end" and "the assembled response" cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from recviewer.core.model import (
    Chunk, Delta, ErrorPart, Message, Part, ReasoningPart, RefusalPart, TextPart,
    ToolCallPart, Usage,
)


@dataclass(slots=True, frozen=True)
class ToolCallState:
    index: int
    id: str | None
    name: str
    arguments: str


@dataclass(slots=True, frozen=True)
class StreamState:
    """The assembled message after ``position`` chunks."""

    position: int
    role: str = "assistant"
    text: str = ""
    reasoning: str = ""
    refusal: str = ""
    tool_calls: tuple[ToolCallState, ...] = ()
    finish_reason: str | None = None
    usage: Usage | None = None
    error: ErrorPart | None = None

    def to_message(self) -> Message:
        parts: list[Part] = []
        if self.reasoning:
            parts.append(ReasoningPart(self.reasoning))
        if self.text:
            parts.append(TextPart(self.text))
        if self.refusal:
            parts.append(RefusalPart(self.refusal))
        for call in self.tool_calls:
            parts.append(ToolCallPart.from_arguments(call.id, call.name, call.arguments, call.index))
        if self.error is not None:
            parts.append(self.error)
        return Message(self.role, tuple(parts))


class StreamAssembler:
    """Mutable accumulator; cheap to feed, ``snapshot()`` gives a StreamState."""

    __slots__ = ("position", "role", "_text", "_reasoning", "_refusal", "_calls",
                 "finish_reason", "usage", "error")

    def __init__(self, start: StreamState | None = None) -> None:
        s = start or StreamState(0)
        self.position = s.position
        self.role = s.role
        self._text = [s.text] if s.text else []
        self._reasoning = [s.reasoning] if s.reasoning else []
        self._refusal = [s.refusal] if s.refusal else []
        # index -> [id, name, [argument pieces]]
        self._calls: dict[int, list] = {
            c.index: [c.id, c.name, [c.arguments]] for c in s.tool_calls
        }
        self.finish_reason = s.finish_reason
        self.usage = s.usage
        self.error = s.error

    def feed(self, delta: Delta) -> None:
        self.position += 1
        if delta.role:
            self.role = delta.role
        if delta.text:
            self._text.append(delta.text)
        if delta.reasoning:
            self._reasoning.append(delta.reasoning)
        if delta.refusal:
            self._refusal.append(delta.refusal)
        for tc in delta.tool_calls:
            call = self._calls.get(tc.index)
            if call is None:
                call = self._calls[tc.index] = [None, "", []]
            if tc.id:
                call[0] = tc.id
            if tc.name:
                # Names arrive whole in every format we read; a repeated name
                # (some providers resend it) replaces rather than concatenates.
                call[1] = tc.name
            if tc.arguments:
                call[2].append(tc.arguments)
        if delta.finish_reason:
            self.finish_reason = delta.finish_reason
        if delta.usage is not None:
            self.usage = delta.usage
        if delta.error is not None:
            self.error = delta.error

    def feed_all(self, deltas: Iterable[Delta]) -> StreamAssembler:
        for d in deltas:
            self.feed(d)
        return self

    def snapshot(self) -> StreamState:
        calls = tuple(
            ToolCallState(i, c[0], c[1], "".join(c[2]))
            for i, c in sorted(self._calls.items())
        )
        return StreamState(
            self.position, self.role, "".join(self._text), "".join(self._reasoning),
            "".join(self._refusal), calls, self.finish_reason, self.usage, self.error,
        )

    def bare_snapshot(self) -> StreamState:
        """``snapshot()`` with every text and tool-call argument left empty: cheap
        (no joining), for replay checkpoints that keep only text lengths."""
        calls = tuple(ToolCallState(i, c[0], c[1], "") for i, c in sorted(self._calls.items()))
        return StreamState(self.position, self.role, "", "", "", calls, self.finish_reason,
                           self.usage, self.error)


def assemble(chunks: Iterable[Chunk]) -> StreamState:
    """Fold all chunks; the final state of the stream."""
    return StreamAssembler().feed_all(c.delta for c in chunks).snapshot()
