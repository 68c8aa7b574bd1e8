"""The key of a request, and of the request stored in a recording file.

Keys are computed on the request *as stored in the file* (the decoded JSON,
before ``load.unwrap``), exactly as ``ogx.testing.api_recorder`` hashes it:

- inference calls: SHA-256 hex of ``json.dumps({"method": upper, "endpoint":
  urlparse(url).path, "body": normalize(body), "test_id": test id},
  sort_keys=True)``; the test id is left out for the URL paths in
  ``rules.KEYLESS_TEST_ID_PATHS``; Databricks URLs are rewritten first;
- raw HTTP calls (``request`` has ``url``, ``method``, ``payload``): SHA-256 of
  ``{"method", "payload": normalize(payload), "test_id", "url": full url}``;
- tool-runtime calls: SHA-256 of ``{"kwargs", "provider", "tool_name"}``;
- file-processor recordings have no key.

Hashing is prefix-shared: the body is serialised once and the digest of
everything before the test id is copied for each test id tried.
"""

from __future__ import annotations

import hashlib
import json
import os
from json.encoder import encode_basestring_ascii
from dataclasses import dataclass
from typing import Any, Iterable
from urllib.parse import urlparse

import orjson

from recviewer.core.errors import RecordingError, RecordingLoadError
from recviewer.core.keys.normalize import normalize
from recviewer.core.keys.rules import CURRENT, KEYLESS_TEST_ID_PATHS, RuleVersion
from recviewer.core.load import decode_json, read_parsed, unwrap

INFERENCE = "inference"
HTTP = "http"
TOOL = "tool"
FILE_PROCESSOR = "file_processor"
UNKNOWN = "unknown"  # a recording of a shape no key rule covers (e.g. a vcrpy cassette)
KINDS = (INFERENCE, HTTP, TOOL, FILE_PROCESSOR, UNKNOWN)


@dataclass(slots=True, frozen=True)
class KeyedRequest:
    """What a key is computed from. ``body`` is the inference body, the raw
    HTTP payload or the tool kwargs; ``test_id`` the one the key uses."""

    kind: str
    method: str | None = None
    url: str | None = None
    body: Any = None
    test_id: str | None = None
    provider: str | None = None
    tool_name: str | None = None
    stored_endpoint: str | None = None  # request.endpoint as stored (inference)
    model: str | None = None

    @property
    def endpoint(self) -> str | None:
        """The URL path (what the inference key hashes)."""
        return url_path(self.url) if self.url is not None else None


def rewrite_url(url: str) -> str:
    """The recorder's Databricks rewrite (a no-op for any other URL)."""
    if "cloud.databricks.com" in url:
        return "__databricks__" + url.split("cloud.databricks.com")[-1]
    return url


