"""Explain a replay miss: which recording a request should have found, and why it did not.

The query is what the recorder saw: a request JSON ``{"method", "url",
"body"[, "test_id"]}`` (or a captured miss, see ``miss``), a whole recording
file, or the text of ogx's miss message (hash, model and URL only). The
answer: today's key, the recording named by it (``exact``) and the nearest
recordings (same test id first, then same endpoint + model, then the most
similar), each with a score in 0..1 and the request fields that differ,
found with ``core.diff.json_diff`` on the keyed views of both requests
(normalised as the recorder hashes them).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Callable

from recviewer.core.catalog.walk import display_text, walk_json
from recviewer.core.diff.json_diff import common_ends, diff_json
from recviewer.core.errors import RecordingError
from recviewer.core.keys.compute import (HTTP, INFERENCE, TOOL, KeyedRequest, loads_exact,
                                         read_raw, request_key, request_of, rewrite_url, url_path)
from recviewer.core.keys.miss import TOOL_SCHEME, parse_miss
from recviewer.core.keys.normalize import normalize
from recviewer.core.keys.verify import KeyStatus, classify, parse_name, stem_of
from recviewer.core.load import RecordingLoadError

REQUEST = "request"
RECORDING = "recording"
MESSAGE = "message"
MISS = "miss"

# Strings longer than this are cut around the change in a difference.
MAX_STRING = 160
_CONTEXT = 60
# At most this many recordings outside the test and endpoint + model get a full diff.
_MAX_OTHERS = 200

_HASH = re.compile(r"request hash:\s*([0-9a-f]{64})")
_MODEL_REQUEST = re.compile(r"Model:\s*(.*?)\s*\|\s*(?:Request:\s*([A-Za-z]+)\s+(\S+)|"
                            r"Endpoint:\s*(\S+))")
_HTTP_MISS = re.compile(r"Recording not found for httpx2 (?:stream )?(POST|GET)\s+(\S+)")


@dataclass(slots=True, frozen=True)
class Query:
    source: str  # REQUEST | RECORDING | MESSAGE | MISS
    request: KeyedRequest | None  # None for a miss message
    key: str | None
    model: str | None = None
    method: str | None = None
    url: str | None = None
    error: str | None = None


@dataclass(slots=True, frozen=True)
class Difference:
    path: str
    a: Any
    b: Any

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "a": jsonable(self.a), "b": jsonable(self.b)}


_INT64 = (-(1 << 63), (1 << 64) - 1)


def jsonable(value: Any) -> Any:
    """``value`` with integers beyond 64 bits as their decimal text (orjson,
    which writes the CLI's JSON, refuses them)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if _INT64[0] <= value <= _INT64[1] else str(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


@dataclass(slots=True, frozen=True)
class Candidate:
    path: str  # relative to the folder, as ``index`` prints it
    abs_path: str
    score: float
    differences: tuple[Difference, ...]
    status: KeyStatus | None

    def to_json(self) -> dict[str, Any]:
        return {"path": display_text(self.path), "score": self.score,
                "differences": [d.to_json() for d in self.differences]}


@dataclass(slots=True, frozen=True)
class Explanation:
    query: Query
    key: str | None
    exact: str | None
    nearest: tuple[Candidate, ...]

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "exact": None if self.exact is None else display_text(self.exact),
                "nearest": [c.to_json() for c in self.nearest]}


_UNSET: Any = object()


def _with_test_id(request: KeyedRequest, test_id: str | None) -> KeyedRequest:
    return KeyedRequest(request.kind, request.method, request.url, request.body, test_id,
                        request.provider, request.tool_name, request.stored_endpoint,
                        request.model)


def _key(request: KeyedRequest) -> str | None:
    try:
        return request_key(request)
    except (TypeError, ValueError, RecursionError):
        return None


def _request_json(doc: dict) -> KeyedRequest | None:
    """A bare request ``{"method", "url", "body"|"payload"[, "test_id"]}`` or a tool call."""
    test_id = doc.get("test_id") if isinstance(doc.get("test_id"), str) else None
    if "provider" in doc and "tool_name" in doc and "kwargs" in doc:
        return KeyedRequest(TOOL, body=doc["kwargs"], provider=doc["provider"],
                            tool_name=doc["tool_name"], test_id=test_id)
    url, method = doc.get("url"), doc.get("method")
    if not isinstance(url, str) or not isinstance(method, str):
        return None
    if "payload" in doc and "body" not in doc:
        return KeyedRequest(HTTP, method=method, url=url, body=doc["payload"], test_id=test_id)
    if "body" in doc:
        body = doc["body"]
        model = body.get("model") if isinstance(body, dict) else None
        return KeyedRequest(INFERENCE, method=method, url=rewrite_url(url), body=body,
                            test_id=test_id, model=model if isinstance(model, str) else None)
    return None


