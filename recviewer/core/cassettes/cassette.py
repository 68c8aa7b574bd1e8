"""A cassette file read into interactions (vcrpy YAML/JSON, pydantic-ai's
``parsed_body`` variant, LangChain's ``*.yaml.gz``, websocket frame logs and
xAI gRPC sample files). Pure data; errors are values.
"""

from __future__ import annotations

import gzip
import os
import re
from dataclasses import dataclass
from typing import Any

import orjson

from recviewer.core.cassettes.body import MAX_INFLATED, Body, decode_body, _Reader
from recviewer.core.cassettes.safe_yaml import YamlRefused, load_yaml
from recviewer.core.errors import RecordingError
from recviewer.core.load import FileTooLarge, read_bytes, read_problem

SUFFIXES = (".yaml", ".yml", ".yaml.gz", ".yml.gz")
_JSON_CASSETTE = re.compile(rb'\A\s*\{\s*"(?:interactions|version)"\s*:')


def is_cassette_name(name: str) -> bool:
    return name.endswith(SUFFIXES)


def looks_like_json_cassette(data: bytes) -> bool:
    """A vcrpy JSON cassette: ``{"interactions": [...], "version": 1}``."""
    return bool(_JSON_CASSETTE.match(data[:256])) and b'"interactions"' in data[:4096]


@dataclass(slots=True, frozen=True)
class Interaction:
    """One call of a cassette. ``kind``: ``http``, ``websocket`` (the whole
    frame log) or ``grpc``. Headers: lower-case names → one string."""

    index: int
    kind: str
    raw: Any  # the interaction as recorded (plain values; bytes for !!binary)
    method: str | None = None
    uri: str | None = None
    status: int | None = None
    status_message: str | None = None
    request_headers: dict[str, str] | None = None
    response_headers: dict[str, str] | None = None
    request_body: Body | None = None
    response_body: Body | None = None
    frames: tuple[Any, ...] = ()  # websocket frames / gRPC response chunks


@dataclass(slots=True, frozen=True)
class Cassette:
    path: str
    style: str  # vcrpy, pydantic-ai, vcrpy-json, langchain, websocket, grpc
    interactions: tuple[Interaction, ...]
    size: int
    raw: Any = None


def header_text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, list):
        return ", ".join(header_text(v) for v in value)
    return "" if value is None else str(value)


