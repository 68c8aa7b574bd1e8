"""A small, safe markdown → HTML renderer for assistant text.

Safety first: every literal piece of the source is escaped with ``esc``; no raw
HTML passes through; links and images become plain text (never anchors or
``<img>``), so nothing is ever loaded or opened. Supported: ATX headings,
paragraphs (single newlines kept as line breaks), bullet and numbered lists
(nested by indentation), block quotes, fenced code (coloured with pygments when
the language is known), pipe tables, horizontal rules, and inline code, bold,
italic, strike-through, links, images and citation chips.
"""

from __future__ import annotations

import re

from recviewer.ui.conversation.blocks import code_block_html, table_html
from recviewer.ui.conversation.inline import inline_html
from recviewer.ui.appearance.view_colours import Theme

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*([^`\s]*)")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_HEADING_SIZES = {1: "x-large", 2: "large", 3: "medium", 4: "medium", 5: "small", 6: "small"}


def _is_block_start(line: str, next_line: str | None) -> bool:
    return bool(_FENCE.match(line) or _HEADING.match(line) or _RULE.match(line)
                or _QUOTE.match(line) or _ITEM.match(line)
                or ("|" in line and next_line is not None and _TABLE_SEP.match(next_line)
                    and "-" in next_line))


def markdown_html(text: str, theme: Theme) -> str:
    """Render ``text`` (untrusted) to HTML for QTextDocument."""
    lines = text.split("\n")
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < n else None
        if not line.strip():
            i += 1
            continue
        if m := _FENCE.match(line):
            fence, lang = m.group(1), m.group(2)
            body: list[str] = []
            i += 1
            while i < n and not lines[i].strip().startswith(fence):
                body.append(lines[i])
                i += 1
            i += 1  # closing fence (or past the end when the stream is still open)
            out.append(code_block_html("\n".join(body), lang, theme))
        elif m := _HEADING.match(line):
            level = len(m.group(1))
            out.append(f'<p style="font-size:{_HEADING_SIZES[level]};font-weight:bold;'
                       f'margin-top:10px;margin-bottom:4px;">'
                       f'{inline_html(m.group(2) or "", theme)}</p>')
            i += 1
        elif _RULE.match(line):
            out.append(f'<hr style="background-color:{theme.card_border};"/>')
            i += 1
        elif _QUOTE.match(line):
            quoted = []
            while i < n and (m := _QUOTE.match(lines[i])):
                quoted.append(m.group(1))
                i += 1
            out.append(f'<blockquote style="color:{theme.muted};">'
                       f"{markdown_html(chr(10).join(quoted), theme)}</blockquote>")
        elif _ITEM.match(line):
            i = _list(lines, i, theme, out)
        elif "|" in line and nxt is not None and _TABLE_SEP.match(nxt) and "-" in nxt:
            rows = [line]
            i += 2
            while i < n and "|" in lines[i] and lines[i].strip():
                rows.append(lines[i])
                i += 1
            out.append(table_html(rows, theme))
        else:
            para = [line]
            i += 1
            while i < n and lines[i].strip() and not _is_block_start(
                    lines[i], lines[i + 1] if i + 1 < n else None):
                para.append(lines[i])
                i += 1
            body_html = "<br/>".join(inline_html(p, theme) for p in para)
            out.append(f'<p style="margin-top:0;margin-bottom:6px;">{body_html}</p>')
    return "".join(out)


def _list(lines: list[str], i: int, theme: Theme, out: list[str]) -> int:
    """Render the list starting at ``lines[i]``; returns the next line index."""
    stack: list[tuple[int, str]] = []  # (indent, "ul"|"ol")
    html: list[str] = []
    n = len(lines)
    while i < n:
        line = lines[i]
        m = _ITEM.match(line)
        if m is None:
            if not line.strip():
                # a blank line continues the list only if another item follows
                j = i + 1
                while j < n and not lines[j].strip():
                    j += 1
                if j < n and _ITEM.match(lines[j]) and not _FENCE.match(lines[j]):
                    i = j
                    continue
                break
            if line.startswith((" ", "\t")) and stack and not _FENCE.match(line):
                html.append("<br/>" + inline_html(line.strip(), theme))  # continuation
                i += 1
                continue
            break
        indent = len(m.group(1).expandtabs(4))
        tag = "ul" if m.group(2)[0] in "-*+" else "ol"
        while stack and indent < stack[-1][0]:
            html.append(f"</li></{stack.pop()[1]}>")
        if stack and indent == stack[-1][0] and tag != stack[-1][1]:
            html.append(f"</li></{stack.pop()[1]}>")
        if not stack or indent > stack[-1][0]:
            html.append(f'<{tag} style="margin-top:0;margin-bottom:4px;">')
            stack.append((indent, tag))
        else:
            html.append("</li>")
        html.append("<li>" + inline_html(m.group(3), theme))
        i += 1
    while stack:
        html.append(f"</li></{stack.pop()[1]}>")
    out.append("".join(html))
    return i
