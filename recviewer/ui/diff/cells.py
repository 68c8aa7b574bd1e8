"""One side of one diff row as HTML: a message bubble or a field box.

Messages are drawn like the conversation panel's bubbles (its role colours,
its ``part_html`` for markdown, cards and folds). A changed message differs: its text as an
intraline word diff (an assistant's text rendered as Markdown, like an unchanged one, with the
changed words highlighted), each tool call with its changed
argument keys listed above the usual card, other parts as usual. The bubble
keeps its role stripe; its background is tinted (removed/added/noise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recviewer.core.diff import Change, Row, ToolCallDiff, word_diff
from recviewer.core.model import Message, ReasoningPart, TextPart, ToolCallPart, ToolResultPart
from recviewer.ui.conversation.blocks import box_html, striped_html
from recviewer.ui.conversation.citations import with_chips
from recviewer.ui.conversation.context import RenderContext
from recviewer.ui.conversation.parts import part_html, tool_call_html
from recviewer.ui.conversation.text import esc, prose_html
from recviewer.ui.diff.colours import DiffColors
from recviewer.ui.conversation.markdown import markdown_html
from recviewer.ui.diff.words_html import Side, ops_html, ops_markdown_html, pair_html, short_json

_CALL_PREFIX = re.compile(r"\.tool_calls\[\d+\]\.?")


@dataclass(slots=True, frozen=True)
class DiffContext:
    render: RenderContext  # the conversation panel's context (theme, folds, images)
    colors: DiffColors
    show_noise: bool

    def shown(self, status: str) -> str:
        """The status drawn: noise looks equal while noise is hidden."""
        return "equal" if status == "noise" and not self.show_noise else status

    def visible(self, change: Change) -> bool:
        return self.show_noise or not change.noise

    def tint(self, status: str, side: Side) -> str:
        c = self.colors
        if status == "noise":
            return c.noise_tint
        return c.del_tint if side == "a" else c.ins_tint

    def border(self, status: str, side: Side) -> str:
        c = self.colors
        if status == "noise":
            return c.noise_gutter
        return c.del_gutter if side == "a" else c.ins_gutter


def placeholder_html(text: str, dc: DiffContext) -> str:
    return (f'<p align="center" style="margin:8px 0;color:{dc.colors.placeholder};'
            f'font-style:italic;">{esc(text)}</p>')


def bubble_html(msg: Message, inner: list[str], bg: str, dc: DiffContext) -> str:
    """A conversation bubble (role stripe and label) with a tinted background."""
    colors = dc.render.theme.role(msg.role)
    label = esc(msg.role) + (f" \u00b7 {esc(msg.name)}" if msg.name else "")
    head = (f'<p style="margin:0 0 4px 0;color:{colors.label};font-size:small;">'
            f"<b>{label}</b></p>")
    return striped_html(head + "".join(inner), colors.stripe, bg, margin_bottom=0)


def message_cell(row: Row, side: Side, key: str, dc: DiffContext) -> str:
    msg = row.left if side == "a" else row.right
    if msg is None:
        return placeholder_html("not in A" if side == "a" else "not in B", dc)
    status = dc.shown(row.status)
    if status in ("equal", "added", "removed"):
        inner = [part_html(p, f"{key}p{i}", dc.render, msg.role) for i, p in enumerate(msg.parts)]
        bg = dc.render.theme.role(msg.role).bubble if status == "equal" else dc.tint(status, side)
        return bubble_html(msg, inner, bg, dc)
    return bubble_html(msg, _changed_parts(row, msg, side, key, dc), dc.tint(status, side), dc)


def _field_noise(row: Row, field: str) -> bool | None:
    """Noise verdict of the change of the message's ``field`` (None: unchanged)."""
    index = row.index_a if row.index_a is not None else row.index_b
    path = f"{row.section}.messages[{index}].{field}"
    for c in row.changes:
        if c.path == path:
            return c.noise
    return None


