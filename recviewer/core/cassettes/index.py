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

from recviewer.core.cassettes.cassette import http_interaction, parse_cassette
from recviewer.core.cassettes.convert import (
    ADAPTERS, GRPC, WEBSOCKET, cassette_recordings, interaction_recording, is_streamed,
    model_from_url, route,
)
from recviewer.core.cassettes.safe_yaml import YamlRefused, load_yaml
from recviewer.core.cassettes.test_ids import cassette_test_id
from recviewer.core.errors import RecordingError
from recviewer.core.formats import anthropic_messages, http
from recviewer.core.formats.base import endpoint_of
from recviewer.core.formats.parts.eventstream import count_frames
from recviewer.core.gist import _decided, gist_of
from recviewer.core.model import Recording
from recviewer.core.tool_names import tool_names

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
    tools: tuple[str, ...] = ()  # tool names the request declares
    gist: str | None = None  # core/gist.py's line (only when asked for: ``gists``)


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


# How a response spells a tool call (JSON keys quoted in SSE/JSON strings, bare
# in a parsed_body): when none is there, the request alone decides the gist.
_CALLS = re.compile(
    rb'"tool_calls": ?\[\s*\{|\n *tool_calls:\r?\n *- |"function_call": ?\{|\n *function_call:\r?\n|'
    rb'type"?: ?"?(?:function_call|tool_use|server_tool_use|mcp_call|custom_tool_call)\b|'
    rb'functionCall|toolUse')
_HEADERS = re.compile(rb"\n    headers:\r?\n((?:      [^\r\n]*\r?\n)*)")
_KEEP_HEADERS = (b"content-type", b"content-encoding")


def _slim_headers(text: bytes) -> bytes:
    """Header blocks cut to the two headers body decoding reads (most of a
    block's YAML nodes are headers); a block of another layout stays whole."""
    def slim(m: re.Match) -> bytes:
        lines = m.group(1).splitlines(keepends=True)
        kept: list[bytes] = []
        keep = False
        for line in lines:
            if line.startswith(b"      - "):
                if keep:
                    kept.append(line)
            elif line.rstrip().endswith(b":") and line[6:7] not in (b" ", b"-"):
                keep = line.strip()[:-1].lower() in _KEEP_HEADERS
                if keep:
                    kept.append(line)
            else:
                return m.group(0)
        return b"\n    headers:\n" + b"".join(kept) if kept else b"\n"
    return _HEADERS.sub(slim, text)


def _block_item(text: bytes) -> dict:
    try:
        doc = load_yaml(text)
    except YamlRefused:
        raise _Full from None
    item = doc[0] if isinstance(doc, list) and doc else None
    if not isinstance(item, dict):
        raise _Full
    return item


_LITERAL_AT = re.compile(rb"\n      string: [|]([-+]?)\r?\n")
_LITERAL_END = re.compile(rb"\n(?: {0,7}[^ \r\n])")


def _literal_item(block: bytes) -> dict | None:
    """The block parsed with its response body's literal block (an SSE
    stream) cut out and re-made by hand: the YAML parser then reads only the
    small rest. None when the body is not such a block."""
    m = _LITERAL_AT.search(block, block.find(b"\n  response:"))
    if not m or block.find(b"\n  response:") < 0:
        return None
    end_m = _LITERAL_END.search(block, m.end() - 1)
    end = end_m.start() if end_m else len(block)
    lines = block[m.end():end].split(b"\n")
    if any(line[:8].strip() for line in lines):
        return None  # a line not indented by 8: not the layout described
    try:
        text = "\n".join(line[8:].decode("utf-8") for line in lines)
    except UnicodeDecodeError:
        return None
    if m.group(1) != b"+":
        text = text.rstrip("\n") + ("" if m.group(1) == b"-" else "\n")
    item = _block_item(block[:m.start()] + b"\n      string: ''" + block[end:])
    body = item.get("response", {}).get("body") if isinstance(item.get("response"), dict) \
        else None
    if not isinstance(body, dict) or body.get("string") != "":
        return None
    body["string"] = text
    return item


def _block_recording(index: int, block: bytes, split: int | None, path: str,
                     test_id: str | None) -> Recording:
    """The interaction of one block as a Recording: the request part alone
    (``split``: where ``  response:`` starts) or the whole block."""
    item = (_literal_item(block) if split is None else None) or \
        _block_item(block if split is None else block[:split])
    inter = http_interaction(index, item.get("request"), item.get("response"), item)
    rec = interaction_recording(f"{path}#{index}", inter, test_id)
    if not isinstance(rec, Recording):
        raise _Full
    return rec


def recording_facts(rec: Recording) -> tuple[tuple[str, ...], str | None]:
    """(tool names, gist) of an interaction read whole."""
    adapter = ADAPTERS.get(rec.format)
    doc = {"request": {"body": rec.request_body}}
    tools = tool_names(doc, adapter.tool_places) if adapter is not None else tool_names(doc)
    return tools, gist_of(rec)