def url_path(url: str) -> str:
    return urlparse(url).path


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _json_text(value: str | None) -> str:
    """``json.dumps(value)`` for a str or None (the C encoder json.dumps itself uses)."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return encode_basestring_ascii(value)
    return _dumps(value)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def request_of(doc: Any) -> KeyedRequest | None:
    """The keyed request of a decoded recording file; None when ``doc`` is not
    a recording (no ``request`` object and no cassette ``interactions``)."""
    if not isinstance(doc, dict):
        return None
    request = doc.get("request")
    if not isinstance(request, dict):
        if isinstance(doc.get("interactions"), list):
            return KeyedRequest(UNKNOWN)
        return None
    file_test_id = _str(doc.get("test_id"))
    if "provider" in request and "tool_name" in request and "kwargs" in request:
        return KeyedRequest(TOOL, body=request.get("kwargs"), provider=request.get("provider"),
                            tool_name=request.get("tool_name"),
                            test_id=_str(request.get("test_id", file_test_id)))
    if request.get("api") == "file_processors" or "file_id" in request:
        return KeyedRequest(FILE_PROCESSOR, test_id=_str(request.get("test_id", file_test_id)))
    url = request.get("url")
    method = request.get("method")
    if isinstance(url, str) and isinstance(method, str):
        if "payload" in request and "body" not in request:
            test_id = request["test_id"] if "test_id" in request else file_test_id
            return KeyedRequest(HTTP, method=method, url=url, body=request.get("payload"),
                                test_id=_str(test_id), model=_model(request.get("payload")))
        if "body" in request:
            model = request.get("model")
            return KeyedRequest(INFERENCE, method=method, url=url, body=request.get("body"),
                                test_id=file_test_id, stored_endpoint=_str(request.get("endpoint")),
                                model=model if isinstance(model, str) and model else
                                _model(request.get("body")))
    return KeyedRequest(UNKNOWN, test_id=file_test_id)


def _model(body: Any) -> str | None:
    return _str(body.get("model")) if isinstance(body, dict) else None


class KeyHasher:
    """The key of one request under one rule version, for any test id.

    Everything before the test id in the sorted JSON is hashed once; each
    ``key(test_id)`` hashes only the rest.
    """

    __slots__ = ("_prefix", "_suffix", "_uses_test_id", "_fixed")

    def __init__(self, request: KeyedRequest, rule: RuleVersion = CURRENT) -> None:
        self._fixed: str | None = None
        self._uses_test_id = False
        self._suffix = "}"
        if request.kind == TOOL:
            self._fixed = _sha(_dumps({"provider": request.provider, "tool_name": request.tool_name,
                                       "kwargs": request.body}))
            self._prefix = None
            return
        if request.kind not in (INFERENCE, HTTP) or request.url is None or request.method is None:
            raise ValueError(f"no key rule for a {request.kind} request")
        method = request.method.upper()
        if request.kind == HTTP:
            payload = normalize(request.body, rule)
            # sorted keys: method, payload, test_id, url
            head = f'{{"method": {_dumps(method)}, "payload": {_dumps(payload)}, "test_id": '
            self._suffix = f', "url": {_dumps(request.url)}}}'
            self._uses_test_id = True
        else:
            url = rewrite_url(request.url)
            parsed = urlparse(url)
            body = normalize(request.body, rule, exclude_stream_options="bedrock" in parsed.netloc)
            # sorted keys: body, endpoint, method[, test_id]
            head = (f'{{"body": {_dumps(body)}, "endpoint": {_dumps(parsed.path)}, '
                    f'"method": {_dumps(method)}')
            self._uses_test_id = rule.test_id and parsed.path not in KEYLESS_TEST_ID_PATHS
            if self._uses_test_id:
                head += ', "test_id": '
        self._prefix = hashlib.sha256(head.encode())
        if not self._uses_test_id:
            digest = self._prefix.copy()
            digest.update(b"}")
            self._fixed = digest.hexdigest()

    @property
    def uses_test_id(self) -> bool:
        return self._uses_test_id

    def key(self, test_id: str | None) -> str:
        if self._fixed is not None:
            return self._fixed
        digest = self._prefix.copy()
        digest.update((_json_text(test_id) + self._suffix).encode())
        return digest.hexdigest()

    @staticmethod
    def encode_test_ids(test_ids: Iterable[str | None]) -> list[tuple[str | None, bytes]]:
        """(test id, its JSON text encoded) for ``keys_encoded`` (made once, used for many requests)."""
        return [(t, _json_text(t).encode()) for t in test_ids]

    def keys_encoded(self, encoded: Iterable[tuple[str | None, bytes]]
                     ) -> Iterable[tuple[str | None, str]]:
        """``keys`` of test ids already encoded by ``encode_test_ids``."""
        if self._fixed is not None:
            for test_id, _ in encoded:
                yield test_id, self._fixed
            return
        suffix = self._suffix.encode()
        prefix = self._prefix
        for test_id, text in encoded:
            digest = prefix.copy()
            digest.update(text + suffix)
            yield test_id, digest.hexdigest()

    def keys(self, test_ids: Iterable[str | None]) -> Iterable[tuple[str | None, str]]:
        """(test id, key) for each test id; the test id's JSON encoded once here."""
        if self._fixed is not None:
            for test_id in test_ids:
                yield test_id, self._fixed
            return
        suffix = self._suffix.encode()
        prefix = self._prefix
        for test_id in test_ids:
            digest = prefix.copy()
            digest.update(_json_text(test_id).encode() + suffix)
            yield test_id, digest.hexdigest()


