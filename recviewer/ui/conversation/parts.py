"""One HTML renderer per message part kind.

Each takes the part, a fold ``key`` that is stable across re-renders (message
and part position), and the RenderContext. Every string from the file is
escaped (``esc``, ``highlight_html`` or the markdown renderer) before it is
placed in HTML.
"""

from __future__ import annotations

import orjson

from recviewer.core.model import (
    DataPart, ErrorPart, ImagePart, Part, ReasoningPart, RefusalPart, TextPart,
    ToolCallPart, ToolResultPart,
)
from recviewer.ui.conversation.blocks import box_html, striped_html, toggle_html
from recviewer.ui.conversation.citations import with_chips
from recviewer.ui.conversation.context import RenderContext
from recviewer.ui.conversation.folding import EXPANDED_CAP, TOGGLE, folded_html
from recviewer.ui.conversation.markdown import markdown_html
from recviewer.ui.conversation.text import esc, pre_html, prose_html
from recviewer.ui.appearance.syntax_highlight import pretty_json

CURSOR = "\u258d"  # ▍ shown at the end of a stream that is still growing
THINK_OPEN, THINK_CLOSE = "<think>", "</think>"
MARKDOWN_CAP = 100_000  # characters of assistant text rendered before "Show all"


def part_html(part: Part, key: str, ctx: RenderContext, role: str) -> str:
    if isinstance(part, TextPart):
        return text_html(part.text, key, ctx, role)
    if isinstance(part, ToolCallPart):
        return tool_call_html(part, key, ctx)
    if isinstance(part, ToolResultPart):
        return tool_result_html(part, key, ctx)
    if isinstance(part, ReasoningPart):
        return reasoning_html(part.text, key, ctx)
    if isinstance(part, RefusalPart):
        t = ctx.theme
        return box_html(f'<p style="margin:0;color:{t.refusal_fg};"><b>Refusal</b></p>'
                        f'{prose_html(esc(part.text))}', t.refusal_bg, t.refusal_fg)
    if isinstance(part, ImagePart):
        return image_html(part, ctx)
    if isinstance(part, DataPart):
        return data_html(part, key, ctx)
    if isinstance(part, ErrorPart):
        return error_html(part, key, ctx)
    return pre_html(esc(repr(part)))


def text_html(text: str, key: str, ctx: RenderContext, role: str) -> str:
    """Assistant text as markdown (or exact when markdown is off); other roles
    as exact text, folded when long."""
    if role == "assistant":
        if ctx.markdown:
            thinking, answer = split_think(text)
            if len(text) > MARKDOWN_CAP and not ctx.is_open(key):
                return (markdown_html(text[:MARKDOWN_CAP], ctx.theme)
                        + toggle_html(TOGGLE + key, f"\u25b8 Show all ({len(text):,} characters)",
                                      ctx.theme))
            if len(text) > EXPANDED_CAP:  # opened: a page holds so much; the Raw tab has all
                return (markdown_html(text[:EXPANDED_CAP], ctx.theme)
                        + toggle_html(TOGGLE + key, f"\u25be Show less ({len(text) - EXPANDED_CAP:,}"
                                      " more characters only in the Raw view)", ctx.theme))
            if thinking is not None:
                if not answer and thinking.endswith(CURSOR):  # still thinking: cursor stays visible
                    thinking, answer = thinking[:-1], CURSOR
                return reasoning_html(thinking, key + "t", ctx) + markdown_html(answer, ctx.theme)
            return markdown_html(text, ctx.theme)
        return folded_html(text, key, ctx, esc, lines=10 ** 9, chars=MARKDOWN_CAP)
    return folded_html(text, key, ctx, lambda s: with_chips(s, ctx.theme), prose=True,
                       lines=40, chars=4000)


def split_think(text: str) -> tuple[str | None, str]:
    """(thinking, answer) when ``text`` starts with an inline ``<think>`` block
    (Qwen, DeepSeek...); (None, text) otherwise. An unclosed block (a stream
    still thinking) is all thinking."""
    stripped = text.lstrip()
    if not stripped.startswith(THINK_OPEN):
        return None, text
    body = stripped[len(THINK_OPEN):]
    end = body.find(THINK_CLOSE)
    if end < 0:
        return body.strip("\n"), ""
    return body[:end].strip("\n"), body[end + len(THINK_CLOSE):].lstrip("\n")


