"""The pure HTML renderers: markdown, citations, escaping, folding, links."""

from __future__ import annotations

from recviewer.core.model import Message, TextPart, ToolCallPart, ToolResultPart
from recviewer.ui.conversation.citations import split_citations, with_chips
from recviewer.ui.conversation.context import RenderContext, ToolLinks
from recviewer.ui.conversation.folding import folded_html
from recviewer.ui.conversation.inline import inline_html
from recviewer.ui.conversation.markdown import markdown_html
from recviewer.ui.conversation.text import esc, fold_head, inert, needs_fold
from recviewer.ui.appearance.syntax_highlight import highlight_html
from recviewer.ui.appearance.view_colours import DARK, LIGHT, theme_for_lightness


def test_markdown_blocks():
    html = markdown_html("# Title\n\n- a\n- b\n  - c\n1. one\n\n```json\n{\"k\": 1}\n```\n"
                         "| h1 | h2 |\n|---|---|\n| x | y |\n\n> quote\n\n---\npara\nline", LIGHT)
    assert "Title" in html and "font-weight:bold" in html
    assert html.count("<li>") == 4 and "<ul" in html and "<ol" in html
    assert "<th" in html and "<td" in html and ">x<" in html
    assert "<blockquote" in html and "<hr" in html
    assert "para<br/>line" in html
    assert '"k"</span>' in html and "color:#" in html  # coloured JSON code block


def test_unclosed_fence_renders_as_code_to_the_end():
    html = markdown_html("text\n```python\ndef f():\n    pass", LIGHT)
    assert "<pre" in html and "pass" in html


def test_inline_markup():
    html = inline_html("**b** *i* _u_ snake_case_name `a<b` ~~s~~", LIGHT)
    assert "<b>b</b>" in html and "<i>i</i>" in html and "<i>u</i>" in html
    assert "snake_case_name" in html  # underscores inside words are not emphasis
    assert "a&lt;b" in html and "<s>s</s>" in html
    assert inline_html("2 * 3 * 4", LIGHT) == "2 * 3 * 4"


def test_markdown_never_passes_html_or_links():
    html = markdown_html("<script>alert(1)</script> [x](javascript:alert(1)) "
                         "![i](http://evil/i.png) <a href='http://e'>e</a>", LIGHT)
    assert "<script" not in html and "<a " not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:alert(1)" in html  # the address is shown as text


def test_citations_become_chips_and_ids_are_escaped():
    assert list(split_citations("a <|file-1|>.<|x|>")) == [
        (False, "a "), (True, "file-1"), (False, "."), (True, "x")]
    html = with_chips("see <|file-247992711531|> <|<b>|>", LIGHT)
    assert "file-247992711531" in html and "&lt;|file" not in html
    assert "&lt;|&lt;b&gt;|&gt;" in html  # not a valid id: shown as escaped text
    assert LIGHT.chip_bg in html
    assert "<b>" not in html
    assert "file-9" in markdown_html("fact <|file-9|>.", LIGHT)


def test_inert_and_esc():
    assert inert("a\u202eb") == "a[U+202E]b"
    assert inert("\x00\x1b[1m") == "\\x00\\x1b[1m"
    assert inert("tab\tand\nnewline") == "tab\tand\nnewline"
    assert inert("crlf\r\n") == "crlf\n"
    assert esc('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"


def test_fold_rules():
    short = "\n".join(str(i) for i in range(14))
    long = "\n".join(str(i) for i in range(40))
    assert not needs_fold(short) and needs_fold(long) and needs_fold("x" * 2000)
    assert fold_head(long) == "\n".join(str(i) for i in range(12))
    assert len(fold_head("x" * 2000)) == 1500
    ctx = RenderContext()
    folded = folded_html(long, "k1", ctx, None)
    assert "Show all (40 lines)" in folded and "rv:toggle/k1" in folded and "\n39" not in folded
    opened = folded_html(long, "k1", RenderContext(expanded=frozenset({"k1"})), None)
    assert "39" in opened and "Show less" in opened


def test_tool_links_pair_calls_and_results():
    msgs = (Message("assistant", (ToolCallPart.from_arguments("a", "f", "{}"),
                                  ToolCallPart.from_arguments("b", "g", "{}"))),
            Message("tool", (ToolResultPart("b", "r"),)),
            Message("tool", (ToolResultPart("zzz", "orphan"),)),
            Message("user", (TextPart("hi"),)))
    links = ToolLinks.build(msgs)
    assert links.names == {"a": "f", "b": "g"}
    assert links.result_anchor("a") is None  # no result recorded for a
    assert links.call_anchor("b") == "call-2" and links.result_anchor("b") == "result-2"
    assert links.call_anchor("zzz") is None and links.result_anchor("zzz") == "result-3"


def test_highlight_escapes_and_colours():
    html = highlight_html('{"<k>": "v&"}', LIGHT.pygments_style)
    assert "&lt;k&gt;" in html and "v&amp;" in html and "color:#" in html
    assert not html.endswith("\n")


def test_theme_choice_by_lightness():
    assert theme_for_lightness(20) is DARK and theme_for_lightness(240) is LIGHT
    assert LIGHT.role("nobody") == LIGHT.roles["other"]
