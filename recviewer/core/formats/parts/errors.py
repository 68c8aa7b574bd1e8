"""Errors a recording holds: recorded exceptions and HTTP error statuses.

Cross-cutting: every adapter calls ``exchange_error`` so that an error on any
endpoint shows as such while its request still reads as a conversation.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.base import Envelope, as_dict, as_int, as_str
from recviewer.core.model import ErrorPart


def _message_from_body(body: Any) -> str | None:
    b = as_dict(body)
    err = b.get("error")
    if isinstance(err, dict):
        return as_str(err.get("message")) or as_str(err.get("type"))
    return as_str(err) or as_str(b.get("message")) or as_str(b.get("detail"))


def exchange_error(env: Envelope) -> ErrorPart | None:
    """The error this recording holds, or None."""
    resp = env.response
    if resp.get("is_exception") is True:
        data = as_dict(resp.get("exception_data"))
        message = (as_str(data.get("message")) or as_str(resp.get("exception_message"))
                   or "recorded exception")
        return ErrorPart(message, as_str(data.get("type")) or "exception",
                         as_int(data.get("status_code")), data or resp.get("exception_message"))
    if env.status is not None and env.status >= 400:
        message = _message_from_body(env.response_body) or f"HTTP {env.status}"
        err = as_dict(as_dict(env.response_body).get("error"))
        kind = as_str(err.get("type")) or as_str(err.get("code")) or "http_error"
        return ErrorPart(message, kind, env.status, env.response_body)
    return None


def recorded_status(response: dict) -> int | None:
    """The HTTP status the recording holds: ``response.status``, or for a
    recorded exception the status code it carries (None when neither is there)."""
    status = as_int(response.get("status"))
    if status is None and response.get("is_exception") is True:
        status = as_int(as_dict(response.get("exception_data")).get("status_code"))
    return status


def call_failed(response: dict) -> bool:
    """True for a failed call: a recorded exception or an HTTP status >= 400."""
    if response.get("is_exception") is True:
        return True
    status = as_int(response.get("status"))
    return status is not None and status >= 400
