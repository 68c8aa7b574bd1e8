"""Diff two recordings the way a person thinks about them (no Qt).

- ``diff_recordings(a, b)`` / ``diff_exchanges(a, b)`` → RecordingDiff
- ``diff_json(a, b)`` → structural changes of two whole documents
- ``word_diff(a, b)`` → intraline word opcodes
- ``summarize(diff)`` → one line of words
Noise rules (ids, timestamps, scores, round-off) live in ``noise``.
"""

from __future__ import annotations

from recviewer.core.diff.changes import Change, join_index, join_key
from recviewer.core.diff.exchange_diff import chunking_differs
from recviewer.core.diff.json_diff import diff_json, fingerprint
from recviewer.core.diff.noise import DEFAULT_RULES, NoiseRules, TextRule
from recviewer.core.diff.recording_diff import RecordingDiff, diff_exchanges, diff_recordings
from recviewer.core.diff.rows import Fold, Row, ToolCallDiff, fold_rows
from recviewer.core.diff.summary import describe_change, summarize
from recviewer.core.diff.words import tokenize, word_diff

__all__ = [
    "Change", "DEFAULT_RULES", "Fold", "NoiseRules", "RecordingDiff", "Row", "TextRule",
    "ToolCallDiff", "chunking_differs", "describe_change", "diff_exchanges", "diff_json", "diff_recordings",
    "fingerprint", "fold_rows", "join_index", "join_key", "summarize", "tokenize", "word_diff",
]