def tool_call_html(call: ToolCallPart, key: str, ctx: RenderContext, cursor: bool = False) -> str:
    t = ctx.theme
    anchor = ctx.links.call_anchor(call.id)
    target = ctx.links.result_anchor(call.id)
    head = [f'<a name="{anchor}"></a>' if anchor else "",
            f'<b>\u0192 {esc(call.name or "(unnamed tool)")}</b>']
    if call.id:
        head.append(f' <span style="color:{t.muted};font-size:small;">{esc(call.id)}</span>')
    if target:
        head.append(f' &#160; <a href="#{target}" style="color:{t.link};text-decoration:none;">'
                    f'result \u2193</a>')
    body: str
    if ctx.live and (cursor or call.parse_error is not None):
        # arguments still arriving: show them exactly as received so far
        body = pre_html(esc(call.arguments) + (CURSOR if cursor else ""), color=t.muted)
    elif call.parse_error is None:
        pretty = pretty_json(call.parsed) if call.parsed not in ({}, None) else "{}"
        body = folded_html(pretty, key, ctx, None, json=True)
    else:
        body = (f'<p style="margin:0;color:{t.error_fg};">{esc(call.parse_error)}</p>'
                + folded_html(call.arguments, key, ctx, esc))
    return box_html("".join(head) + body, t.card, t.card_border)


def tool_result_html(result: ToolResultPart, key: str, ctx: RenderContext) -> str:
    t = ctx.theme
    name = result.name or ctx.links.names.get(result.tool_call_id or "")
    anchor = ctx.links.result_anchor(result.tool_call_id)
    back = ctx.links.call_anchor(result.tool_call_id)
    head = [f'<a name="{anchor}"></a>' if anchor else "",
            f'<b>\u21b3 result of {esc(name) if name else "a tool call"}</b>']
    if result.tool_call_id:
        head.append(f' <span style="color:{t.muted};font-size:small;">'
                    f'{esc(result.tool_call_id)}</span>')
    if back:
        head.append(f' &#160; <a href="#{back}" style="color:{t.link};text-decoration:none;">'
                    f'call \u2191</a>')
    content = result.content
    parsed = _json_or_none(content)
    if parsed is not None:
        body = folded_html(pretty_json(parsed), key, ctx, None, json=True)
    else:
        body = folded_html(content, key, ctx, lambda s: with_chips(s, t))
    return box_html("".join(head) + body, t.card, t.card_border)


def reasoning_html(text: str, key: str, ctx: RenderContext) -> str:
    t = ctx.theme
    open_ = ctx.is_open(key)
    arrow = "\u25be" if open_ else "\u25b8"
    label = f"Thinking ({len(text):,} chars) {arrow}"
    toggle = (f'<p style="margin:0;"><a href="{TOGGLE}{key}" style="color:{t.muted};'
              f'font-style:italic;text-decoration:none;">{esc(label)}</a></p>')
    if not open_:
        return toggle
    body = (f'<p style="white-space:pre-wrap;margin:0;color:{t.muted};"><i>{esc(text)}</i></p>')
    return toggle + striped_html(body, t.reasoning_rule, t.page if not t.dark else t.card,
                                 padding=6, margin_bottom=6, stripe_width=3)


def image_html(image: ImagePart, ctx: RenderContext) -> str:
    t = ctx.theme
    muted = f'<span style="color:{t.muted};font-size:small;">'
    if not image.is_data_url:
        return (f'<p style="margin:2px 0;">{muted}[remote image, not loaded]</span> '
                f"{esc(image.url)}</p>")
    size = len(image.url)
    media = image.media_type or "image"
    thumb = ctx.thumb(image.url) if ctx.thumb else None
    if thumb is None:
        return (f'<p style="margin:2px 0;">{muted}[{esc(media)} could not be decoded, '
                f"{size:,} characters of data]</span></p>")
    detail = f", detail {esc(image.detail)}" if image.detail else ""
    return (f'<p style="margin:2px 0;"><img src="{thumb.src}" width="{thumb.width}" '
            f'height="{thumb.height}"/><br/>{muted}{esc(media)}, '
            f"{thumb.original_width}\u00d7{thumb.original_height}{detail}</span></p>")


def data_html(data: DataPart, key: str, ctx: RenderContext) -> str:
    t = ctx.theme
    head = (f'<b>{esc(data.title)}</b> <span style="color:{t.muted};">'
            f"{esc(data.summary)}</span>")
    body = folded_html(pretty_json(data.value), key, ctx, None, json=True)
    return box_html(head + body, t.card, t.card_border)


def error_html(err: ErrorPart, key: str, ctx: RenderContext) -> str:
    """The red error box: message, kind and status, detail JSON (folded)."""
    t = ctx.theme
    facts = " \u00b7 ".join(x for x in (
        esc(err.kind) if err.kind else "", f"HTTP {err.status}" if err.status is not None else "",
    ) if x)
    inner = [f'<p style="margin:0;color:{t.error_fg};font-size:large;"><b>\u26a0 '
             f"{esc(err.message)}</b></p>"]
    if facts:
        inner.append(f'<p style="margin:2px 0;color:{t.error_fg};">{facts}</p>')
    if err.detail is not None:
        inner.append(folded_html(pretty_json(err.detail), key, ctx, None, json=True))
    return box_html("".join(inner), t.error_bg, t.error_border, padding=8, margin_bottom=10)


def _json_or_none(text: str):
    s = text.strip()
    if len(s) < 2 or s[0] not in "{[" or len(s) > 4_000_000:
        return None
    try:
        return orjson.loads(s)
    except orjson.JSONDecodeError:
        return None

