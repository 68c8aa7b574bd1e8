"""Read what the catalog needs from one recording without parsing its stream.

Recordings are written by ``json.dump(..., indent=2)``, so the layout tells
where things are: top-level keys sit on lines indented by two spaces, the keys
of ``response`` by four, and the items of a streamed ``response.body`` list by
six. A raw newline never occurs inside a JSON string, so these line starts are
never inside a value. The head is the whole document with the body value cut
out (replaced by ``null``); it is parsed for real, so a file laid out in any
other way fails that parse and falls back to a full read.

Of a streamed body only the first item is parsed. The items are counted, and
the body's end proven, by one literal search for the closing lines of object
items (a stream is a list of objects, each opening and closing on its own
line); any other list goes to the full read. The format is picked by the
registry's own adapters on an Envelope built from the head, so it is what
``read_recording`` would pick as long as the adapters decide on the first item
of a stream (they all look at ``body[0]``).

Cost (profiled on 30k files): the stream body is never copied; its end is found
from the end of the file (only the tail is read) and proven by the one pass
that counts the items; the head is unwrapped only when it can hold an envelope,
and only the first item is parsed.
"""

from __future__ import annotations

import re
import sys
import threading
import types
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

import orjson

from recviewer.core.tool_names import tool_names
from recviewer.core import gist as _gist
from recviewer.core.errors import RecordingError, RecordingLoadError
from recviewer.core.formats import registry
from recviewer.core.formats.base import make_envelope
from recviewer.core.formats.parts.errors import call_failed, recorded_status
from recviewer.core.load import DATA_KEY, TYPE_KEY, decode_json, unwrap

# ``GISTS``: compute HeadInfo.gist (the index benchmark times both ways). Read
# per thread: ``gists_on`` switches them for the calling thread only (the
# window lists a folder without gists on its scan thread while another thread
# reads with them); ``head.GISTS = x`` sets the default of every thread.
_GISTS_DEFAULT = True
_GISTS_LOCAL = threading.local()
HEAD_ITEMS = 1  # stream items an Envelope built from the head holds (the adapters read body[0])
NEAR_DEPTH = 4  # nesting unwrapped in a response body: envelope, data, [0], its envelope

_PRETTY_START = re.compile(rb'\{\r?\n  "')
_RESPONSE_KEY = b'\n  "response": '
_BODY_KEY = b'\n    "body": '
_TOP_LINE = re.compile(rb'\n  [}\]"]')  # a line of the top-level object itself
_OBJECT_ITEM = re.compile(rb"\n      \{")  # a literal pattern: searched at memory speed
_OBJECT_OPENS = b"\n      {\n"  # an object item opening on its own line
_NEXT_OBJECT = b",\n      {\n"  # what follows an item's closing line when an object comes next
# The closing line of an object item, then the next object item opening, the
# list's end, or (empty group) anything else: the search runs to a literal prefix.
_ITEM_CLOSE = re.compile(rb"\n      \}(,\n      \{\n|\n    \]|)")
_CLOSE = {b"[": b"\n    ]", b"{": b"\n    }"}
# "_", "t", "y", "p", "e" written as \u escapes: a key that may decode to "__type__".
_ESCAPED_TYPE = re.compile(rb"\\u00(?:5[fF]|7[049]|65)")
# How a format's stream spells a tool call, pretty-printed (a stream of that
# format without any of them asks for no tool, and its gist needs no item past
# the first). Literal searches, at memory speed; formats not listed read items.
_CALL_SPELLINGS = {"openai_chat": (b'"tool_calls": [',)}  # its deltas carry no function_call


@dataclass(slots=True, frozen=True)
class HeadInfo:
    """What the catalog shows of one file."""

    test_id: str | None
    endpoint: str | None
    model: str | None
    format: str
    streaming: bool
    chunks: int | None
    tools: tuple[str, ...] = ()
    status: int | None = None  # HTTP status when recorded
    failed: bool = False  # HTTP status >= 400 or a recorded exception
    gist: str | None = None  # one line saying what the call is (core/gist.py)


def _gists() -> bool:
    """Whether the calling thread computes row gists (``GISTS``)."""
    on = getattr(_GISTS_LOCAL, "on", None)
    return _GISTS_DEFAULT if on is None else on


