"""Plain HTTP: what no LLM adapter claims (asset downloads, search APIs,
uploads, OAuth, ...). A real view: the request line, headers and body; the
status line, headers and body — JSON as data, text as text, binary bodies as
typed blobs with their size (images also as a thumbnail from a ``data:`` URL
built from the recorded bytes; nothing is fetched).

The Envelope's request/response dicts carry ``headers`` (name → text) and
``decoded`` (a ``cassettes.body.Body``) when built from a cassette.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts import tool_places as places
from recviewer.core.cassettes.body import Body
from recviewer.core.formats.base import Envelope, as_dict
from recviewer.core.formats.parts.errors import exchange_error
from recviewer.core.formats.parts.sse import parse_sse_text
from recviewer.core.model import Chunk, DataPart, Delta, Exchange, ImagePart, Message, Part, TextPart


def body_parts(body: Any) -> list[Part]:
    """A decoded body → parts (JSON data, text, blob, image thumbnail)."""
    if not isinstance(body, Body):
        if body is None:
            return []
        return [TextPart(body)] if isinstance(body, str) else [DataPart("Body", "JSON body", body)]
    note = f" — {body.note}" if body.note else ""
    if body.kind == "none":
        return []
    if body.kind == "json":
        return [DataPart("JSON body", f"{body.media_type or 'json'}, {body.size:,} bytes{note}",
                         body.value)]
    if body.kind in ("text", "sse"):
        return [TextPart(body.value)]
    parts: list[Part] = [DataPart("Binary body", body.summary() + note,
                                  {"media_type": body.media_type, "size": body.size})]
    url = body.data_url()
    if url:
        parts.append(ImagePart(url))
    return parts


def _header_part(headers: Any) -> list[Part]:
    h = as_dict(headers)
    return [DataPart("Headers", f"{len(h)} header{'s' if len(h) != 1 else ''}", h)] if h else []


class HttpAdapter:
    name = "http"
    label = ""  # '': the endpoint's last path segment
    tool_places = places.EVERY_PLACE

    def matches(self, env: Envelope) -> bool:
        return isinstance(env.request.get("decoded"), Body)

    def to_exchange(self, env: Envelope) -> Exchange:
        req, resp = env.request, env.response
        line = f"{env.method or '?'} {env.url or ''}".strip()
        request = Message("request", tuple([TextPart(line)] + _header_part(req.get("headers"))
                                           + body_parts(req.get("decoded", env.request_body))))
        status = f"HTTP {env.status}" if env.status is not None else "no status"
        if resp.get("status_message"):
            status += f" {resp['status_message']}"
        decoded = resp.get("decoded", env.response_body)
        response = Message("response", tuple([TextPart(status)] + _header_part(resp.get("headers"))
                                             + body_parts(decoded)))
        chunks: tuple[Chunk, ...] = ()
        if isinstance(decoded, Body) and decoded.kind == "sse":
            chunks = tuple(Chunk(i, e.raw, Delta(), label=e.event)
                           for i, e in enumerate(parse_sse_text(decoded.value)))
        return Exchange((request,), (response,), None, None, chunks, {}, exchange_error(env))


ADAPTER = HttpAdapter()
