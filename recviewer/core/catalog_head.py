"""Read what the catalog needs from one recording without parsing its stream.

Recordings are written by ``json.dump(..., indent=2)``, so the layout tells
where things are: top-level keys sit on lines indented by two spaces, the keys
of ``response`` by four, and the items of a streamed ``response.body`` list by
six. A raw newline never occurs inside a JSON string, so these line starts are
never inside a value. The head is the whole document with the body value cut
out (replaced by ``null``); it is parsed for real, so a file laid out in any
other way fails that parse and falls back to a full read.

Of a streamed body only the first ``HEAD_ITEMS`` items are parsed, and items
are counted by their line starts. The format is picked by the registry's own
adapters on an Envelope built from the head, so it is what ``read_recording``
would pick as long as the adapters decide on the first items of a stream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from recviewer.core.errors import RecordingError, RecordingLoadError
from recviewer.core.formats import registry
from recviewer.core.formats.base import make_envelope
from recviewer.core.load import decode_json, unwrap

HEAD_ITEMS = 4  # stream items an Envelope built from the head holds

_PRETTY_START = re.compile(rb'\{\r?\n  "')
_RESPONSE_KEY = re.compile(rb'\n  "response": ')
_RESPONSE_END = re.compile(rb'\n  [}\]]')
_BODY_KEY = re.compile(rb'\n    "body": ')
_NEXT_RESPONSE_KEY = re.compile(rb'\n    "')
_ITEM_START = re.compile(rb'\n      [^ \r\n\]}]')


@dataclass(slots=True, frozen=True)
class HeadInfo:
    """What the catalog shows of one file."""

    test_id: str | None
    endpoint: str | None
    model: str | None
    format: str
    streaming: bool
    chunks: int | None


class _NeedFullRead(Exception):
    """The cheap path cannot tell; read the whole document."""


def read_head(path: str, data: bytes) -> HeadInfo | RecordingError:
    """Catalog facts for ``data`` (the bytes of the file at ``path``)."""
    try:
        return _cheap(path, data)
    except (_NeedFullRead, RecordingLoadError):
        return _full(path, data)


# ----------------------------------------------------------------- cheap path
def _cheap(path: str, data: bytes) -> HeadInfo:
    if not _PRETTY_START.match(data):
        raise _NeedFullRead
    response = _RESPONSE_KEY.search(data)
    if response is None:
        raise _NeedFullRead
    end = _RESPONSE_END.search(data, response.end())
    if end is None:
        raise _NeedFullRead
    body_key = _BODY_KEY.search(data, response.end(), end.start())
    if body_key is None:
        raise _NeedFullRead  # no body to skip: nothing to gain
    start = body_key.end()
    after = _NEXT_RESPONSE_KEY.search(data, start, end.start())
    stop = after.start() if after else end.start()
    if _BODY_KEY.search(data, stop, end.start()) or _RESPONSE_KEY.search(data, end.start()):
        raise _NeedFullRead  # a repeated key: the last one wins, let the real parser decide
    body = data[start:stop].rstrip()
    comma = body.endswith(b",")
    if comma:
        body = body[:-1].rstrip()
    doc = unwrap(decode_json(b"".join((data[:start], b"null,\n" if comma else b"null\n",
                                       data[stop:]))))
    resp = doc.get("response") if isinstance(doc, dict) else None
    if not isinstance(resp, dict) or resp.get("body", 0) is not None:
        raise _NeedFullRead
    if resp.get("is_streaming") is not True:
        resp["body"] = unwrap(decode_json(body))  # one response object: read it all
        return _info(path, doc, None)
    if not body.startswith(b"["):
        raise _NeedFullRead
    items, count = _stream_head(body)
    if any(isinstance(item, str) for item in items):
        raise _NeedFullRead  # raw SSE lines: the adapter decides what a chunk is
    resp["body"] = items
    return _info(path, doc, count)


def _stream_head(body: bytes) -> tuple[list[Any], int]:
    """The first items of a pretty-printed JSON list, and how many there are."""
    if not body.endswith(b"]"):
        raise _NeedFullRead
    starts = [m.start() + 1 for m in _ITEM_START.finditer(body)]
    if not starts:
        if decode_json(body) != []:
            raise _NeedFullRead
        return [], 0
    close = body.rfind(b"\n")  # the line holding the closing bracket
    bounds = starts[: HEAD_ITEMS + 1] + ([close] if len(starts) <= HEAD_ITEMS else [])
    items = []
    for a, b in zip(bounds, bounds[1:]):
        piece = body[a:b].rstrip()
        if piece.endswith(b","):
            piece = piece[:-1]
        items.append(unwrap(decode_json(piece)))
    return items, len(starts)


def _info(path: str, doc: dict, chunks: int | None) -> HeadInfo:
    env = make_envelope(path, doc)
    adapter = registry.pick_adapter(env)
    return HeadInfo(env.test_id, env.endpoint, env.model, adapter.name, env.streaming,
                    chunks if env.streaming else None)


# ----------------------------------------------------------------- full read
def _full(path: str, data: bytes) -> HeadInfo | RecordingError:
    try:
        doc = unwrap(decode_json(data))
    except RecordingLoadError as exc:
        return RecordingError(path, str(exc))
    rec = registry.recording_from_document(path, doc, len(data))
    if isinstance(rec, RecordingError):
        return rec
    return HeadInfo(rec.test_id, rec.endpoint, rec.model, rec.format, rec.streaming,
                    rec.chunk_count)
