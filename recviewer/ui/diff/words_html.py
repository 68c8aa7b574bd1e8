"""Word opcodes and changed values as escaped HTML for one side of a diff.

The left column (side ``"a"``) shows equal and deleted words, the right column
(``"b"``) equal and inserted words; changed words sit in a ``rv-del`` /
``rv-ins`` (or ``rv-noise``) span with a strong background. Long unchanged
stretches are shortened around the changes. Every string from a file goes
through ``esc`` (or the ``plain`` callable given, which must escape).
"""

from __future__ import annotations

import re
from typing import Any, Callable

import orjson

from recviewer.core.diff.noise import DEFAULT_RULES, NoiseRules
from recviewer.core.diff.words import WordOp, word_diff
from recviewer.ui.conversation.text import esc
from recviewer.ui.diff.colours import DiffColors

Side = str  # "a" (left, first recording) or "b" (right, second recording)
ELIDE_OVER = 1200  # an unchanged stretch longer than this is shortened...
CONTEXT = 300      # ...to this many characters on each side of a change
VALUE_CHARS = 300  # characters of a JSON value shown in a field row


def word_span(text_html: str, side: Side, colors: DiffColors, noise: bool) -> str:
    """``text_html`` (already escaped) marked as deleted / inserted / noise."""
    if noise:
        cls, bg = "rv-noise", colors.noise_word
    elif side == "a":
        cls, bg = "rv-del", colors.del_word
    else:
        cls, bg = "rv-ins", colors.ins_word
    return f'<span class="{cls}" style="background-color:{bg};">{text_html}</span>'


def visible_space(text: str) -> str:
    """Whitespace made visible, for a change that is only whitespace."""
    return text.replace(" ", "\u00b7").replace("\t", "\u2192").replace("\n", "\u23ce\n")


def _cut(text: str, at: int, forward: bool) -> int:
    """``at`` moved to a nearby line or word boundary (within 60 characters)."""
    window = range(at, min(len(text), at + 60)) if forward else range(at, max(0, at - 60), -1)
    for i in window:
        if text[i - 1:i] == "\n":
            return i
    for i in window:
        if text[i - 1:i] == " ":
            return i
    return at


def elided(text: str, head: bool, tail: bool, muted: str,
           plain: Callable[[str], str]) -> str:
    """An unchanged stretch; ``head``/``tail``: keep its start / end (the
    sides that touch a change). Too long → start … end."""
    if len(text) <= ELIDE_OVER:
        return plain(text)
    keep_start = _cut(text, CONTEXT, True) if head else 0
    keep_end = _cut(text, len(text) - CONTEXT, False) if tail else len(text)
    if keep_end - keep_start < CONTEXT:
        return plain(text)
    hidden = keep_end - keep_start
    note = (f'<span style="color:{muted};font-style:italic;">'
            f" \u2026 {hidden:,} unchanged characters \u2026 </span>")
    return plain(text[:keep_start]) + note + plain(text[keep_end:])


def ops_html(ops: tuple[WordOp, ...] | list[WordOp], side: Side, colors: DiffColors,
             muted: str, *, noise: bool = False, plain: Callable[[str], str] = esc,
             rules: NoiseRules = DEFAULT_RULES) -> str:
    """One side of an intraline diff as HTML (``plain`` escapes unchanged text).
    Inside a text that really changed, a swapped id (``rules``) is marked as
    noise, not as a change."""
    changed = "delete" if side == "a" else "insert"
    noisy = rules.noisy_word_changes(ops) if not noise else frozenset()
    pieces = [(op, text, noise or i in noisy) for i, (op, text) in enumerate(ops)
              if op == "equal" or op == changed]
    out: list[str] = []
    for i, (op, text, is_noise) in enumerate(pieces):
        if op == "equal":
            out.append(elided(text, head=i > 0, tail=i < len(pieces) - 1, muted=muted,
                              plain=plain))
        elif text.isspace():
            out.append(word_span(esc(visible_space(text)), side, colors, is_noise))
        else:  # spaces around the changed words stay unmarked
            core = text.strip()
            start = text.index(core)
            out.append(esc(text[:start]) + word_span(esc(core), side, colors, is_noise)
                       + esc(text[start + len(core):]))
    return "".join(out)


