"""``normalize(body)``: the recorder's normalisation of a request body before hashing.

Recursively: floats are rounded to 5 digits; in every string the file-search
fields that change every run are replaced (``score: <n>``, ``attributes: {…}``,
``document_id: <uuid>``, ``<|<uuid>|>``) and then decimal literals with 4 or
more fraction digits are rounded to 5; ``project_id`` is dropped from the
``extra_body`` / ``extra_query`` dicts of the top-level body and, by a quirk of
the recorder, of dicts directly inside lists; the top-level ``stream_options``
is dropped for Bedrock hosts. The input is never modified.
"""

from __future__ import annotations

import re
from typing import Any

from recviewer.core.keys.rules import (ATTRIBUTES, CITATION, CURRENT, DOCUMENT_ID, SCORE,
                                       RuleVersion)

_UUID = r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"
_LONG_DECIMAL = re.compile(r"(-?\d+\.\d{4,})")
# part -> (text every match contains, pattern, replacement); the text is
# looked for first (``in`` is far cheaper than a regex on every string).
_STRING_RULES: dict[str, tuple[str, re.Pattern[str], str]] = {
    SCORE: ("score:", re.compile(r"score:\s*[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?"),
            "score: __NORMALIZED__"),
    ATTRIBUTES: ("attributes:", re.compile(r",?\s*attributes:\s*\{[^}]*\}"), ""),
    DOCUMENT_ID: ("document_id:", re.compile(r"document_id:\s*" + _UUID),
                  "document_id: __NORMALIZED__"),
    CITATION: ("<|", re.compile(r"<\|" + _UUID + r"\|>"), "<|__NORMALIZED__|>"),
}
_EXTRA_KEYS = ("extra_body", "extra_query")


def _round_decimal(match: re.Match[str]) -> str:
    return f"{float(match.group(0)):.5f}"


def normalize_string(value: str, rule: RuleVersion = CURRENT) -> str:
    for part in rule.file_search:
        needle, pattern, replacement = _STRING_RULES[part]
        if needle in value:
            value = pattern.sub(replacement, value)
    return _LONG_DECIMAL.sub(_round_decimal, value) if "." in value else value


def normalize(value: Any, rule: RuleVersion = CURRENT, *,
              exclude_stream_options: bool = False) -> Any:
    """The value the recorder hashes in place of ``value`` (a new object)."""
    if not rule.normalize:
        return value
    return _normalize(value, rule, exclude_stream_options, True)


def _normalize(value: Any, rule: RuleVersion, exclude_stream_options: bool, root: bool) -> Any:
    # Recursion mirrors the recorder; depth is bounded by the loader (MAX_DEPTH).
    if isinstance(value, dict):
        out = {k: _normalize(v, rule, False, False) for k, v in value.items()}
        if exclude_stream_options:
            out.pop("stream_options", None)
        if root:  # the top level, and (quirk) every dict directly inside a list
            for key in _EXTRA_KEYS:
                extra = out.get(key)
                if isinstance(extra, dict):
                    extra.pop("project_id", None)
        return out
    if isinstance(value, list):
        return [_normalize(v, rule, False, True) for v in value]
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, str):
        return normalize_string(value, rule)
    return value