class _HeadModule(types.ModuleType):
    """This module, with ``GISTS`` read per thread (``_gists``) and set for all."""

    @property
    def GISTS(self) -> bool:  # noqa: N802 - a module constant's name
        return _gists()

    @GISTS.setter
    def GISTS(self, on: bool) -> None:  # noqa: N802
        global _GISTS_DEFAULT
        _GISTS_DEFAULT = bool(on)


sys.modules[__name__].__class__ = _HeadModule


@contextmanager
def gists_on(on: bool) -> Iterator[None]:
    """``GISTS`` is ``on`` in the calling thread inside the block
    (``recviewer-cli index`` prints no gist, so it computes none; pool workers
    follow the thread that hands them files; the window's scan thread lists
    rows without them, other threads keep theirs)."""
    old = getattr(_GISTS_LOCAL, "on", None)
    _GISTS_LOCAL.on = bool(on)
    try:
        yield
    finally:
        _GISTS_LOCAL.on = old


def _tools() -> bool:
    """Whether the calling thread reads the tool names a request offers (``tools_on``)."""
    on = getattr(_GISTS_LOCAL, "tools", None)
    return True if on is None else on


def tools_wanted() -> bool:
    """``_tools()``: the catalog cache notes whether its rows hold tool names."""
    return _tools()


@contextmanager
def tools_on(on: bool) -> Iterator[None]:
    """Tool names (``HeadInfo.tools``) are read in the calling thread only when
    ``on`` inside the block (``recviewer-cli index`` prints none, so it reads
    none; pool workers follow the thread that hands them files)."""
    old = getattr(_GISTS_LOCAL, "tools", None)
    _GISTS_LOCAL.tools = bool(on)
    try:
        yield
    finally:
        _GISTS_LOCAL.tools = old


class _NeedFullRead(Exception):
    """The cheap path cannot tell; read the whole document."""


def read_head(path: str, data: bytes) -> HeadInfo | RecordingError:
    """Catalog facts for ``data`` (the bytes of the file at ``path``)."""
    try:
        return _cheap(path, data)
    except (_NeedFullRead, RecordingLoadError):
        return _full(path, data)


# ----------------------------------------------------------------- cheap path
def _cheap(path: str, data: bytes) -> HeadInfo | RecordingError:
    if not _PRETTY_START.match(data):
        raise _NeedFullRead
    response = data.find(_RESPONSE_KEY)
    if response < 0:
        raise _NeedFullRead
    body_key = data.find(_BODY_KEY, response)
    if body_key < 0 or _TOP_LINE.search(data, response + len(_RESPONSE_KEY), body_key):
        raise _NeedFullRead  # no body in the response: nothing to gain
    start = body_key + len(_BODY_KEY)
    stop, multiline = _value_end(data, start)
    if data.find(_BODY_KEY, stop) >= 0 or data.find(_RESPONSE_KEY, stop) >= 0:
        raise _NeedFullRead  # a repeated key: the last one wins, let the real parser decide
    view = memoryview(data)
    head = b"".join((view[:start], b"null", view[stop:]))  # one copy, not three
    doc = _loads(head)
    if _may_unwrap(head):
        doc = unwrap(doc)
    resp = doc.get("response") if isinstance(doc, dict) else None
    if not isinstance(resp, dict) or resp.get("body", 0) is not None:
        raise _NeedFullRead
    if resp.get("is_streaming") is not True:
        piece = data[start:stop]  # one response object: read it all
        resp["body"] = _unwrap_body(_loads(piece), piece)
        return _info(path, doc, None)
    if data[start:start + 1] != b"[":
        raise _NeedFullRead
    more = None
    if multiline:
        items, count = _stream_head(data, start, stop)
        more = _ItemReader(data, start, stop)
    else:  # a list on one line ("[]" as json.dump writes an empty one)
        items = unwrap(_loads(data[start:stop]))
        count = len(items)
        items = items[:HEAD_ITEMS]
    if any(isinstance(item, str) for item in items):
        raise _NeedFullRead  # raw SSE lines: the adapter decides what a chunk is
    resp["body"] = items
    return _info(path, doc, count, more, (data, start, stop))


