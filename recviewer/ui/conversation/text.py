"""Making untrusted strings safe and visible in rich text.

``esc`` is the one door every string from a file goes through before it becomes
HTML: invisible or dangerous characters are first turned into visible stand-ins
(bidi overrides as ``[U+202E]``, NUL and other controls as ``\\x00``, so ANSI
escapes read ``\\x1b[31m``), then HTML is escaped.
"""

from __future__ import annotations

import html
import re

# Bidi embeddings/overrides/isolates and marks: shown as their code point.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# C0 controls except TAB and LF, DEL, C1 controls, and lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\ud800-\udfff]")
# Qt treats these as line/paragraph breaks; keep them as plain newlines.
_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\r": None})


def _control_picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"\\x{code:02x}" if code < 0x100 else f"[U+{code:04X}]"


def inert(text: str) -> str:
    """``text`` with invisible/control characters replaced by visible marks."""
    if text.isascii() and text.isprintable():
        return text
    text = text.translate(_SEPARATORS)
    text = _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)
    return _CONTROL.sub(_control_picture, text)


# Qt lays out a word with no break opportunity in quadratic time (a 400,000
# character token takes ~10 s): longer runs get a zero-width space every so often.
WORD_BREAK = 400
_LONG_RUN = re.compile(r"[^\s\u200b]{%d,}" % (WORD_BREAK + 1))


def breakable(text: str) -> str:
    """``text`` with U+200B inside every run of more than ``WORD_BREAK`` non-spaces."""
    if len(text) <= WORD_BREAK:
        return text
    return _LONG_RUN.sub(lambda m: "\u200b".join(
        m.group()[i:i + WORD_BREAK] for i in range(0, len(m.group()), WORD_BREAK)), text)


def esc(text: str) -> str:
    """Inert, breakable, then HTML-escaped (quotes too: safe in attributes)."""
    return html.escape(breakable(inert(text)), quote=True)


def pre_html(inner: str, color: str | None = None, bg: str | None = None) -> str:
    """Preformatted block that keeps whitespace but wraps long lines.

    ``inner`` must already be escaped HTML.
    """
    css = ["white-space:pre-wrap", "margin:0"]
    if color:
        css.append(f"color:{color}")
    if bg:
        css.append(f"background-color:{bg}")
    return f'<pre style="{";".join(css)}">{inner}</pre>'


def prose_html(inner: str) -> str:
    """Proportional text that keeps every space and line break (wraps long lines).

    ``inner`` must already be escaped HTML.
    """
    return f'<p style="white-space:pre-wrap;margin:0;">{inner}</p>'


# ----------------------------------------------------------------- folding
FOLD_LINES = 12
FOLD_CHARS = 1500


def line_count(text: str) -> int:
    return text.count("\n") + 1 if text else 0


FOLD_SLACK = 4  # a fold must hide more than this many lines to be worth a click


def needs_fold(text: str, lines: int = FOLD_LINES, chars: int = FOLD_CHARS) -> bool:
    return len(text) > chars or line_count(text.rstrip("\n")) > lines + FOLD_SLACK


def fold_head(text: str, lines: int = FOLD_LINES, chars: int = FOLD_CHARS) -> str:
    """The first ``lines`` lines of ``text``, cut to at most ``chars`` characters."""
    head = text[: chars]
    cut = -1
    start = 0
    for _ in range(lines):
        cut = head.find("\n", start)
        if cut < 0:
            break
        start = cut + 1
    if cut >= 0:
        head = head[:cut]
    return head
