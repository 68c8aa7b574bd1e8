"""Extra words the tree filter matches: the tool names a recording mentions.

A stop-gap until the catalog's RecordingRef carries tool names itself: the raw
bytes are searched (never parsed or evaluated) for ``"name": "<identifier>"``,
which is how tool definitions and tool calls name their function. Runs in the
scan worker, on a file the catalog has just read (so it is in the OS cache).
"""

from __future__ import annotations

import os
import re

_NAME = re.compile(rb'"name":\s*"([A-Za-z_][A-Za-z0-9_.:\-]{0,79})"')
READ_LIMIT = 16 * 1024 * 1024  # bytes searched per file


def names_in(data: bytes) -> tuple[str, ...]:
    """Distinct names in first-seen order."""
    seen: dict[str, None] = {}
    for match in _NAME.finditer(data):
        seen.setdefault(match.group(1).decode("ascii"), None)
    return tuple(seen)


def search_terms(path: str, limit: int = READ_LIMIT) -> str:
    """Space-separated lower-case names found in the file ('' when unreadable)."""
    try:
        with open(path, "rb", buffering=0) as fh:
            # read(limit) would allocate ``limit`` bytes per file (4x slower
            # on a folder of small files); read what is there when it fits.
            fits = os.fstat(fh.fileno()).st_size < limit
            data = fh.read() if fits else fh.read(limit)
    except OSError:
        return ""
    return " ".join(names_in(data)).lower()
