"""Stream differences the message model does not hold, counted per field.

Two streams can assemble to the same message and still differ in every chunk
(``logprobs`` on in one run, off in the other). The chunks are compared pair by
pair as JSON; a change under a field the assembled message already shows
(text, tool calls, finish reason, usage...) is left to the message rows, noise
(ids, ``created``, obfuscation) stays noise, and what remains is grouped by
the field it lives in: "logprobs added in 30 of 31 chunks".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from recviewer.core.diff.changes import Change, join_index
from recviewer.core.diff.json_diff import diff_json
from recviewer.core.diff.noise import NoiseRules
from recviewer.core.diff.rows import Row, status_of
from recviewer.core.load import TYPE_KEY
from recviewer.core.model import Chunk

# Containers a field sits in, skipped to name the field itself.
_WRAPPERS = frozenset({"choices", "candidates", "delta", "message", "content_block", "data",
                       "chunk", "event", "item", "response"})
# Fields the assembled message (or its finish/usage rows) already shows.
_IN_MESSAGE = frozenset({
    "content", "text", "role", "tool_calls", "function_call", "finish_reason", "refusal",
    "reasoning", "reasoning_content", "thinking", "usage", "usage_metadata", "usageMetadata",
    "parts", "arguments", "partial_json", "stop_reason", "index", "name", "type",
    "finishReason", "model", "model_version", "object", TYPE_KEY,
})
_STEP = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[("(?:[^"\\]|\\.)*"|\d+)\]')
LABEL_PREFIX = "response.chunks"


@dataclass(slots=True, frozen=True)
class FieldChange:
    """One field that differs in the chunks: ``kind`` added / removed / changed,
    in ``chunks`` of ``total`` chunk pairs; ``present_a``/``present_b`` say in
    how many chunks of each stream the field has a value."""

    field: str
    kind: str
    chunks: int
    total: int
    present_a: int
    present_b: int
    changes: tuple[Change, ...]

    @property
    def phrase(self) -> str:
        return f"{self.field} {self.kind} in {self.chunks} of {self.total} chunks"


def _steps(path: str) -> list[str]:
    """``choices[0].logprobs`` → ``["choices", "0", "logprobs"]``."""
    return [m.group(1) or m.group(2).strip('"') for m in _STEP.finditer("." + path)]


def field_of(path: str) -> str | None:
    """The field a chunk-relative change path lives in, or None when the
    message model holds it. Wrappers and list positions are skipped:
    ``choices[0].logprobs.content[3].token`` → ``logprobs``."""
    steps = [s for s in _steps(path) if not s.isdigit()]
    i = 0
    while i < len(steps) - 1 and (steps[i] in _WRAPPERS or steps[i] == "content"):
        i += 1
    if not steps:
        return None
    name = steps[i]
    return None if name in _IN_MESSAGE or name in _WRAPPERS else name


def _has_value(raw: Any, field: str) -> bool:
    """Whether ``field`` has a non-empty value anywhere in a chunk (iterative)."""
    stack = [raw]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            for k, v in x.items():
                if k == field and v not in (None, [], {}, ""):
                    return True
                if isinstance(v, (dict, list)):
                    stack.append(v)
        elif isinstance(x, list):
            stack.extend(v for v in x if isinstance(v, (dict, list)))
    return False


def _kind(changes: list[Change]) -> str:
    def empty(v: Any) -> bool:
        return v in (None, [], {}, "")
    if all(c.kind == "added" or (c.kind == "changed" and empty(c.a)) for c in changes):
        return "added"
    if all(c.kind == "removed" or (c.kind == "changed" and empty(c.b)) for c in changes):
        return "removed"
    return "changed"


def chunk_field_changes(a: Sequence[Chunk], b: Sequence[Chunk], rules: NoiseRules,
                        path: str = "response.body") -> tuple[FieldChange, ...]:
    """Fields outside the message model that differ between two streams'
    chunks (paired by position), in order of first appearance. Streams of
    different lengths are not paired (their positions do not correspond)."""
    if len(a) != len(b):
        return ()
    total = len(a)
    per_field: dict[str, dict[int, list[Change]]] = {}
    for i in range(total):
        ra, rb = a[i].raw, b[i].raw
        if isinstance(ra, str) or isinstance(rb, str) or ra == rb:
            continue
        base = join_index(path, i)
        for c in diff_json(ra, rb, path=base, rules=rules):
            if c.noise:
                continue
            name = field_of(c.path[len(base):].lstrip("."))
            if name is not None:
                per_field.setdefault(name, {}).setdefault(i, []).append(c)
    out = []
    for name, by_chunk in per_field.items():
        changes = [c for i in sorted(by_chunk) for c in by_chunk[i]]
        kinds = {_kind(cs) for cs in by_chunk.values()}
        kind = kinds.pop() if len(kinds) == 1 else "changed"
        out.append(FieldChange(name, kind, len(by_chunk), total,
                               sum(_has_value(c.raw, name) for c in a),
                               sum(_has_value(c.raw, name) for c in b), tuple(changes)))
    return tuple(out)


def chunk_field_rows(a: Sequence[Chunk], b: Sequence[Chunk], rules: NoiseRules) -> list[Row]:
    """One meta row per differing field: labelled ``response.chunks.<field>``,
    the values say in how many chunks each side has it, ``note`` the phrase."""
    rows = []
    for f in chunk_field_changes(a, b, rules):
        rows.append(Row("meta", status_of(f.changes), changes=f.changes,
                        label=f"{LABEL_PREFIX}.{f.field}",
                        value_a=f"{f.field} in {f.present_a} of {len(a)} chunks",
                        value_b=f"{f.field} in {f.present_b} of {len(b)} chunks",
                        note=f.phrase))
    return rows