def _changed_parts(row: Row, msg: Message, side: Side, key: str, dc: DiffContext) -> list[str]:
    theme = dc.render.theme
    text_noise = bool(_field_noise(row, "text"))
    reasoning_noise = bool(_field_noise(row, "reasoning"))
    words = row.words if row.words and (dc.show_noise or not text_noise) else ()
    thinking = (row.reasoning_words if row.reasoning_words
                and (dc.show_noise or not reasoning_noise) else ())
    calls = {(t.index_a if side == "a" else t.index_b): t for t in row.tool_calls}
    out: list[str] = []
    text_done = thinking_done = False
    call_no = 0
    for i, part in enumerate(msg.parts):
        pkey = f"{key}p{i}"
        if words and isinstance(part, (TextPart, ToolResultPart)):
            if not text_done:
                text_done = True
                if dc.render.markdown and msg.role == "assistant" and isinstance(part, TextPart):
                    # rendered as the unchanged bubbles are, with the word highlights
                    body = ops_markdown_html(words, side, dc.colors,
                                             lambda s: markdown_html(s, theme), noise=text_noise)
                else:
                    body = prose_html(ops_html(words, side, dc.colors, theme.muted,
                                               noise=text_noise,
                                               plain=lambda s: with_chips(s, theme)))
                if isinstance(part, ToolResultPart):
                    name = part.name or dc.render.links.names.get(part.tool_call_id or "")
                    name = esc(name) if name else "a tool call"
                    body = box_html(f"<b>\u21b3 result of {name}</b>{body}", theme.card,
                                    theme.card_border)
                out.append(body)
        elif thinking and isinstance(part, ReasoningPart):
            if not thinking_done:
                thinking_done = True
                body = ops_html(thinking, side, dc.colors, theme.muted, noise=reasoning_noise)
                out.append(striped_html(
                    f'<p style="margin:0;color:{theme.muted};font-size:small;"><i>Thinking</i>'
                    f'</p><p style="white-space:pre-wrap;margin:0;">{body}</p>',
                    theme.reasoning_rule, theme.page if not theme.dark else theme.card,
                    padding=6, margin_bottom=6, stripe_width=3))
        elif isinstance(part, ToolCallPart):
            out.append(tool_call_cell(part, calls.get(call_no), side, pkey, dc))
            call_no += 1
        else:
            out.append(part_html(part, pkey, dc.render, msg.role))
    return out


def tool_call_cell(call: ToolCallPart, diff: ToolCallDiff | None, side: Side, key: str,
                   dc: DiffContext) -> str:
    """The usual tool call card, preceded by what changed in it."""
    card = tool_call_html(call, key, dc.render)
    status = dc.shown(diff.status) if diff is not None else "equal"
    if status == "equal" or diff is None:
        return card
    c = dc.colors
    if status in ("added", "removed"):
        note = "+ call added" if status == "added" else "\u2212 call removed"
        lines = [f'<p style="margin:0;"><b>{note}</b></p>']
    else:
        lines = [_change_line(ch, _CALL_PREFIX.split(ch.path, 1)[-1] or "(call)", side, dc)
                 for ch in diff.changes if dc.visible(ch)]
    return box_html("".join(lines), dc.tint(status, side), dc.border(status, side),
                    padding=4, margin_bottom=2) + card


def _change_line(ch: Change, label: str, side: Side, dc: DiffContext) -> str:
    value = pair_html(ch.a, ch.b, ch.kind, side, dc.colors, dc.render.theme.muted, ch.noise)
    return f'<p style="margin:0;"><b>{esc(label)}</b>: {value}</p>'


NOTE_EXAMPLES = 3  # chunk changes listed under a summarised (``note``) row


def note_cell(row: Row, side: Side, dc: DiffContext) -> str:
    """A row summarising many changes (``response.chunks.logprobs``: "logprobs
    added in 30 of 31 chunks"): the count on each side, the note, a few examples."""
    theme = dc.render.theme
    status = dc.shown(row.status)
    value = row.value_a if side == "a" else row.value_b
    noise = status == "noise"
    if status == "equal":
        shown = f'<span style="color:{theme.muted};">{esc(short_json(value))}</span>'
    elif isinstance(row.value_a, str) and isinstance(row.value_b, str):
        shown = ops_html(word_diff(row.value_a, row.value_b), side, dc.colors, theme.muted,
                         noise=noise)
    else:
        shown = esc(short_json(value))
    lines = [f'<p style="margin:0;"><b>{esc(row.label)}</b>: {shown}</p>',
             f'<p style="margin:0;color:{theme.muted};"><i>{esc(row.note or "")}</i></p>']
    if status != "equal":
        visible = [ch for ch in row.changes if dc.visible(ch)]
        for ch in visible[:NOTE_EXAMPLES]:
            lines.append(_change_line(ch, ch.path, side, dc))
        if len(visible) > NOTE_EXAMPLES:
            rest = len(visible) - NOTE_EXAMPLES
            lines.append(f'<p style="margin:0;color:{theme.muted};">\u2026 and {rest:,} more '
                         f'chunk change{"s" if rest != 1 else ""} (Structural JSON tab)</p>')
    bg = theme.card if status == "equal" else dc.tint(status, side)
    border = theme.card_border if status == "equal" else dc.border(status, side)
    return box_html("".join(lines), bg, border, padding=4, margin_bottom=0)


def field_cell(row: Row, side: Side, dc: DiffContext) -> str:
    """A labelled value (parameter, finish reason, usage, response field...)."""
    if row.note:
        return note_cell(row, side, dc)
    theme = dc.render.theme
    status = dc.shown(row.status)
    value = row.value_a if side == "a" else row.value_b
    if status == "equal":
        inner = (f'<b>{esc(row.label)}</b>: <span style="color:{theme.muted};">'
                 f"{esc(short_json(value))}</span>")
        return box_html(inner, theme.card, theme.card_border, padding=4, margin_bottom=0)
    lines = []
    for ch in row.changes:
        if not dc.visible(ch):
            continue
        label = row.label if ch.path == row.label else ch.path
        lines.append(_change_line(ch, label, side, dc))
    return box_html("".join(lines), dc.tint(status, side), dc.border(status, side), padding=4,
                    margin_bottom=0)
