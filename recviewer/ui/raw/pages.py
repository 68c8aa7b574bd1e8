"""RawPages: a huge file's text handed to the raw view a page at a time.

Files up to ``PRETTY_LIMIT`` bytes are re-indented (``pretty_text``); bigger
ones are shown as stored, decoded page by page, so a 200 MB recording costs one
page of work on the GUI thread, not the whole file. A page ends at a line end,
holds at most ``PAGE_CHARS`` characters and ``PAGE_LINES`` lines, and never
splits a UTF-8 sequence. Plain Python, no Qt.
"""

from __future__ import annotations

from typing import Callable

PRETTY_LIMIT = 4 * 1024 * 1024  # bytes re-indented; larger files are shown as stored
PAGE_CHARS = 2 * 1024 * 1024
PAGE_LINES = 50_000


def _page_end(source: bytes | str, start: int, chars: int, lines: int) -> int:
    """Where the page starting at ``start`` ends (exclusive)."""
    limit = min(len(source), start + chars)
    if limit == len(source) and source.count("\n" if isinstance(source, str) else b"\n",
                                            start, limit) < lines:
        return limit
    newline = "\n" if isinstance(source, str) else b"\n"
    end, pos = -1, start
    for _ in range(lines):
        nl = source.find(newline, pos, limit)
        if nl < 0:
            break
        end = pos = nl + 1
    if end > start:
        return end
    if isinstance(source, bytes):  # one long line: cut between UTF-8 sequences
        while start + 1 < limit < len(source) and (source[limit] & 0xC0) == 0x80:
            limit -= 1
    return limit


class RawPages:
    """Pages of ``source`` (bytes shown as stored, or already prepared text)."""

    def __init__(self, source: bytes | str, is_json: bool, *, chars: int = PAGE_CHARS,
                 lines: int = PAGE_LINES) -> None:
        self.source = source
        self.is_json = is_json  # re-indented JSON (False: shown as stored)
        self.total = len(source)
        self.shown = 0  # units (bytes or characters) of ``source`` handed out
        self._chars, self._lines = chars, lines

    @classmethod
    def of_file(cls, data: bytes, pretty: Callable[[bytes], tuple[str, bool]],
                **kwargs: int) -> RawPages:
        if len(data) <= PRETTY_LIMIT:
            text, is_json = pretty(data)
            return cls(text, is_json, **kwargs)
        return cls(data, False, **kwargs)

    @property
    def done(self) -> bool:
        return self.shown >= self.total

    @property
    def as_stored(self) -> bool:
        return isinstance(self.source, bytes)

    def next_page(self) -> str:
        if self.done:
            return ""
        end = _page_end(self.source, self.shown, self._chars, self._lines)
        piece = self.source[self.shown:end]
        self.shown = end
        if isinstance(piece, bytes):
            return piece.decode("utf-8", errors="replace")
        return piece
