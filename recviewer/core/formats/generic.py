"""Fallback for shapes no adapter knows: request and response shown as JSON."""

from __future__ import annotations

from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import Envelope
from recviewer.core.load import type_name
from recviewer.core.model import Chunk, DataPart, Delta, Exchange, Message


class GenericAdapter:
    name = "generic"
    label = ""  # '': the endpoint's last path segment
    tool_places = places.EVERY_PLACE

    def matches(self, env: Envelope) -> bool:
        return True

    def to_exchange(self, env: Envelope) -> Exchange:
        req = env.request_body if env.request_body is not None else env.request
        resp = env.response_body if env.response_body is not None else env.response
        # A stream of unknown items: one chunk each (nothing to assemble), so the
        # chunk count matches the catalog's and the items can be stepped through.
        items = env.response_body if env.streaming and isinstance(env.response_body, list) else ()
        chunks = tuple(Chunk(i, raw, Delta(), label=(type_name(raw) or "").rpartition(".")[2])
                       for i, raw in enumerate(items))
        return Exchange(
            request_messages=(Message("request", (DataPart("Request", "request as JSON", req),)),),
            response_messages=(Message("response", (DataPart("Response", "response as JSON", resp),)),),
            chunks=chunks,
        )


ADAPTER = GenericAdapter()
