"""What every adapter gets (an Envelope) and the small readers they share.

A recording file is ``{test_id, request, response, ...}``. Two request shapes
exist: the inference shape ``{method, url, headers, body, endpoint, model}`` and
the raw-HTTP / tool shape ``{method, url, payload}`` or ``{provider, tool_name,
kwargs}``. The Envelope gives adapters one view of both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Protocol
from urllib.parse import urlsplit

from recviewer.core.assemble import assemble
from recviewer.core.model import Chunk, ErrorPart, Exchange, Message, Part


@dataclass(slots=True, frozen=True)
class Envelope:
    path: str
    doc: Any  # the whole unwrapped document (usually a dict)
    test_id: str | None
    request: dict
    response: dict
    method: str | None
    url: str | None
    endpoint: str | None
    model: str | None
    request_body: Any
    response_body: Any
    streaming: bool
    status: int | None


class Adapter(Protocol):
    name: str  # the format name a Recording and a RecordingRef carry
    label: str  # short display label ("chat", "gemini"); "" = the endpoint's last segment
    tool_places: tuple[Callable[[dict], Iterator[Any]], ...]  # formats/parts/tool_places.py

    def matches(self, env: Envelope) -> bool: ...

    def to_exchange(self, env: Envelope) -> Exchange: ...


def streamed_exchange(request: tuple[Message, ...], chunks: tuple[Chunk, ...],
                      params: dict[str, Any], error: ErrorPart | None) -> Exchange:
    """An Exchange whose response is ``chunks`` folded into one message (none when
    there are no chunks); a recorded ``error`` wins over an error in the stream."""
    state = assemble(chunks)
    response = (state.to_message(),) if state.position else ()
    return Exchange(request, response, state.finish_reason, state.usage, chunks,
                    params, error or state.error)


# ----------------------------------------------------------------- tolerant readers
def as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def indexed_parts(items: Any, part_of: Callable[[Any, int], Part | None]) -> tuple[Part, ...]:
    """``part_of(item, index)`` for each item of a list (anything else: no
    item), the items that make no part left out."""
    out = []
    for i, item in enumerate(as_list(items)):
        part = part_of(item, i)
        if part is not None:
            out.append(part)
    return tuple(out)


def as_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def endpoint_of(url: str | None) -> str | None:
    """``/v1/messages`` from a full URL; None when there is no path."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    return path or None


def make_envelope(path: str, doc: Any) -> Envelope:
    """Normalise the top level. Never raises on odd shapes: unknown stays empty."""
    d = as_dict(doc)
    req = as_dict(d.get("request"))
    resp = as_dict(d.get("response"))
    test_id = as_str(d.get("test_id")) or as_str(req.get("test_id"))
    url = as_str(req.get("url"))
    endpoint = as_str(req.get("endpoint")) or endpoint_of(url)
    body = req["body"] if "body" in req else req.get("payload")
    model = as_str(req.get("model")) or as_str(as_dict(body).get("model"))
    status = as_int(resp.get("status"))
    streaming = resp.get("is_streaming") is True
    return Envelope(
        path=path, doc=doc, test_id=test_id, request=req, response=resp,
        method=as_str(req.get("method")), url=url, endpoint=endpoint, model=model,
        request_body=body, response_body=resp.get("body"), streaming=streaming,
        status=status,
    )
