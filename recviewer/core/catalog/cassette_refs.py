"""Catalog entries of a cassette: one ``RecordingRef`` per interaction, with
``rel_path`` ``REL#N`` (and ``path`` ``ABS#N``), from ``cassettes.index`` (a
line scan; a real parse only when the layout asks for it). A cassette that
cannot be read is one error entry ``REL``; an empty cassette is one entry
``REL`` of format ``cassette`` with no error (an empty test).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from recviewer.core.cassettes.cassette import is_cassette_name, looks_like_json_cassette
from recviewer.core.cassettes.index import cassette_heads
from recviewer.core.catalog.refs import RecordingRef, error_ref
from recviewer.core.errors import RecordingError

if TYPE_CHECKING:
    from recviewer.core.catalog.walk import FoundFile


def is_cassette(found: FoundFile, head: bytes | None = None) -> bool:
    """A cassette by name, or a ``*.json`` whose first bytes are a vcrpy cassette."""
    if is_cassette_name(found.path):
        return True
    return head is not None and looks_like_json_cassette(head)


def cassette_refs(found: FoundFile, data: bytes) -> list[RecordingRef]:
    from recviewer.core.catalog import head  # late: head.GISTS may be switched off

    test_id, heads = cassette_heads(found.path, found.rel_path, data, head.GISTS)
    if isinstance(heads, RecordingError):
        return [error_ref(found, heads.reason, len(data))]
    out = []
    for h in heads:
        suffix = "" if h.index is None else f"#{h.index}"
        out.append(RecordingRef(
            found.path + suffix, found.rel_path + suffix, test_id, h.endpoint, h.model,
            h.format, h.streaming, h.chunks, len(data), None, h.tools, gist=h.gist,
            status=h.status, failed=h.status is not None and h.status >= 400))
    return out
