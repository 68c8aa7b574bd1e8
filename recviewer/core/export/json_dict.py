"""Recordings and catalog references as plain JSON-ready dicts.

The shapes are a stable, documented export (``recviewer-cli show --json``,
``index --json`` and the viewer's export); keys are fixed, values are
str/int/bool/None/list/dict only. Serialise with :func:`dumps` for
byte-identical output.
"""

from __future__ import annotations

from typing import Any

import orjson

from recviewer.core.catalog.scan import Catalog, RecordingRef
from recviewer.core.catalog.walk import display_text
from recviewer.core.formats.parts.errors import call_failed, recorded_status
from recviewer.core.model import ErrorPart, Message, Recording, TextPart, ToolResultPart, Usage

JSON_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2


def dumps(value: Any) -> bytes:
    """Stable JSON bytes: sorted keys, two-space indent, trailing newline."""
    return orjson.dumps(value, option=JSON_OPTIONS) + b"\n"


def error_text(error: ErrorPart | None) -> str | None:
    """One line describing a recorded error: ``"BadRequestError (HTTP 400): ..."``."""
    if error is None:
        return None
    head = error.kind or "error"
    if error.status is not None:
        head += f" (HTTP {error.status})"
    return f"{head}: {' '.join(error.message.split())}"


def usage_dict(usage: Usage | None) -> dict[str, int | None] | None:
    if usage is None:
        return None
    return {"prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
            "total_tokens": usage.total_tokens}


def message_text(message: Message) -> str:
    """Text parts joined in order; a tool result's content counts as text."""
    return "".join(p.text if isinstance(p, TextPart) else p.content
                   for p in message.parts if isinstance(p, (TextPart, ToolResultPart)))


def message_dict(message: Message) -> dict[str, Any]:
    return {
        "role": message.role,
        "text": message_text(message),
        "tool_calls": [{"id": c.id, "name": c.name, "arguments": c.arguments}
                       for c in message.tool_calls],
        "tool_call_id": message.tool_call_id,
    }


def recording_dict(rec: Recording) -> dict[str, Any]:
    """The ``show --json`` shape of one recording."""
    ex = rec.exchange
    response = rec.raw.get("response") if isinstance(rec.raw, dict) else None
    response = response if isinstance(response, dict) else {}
    return {
        "path": display_text(rec.path),
        "test_id": rec.test_id,
        "endpoint": rec.endpoint,
        "model": rec.model,
        "format": rec.format,
        "streaming": rec.streaming,
        "chunks": rec.chunk_count,
        "error": error_text(ex.error),
        "status": recorded_status(response),
        "failed": call_failed(response),
        "request": {"messages": [message_dict(m) for m in ex.request_messages]},
        "response": {
            "messages": [message_dict(m) for m in ex.response_messages],
            "finish_reason": ex.finish_reason,
            "usage": usage_dict(ex.usage),
        },
    }


def ref_dict(ref: RecordingRef) -> dict[str, Any]:
    """One entry of the ``index --json`` list (format ``None`` for unreadable files)."""
    return {
        "path": ref.rel_path,
        "test_id": ref.test_id,
        "endpoint": ref.endpoint,
        "model": ref.model,
        "format": ref.format or None,
        "streaming": ref.streaming,
        "chunks": ref.chunks,
        "error": ref.error,
        "status": ref.status,
        "failed": ref.failed,
    }


def catalog_dict(catalog: Catalog) -> dict[str, Any]:
    """The ``index --json`` shape: every reference once, sorted by path."""
    refs = sorted(catalog.refs, key=lambda r: (r.rel_path, r.path))
    return {
        "root": display_text(catalog.root),
        "tests": catalog.tests,
        "recordings": [ref_dict(r) for r in refs],
    }