def _from_miss(doc: dict) -> Query | None:
    miss = parse_miss(doc)
    if miss is None:
        return None
    url = miss.url or ""
    if miss.kind == TOOL or url.startswith(TOOL_SCHEME):
        provider, _, tool_name = url[len(TOOL_SCHEME):].partition("/")
        request = KeyedRequest(TOOL, body=miss.body, provider=provider, tool_name=tool_name,
                               test_id=miss.test_id)
    elif miss.kind == HTTP:
        request = KeyedRequest(HTTP, method=miss.method, url=url, body=miss.body,
                               test_id=miss.test_id)
    else:
        request = _request_json({"method": miss.method, "url": miss.url, "body": miss.body,
                                 "test_id": miss.test_id})
    if request is None:
        return None
    return Query(MISS, request, miss.key or _key(request), request.model, request.method,
                 request.url, miss.error)


def parse_message(text: str) -> Query | None:
    """The hash, model and request of ogx's 'Recording not found…' message."""
    h = _HASH.search(text)
    m = _MODEL_REQUEST.search(text)
    http = _HTTP_MISS.search(text)
    if h is None and m is None and http is None:
        return None
    model = method = url = None
    if m is not None:
        model = m.group(1) or None
        if m.group(3):
            method, url = m.group(2).upper(), m.group(3)
        elif m.group(4):
            method, url = "POST", f"vertexai://{m.group(4)}"
    elif http is not None:
        method, url = http.group(1), http.group(2)
    line = next((ln.strip() for ln in text.splitlines() if "Recording not found" in ln), None)
    return Query(MESSAGE, None, h.group(1) if h else None, model, method, url, line)


def parse_query(data: bytes, *, test_id: str | None = _UNSET) -> Query | str:
    """A query from a file's bytes; a one-line reason when it is none of the forms."""
    try:
        doc = loads_exact(data)
    except RecordingLoadError:
        doc = None
    query: Query | None = None
    if isinstance(doc, dict):
        if isinstance(doc.get("request"), dict) and "response" in doc:
            request = request_of(doc)
            if request is not None and request.kind in (INFERENCE, HTTP, TOOL):
                query = Query(RECORDING, request, None, request.model, request.method,
                              request.url)
        else:
            query = _from_miss(doc)
            if query is None:
                request = _request_json(doc)
                if request is not None:
                    query = Query(REQUEST, request, None, request.model, request.method,
                                  request.url)
    elif doc is None:
        query = parse_message(data.decode("utf-8", "replace"))
    if query is None:
        return ("not a request JSON {method, url, body}, a recording, a captured miss "
                "or a 'Recording not found' message")
    if query.request is not None:
        request = query.request if test_id is _UNSET else _with_test_id(query.request, test_id)
        key = query.key if (query.source == MISS and test_id is _UNSET) else _key(request)
        query = Query(query.source, request, key, query.model, query.method, query.url,
                      query.error)
    return query


def read_query(path: str, *, test_id: str | None = _UNSET) -> Query | RecordingError:
    from recviewer.core.load import read_bytes, read_problem
    try:
        data = read_bytes(path)
    except OSError as exc:
        return RecordingError(path, read_problem(exc))
    query = parse_query(data, test_id=test_id)
    return RecordingError(path, query) if isinstance(query, str) else query


def keyed_view(request: KeyedRequest) -> dict[str, Any]:
    """The fields the key is made of, normalised as the recorder hashes them."""
    if request.kind == TOOL:
        return {"provider": request.provider, "tool_name": request.tool_name,
                "kwargs": request.body}
    if request.kind == HTTP:
        return {"method": (request.method or "").upper(), "url": request.url,
                "payload": normalize(request.body), "test_id": request.test_id}
    url = rewrite_url(request.url or "")
    bedrock = "bedrock" in _netloc(url)
    return {"method": (request.method or "").upper(), "endpoint": url_path(url),
            "body": normalize(request.body, exclude_stream_options=bedrock),
            "test_id": request.test_id}


def _netloc(url: str) -> str:
    from urllib.parse import urlparse
    return urlparse(url).netloc


