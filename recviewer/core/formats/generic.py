"""Fallback for shapes no adapter knows: request and response shown as JSON."""

from __future__ import annotations

from recviewer.core.formats.base import Envelope
from recviewer.core.model import DataPart, Exchange, Message


class GenericAdapter:
    name = "generic"

    def matches(self, env: Envelope) -> bool:
        return True

    def to_exchange(self, env: Envelope) -> Exchange:
        req = env.request_body if env.request_body is not None else env.request
        resp = env.response_body if env.response_body is not None else env.response
        return Exchange(
            request_messages=(Message("request", (DataPart("Request", "request as JSON", req),)),),
            response_messages=(Message("response", (DataPart("Response", "response as JSON", resp),)),),
        )


ADAPTER = GenericAdapter()
