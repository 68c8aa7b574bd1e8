"""Normalisation noise: differences that say nothing about the conversation.

Recording tools rewrite or regenerate ids, timestamps and search scores on
every run; such changes are real bytes but not real differences. The rules are
data (``NoiseRules``): key names whose whole subtree is noise, and text rules
that rewrite volatile spans of a string to a placeholder. Two strings are
noise-equal when they are equal after the rewrite, or when what still differs
is only floating-point round-off.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from recviewer.core.diff.words import WordOp, tokenize

# Prefixes of generated ids (OpenAI, Anthropic, llama-stack's normalised "rec-").
_ID_PREFIXES = ("chatcmpl", "cmpl", "rec", "call", "file", "msg", "req", "resp", "run",
                "asst", "thread", "vs", "fc", "toolu", "srvtoolu", "batch", "conv",
                "modelperm", "mcp", "mcpr", "ws", "rs")


@dataclass(slots=True, frozen=True)
class TextRule:
    """Rewrite every match of ``pattern`` to ``replacement`` (re.sub syntax)."""

    name: str
    pattern: re.Pattern[str]
    replacement: str


def _rule(name: str, pattern: str, replacement: str, flags: int = 0) -> TextRule:
    return TextRule(name, re.compile(pattern, flags), replacement)


# Order matters: ``attributes`` dicts contain ids and are folded first.
DEFAULT_TEXT_RULES: tuple[TextRule, ...] = (
    _rule("search attributes", r"""(\battributes["']?\s*[:=]\s*)\{[^{}]*\}""", r"\1{...}"),
    _rule("search score",
          r"""(\bscore["']?\s*[:=]\s*)-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?""", r"\1<score>"),
    _rule("uuid", r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                  r"[0-9a-fA-F]{12}\b", "<id>"),
    # A prefixed id needs a digit in its random part (so ``file_search`` and
    # ``call_tool`` stay words) or a long random part; vLLM adds a word:
    # ``chatcmpl-tool-b59dc311dd914d3d``.
    _rule("prefixed id", r"\b(?:" + "|".join(_ID_PREFIXES) + r")[-_](?:[a-z]+-)?"
                         r"(?:(?=[A-Za-z]*\d)[A-Za-z0-9]{6,}|[A-Za-z0-9]{16,})\b", "<id>"),
)

# Keys whose value (and everything under it) is noise wherever they appear.
DEFAULT_NOISE_KEYS: frozenset[str] = frozenset({
    "id", "created", "created_at", "expires_at", "system_fingerprint",
    "id_normalization_mapping", "obfuscation", "score",
    # Token counts drift between runs that produce the same text (the corpus'
    # "noise-only" history differs only in ids and usage); diffed, but hidden.
    "usage", "usageMetadata", "usage_metadata",
})

# Finish reasons that mean the same thing in different wire formats.
DEFAULT_FINISH_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"stop", "STOP", "end_turn", "completed", "stop_sequence"}),
    frozenset({"tool_calls", "tool_use", "requires_action", "function_call"}),
    frozenset({"length", "max_tokens", "MAX_TOKENS"}),
)

_FLOAT_TOKEN = re.compile(r"\d+\.\d+\Z")


@dataclass(slots=True, frozen=True)
class NoiseRules:
    noise_keys: frozenset[str] = DEFAULT_NOISE_KEYS
    text_rules: tuple[TextRule, ...] = DEFAULT_TEXT_RULES
    float_rel_tol: float = 1e-5
    finish_groups: tuple[frozenset[str], ...] = DEFAULT_FINISH_GROUPS

    def is_noise_key(self, key: object) -> bool:
        return isinstance(key, str) and key in self.noise_keys

    def normalize_text(self, text: str) -> str:
        """The text with every volatile span replaced by its placeholder."""
        for rule in self.text_rules:
            text = rule.pattern.sub(rule.replacement, text)
        return text

    def same_finish(self, a: str | None, b: str | None) -> bool:
        """Two finish reasons that say the same in different vocabularies."""
        return a == b or any(a in g and b in g for g in self.finish_groups)

    def numbers_close(self, a: float, b: float) -> bool:
        """Equal up to relative round-off (``float_rel_tol``)."""
        if a == b:
            return True
        if not (math.isfinite(a) and math.isfinite(b)):
            return False
        return abs(a - b) <= self.float_rel_tol * max(abs(a), abs(b))

    def strings_are_noise(self, a: str, b: str) -> bool:
        """True when two differing strings differ only in noise."""
        na, nb = self.normalize_text(a), self.normalize_text(b)
        if na == nb:
            return True
        return self._only_float_roundoff(na, nb)

    def _only_float_roundoff(self, a: str, b: str) -> bool:
        ta, tb = tokenize(a), tokenize(b)
        if len(ta) != len(tb):
            return False
        for x, y in zip(ta, tb):
            if x == y:
                continue
            if not (_FLOAT_TOKEN.match(x) and _FLOAT_TOKEN.match(y)):
                return False
            if not self.numbers_close(float(x), float(y)):
                return False
        return True

    def noisy_word_changes(self, ops: Sequence[WordOp]) -> frozenset[int]:
        """Indices of the ``delete``/``insert`` pairs of a word diff (``words.
        word_diff``) that only swap one volatile span for another: a
        regenerated id inside a text that really changed elsewhere."""
        noisy: set[int] = set()
        for i in range(len(ops) - 1):
            (op_a, a), (op_b, b) = ops[i], ops[i + 1]
            if (op_a, op_b) == ("delete", "insert") and a.strip() and self.strings_are_noise(a, b):
                noisy.update((i, i + 1))
        return frozenset(noisy)

    def scalars_are_noise(self, a: object, b: object) -> bool:
        """Noise verdict for two differing leaf values."""
        if is_number(a) and is_number(b):
            return self.numbers_close(float(a), float(b))  # type: ignore[arg-type]
        if isinstance(a, str) and isinstance(b, str):
            return self.strings_are_noise(a, b)
        return False


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


DEFAULT_RULES = NoiseRules()
