"""Syntax colouring with pygments, as HTML spans with inline colours.

Used by the conversation view (tool arguments, data payloads, code blocks) and,
through ``token_styles``, by the raw view's Qt highlighter. Every piece of text
is HTML-escaped here; callers pass raw strings.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import orjson
from pygments.lexer import Lexer
from pygments.lexers import JsonLexer, get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.token import _TokenType
from pygments.util import ClassNotFound

_JSON = JsonLexer(ensurenl=False, stripnl=False)


@dataclass(slots=True, frozen=True)
class TokenStyle:
    color: str | None = None  # "#rrggbb"
    bold: bool = False
    italic: bool = False


@lru_cache(maxsize=8)
def _style_class(style_name: str):
    try:
        return get_style_by_name(style_name)
    except ClassNotFound:
        return get_style_by_name("default")


@lru_cache(maxsize=4096)
def token_style(style_name: str, ttype: _TokenType) -> TokenStyle:
    """How a pygments style draws one token type (inherited from parents)."""
    s = _style_class(style_name).style_for_token(ttype)
    return TokenStyle("#" + s["color"] if s.get("color") else None,
                      bool(s.get("bold")), bool(s.get("italic")))


@lru_cache(maxsize=4096)
def _span_open(style_name: str, ttype: _TokenType) -> str:
    st = token_style(style_name, ttype)
    css = []
    if st.color:
        css.append(f"color:{st.color}")
    if st.bold:
        css.append("font-weight:bold")
    if st.italic:
        css.append("font-style:italic")
    return f'<span style="{";".join(css)}">' if css else ""


def tokens_html(tokens: Iterable[tuple[_TokenType, str]], style_name: str) -> str:
    """Join (token type, text) pairs into escaped, coloured HTML."""
    out: list[str] = []
    for ttype, value in tokens:
        if not value:
            continue
        text = html.escape(value, quote=False)
        opener = _span_open(style_name, ttype)
        out.append(f"{opener}{text}</span>" if opener else text)
    return "".join(out)


def highlight_html(text: str, style_name: str, lexer: Lexer | None = None) -> str:
    """``text`` coloured with ``lexer`` (JSON by default) as inline-styled spans.

    Not wrapped in a block element. Lexers are made with ``ensurenl=False`` so no
    newline is added at the end.
    """
    return tokens_html((lexer or _JSON).get_tokens(text), style_name)


def lexer_for(language: str | None) -> Lexer | None:
    """A pygments lexer for a fenced code block's language tag, or None."""
    if not language:
        return None
    try:
        return get_lexer_by_name(language.strip().lower()[:40], ensurenl=False, stripnl=False)
    except ClassNotFound:
        return None


def pretty_json(value: Any) -> str:
    """Indented JSON for display; values orjson cannot encode fall back to repr."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode()
    except (TypeError, orjson.JSONEncodeError):
        return repr(value)