_UNSET: Any = object()
# 20 digits in a row: maybe an integer beyond 64 bits (orjson would make it a float;
# json keeps it exact). A run inside a string only costs the slower parser. Found
# by mapping every digit to "0" and everything else to " " (C speed; a regex
# for a digit run is ten times slower than parsing).
_DIGIT_MAP = bytes(0x30 if 0x30 <= i <= 0x39 else 0x20 for i in range(256))
_LONG_RUN = b"0" * 20


def _has_long_digit_run(data: bytes) -> bool:
    return data.translate(_DIGIT_MAP).find(_LONG_RUN) >= 0


def request_key(request: KeyedRequest, rule: RuleVersion = CURRENT, *,
                test_id: str | None = _UNSET) -> str | None:
    """The key of ``request`` (None for kinds without a key); ``test_id``
    replaces the request's own test id."""
    if request.kind not in (INFERENCE, HTTP, TOOL):
        return None
    hasher = KeyHasher(request, rule)
    key = hasher.key(request.test_id if test_id is _UNSET else test_id)
    return key[:rule.hex_digits]


def inference_key(method: str, url: str, body: Any, test_id: str | None,
                  rule: RuleVersion = CURRENT) -> str:
    return request_key(KeyedRequest(INFERENCE, method=method, url=url, body=body,
                                    test_id=test_id), rule)


def http_key(url: str, method: str, payload: Any, test_id: str | None,
             rule: RuleVersion = CURRENT) -> str:
    return request_key(KeyedRequest(HTTP, method=method, url=url, body=payload,
                                    test_id=test_id), rule)


def tool_key(provider: str, tool_name: str, kwargs: Any) -> str:
    return request_key(KeyedRequest(TOOL, provider=provider, tool_name=tool_name, body=kwargs))


def model_list_digest(doc: Any) -> str | None:
    """The 8 hex digits the recorder appends to a model-list file name: SHA-256
    of the sorted, distinct model ids of the response joined by ``|``."""
    response = doc.get("response") if isinstance(doc, dict) else None
    body = unwrap(response.get("body")) if isinstance(response, dict) else None
    if isinstance(body, dict) and isinstance(body.get("model_id"), str):
        ids = [body["model_id"]]
    elif isinstance(body, list):
        ids = []
        for item in body:
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str):
                return None
            ids.append(ident)
        ids = sorted(set(ids))
    else:
        return None
    return _sha("|".join(ids))[:8]


def loads_exact(data: bytes) -> Any:
    """JSON bytes parsed as the recorder's ``json.load`` parses them (ints of
    any size exact, NaN/Infinity, a BOM, UTF-16). Raises RecordingLoadError."""
    if not _has_long_digit_run(data):  # orjson reads ints over 64 bits as floats
        try:
            return orjson.loads(data)
        except (orjson.JSONDecodeError, RecursionError):
            pass
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        pass
    try:
        return decode_json(data)  # for its one-line reason
    except RecursionError:
        raise RecordingLoadError("JSON nested too deeply to read") from None


def read_raw(path: str | os.PathLike[str]) -> Any | RecordingError:
    """A file's JSON as stored (envelopes kept), parsed by ``loads_exact``, for
    hashing; errors as values. The loader's size limit applies
    (``load.read_bytes``)."""
    got = read_parsed(path, loads_exact)
    return got if isinstance(got, RecordingError) else got[0]
