"""RecordingDiff: everything that differs between two recordings.

``changes`` is flat (one Change per difference, each with a path); ``rows`` is
the same information laid out for a side-by-side view. Different wire formats
(an OpenAI and a Gemini file) are compared in the common model (messages); the
format difference itself is a ``meta.format`` change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recviewer.core.diff.changes import Change
from recviewer.core.diff.chunk_fields import chunk_field_rows
from recviewer.core.diff.exchange_diff import change_rows, exchange_rows, meta_row
from recviewer.core.diff.json_diff import diff_json
from recviewer.core.diff.noise import DEFAULT_RULES, NoiseRules
from recviewer.core.diff.rows import SECTIONS, Row
from recviewer.core.model import Exchange, Recording

# Envelope fields already shown as meta rows or as the conversation itself.
_REQUEST_KNOWN = frozenset({"body", "payload", "method", "url", "endpoint", "model"})
_RESPONSE_KNOWN = frozenset({"body", "status", "is_exception", "exception_data",
                             "exception_message"})
_TOP_KNOWN = frozenset({"request", "response", "test_id"})


@dataclass(slots=True, frozen=True)
class RecordingDiff:
    rows: tuple[Row, ...]
    changes: tuple[Change, ...]
    same_content_different_chunking: bool = False
    format_a: str | None = None
    format_b: str | None = None

    @property
    def equivalent(self) -> bool:
        """No change other than normalisation noise."""
        return all(c.noise for c in self.changes)

    @property
    def only_noise(self) -> bool:
        """There are changes, and every one of them is noise."""
        return bool(self.changes) and self.equivalent

    @property
    def real_changes(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if not c.noise)

    @property
    def format_differs(self) -> bool:
        return self.format_a != self.format_b

    @property
    def sections(self) -> dict[str, tuple[Row, ...]]:
        """Rows grouped by section ("meta", "request", "response"), in order."""
        return {s: tuple(r for r in self.rows if r.section == s) for s in SECTIONS}


def _from_rows(rows: list[Row], chunking: bool, fa: str | None, fb: str | None) -> RecordingDiff:
    changes = tuple(c for r in rows for c in r.changes)
    return RecordingDiff(tuple(rows), changes, chunking, fa, fb)


def diff_exchanges(a: Exchange, b: Exchange, rules: NoiseRules = DEFAULT_RULES) -> RecordingDiff:
    """Diff two exchanges (no file-level metadata)."""
    rows, chunking = exchange_rows(a, b, rules)
    return _from_rows(rows, chunking, None, None)


def _extras(value: Any, known: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in value.items() if k not in known} if isinstance(value, dict) else {}


def _section(doc: Any, key: str) -> Any:
    return doc.get(key) if isinstance(doc, dict) else None


def _meta_rows(a: Recording, b: Recording, rules: NoiseRules) -> list[Row]:
    pairs = (
        ("meta.format", a.format, b.format),
        ("meta.test_id", a.test_id, b.test_id),
        ("meta.streaming", a.streaming, b.streaming),
        ("request.method", a.method, b.method),
        ("request.url", a.url, b.url),
        ("request.endpoint", a.endpoint, b.endpoint),
        ("request.model", a.model, b.model),
    )
    rows = [meta_row(label, va, vb, rules) for label, va, vb in pairs]
    extras = diff_json(_extras(a.raw, _TOP_KNOWN), _extras(b.raw, _TOP_KNOWN), rules=rules)
    extras += diff_json(_extras(_section(a.raw, "request"), _REQUEST_KNOWN),
                        _extras(_section(b.raw, "request"), _REQUEST_KNOWN),
                        path="request", rules=rules)
    return [r for r in rows if r is not None] + change_rows(extras)


def _response_meta_rows(a: Recording, b: Recording, rules: NoiseRules) -> list[Row]:
    rows = []
    if a.status is not None or b.status is not None:
        row = meta_row("response.status", a.status, b.status, rules)
        if row is not None:
            rows.append(row)
    extras = diff_json(_extras(_section(a.raw, "response"), _RESPONSE_KNOWN),
                       _extras(_section(b.raw, "response"), _RESPONSE_KNOWN),
                       path="response", rules=rules)
    return rows + change_rows(extras)


def _hidden_body_rows(a: Recording, b: Recording, ex_rows: list[Row],
                      rules: NoiseRules) -> list[Row]:
    """Adapters keep what a reader needs, not every field (a models list
    keeps the names, not ``max_model_len``). When the messages look the same,
    the raw non-streamed response bodies are compared too, so such a change
    is not lost. Streams are left out: their chunks are compared as content."""
    if a.streaming or b.streaming or a.format != b.format:
        return []
    if any(r.section == "response" and r.status not in ("equal", "noise") for r in ex_rows):
        return []
    return change_rows(diff_json(a.response_body, b.response_body, path="response.body",
                                 rules=rules))


def diff_recordings(a: Recording, b: Recording,
                    rules: NoiseRules = DEFAULT_RULES) -> RecordingDiff:
    """Diff two recordings: metadata, parameters, request and response
    messages, tool calls, finish reason, usage, stream chunking and the
    chunks' fields the messages do not hold."""
    rows = _meta_rows(a, b, rules)
    ex_rows, chunking = exchange_rows(a.exchange, b.exchange, rules, skip_params=("model",))
    rows += ex_rows
    rows += _response_meta_rows(a, b, rules)
    rows += _hidden_body_rows(a, b, ex_rows, rules)
    rows += _hidden_chunk_rows(a, b, rules)
    return _from_rows(rows, chunking, a.format, b.format)


def _hidden_chunk_rows(a: Recording, b: Recording, rules: NoiseRules) -> list[Row]:
    """Two streams of one format: what differs in their chunks outside the
    message model (``chunk_fields``), one row per field."""
    if not (a.streaming and b.streaming) or a.format != b.format:
        return []
    return chunk_field_rows(a.exchange.chunks, b.exchange.chunks, rules)
