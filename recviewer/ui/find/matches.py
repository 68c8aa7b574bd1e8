"""Where a search text occurs in a document's text (plain Python, no Qt).

Positions are in UTF-16 code units, as ``QTextCursor`` counts them, so a span
found in ``QTextDocument.toRawText()`` selects exactly that text even after an
emoji. Matching is case-insensitive and literal (the text is never a pattern).
``terms`` finds any of several words at once (a search hit opened with its
words highlighted).
"""

from __future__ import annotations

import re
from bisect import bisect_left

MAX_MATCHES = 100_000  # beyond this the count reads "100,000+"
# Qt's document text spells line/paragraph ends and no-break spaces its own way.
_SAME_LENGTH = (("\u2029", "\n"), ("\u2028", "\n"), ("\xa0", " "))
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

Span = tuple[int, int]


def pattern_of(terms: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any of ``terms`` literally
    (longest first, so a term inside another does not win); None when empty."""
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def bytes_pattern_of(terms: list[str] | tuple[str, ...]) -> re.Pattern[bytes] | None:
    """The same for UTF-8 bytes (ASCII letters fold case)."""
    words = sorted({t.encode("utf-8", "surrogatepass") for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(b"|".join(re.escape(w) for w in words), re.IGNORECASE)


def _utf16_index(text: str) -> list[int] | None:
    """Code-point indexes of the characters outside the BMP, or None when there
    are none (then code points and UTF-16 units agree)."""
    if text.isascii() or _ASTRAL.search(text) is None:
        return None
    return [m.start() for m in _ASTRAL.finditer(text)]


def plain(text: str) -> str:
    """``text`` with Qt's separators as ``\\n`` and no-break spaces as spaces
    (same length: positions do not move)."""
    for odd, usual in _SAME_LENGTH:
        if odd in text:
            text = text.replace(odd, usual)
    return text


def find_spans(text: str, pattern: re.Pattern[str] | None, limit: int = MAX_MATCHES) -> list[Span]:
    """``(start, end)`` of every match (at most ``limit``), in UTF-16 units."""
    if pattern is None or not text:
        return []
    text = plain(text)
    spans: list[Span] = []
    for match in pattern.finditer(text):
        if match.end() == match.start():
            continue
        spans.append((match.start(), match.end()))
        if len(spans) >= limit:
            break
    astral = _utf16_index(text)
    if astral is None:
        return spans
    # each astral character before a position adds one UTF-16 unit
    return [(s + bisect_left(astral, s), e + bisect_left(astral, e)) for s, e in spans]


def count_in(source: str | bytes | memoryview, pattern_text: re.Pattern[str] | None,
             pattern_bytes: re.Pattern[bytes] | None, limit: int = MAX_MATCHES) -> int:
    """How many matches ``source`` holds (a part of a file not shown yet)."""
    pattern = pattern_text if isinstance(source, str) else pattern_bytes
    if pattern is None or not source:
        return 0
    count = 0
    for _ in pattern.finditer(source):  # type: ignore[arg-type]
        count += 1
        if count >= limit:
            break
    return count


def spans_between(spans: list[Span], start: int, end: int) -> range:
    """Indexes of the spans that overlap ``[start, end]`` (``spans`` sorted)."""
    first = bisect_left(spans, (start, -1))
    if first > 0 and spans[first - 1][1] > start:
        first -= 1
    last = bisect_left(spans, (end + 1, -1))
    return range(first, last)


def index_after(spans: list[Span], position: int) -> int:
    """The first span starting at or after ``position`` (len: none)."""
    return bisect_left(spans, (position, -1))


def count_text(current: int | None, total: int, more: bool = False) -> str:
    """The bar's count: "3 of 17", "No results", "17 matches"."""
    if total == 0:
        return "No results"
    plus = "+" if more or total >= MAX_MATCHES else ""
    if current is None:
        return f"{total:,}{plus} matches" if total != 1 else "1 match"
    return f"{current + 1:,} of {total:,}{plus}"
