"""What every adapter reads before its own format: one helper, not a copy per adapter.

``prologue(env, conversation_keys)`` gives the request body, the request
parameters (the body minus the keys that hold the conversation), the error the
recording holds (recorded exception or HTTP error, ``errors.exchange_error``)
and the response, either streamed (``stream``: the list of recorded items) or
whole (``body``: a dict, empty when streamed or not an object).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recviewer.core.formats.base import Envelope, as_dict
from recviewer.core.formats.parts.errors import exchange_error
from recviewer.core.model import ErrorPart


@dataclass(slots=True, frozen=True)
class Prologue:
    request: dict[str, Any]       # the request body (empty when not an object)
    params: dict[str, Any]        # the request body minus the conversation keys
    error: ErrorPart | None       # recorded exception or HTTP error
    stream: list | None           # the response items when the response was streamed
    body: dict[str, Any]          # the whole response ({} when streamed)


def prologue(env: Envelope, conversation_keys: tuple[str, ...]) -> Prologue:
    request = as_dict(env.request_body)
    params = {k: v for k, v in request.items() if k not in conversation_keys}
    response = env.response_body
    stream = response if isinstance(response, list) else None
    body = {} if stream is not None else as_dict(response)
    return Prologue(request, params, exchange_error(env), stream, body)
