"""What the catalog lists of a cassette, without a YAML parse when it can.

vcrpy's YAML layout (PyYAML block style, as vcrpy and pydantic-ai write it)
puts every interaction at a column-0 ``- `` line; the request's ``method`` and
``uri`` sit at indent 4, ``  response:`` at indent 2, the status code right
under ``    status:``, header values under ``      content-type:``. Block
scalars are always indented deeper, so those lines are never inside a value.
A stream's events are counted by their ``data:`` lines inside the literal
block; an eventstream body is base64-decoded and its frames counted by their
length fields. Anything else (flow style, anchors, ``!!python`` tags, gzip,
JSON, gRPC files, quoted SSE bodies) is parsed for real (``full_heads``), so
the facts are always those a full open gives.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from recviewer.core.cassettes.cassette import parse_cassette
from recviewer.core.cassettes.convert import (
    GRPC, WEBSOCKET, cassette_recordings, is_streamed, model_from_url, route,
)
from recviewer.core.cassettes.test_ids import cassette_test_id
from recviewer.core.errors import RecordingError
from recviewer.core.formats import anthropic_messages, http
from recviewer.core.formats.base import endpoint_of
from recviewer.core.formats.parts.eventstream import count_frames
from recviewer.core.model import Recording

EMPTY_FORMAT = "cassette"  # the format of the one entry of an empty cassette


@dataclass(slots=True, frozen=True)
class InteractionHead:
    index: int | None  # None: the entry of an empty cassette
    endpoint: str | None
    model: str | None
    format: str
    streaming: bool
    chunks: int | None
    status: int | None


class _Full(Exception):
    """The cheap scan cannot tell: parse the file."""


_ITEM = re.compile(rb"^- ", re.M)
_TOP_KEY = re.compile(rb"^[A-Za-z_]", re.M)
_METHOD = re.compile(rb"^    method: (.+)$", re.M)
_URI = re.compile(rb"^    uri: (.+)$", re.M)
_RESPONSE = re.compile(rb"^  response:", re.M)
_STATUS = re.compile(rb"^    status:\r?\n      code: (\d+)", re.M)
_CTYPE = re.compile(rb"^      content-type:\r?\n      - (.+)$", re.M | re.I)
_REQ_MODEL = re.compile(rb"^      model: (.+)$", re.M)
_BODY_MODEL = re.compile(rb'"model": ?"([^"\\]+)"')
_LITERAL = re.compile(rb"^      string: [|][-+]?\r?\n", re.M)
_BINARY = re.compile(rb"^      string: !!binary [|]\r?\n((?:        [A-Za-z0-9+/=]+\r?\n)+)", re.M)
_DATA_JSON = re.compile(rb"^        data: ?(?:\{|\[(?!DONE\]))", re.M)
_DATA_ANY = re.compile(rb"^        data:", re.M)
# Anchors / aliases (a safe parse expands them; the line scan cannot) and tags
# the full parse refuses: both go to the full parse.
_UNSAFE = re.compile(rb"(?:^|[:-] )[&*][A-Za-z0-9_-]+[ \t]*$|!!python", re.M)


def _scalar(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if text[:1] in ('"', "!", "{", "[", "|", ">", "&", "*"):
        raise _Full
    return text


def _content_type(resp: bytes) -> str | None:
    m = _CTYPE.search(resp)
    if not m:
        return None
    value = m.group(1)
    if value.startswith(b"!!binary"):
        rest = resp[m.end():]
        lines = re.match(rb"(?:\r?\n        [A-Za-z0-9+/=]+)+", rest)
        if not lines:
            raise _Full
        try:
            return base64.b64decode(b"".join(lines.group(0).split())).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            raise _Full from None
    return _scalar(value)


def _chunks(fmt: str, media: str | None, resp: bytes) -> int:
    if media == "application/vnd.amazon.eventstream":
        m = _BINARY.search(resp)
        if not m:
            raise _Full
        try:
            return count_frames(base64.b64decode(b"".join(m.group(1).split())))
        except (binascii.Error, ValueError):
            raise _Full from None
    m = _LITERAL.search(resp)
    if not m:
        raise _Full
    block = resp[m.end():]
    if fmt in (anthropic_messages.ADAPTER.name, http.ADAPTER.name):
        return len(_DATA_ANY.findall(block))
    return len(_DATA_JSON.findall(block))


def _http_head(index: int, block: bytes) -> InteractionHead:
    split = _RESPONSE.search(block)
    if not split:
        raise _Full
    req, resp = block[:split.start()], block[split.end():]
    method_m, uri_m = _METHOD.search(req), _URI.search(req)
    if not uri_m or b"parsed_body:\n    " in req and b"\n    body:" in req:
        raise _Full
    method = _scalar(method_m.group(1)).upper() if method_m else None
    uri = _scalar(uri_m.group(1))
    status_m = _STATUS.search(resp)
    status = int(status_m.group(1)) if status_m else None
    media = _content_type(resp)
    media = media.split(";", 1)[0].strip().lower() if media else None
    fmt = route(method, uri, b"jsonrpc" in req, b"messages" in req)
    model = model_from_url(uri)
    if model is None:
        m = _REQ_MODEL.search(req) if b"\n    parsed_body:" in req else None
        if m:
            model = _scalar(m.group(1))
        else:
            m = _BODY_MODEL.search(req)
            model = m.group(1).decode("utf-8", "replace") if m else None
    streaming = is_streamed(media) and b"\n    body:\n      string:" in resp
    chunks = _chunks(fmt, media, resp) if streaming else None
    return InteractionHead(index, endpoint_of(uri), model, fmt, streaming, chunks, status)


def cheap_heads(data: bytes) -> list[InteractionHead]:
    """The heads by a line scan; raises ``_Full`` when the layout is not the
    one described above."""
    if data[:2] == b"\x1f\x8b" or data.lstrip()[:1] in (b"{", b"["):
        raise _Full
    if _UNSAFE.search(data):
        raise _Full
    start = re.search(rb"^interactions:[ ]*(\[\])?[ ]*\r?$", data, re.M)
    if not start:
        raise _Full
    if start.group(1):
        return []
    body_start = start.end()
    end_m = _TOP_KEY.search(data, body_start)
    end = end_m.start() if end_m else len(data)
    region = data[body_start:end]
    starts = [m.start() for m in _ITEM.finditer(region)]
    if not starts:
        raise _Full
    blocks = [region[a:b] for a, b in zip(starts, starts[1:] + [len(region)])]
    first = blocks[0]
    if first.startswith(b"- request:") or first.startswith(b"- response:"):
        return [_http_head(i, b) for i, b in enumerate(blocks)]
    if re.search(rb"^  direction: ", first, re.M) or first.startswith(b"- direction:"):
        return [InteractionHead(0, None, None, WEBSOCKET, True, len(blocks), None)]
    raise _Full


def full_heads(path: str, data: bytes, test_id: str | None) -> list[InteractionHead] | RecordingError:
    cas = parse_cassette(path, data)
    if isinstance(cas, RecordingError):
        return cas
    out = []
    for rec in cassette_recordings(cas, test_id):
        if not isinstance(rec, Recording):
            return rec
        index = int(rec.path.rpartition("#")[2])
        out.append(InteractionHead(index, rec.endpoint, rec.model, rec.format, rec.streaming,
                                   rec.chunk_count, rec.status))
    return out


def cassette_heads(path: str, rel_path: str, data: bytes
                   ) -> tuple[str, list[InteractionHead] | RecordingError]:
    """(test id, the heads of every interaction — or why the file is not a
    readable cassette). An empty cassette has one head with index None."""
    test_id = cassette_test_id(rel_path)
    try:
        heads: list[InteractionHead] | RecordingError = cheap_heads(data)
    except _Full:
        heads = full_heads(path, data, test_id)
    if isinstance(heads, list) and not heads:
        heads = [InteractionHead(None, None, None, EMPTY_FORMAT, False, None, None)]
    return test_id, heads


__all__ = ["EMPTY_FORMAT", "GRPC", "InteractionHead", "cassette_heads", "cheap_heads",
           "full_heads"]