# A parsed_body's history (indent 6) and the bulky parts of tool definitions:
# the gist needs the last message, the tools only their names.
_HISTORY = re.compile(rb"\n      (?:messages|contents|input):[ ]*\r?\n")
_LIST_END = re.compile(rb"\n(?: {0,5}[^ \r\n]| {6}[^ \-\r\n])")
_LIST_ITEM = re.compile(rb"\n      - ")
_BULKY = re.compile(rb"( *)(?:- )?(?:parameters|input_schema|inputSchema|parametersJsonSchema|"
                    rb"properties|json|description):")


def _trimmed_request(req: bytes) -> bytes | None:
    """The request part with only the last history item and tool definitions
    cut to their names (None: nothing to cut)."""
    if b"\n    parsed_body:" not in req:
        return None
    out = req
    m = _HISTORY.search(out)
    if m:
        end_m = _LIST_END.search(out, m.end() - 1)
        end = end_m.start() if end_m else len(out)
        items = [i.start() for i in _LIST_ITEM.finditer(out, m.end() - 1, end)]
        if len(items) > 1:
            out = out[:items[0]] + out[items[-1]:]
    tools = out.find(b"tools:")
    if tools < 0:
        return out
    kept: list[bytes] = []
    skip = -1  # skip lines indented deeper than this
    lines = out[tools:].split(b"\n")
    for line in lines:
        indent = len(line) - len(line.lstrip(b" "))
        if skip >= 0:
            if indent > skip or not line.strip():
                continue
            skip = -1
        b = _BULKY.match(line)
        if b:
            skip = len(b.group(1)) + (2 if line[len(b.group(1)):].startswith(b"- ") else 0)
        kept.append(line)
    return out[:tools] + b"\n".join(kept)


def _block_facts(index: int, block: bytes, split: int, media: str | None, path: str,
                 test_id: str | None) -> tuple[tuple[str, ...], str | None]:
    """Tools and gist of one block: from its request part (history and tool
    schemas cut) when the response spells no tool call (a stream's events are
    then never parsed), else with the response too; when that says nothing
    (or cutting could change it), from the whole block."""
    resp = block[split:]
    whole = media == "application/vnd.amazon.eventstream" or _CALLS.search(resp) is not None
    trimmed = _trimmed_request(block[:split])
    if trimmed is not None:
        trimmed = _slim_headers(trimmed)
        resp = _slim_headers(resp) if whole else resp
    if trimmed is not None:
        try:
            rec = _block_recording(index, trimmed + (resp if whole else b""),
                                   None if whole else len(trimmed), path, test_id)
        except _Full:
            rec = None
        if rec is not None and _decided(rec.format, rec.exchange):
            tools, gist = recording_facts(rec)
            if gist is not None:
                return tools, gist
    elif not whole:
        tools, gist = recording_facts(_block_recording(index, block, split, path, test_id))
        if gist is not None:
            return tools, gist
    return recording_facts(_block_recording(index, block, None, path, test_id))


def _http_head(index: int, block: bytes, gists: bool = False, path: str = "",
               test_id: str | None = None) -> InteractionHead:
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
    tools, gist = _block_facts(index, block, split.start(), media, path, test_id) if gists \
        else ((), None)
    return InteractionHead(index, endpoint_of(uri), model, fmt, streaming, chunks, status,
                           tools, gist)


def cheap_heads(data: bytes, gists: bool = False, path: str = "",
                test_id: str | None = None) -> list[InteractionHead]:
    """The heads by a line scan; raises ``_Full`` when the layout is not the
    one described above. ``gists``: also each interaction's tools and gist
    (its request part parsed; the response only when it spells a tool call)."""
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
        return [_http_head(i, b, gists, path, test_id) for i, b in enumerate(blocks)]
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


def full_heads(path: str, data: bytes, test_id: str | None, gists: bool = False
               ) -> list[InteractionHead] | RecordingError:
    cas = parse_cassette(path, data)
    if isinstance(cas, RecordingError):
        return cas
    out = []
    for rec in cassette_recordings(cas, test_id):
        if not isinstance(rec, Recording):
            return rec
        index = int(rec.path.rpartition("#")[2])
        tools, gist = recording_facts(rec) if gists else ((), None)
        out.append(InteractionHead(index, rec.endpoint, rec.model, rec.format, rec.streaming,
                                   rec.chunk_count, rec.status, tools, gist))
    return out


def cassette_heads(path: str, rel_path: str, data: bytes, gists: bool = False
                   ) -> tuple[str, list[InteractionHead] | RecordingError]:
    """(test id, the heads of every interaction — or why the file is not a
    readable cassette). An empty cassette has one head with index None.
    ``gists``: the heads carry tools and gist too."""
    test_id = cassette_test_id(rel_path)
    try:
        heads: list[InteractionHead] | RecordingError = cheap_heads(data, gists, path, test_id)
    except _Full:
        heads = full_heads(path, data, test_id, gists)
    if isinstance(heads, list) and not heads:
        heads = [InteractionHead(None, None, None, EMPTY_FORMAT, False, None, None)]
    return test_id, heads


__all__ = ["EMPTY_FORMAT", "GRPC", "InteractionHead", "cassette_heads", "cheap_heads",
           "entry_count", "full_heads"]