def _loads(piece: bytes) -> Any:
    """``decode_json(piece)`` for a piece of a file that starts as UTF-8 JSON
    (``_PRETTY_START``): orjson first, without the encoding sniff; what it
    refuses (NaN, a BOM, other encodings, bad bytes) goes to ``decode_json``,
    so the result is the same."""
    try:
        return orjson.loads(piece)
    except orjson.JSONDecodeError:
        return decode_json(piece)


def _value_end(data: bytes, start: int) -> tuple[int, bool]:
    """Where the body value starting at ``start`` ends; True if it spans lines.

    A multi-line value closes with the first line at its own indent after it.
    The last such line in the file is taken (searched from the end: only the
    tail is read); the caller proves no line at that indent comes before it.
    """
    eol = data.find(b"\n", start)
    if eol < 0:
        raise _NeedFullRead
    first = data[start:eol].rstrip()
    close = _CLOSE.get(first)
    if close is None:  # one line: null, [], {}, a number or a string
        return start + len(first.rstrip(b",")), False
    end = data.rfind(close, eol)
    if end < 0:
        raise _NeedFullRead
    return end + len(close), True


def _may_unwrap(head: bytes) -> bool:
    """False when ``unwrap`` would change nothing the catalog reads: no key can
    be ``__type__``. (Nesting too deep to open is reported when the file is
    opened; the catalog never walks the head recursively.)"""
    return b"__type__" in head or (b"\\u00" in head and _ESCAPED_TYPE.search(head) is not None)


def _stream_head(data: bytes, start: int, stop: int) -> tuple[list[Any], int]:
    """The first item of the pretty-printed list ``data[start:stop]`` and how
    many there are, once it is proven that ``stop`` is the list's real end.
    Lists of anything but objects on their own lines (raw SSE lines, numbers,
    hand-joined items) are rare: the full read decides for them."""
    close = data.rfind(b"\n", start, stop)  # the line holding the closing bracket
    count = _object_items(data, start, close)
    if count is None:
        raise _NeedFullRead
    first = data.find(b"\n", start) + 1
    second = _OBJECT_ITEM.search(data, first, close)
    return [_item(data, first, second.start() + 1 if second else close)], count


def _first_items(data: bytes, start: int, stop: int, limit: int) -> list[Any]:
    """The first ``limit`` items of a stream list already proven by
    ``_stream_head`` (for the gist, when the first item is not enough)."""
    close = data.rfind(b"\n", start, stop)
    begin = data.find(b"\n", start) + 1
    items: list[Any] = []
    while len(items) < limit and begin < close:
        nxt = _OBJECT_ITEM.search(data, begin + 1, close)
        end = nxt.start() + 1 if nxt else close
        items.append(_item(data, begin, end))
        begin = end
    return items


class _ItemReader:
    """``_first_items`` for the gist, each item parsed once however often the
    gist asks for more (it asks for 3, then 12, then 48 while a tool call's
    arguments are incomplete)."""

    __slots__ = ("_data", "_begin", "_close", "_items")

    def __init__(self, data: bytes, start: int, stop: int) -> None:
        self._data = data
        self._close = data.rfind(b"\n", start, stop)
        self._begin = data.find(b"\n", start) + 1
        self._items: list[Any] = []

    def __call__(self, limit: int) -> list[Any]:
        data, close, items = self._data, self._close, self._items
        begin = self._begin
        while len(items) < limit and begin < close:
            nxt = _OBJECT_ITEM.search(data, begin + 1, close)
            end = nxt.start() + 1 if nxt else close
            items.append(_item(data, begin, end))
            begin = end
        self._begin = begin
        return items[:limit]


def _object_items(data: bytes, start: int, close: int) -> int | None:
    """How many items the list has when all are objects on their own lines, the
    usual stream (None: use the general count). One literal search, which runs
    at memory speed: the closing line of each object item and what follows it.
    The first item opens an object on its own line, and every closing line but
    the last is followed by the next object opening on its own line: so the
    items are objects only, one closing line each. The last closing line ends
    the search at ``close`` (nothing follows it there); a list that ended
    earlier would show as a closing line followed by the list's end."""
    first = data.find(b"\n", start)
    if data[first:first + 9] != _OBJECT_OPENS or data[close - 8:close] != b"\n      }":
        return None
    found = _ITEM_CLOSE.findall(data, first, close)
    if not found or found[-1] or found.count(_NEXT_OBJECT) != len(found) - 1:
        return None
    return len(found)


