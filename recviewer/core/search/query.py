"""What a user typed → an FTS5 MATCH expression, never passing FTS5 syntax through.

Plain words match case-insensitively as words or word prefixes; text in double
quotes matches as a phrase; every part must match (AND). Only tokens (runs of
letters and digits, as the ``unicode61`` tokenizer cuts them) reach the
expression, each inside double quotes, so operators, column filters, ``NEAR``,
parentheses and stray quotes in the input are just text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+")
_PART = re.compile(r'"([^"]*)"?|(\S+)')  # a quoted phrase (closing quote optional) or a word


@dataclass(slots=True, frozen=True)
class QueryPart:
    tokens: tuple[str, ...]
    phrase: bool  # quoted: no prefix matching of the last token


def parse_query(text: str) -> list[QueryPart]:
    parts: list[QueryPart] = []
    for m in _PART.finditer(text):
        quoted, word = m.group(1), m.group(2)
        tokens = tuple(t.lower() for t in _TOKEN.findall(quoted if quoted is not None else word))
        if tokens:
            parts.append(QueryPart(tokens, quoted is not None))
    return parts


def match_expression(text: str) -> str | None:
    """The MATCH expression for ``text``; None when it holds no searchable token."""
    out = []
    for part in parse_query(text):
        phrase = '"' + " ".join(part.tokens) + '"'
        out.append(phrase if part.phrase else phrase + "*")
    return " ".join(out) or None


def query_terms(text: str) -> list[str]:
    """The words and phrases to highlight in a recording shown for ``text``."""
    return [" ".join(p.tokens) for p in parse_query(text)]
