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
from recviewer.core.cassettes.safe_yaml import YamlRefused, load_yaml
from recviewer.core.cassettes.test_ids import cassette_test_id
from recviewer.core.errors import RecordingError
from recviewer.core.formats import anthropic_messages, http
from recviewer.core.formats.base import endpoint_of
from recviewer.core.formats.parts.eventstream import count_frames
from recviewer.core.model import Recording

from recviewer.core.cassettes.open import EMPTY_FORMAT  # the one entry of an empty cassette


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


# Every pattern starts with a literal newline (no ``^`` with re.M): the regex
# engine then jumps from newline to newline at memchr speed. The scan runs on
# the data with a newline put in front, so the first line is found too.
_ITEM = re.compile(rb"\n- ")
_TOP_KEY = re.compile(rb"\n[A-Za-z_]")
_METHOD = re.compile(rb"\n    method: ([^\r\n]+)")
_URI = re.compile(rb"\n    uri: ([^\r\n]+)")
_RESPONSE = re.compile(rb"\n  response:")
_STATUS = re.compile(rb"\n    status:\r?\n      code: (\d+)")
_CTYPE = re.compile(rb"\n      (?i:content-type):\r?\n      - ([^\r\n]+)")
_REQ_MODEL = re.compile(rb"\n      model: ([^\r\n]+)")
_BODY_MODEL = re.compile(rb'"model": ?"([^"\\]+)"')
_LITERAL = re.compile(rb"\n      string: [|][-+]?\r?\n")
_BINARY = re.compile(rb"\n      string: !!binary [|]\r?\n((?:        [A-Za-z0-9+/=]+\r?\n)+)")
_DATA = b"\n        data:"
_DATA_JSON = (b"\n        data: {", b"\n        data:{", b"\n        data: [", b"\n        data:[")
_DONE = (b"\n        data: [DONE]", b"\n        data:[DONE]")
# Anchors / aliases (a safe parse expands them; the line scan cannot) and tags
# the full parse refuses: both go to the full parse.
_ANCHOR_AT = (b": &", b"- &", b": *", b"- *")
_ANCHOR = re.compile(rb"[&*][A-Za-z0-9_-]+[ \t]*\r?\n")


def _has_anchor(data: bytes) -> bool:
    for marker in _ANCHOR_AT:
        at = data.find(marker)
        while at >= 0:
            if _ANCHOR.match(data, at + 2):
                return True
            at = data.find(marker, at + 3)
    return False


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
    if m:
        block = resp[m.end() - 1:]
        data, done, any_data = _DATA_JSON, _DONE, _DATA
    else:  # a quoted body: parse that one scalar only, count in its text
        block = b"\n" + _quoted_body(resp).replace(b"\r\n", b"\n")
        data = tuple(d.replace(b"        ", b"") for d in _DATA_JSON)
        done = tuple(d.replace(b"        ", b"") for d in _DONE)
        any_data = _DATA.replace(b"        ", b"")
    if fmt in (anthropic_messages.ADAPTER.name, http.ADAPTER.name):
        return block.count(any_data)
    return sum(block.count(d) for d in data) - sum(block.count(d) for d in done)


_QUOTED = re.compile(rb"\n      string: (?=[\"'])")
_NEXT_KEY = re.compile(rb"\n    [A-Za-z_]")


def _quoted_body(resp: bytes) -> bytes:
    m = _QUOTED.search(resp)
    if not m:
        raise _Full
    end = _NEXT_KEY.search(resp, m.end())
    try:
        value = load_yaml(b"s: " + resp[m.end():end.start() if end else len(resp)])
    except YamlRefused:
        raise _Full from None
    text = value.get("s") if isinstance(value, dict) else None
    if not isinstance(text, str):
        raise _Full
    return text.encode("utf-8", "surrogatepass")


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
    if b"!!python" in data or _has_anchor(data):
        raise _Full
    data = b"\n" + data
    start = re.search(rb"\ninteractions:[ ]*(\[\])?[ ]*\r?\n", data)
    if not start:
        raise _Full
    if start.group(1):
        return []
    body_start = start.end() - 1
    end_m = _TOP_KEY.search(data, body_start)
    end = end_m.start() if end_m else len(data)
    region = data[body_start:end]
    starts = [m.start() for m in _ITEM.finditer(region)]
    if not starts:
        raise _Full
    blocks = [region[a:b] for a, b in zip(starts, starts[1:] + [len(region)])]
    first = blocks[0]
    if first.startswith((b"\n- request:", b"\n- response:")):
        return [_http_head(i, b) for i, b in enumerate(blocks)]
    if b"\n  direction: " in first or first.startswith(b"\n- direction:"):
        return [InteractionHead(0, None, None, WEBSOCKET, True, len(blocks), None)]
    raise _Full


def entry_count(path: str, rel_path: str, data: bytes) -> int:
    """How many catalog entries ``REL#N`` the cassette has (0: its one entry is
    ``REL``: empty or unreadable). Counts the interaction lines when the layout
    is the one the line scan reads, else reads the heads (live reload's
    baseline: it must not cost a parse of every cassette)."""
    try:
        if data[:2] == b"\x1f\x8b" or data.lstrip()[:1] in (b"{", b"[") or b"!!python" in data:
            raise _Full
        text = b"\n" + data
        start = re.search(rb"\ninteractions:[ ]*(\[\])?[ ]*\r?\n", text)
        if not start or _has_anchor(data):
            raise _Full
        if start.group(1):
            return 0
        end_m = _TOP_KEY.search(text, start.end() - 1)
        region = text[start.end() - 1:end_m.start() if end_m else len(text)]
        if not region.startswith((b"\n- request:", b"\n- response:")):
            raise _Full  # websocket logs and other layouts: the heads say
        return region.count(b"\n- ")
    except _Full:
        pass
    _, heads = cassette_heads(path, rel_path, data)
    if isinstance(heads, RecordingError):
        return 0
    return sum(1 for h in heads if h.index is not None)


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
           "entry_count", "full_heads"]
