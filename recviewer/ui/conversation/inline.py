"""Inline markdown: code spans, emphasis, links and images as inert text, chips.

One left-to-right scan with a single alternation; whatever no rule claims is
escaped with ``esc``. Links never become anchors: the label is shown in the link
colour followed by the address as muted text, so nothing can be opened or
loaded by accident.
"""

from __future__ import annotations

import re

from recviewer.ui.conversation.citations import chip_html
from recviewer.ui.conversation.text import esc
from recviewer.ui.appearance.view_colours import Theme

_INLINE = re.compile(
    r"(?P<code>`+)(?P<code_body>.+?)(?P=code)"
    r"|<\|(?P<cite>[^|<>\s]{1,200})\|>"
    r'|!\[(?P<img_alt>[^\]\n]*)\]\((?P<img_url>[^)\s]*)(?:\s+"[^"\n]*")?\)'
    r'|\[(?P<link_text>[^\]\n]+)\]\((?P<link_url>[^)\s]*)(?:\s+"[^"\n]*")?\)'
    r"|\*\*(?=\S)(?P<strong>.+?)(?<=\S)\*\*"
    r"|(?<![\w_])__(?=\S)(?P<strong_u>.+?)(?<=\S)__(?![\w_])"
    r"|~~(?=\S)(?P<strike>.+?)(?<=\S)~~"
    r"|\*(?=[^\s*])(?P<em>.+?)(?<=[^\s*])\*"
    r"|(?<![\w_])_(?=[^\s_])(?P<em_u>.+?)(?<=[^\s_])_(?![\w_])"
)


def inline_html(text: str, theme: Theme, _depth: int = 0) -> str:
    """Render one line (or paragraph) of inline markdown; untrusted input."""
    if _depth > 8:
        return esc(text)
    out: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        out.append(esc(text[pos:m.start()]))
        pos = m.end()
        out.append(_render(m, theme, _depth))
    out.append(esc(text[pos:]))
    return "".join(out)


def _render(m: re.Match[str], theme: Theme, depth: int) -> str:
    g = m.groupdict()
    if g["code"] is not None:
        body = g["code_body"]
        if body.startswith(" ") and body.endswith(" ") and body.strip():
            body = body[1:-1]
        return (f'<code style="background-color:{theme.code_bg};">'
                f"{esc(body)}</code>")
    if g["cite"] is not None:
        return chip_html(g["cite"], theme)
    if g["img_url"] is not None:
        alt = g["img_alt"] or "image"
        return (f'<span style="color:{theme.muted};">[image: {esc(alt)}]'
                f'{_address(g["img_url"], theme)}</span>')
    if g["link_url"] is not None:
        label = inline_html(g["link_text"], theme, depth + 1)
        return f'<span style="color:{theme.link};">{label}</span>{_address(g["link_url"], theme)}'
    for key, open_, close in (("strong", "<b>", "</b>"), ("strong_u", "<b>", "</b>"),
                              ("strike", "<s>", "</s>"), ("em", "<i>", "</i>"),
                              ("em_u", "<i>", "</i>")):
        if g[key] is not None:
            return open_ + inline_html(g[key], theme, depth + 1) + close
    return esc(m.group())


def _address(url: str, theme: Theme) -> str:
    if not url:
        return ""
    return f'<span style="color:{theme.muted};font-size:small;"> ({esc(url)})</span>'