def _leaves(value: Any) -> int:
    count, stack = 0, [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack.extend(v.values())
            count += not v
        elif isinstance(v, list):
            stack.extend(v)
            count += not v
        else:
            count += 1
    return count


def cut(a: Any, b: Any) -> tuple[Any, Any]:
    """Long strings cut to the changed part (with some context either side)."""
    if not (isinstance(a, str) and isinstance(b, str)) or max(len(a), len(b)) <= MAX_STRING:
        return a, b
    head, tail = common_ends(a, b)
    start = max(0, head - _CONTEXT)

    def piece(s: str) -> str:
        end = min(len(s), len(s) - tail + _CONTEXT)
        return ("…" if start else "") + s[start:end] + ("…" if end < len(s) else "")

    return piece(a), piece(b)


def compare(query: KeyedRequest, recorded: KeyedRequest) -> tuple[float, tuple[Difference, ...]]:
    """Score in 0..1 (1: the keyed views are equal) and the differing fields."""
    va, vb = keyed_view(query), keyed_view(recorded)
    changes = diff_json(va, vb)
    total = _leaves(va) + _leaves(vb)
    changed = sum(_leaves(c.a) * (c.kind != "added") + _leaves(c.b) * (c.kind != "removed")
                  for c in changes)
    score = 1.0 if not changes else max(0.0, 1.0 - changed / max(total, 1))
    diffs = tuple(Difference(c.path, *cut(c.a, c.b)) for c in changes)
    return round(score, 4), diffs


@dataclass(slots=True)
class _Entry:
    path: str
    rel: str
    doc: Any
    request: KeyedRequest


def _folder_entries(root: str, cancel: Callable[[], bool] | None) -> list[_Entry]:
    out = []
    for found in walk_json(root, cancel):
        doc = read_raw(found.path)
        if isinstance(doc, RecordingError):
            continue
        request = request_of(doc)
        if request is not None and request.kind in (INFERENCE, HTTP, TOOL):
            out.append(_Entry(found.path, found.rel_path, doc, request))
    return out


def _name_key(path: str) -> str | None:
    name = parse_name(stem_of(path))
    return name.key if name.form in ("full", "models") else None


def explain(query: Query, root: str | os.PathLike[str], *, limit: int = 3,
            cancel: Callable[[], bool] | None = None) -> Explanation:
    root = os.path.abspath(os.fspath(root))
    entries = _folder_entries(root, cancel)
    entries.sort(key=lambda e: (e.rel, e.path))
    exact = next((e.rel for e in entries if query.key is not None
                  and _name_key(e.path) == query.key), None)
    if query.request is None:
        nearest = _by_model_and_url(query, entries, limit)
    else:
        nearest = _nearest(query.request, entries, limit)
    return Explanation(query, query.key, exact, tuple(nearest))


def _same_endpoint_model(a: KeyedRequest, b: KeyedRequest) -> bool:
    if a.kind == TOOL:
        return (a.provider, a.tool_name) == (b.provider, b.tool_name)
    return a.endpoint == b.endpoint and a.model == b.model


def _nearest(request: KeyedRequest, entries: list[_Entry], limit: int) -> list[Candidate]:
    same_kind = [e for e in entries if e.request.kind == request.kind]
    tiers: list[list[_Entry]] = [[], [], []]
    for e in same_kind:
        if request.kind != TOOL and e.request.test_id == request.test_id:
            tiers[0].append(e)
        elif _same_endpoint_model(request, e.request):
            tiers[1].append(e)
        else:
            tiers[2].append(e)
    if len(tiers[0]) + len(tiers[1]) >= limit:
        tiers[2] = []
    elif len(tiers[2]) > _MAX_OTHERS:  # cheap pre-filter: same endpoint first
        tiers[2].sort(key=lambda e: e.request.endpoint != request.endpoint)
        tiers[2] = tiers[2][:_MAX_OTHERS]
    ranked: list[tuple[int, float, str, Candidate]] = []
    for tier, group in enumerate(tiers):
        for e in group:
            try:
                score, diffs = compare(request, e.request)
            except (TypeError, ValueError, RecursionError):
                continue
            ranked.append((tier, -score, e.rel, Candidate(e.rel, e.path, score, diffs, None)))
    ranked.sort(key=lambda t: t[:3])
    out = []
    for *_, c in ranked[:limit]:
        out.append(Candidate(c.path, c.abs_path, c.score, c.differences, classify(c.abs_path)))
    return out


def _by_model_and_url(query: Query, entries: list[_Entry], limit: int) -> list[Candidate]:
    """Candidates for a miss message: recordings with the message's model and URL."""
    ranked = []
    for e in entries:
        r = e.request
        same_url = query.url is not None and r.url is not None and (
            r.url == query.url or url_path(r.url) == url_path(query.url))
        same_model = query.model is not None and r.model == query.model
        if not (same_url or same_model):
            continue
        diffs = []
        if not same_url:
            diffs.append(Difference("url", query.url, r.url))
        if not same_model:
            diffs.append(Difference("body.model", query.model, r.model))
        score = 1.0 if same_url and same_model else 0.5
        status = classify(e.path, e.doc)
        stale_first = 0 if status is not None and status.cls == "stale" else 1
        ranked.append((-score, stale_first, e.rel, Candidate(e.rel, e.path, score,
                                                             tuple(diffs), status)))
    ranked.sort(key=lambda t: t[:3])
    return [c for *_, c in ranked[:limit]]
