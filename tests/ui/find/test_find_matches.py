"""Find in page, the plain part: spans in UTF-16 units, literal, case-insensitive."""

from __future__ import annotations

from recviewer.ui.find.matches import (
    MAX_MATCHES, count_in, count_text, find_spans, index_after, pattern_of, spans_between,
    bytes_pattern_of,
)


def _utf16(text: str, span: tuple[int, int]) -> str:
    units = text.encode("utf-16-le")
    return units[span[0] * 2:span[1] * 2].decode("utf-16-le")


def test_spans_are_utf16_positions_after_an_emoji():
    text = "\U0001f600 Tokyo, then \U0001f680\U0001f680 tokyo\u2029TOKYO"
    spans = find_spans(text, pattern_of(["tokyo"]))
    assert len(spans) == 3
    assert [_utf16(text, s) for s in spans] == ["Tokyo", "tokyo", "TOKYO"]


def test_search_text_is_literal_and_no_break_spaces_match_spaces():
    text = "a.b a+b (x) wo\xa0rld"
    assert find_spans(text, pattern_of(["a.b"])) == [(0, 3)]
    assert find_spans(text, pattern_of(["(x)"])) == [(8, 11)]
    assert find_spans(text, pattern_of(["wo rld"])) == [(12, 18)]
    assert find_spans(text, pattern_of([""])) == []


def test_any_of_several_terms_longest_first():
    text = "search knowledge_search knowledge"
    spans = find_spans(text, pattern_of(["knowledge", "knowledge_search"]))
    assert [text[a:b] for a, b in spans] == ["knowledge_search", "knowledge"]


def test_counting_unshown_bytes_and_the_limit():
    data = b'{"content": 1, "Content": 2}' * 10
    assert count_in(memoryview(data), pattern_of(["content"]), bytes_pattern_of(["content"])) == 20
    assert count_in("xx" * 10, pattern_of(["x"]), None, limit=5) == 5
    assert len(find_spans("a" * (MAX_MATCHES + 10), pattern_of(["a"]))) == MAX_MATCHES


def test_spans_between_and_index_after():
    spans = [(0, 3), (10, 13), (20, 23), (30, 33)]
    assert list(spans_between(spans, 11, 21)) == [1, 2]
    assert list(spans_between(spans, 14, 19)) == []
    assert index_after(spans, 11) == 2 and index_after(spans, 10) == 1 and index_after(spans, 99) == 4


def test_count_text():
    assert count_text(2, 17) == "3 of 17"
    assert count_text(None, 0) == "No results"
    assert count_text(None, 1) == "1 match"
    assert count_text(0, 1234) == "1 of 1,234"
    assert count_text(0, MAX_MATCHES).endswith("+")