def headers_of(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        return {}
    return {str(k).lower(): header_text(v) for k, v in raw.items()}


def _status(raw: Any) -> tuple[int | None, str | None]:
    if isinstance(raw, dict):
        code = raw.get("code")
        return (code if isinstance(code, int) else None,
                raw.get("message") if isinstance(raw.get("message"), str) else None)
    if isinstance(raw, int):
        return raw, None
    return None, None


def _body_of(side: dict, headers: dict[str, str]) -> Body:
    if "parsed_body" in side:
        value = side["parsed_body"]
        return decode_body(value if not isinstance(value, (str, bytes)) else {"string": value},
                           headers.get("content-type") or "application/json")
    return decode_body(side.get("body"), headers.get("content-type"),
                       headers.get("content-encoding"))


def http_interaction(index: int, request: Any, response: Any, raw: Any) -> Interaction:
    req = request if isinstance(request, dict) else {}
    resp = response if isinstance(response, dict) else {}
    rh, sh = headers_of(req.get("headers")), headers_of(resp.get("headers"))
    status, message = _status(resp.get("status"))
    method = req.get("method")
    return Interaction(
        index, "http", raw,
        method=method.upper() if isinstance(method, str) else None,
        uri=req.get("uri") if isinstance(req.get("uri"), str) else None,
        status=status, status_message=message, request_headers=rh, response_headers=sh,
        request_body=_body_of(req, rh), response_body=_body_of(resp, sh),
    )


def _grpc_interaction(index: int, item: dict) -> Interaction:
    request = item.get("request_sample") or item.get("request_stream") or {}
    response = item.get("response_sample") or item.get("response_stream") or {}
    frames: list[Any] = []
    if isinstance(response, dict) and isinstance(response.get("chunks_json"), list):
        frames = list(response["chunks_json"])
    elif isinstance(response, dict) and "json" in response:
        frames = [response["json"]]
    method = item.get("collections_method") or item.get("method")
    return Interaction(index, "grpc", item, method=method if isinstance(method, str) else None,
                       request_body=decode_body(request.get("json") if isinstance(request, dict)
                                                else None, "application/json"),
                       frames=tuple(frames))


def cassette_from_document(path: str, doc: Any, size: int, style: str | None = None
                           ) -> Cassette | RecordingError:
    if not isinstance(doc, dict):
        kind = type(doc).__name__ if doc is not None else "empty document"
        return RecordingError(path, f"not a cassette: the top level is a {kind}, not a mapping")
    if isinstance(doc.get("requests"), list) and isinstance(doc.get("responses"), list):
        pairs = zip(doc["requests"], doc["responses"])
        items = tuple(http_interaction(i, q, r, {"request": q, "response": r})
                      for i, (q, r) in enumerate(pairs))
        return Cassette(path, "langchain", items, size, doc)
    inter = doc.get("interactions")
    if inter is None and "interactions" not in doc:
        return RecordingError(path, "not a cassette: no 'interactions' list")
    if inter is None:
        inter = []
    if not isinstance(inter, list):
        return RecordingError(path, "not a cassette: 'interactions' is not a list")
    if inter and all(isinstance(i, dict) and "direction" in i and "request" not in i for i in inter):
        return Cassette(path, "websocket", (Interaction(0, "websocket", inter,
                                                        frames=tuple(inter)),), size, doc)
    out = []
    pydantic = False
    for i, item in enumerate(inter):
        if not isinstance(item, dict):
            return RecordingError(path, f"not a cassette: interaction {i} is not a mapping")
        if "request" in item or "response" in item:
            req = item.get("request")
            resp = item.get("response")
            pydantic = pydantic or "parsed_body" in (req or {}) or "parsed_body" in (resp or {})
            out.append(http_interaction(i, req, resp, item))
        elif any(k in item for k in ("request_sample", "request_stream", "response_stream")):
            out.append(_grpc_interaction(i, item))
        else:
            return RecordingError(path, f"not a cassette: interaction {i} has no request")
    if style is None:
        style = ("grpc" if out and all(x.kind == "grpc" for x in out)
                 else "pydantic-ai" if pydantic else "vcrpy")
    return Cassette(path, style, tuple(out), size, doc)


def parse_cassette(path: str, data: bytes) -> Cassette | RecordingError:
    """Bytes of a cassette file → Cassette (never raises)."""
    size = len(data)
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.GzipFile(fileobj=_Reader(data)).read(MAX_INFLATED + 1)
        except (OSError, EOFError) as exc:
            return RecordingError(path, f"not a readable gzip file: {exc}")
        if len(data) > MAX_INFLATED:
            return RecordingError(path, "refused: gzip cassette inflates beyond 512 MB")
    if looks_like_json_cassette(data):
        try:
            doc = orjson.loads(data)
        except (orjson.JSONDecodeError, RecursionError) as exc:
            return RecordingError(path, f"not valid JSON: {exc}")
        return cassette_from_document(path, doc, size, "vcrpy-json")
    try:
        doc = load_yaml(data)
    except YamlRefused as exc:
        return RecordingError(path, str(exc))
    return cassette_from_document(path, doc, size)


def read_cassette(path: str | os.PathLike[str]) -> Cassette | RecordingError:
    p = os.fspath(path)
    try:
        data = read_bytes(p)
    except OSError as exc:
        return RecordingError(p, read_problem(exc))
    return parse_cassette(p, data)


__all__ = ["Cassette", "FileTooLarge", "Interaction", "SUFFIXES", "cassette_from_document",
           "header_text", "headers_of", "is_cassette_name", "parse_cassette", "read_cassette"]
