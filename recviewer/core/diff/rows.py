"""Rows of a side-by-side diff: two synchronised columns, one pair per row.

A message row pairs a message of the first recording (``left``) with its
counterpart in the second (``right``); one side is None when a message was
added or removed. A meta row (``section == "meta"``) pairs two values
(``value_a``/``value_b``) under a ``label`` such as ``request.model``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Literal

from recviewer.core.diff.changes import Change
from recviewer.core.diff.words import WordOp
from recviewer.core.model import Message, ToolCallPart

RowStatus = Literal["equal", "changed", "added", "removed", "noise"]
SECTIONS: tuple[str, ...] = ("meta", "request", "response")


@dataclass(slots=True, frozen=True)
class ToolCallDiff:
    """One tool call matched across the two messages (by name and position)."""

    name: str
    status: RowStatus
    left: ToolCallPart | None = None
    right: ToolCallPart | None = None
    index_a: int | None = None
    index_b: int | None = None
    changes: tuple[Change, ...] = ()  # argument changes: ...tool_calls[0].arguments.query


@dataclass(slots=True, frozen=True)
class Row:
    section: str  # "meta" | "request" | "response"
    status: RowStatus
    left: Message | None = None
    right: Message | None = None
    index_a: int | None = None
    index_b: int | None = None
    words: tuple[WordOp, ...] = ()  # word opcodes of the text, when it differs
    reasoning_words: tuple[WordOp, ...] = ()
    tool_calls: tuple[ToolCallDiff, ...] = ()
    changes: tuple[Change, ...] = ()  # every change of this row (tool calls included)
    label: str = ""
    value_a: Any = None
    value_b: Any = None
    note: str = ""  # a meta row's change in words ("logprobs added in 30 of 31 chunks")

    @property
    def is_message(self) -> bool:
        return self.section != "meta"


def status_of(changes: Iterable[Change]) -> RowStatus:
    """equal (no change) / noise (only noise) / changed."""
    seen = False
    for c in changes:
        if not c.noise:
            return "changed"
        seen = True
    return "noise" if seen else "equal"


@dataclass(slots=True, frozen=True)
class Fold:
    """A run of ``count`` unchanged rows starting at ``start``, folded away."""

    start: int
    count: int


def fold_rows(rows: tuple[Row, ...] | list[Row], context: int = 1,
              show_noise: bool = False) -> list[Row | Fold]:
    """Rows with long runs of quiet rows (equal, and noise unless
    ``show_noise``) replaced by a Fold, keeping ``context`` rows around changes."""
    quiet = {"equal"} if show_noise else {"equal", "noise"}
    out: list[Row | Fold] = []
    i, n = 0, len(rows)
    while i < n:
        if rows[i].status not in quiet:
            out.append(rows[i])
            i += 1
            continue
        j = i
        while j < n and rows[j].status in quiet:
            j += 1
        keep_head = context if i > 0 else 0
        keep_tail = context if j < n else 0
        if j - i <= keep_head + keep_tail + 1:
            out.extend(rows[i:j])
        else:
            out.extend(rows[i:i + keep_head])
            out.append(Fold(i + keep_head, j - i - keep_head - keep_tail))
            out.extend(rows[j - keep_tail:j])
        i = j
    return out
