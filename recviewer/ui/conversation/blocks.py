"""Layout bricks for QTextDocument HTML: boxes, code blocks, tables, toggles.

Qt's rich text has no CSS borders or padding on ``div``; a one-cell table is
the dependable box. Inputs named ``inner``/``*_html`` are already-safe HTML;
everything else is untrusted text and is escaped here.
"""

from __future__ import annotations

import re

from recviewer.ui.conversation.inline import inline_html
from recviewer.ui.conversation.text import esc, pre_html
from recviewer.ui.appearance.syntax_highlight import highlight_html, lexer_for
from recviewer.ui.appearance.view_colours import Theme

_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def box_html(inner: str, bg: str, border: str | None = None, padding: int = 6,
             margin_bottom: int = 6) -> str:
    """A full-width one-cell table with a background and an optional 1px border.

    The border is the table's own background showing through a 1px cell
    spacing: Qt's ``border-collapse`` clips underscores on wrapped lines.
    """
    if border:
        return (f'<table width="100%" cellspacing="1" cellpadding="{padding}" border="0" '
                f'bgcolor="{border}" style="margin-bottom:{margin_bottom}px;">'
                f'<tr><td bgcolor="{bg}">{inner}</td></tr></table>')
    return (f'<table width="100%" cellspacing="0" cellpadding="{padding}" border="0" '
            f'style="margin-bottom:{margin_bottom}px;"><tr><td bgcolor="{bg}">{inner}</td></tr></table>')


def striped_html(inner: str, stripe: str, bg: str, padding: int = 8,
                 margin_bottom: int = 10, stripe_width: int = 4) -> str:
    """A box with a coloured rule on its left (chat bubbles, reasoning)."""
    return (f'<table width="100%" cellspacing="0" cellpadding="0" border="0" '
            f'style="margin-bottom:{margin_bottom}px;"><tr>'
            f'<td width="{stripe_width}" bgcolor="{stripe}"></td>'
            f'<td bgcolor="{bg}" style="padding:{padding}px;">{inner}</td></tr></table>')


def code_block_html(code: str, language: str | None, theme: Theme) -> str:
    """A fenced code block, coloured when pygments knows the language."""
    lexer = lexer_for(language)
    body = highlight_html(code, theme.pygments_style, lexer) if lexer else esc(code)
    label = (f'<p style="margin:0;color:{theme.muted};font-size:small;">{esc(language)}</p>'
             if language else "")
    return box_html(label + pre_html(body), theme.code_bg, theme.card_border, padding=6)


def json_block_html(pretty: str, theme: Theme) -> str:
    """Already-pretty JSON text, coloured, in a preformatted block."""
    return pre_html(highlight_html(pretty, theme.pygments_style))


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(row)]


def table_html(rows: list[str], theme: Theme) -> str:
    """A pipe table: the first row is the header."""
    head, body = _cells(rows[0]), [_cells(r) for r in rows[1:]]
    width = len(head)
    parts = [f'<table cellspacing="1" cellpadding="4" border="0" bgcolor="{theme.card_border}" '
             f'style="margin-bottom:6px;"><tr>']
    parts.extend(f'<th bgcolor="{theme.card}">{inline_html(c, theme)}</th>' for c in head)
    parts.append("</tr>")
    for cells in body:
        cells = (cells + [""] * width)[:width]
        parts.append("<tr>" + "".join(f'<td bgcolor="{theme.page}">{inline_html(c, theme)}</td>'
                                      for c in cells) + "</tr>")
    parts.append("</table>")
    return "".join(parts)


def toggle_html(href: str, label: str, theme: Theme) -> str:
    """A clickable line (anchor handled by the view, never opened). ``label`` is
    trusted text built by us (counts, arrows)."""
    return (f'<p style="margin:2px 0 0 0;"><a href="{href}" style="color:{theme.link};'
            f'text-decoration:none;">{esc(label)}</a></p>')
