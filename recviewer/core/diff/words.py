"""Word-level intraline diff: what a reader sees changed inside a text.

Tokens are words (numbers keep their decimals, ``0.0743``; hyphenated words
and ids stay whole, ``file-6372``), runs of whitespace and single punctuation
marks, so joining the tokens gives the text back. The result is a list of
``("equal"|"delete"|"insert", text)`` segments: joining the equal+delete
segments gives ``a``, equal+insert gives ``b``.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

WordOp = tuple[str, str]

_TOKEN = re.compile(r"\w+(?:[-.]\w+)*|\s+|[^\w\s]")
# Clause-sized pieces of a long text: up to a line end or a run of punctuation.
_SEGMENT = re.compile(r"[^\n.,;!?}\]]*(?:[\n.,;!?}\]]+|\Z)")
# Token matching is quadratic on repetitive text (JSON, tables); longer
# stretches are aligned by segments first, then by words inside changed ones.
_DIRECT_TOKENS = 3000


def tokenize(text: str) -> list[str]:
    """Words, whitespace runs and punctuation; ``"".join(tokenize(t)) == t``."""
    return _TOKEN.findall(text)


def _is_space(token: str) -> bool:
    return token.isspace()


# A block is (tag, a_text, b_text); tag is "equal" or "replace" (either side may be "").
Block = tuple[str, str, str]


def _match_blocks(a: list[str], b: list[str]) -> list[Block]:
    matcher = SequenceMatcher(_is_space, a, b, autojunk=False)
    out: list[Block] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ta, tb = "".join(a[i1:i2]), "".join(b[j1:j2])
        out.append(("equal", ta, tb) if tag == "equal" else ("replace", ta, tb))
    return out


def _small_blocks(a: list[str], b: list[str]) -> list[Block]:
    """Word blocks when small enough, else one replacement."""
    if not a or not b or len(a) + len(b) > _DIRECT_TOKENS:
        return [("replace", "".join(a), "".join(b))]
    return _match_blocks(a, b)


def _token_blocks(a: list[str], b: list[str]) -> list[Block]:
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    head = "".join(a[:start])
    tail = "".join(a[len(a) - end:]) if end else ""
    mid_a, mid_b = a[start:len(a) - end], b[start:len(b) - end]
    blocks: list[Block] = [("equal", head, head)] if head else []
    if mid_a or mid_b:
        if len(mid_a) + len(mid_b) <= _DIRECT_TOKENS:
            blocks.extend(_small_blocks(mid_a, mid_b))
        else:
            blocks.extend(_segment_blocks("".join(mid_a), "".join(mid_b)))
    if tail:
        blocks.append(("equal", tail, tail))
    return blocks


def _segment_blocks(a: str, b: str) -> list[Block]:
    """Long texts: align clause-sized segments, then words inside changed ones."""
    sa = [s for s in _SEGMENT.findall(a) if s]
    sb = [s for s in _SEGMENT.findall(b) if s]
    out: list[Block] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, sa, sb).get_opcodes():
        ta, tb = "".join(sa[i1:i2]), "".join(sb[j1:j2])
        if tag == "equal":
            out.append(("equal", ta, tb))
        else:
            out.extend(_small_blocks(tokenize(ta), tokenize(tb)))
    return out


def _absorb_spaces(blocks: list[Block]) -> list[Block]:
    """Fold a whitespace-only equal run between two changes into the change,
    so "a b c" → "x y z" reads as one replacement, not three."""
    out: list[Block] = []
    for i, (tag, ta, tb) in enumerate(blocks):
        if (tag == "equal" and ta.isspace() and 0 < i < len(blocks) - 1
                and blocks[i - 1][0] == "replace" and blocks[i + 1][0] == "replace"):
            tag = "replace"
        if out and tag == "replace" and out[-1][0] == "replace":
            prev = out.pop()
            out.append(("replace", prev[1] + ta, prev[2] + tb))
        else:
            out.append((tag, ta, tb))
    return out


def word_diff(a: str, b: str) -> list[WordOp]:
    """Intraline opcodes turning ``a`` into ``b``: equal / delete / insert."""
    if a == b:
        return [("equal", a)] if a else []
    blocks = _absorb_spaces(_token_blocks(tokenize(a), tokenize(b)))
    ops: list[WordOp] = []
    for tag, ta, tb in blocks:
        pieces = [("equal", ta)] if tag == "equal" else [("delete", ta), ("insert", tb)]
        for op, text in pieces:
            if not text:
                continue
            if ops and ops[-1][0] == op:
                ops[-1] = (op, ops[-1][1] + text)
            else:
                ops.append((op, text))
    return ops


def changed_words(ops: list[WordOp]) -> tuple[str, str]:
    """(deleted text, inserted text), each joined with single spaces."""
    deleted = " ".join(t.strip() for op, t in ops if op == "delete" and t.strip())
    inserted = " ".join(t.strip() for op, t in ops if op == "insert" and t.strip())
    return deleted, inserted
