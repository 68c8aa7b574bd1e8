"""Long blocks fold to their first lines with a "Show all (N lines)" toggle.

The toggle is an anchor ``rv:toggle/<key>``; the view adds or removes ``key``
from the context's ``expanded`` set and re-renders. Only the shown part of a
folded block is highlighted, so a megabyte of JSON costs a dozen lines.
"""

from __future__ import annotations

from typing import Callable

from recviewer.ui.conversation.blocks import json_block_html, toggle_html
from recviewer.ui.conversation.context import RenderContext
from recviewer.ui.conversation.text import (
    FOLD_CHARS, FOLD_LINES, esc, fold_head, line_count, needs_fold, pre_html,
    prose_html,
)

TOGGLE = "rv:toggle/"
EXPANDED_CAP = 300_000  # characters shown even when unfolded; the Raw tab has the rest


def folded_html(text: str, key: str, ctx: RenderContext, plain: Callable[[str], str] | None,
                *, json: bool = False, prose: bool = False, lines: int = FOLD_LINES,
                chars: int = FOLD_CHARS) -> str:
    """``text`` as a preformatted block, folded unless the user opened ``key``.

    ``plain`` turns raw text into escaped HTML (ignored when ``json`` is true:
    the text is then coloured as JSON). ``prose`` uses a proportional font.
    """
    foldable = needs_fold(text, lines, chars)
    opened = foldable and ctx.is_open(key)
    note = ""
    if foldable and not opened:
        shown = fold_head(text, lines, chars)
        total = line_count(text.rstrip("\n"))
        hidden_chars = len(text) - len(shown)
        label = (f"Show all ({total:,} lines)" if total > lines
                 else f"Show all ({len(text):,} characters)")
        note = toggle_html(TOGGLE + key, f"\u25b8 {label}", ctx.theme)
        if hidden_chars > 0 and total <= lines:
            shown += " \u2026"
    elif opened and len(text) > EXPANDED_CAP:
        shown = text[:EXPANDED_CAP]
        rest = len(text) - EXPANDED_CAP
        note = (toggle_html(TOGGLE + key, f"\u25be Show less ({rest:,} more characters "
                            "only in the Raw view)", ctx.theme))
    else:
        shown = text
        if opened:
            note = toggle_html(TOGGLE + key, "\u25be Show less", ctx.theme)
    if json:
        body = json_block_html(shown, ctx.theme)
    else:
        inner = (plain or esc)(shown)
        body = prose_html(inner) if prose else pre_html(inner)
    return body + note