def short_json(value: Any, limit: int = VALUE_CHARS) -> str:
    """A value as one line of JSON, cut to ``limit`` characters (plain text)."""
    try:
        text = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except (orjson.JSONEncodeError, TypeError):
        text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def value_html(value: Any, mine: bool, side: Side, colors: DiffColors, muted: str,
               noise: bool) -> str:
    """One side of a changed value; ``mine`` is False when this side lacks it."""
    if not mine:
        return f'<span style="color:{muted};font-style:italic;">(absent)</span>'
    return word_span(esc(short_json(value)), side, colors, noise)


def pair_html(a: Any, b: Any, kind: str, side: Side, colors: DiffColors, muted: str,
              noise: bool) -> str:
    """The value on ``side`` of a change of ``kind`` (added/removed/changed);
    two strings are diffed word by word, other values shown whole."""
    if kind == "changed" and isinstance(a, str) and isinstance(b, str):
        ops = word_diff(a, b)
        return "&quot;" + ops_html(ops, side, colors, muted, noise=noise) + "&quot;"
    present = kind == "changed" or (kind == "removed") == (side == "a")
    return value_html(a if side == "a" else b, present, side, colors, muted, noise)


# ------------------------------------------------------------------ markdown with marks
# Private-use characters stand for "changed words start / end" while the
# Markdown renderer runs; they are plain characters to it, so emphasis, lists
# and code keep their shape, and become spans afterwards.
_OPEN_CHANGE, _OPEN_NOISE, _CLOSE = "\ue0a1", "\ue0a2", "\ue0a0"
_MARKS = (_OPEN_CHANGE, _OPEN_NOISE, _CLOSE)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def _strip_marks(text: str) -> str:
    """A recording's own private-use characters never act as our marks."""
    if any(m in text for m in _MARKS):
        for m in _MARKS:
            text = text.replace(m, "\ufffd")
    return text


def marked_source(ops: tuple[WordOp, ...] | list[WordOp], side: Side, *, noise: bool = False,
                  rules: NoiseRules = DEFAULT_RULES) -> str:
    """This side's text with the changed words between marks (plain text)."""
    changed = "delete" if side == "a" else "insert"
    noisy = rules.noisy_word_changes(ops) if not noise else frozenset()
    out: list[str] = []
    for i, (op, text) in enumerate(ops):
        text = _strip_marks(text)
        if op == "equal":
            out.append(text)
        elif op == changed:
            opener = _OPEN_NOISE if noise or i in noisy else _OPEN_CHANGE
            if text.isspace():
                out.append(opener + visible_space(text) + _CLOSE)
            else:
                core = text.strip()
                start = text.index(core)
                out.append(text[:start] + opener + core + _CLOSE + text[start + len(core):])
    return "".join(out)


def marks_to_spans(html_text: str, side: Side, colors: DiffColors) -> str:
    """Rendered HTML with the marks turned into word spans; a span never
    crosses a tag (it is closed before each tag and reopened after it)."""
    if not any(m in html_text for m in _MARKS):
        return html_text
    opening = {_OPEN_CHANGE: word_span("", side, colors, False).removesuffix("</span>"),
               _OPEN_NOISE: word_span("", side, colors, True).removesuffix("</span>")}
    out: list[str] = []
    current: str | None = None
    for piece in _TAG_OR_TEXT.split(html_text):
        if not piece:
            continue
        if piece.startswith("<"):
            out.append(piece)
            continue
        if current is not None:
            out.append(opening[current])
        for ch in piece:
            if ch in opening:
                if current is not None:
                    out.append("</span>")
                current = ch
                out.append(opening[ch])
            elif ch == _CLOSE:
                if current is not None:
                    out.append("</span>")
                current = None
            else:
                out.append(ch)
        if current is not None:
            out.append("</span>")
    return "".join(out)


def ops_markdown_html(ops: tuple[WordOp, ...] | list[WordOp], side: Side, colors: DiffColors,
                      render: Callable[[str], str], *, noise: bool = False,
                      rules: NoiseRules = DEFAULT_RULES) -> str:
    """One side of a changed text rendered as Markdown (``render``: the
    conversation's renderer, which escapes), the changed words highlighted."""
    return marks_to_spans(render(marked_source(ops, side, noise=noise, rules=rules)), side,
                          colors)