def _item(data: bytes, a: int, b: int) -> Any:
    piece = data[a:b].rstrip()
    if piece.endswith(b","):
        piece = piece[:-1]
    return _unwrap_body(_loads(piece), piece)


def _unwrap_body(value: Any, raw: bytes) -> Any:
    """A response body or stream item (``raw`` being its JSON) unwrapped as far
    as the adapters look. Usually a single envelope at the top, which the bytes
    prove (one ``__type__``, none escaped): then no walk at all."""
    if (isinstance(value, dict) and len(value) <= 3 and isinstance(value.get(DATA_KEY), dict)
            and TYPE_KEY in value and raw.count(b"__type__") == 1
            and _ESCAPED_TYPE.search(raw) is None):
        name = value[TYPE_KEY]
        out = {TYPE_KEY: name if isinstance(name, str) else repr(name)}
        out.update(value[DATA_KEY])
        return out
    return _unwrap_near(value)


def _unwrap_near(value: Any, depth: int = 0) -> Any:
    """``unwrap`` down to ``NEAR_DEPTH`` containers deep, and of a list only its
    first item; the rest stays as parsed. Enough for the adapters' ``matches``,
    which read no deeper than ``body["data"][0]["object"]`` (the corpus test
    proves the picks agree), and it saves walking every vector of an embeddings
    body or every part of a long answer. Nesting too deep to open is reported
    when the file is opened."""
    if depth > NEAR_DEPTH:
        return value
    if isinstance(value, dict):
        if TYPE_KEY in value and DATA_KEY in value and len(value) <= 3:
            inner = _unwrap_near(value[DATA_KEY], depth + 1)
            if not isinstance(inner, dict):
                return inner
            name = value[TYPE_KEY]
            out = {TYPE_KEY: name if isinstance(name, str) else repr(name)}
            out.update((k, v) for k, v in inner.items() if k != TYPE_KEY)
            return out
        return {k: _unwrap_near(v, depth + 1) if isinstance(v, (dict, list)) else v
                for k, v in value.items()}
    if isinstance(value, list) and value and isinstance(value[0], (dict, list)):
        return [_unwrap_near(value[0], depth + 1), *value[1:]]  # adapters read item 0 only
    return value


def _info(path: str, doc: dict, chunks: int | None,
          more: _gist.MoreItems | None = None,
          stream: tuple[bytes, int, int] | None = None) -> HeadInfo | RecordingError:
    problem = registry.shape_problem(doc)
    if problem is not None:
        return RecordingError(path, problem)
    env = make_envelope(path, doc)
    adapter = registry.pick_adapter(env)
    calls = True
    if _gists() and stream is not None and adapter.name in _CALL_SPELLINGS:
        data, start, stop = stream
        calls = any(data.find(s, start, stop) >= 0 for s in _CALL_SPELLINGS[adapter.name])
    return HeadInfo(env.test_id, env.endpoint, env.model, adapter.name, env.streaming,
                    chunks if env.streaming else None,
                    tool_names(doc, adapter.tool_places) if _tools() else (),
                    recorded_status(env.response), call_failed(env.response),
                    _gist.gist_of_head(env, adapter, more, calls) if _gists() else None)


# ----------------------------------------------------------------- full read
def _tool_names_of(doc: Any, format_name: str) -> tuple[str, ...]:
    adapter = registry.adapter_named(format_name)
    return tool_names(doc, adapter.tool_places) if adapter is not None else tool_names(doc)


def _full(path: str, data: bytes) -> HeadInfo | RecordingError:
    try:
        doc = unwrap(decode_json(data))
    except RecordingLoadError as exc:
        return RecordingError(path, str(exc))
    rec = registry.recording_from_document(path, doc, len(data))
    if isinstance(rec, RecordingError):
        return rec
    response = doc.get("response") if isinstance(doc, dict) else None
    response = response if isinstance(response, dict) else {}
    return HeadInfo(rec.test_id, rec.endpoint, rec.model, rec.format, rec.streaming,
                    rec.chunk_count, _tool_names_of(doc, rec.format) if _tools() else (),
                    recorded_status(response),
                    call_failed(response), _gist.gist_of(rec) if _gists() else None)
