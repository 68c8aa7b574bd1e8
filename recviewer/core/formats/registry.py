"""Pick the adapter for a file by its data, and read a file into a Recording."""

from __future__ import annotations

import os
from typing import Any

from recviewer.core.errors import RecordingError
from recviewer.core.formats.base import Adapter, Envelope, make_envelope
from recviewer.core.formats import (
    anthropic_messages, embeddings, file_processor, gemini, gemini_interactions, generic,
    models_list, ollama, openai_chat, openai_completions, tool_runtime,
)
from recviewer.core.load import TYPE_KEY, load_document
from recviewer.core.model import Recording

# Order matters: the first adapter whose ``matches`` is true wins. The generic
# adapter matches everything and must stay last.
# Shape-specific adapters (tool runtime, file processor, raw-HTTP APIs) come
# before the endpoint-and-body based OpenAI ones; chat precedes completions so
# that chat bodies recorded under /v1/completions are read as chat.
ADAPTERS: tuple[Adapter, ...] = (
    tool_runtime.ADAPTER,
    file_processor.ADAPTER,
    anthropic_messages.ADAPTER,
    gemini_interactions.ADAPTER,
    gemini.ADAPTER,
    openai_chat.ADAPTER,
    openai_completions.ADAPTER,
    embeddings.ADAPTER,
    models_list.ADAPTER,
    ollama.ADAPTER,
    generic.ADAPTER,
)


_BY_NAME: dict[str, Adapter] = {a.name: a for a in ADAPTERS}


def adapter_named(format_name: str) -> Adapter | None:
    """The adapter whose ``name`` is ``format_name`` (None for other formats)."""
    return _BY_NAME.get(format_name)


def label_of(format_name: str, endpoint: str | None = None) -> str:
    """The short display label of a recording of ``format_name``: its adapter's
    ``label``, else the endpoint's last path segment ('' when there is none)."""
    adapter = _BY_NAME.get(format_name)
    if adapter is not None and adapter.label:
        return adapter.label
    return (endpoint or "").lower().rstrip("/").rsplit("/", 1)[-1]


def pick_adapter(env: Envelope) -> Adapter:
    for adapter in ADAPTERS:
        if adapter.matches(env):
            return adapter
    return generic.ADAPTER


# Every reason given for a JSON file that is not a recording starts so
# (``is_not_recording``): the catalog lists such files apart, not as errors.
NOT_A_RECORDING = "not a recording: "


def is_not_recording(reason: str | None) -> bool:
    """True for the reason of a JSON file that is not a recording (as opposed
    to a file that cannot be read or parsed)."""
    return reason is not None and reason.startswith(NOT_A_RECORDING)


def shape_problem(doc: Any) -> str | None:
    """Why ``doc`` (parsed, unwrapped) is not a recording, or None when it has
    the ``request`` and ``response`` keys every recording has. Files that
    have the pair but an unknown (or damaged) shape are recordings: they open
    through their adapter or the generic one."""
    if not isinstance(doc, dict):
        kind = "null" if doc is None else type(doc).__name__
        return f"{NOT_A_RECORDING}no request/response pair (the top level is a JSON {kind}, not an object)"
    missing = [k for k in ("request", "response") if k not in doc]
    if not missing:
        return None
    what = " and ".join(f'"{k}"' for k in missing)
    keys = [k for k in doc if isinstance(k, str) and k != TYPE_KEY]
    shown = ", ".join(keys[:5]) + (", …" if len(keys) > 5 else "")
    has = f"top-level keys: {shown}" if keys else "an empty object"
    return f"{NOT_A_RECORDING}no request/response pair (no {what} key; {has})"


def recording_from_document(path: str, doc: Any, size: int = 0) -> Recording | RecordingError:
    """Adapt an already-parsed, unwrapped document."""
    problem = shape_problem(doc)
    if problem is not None:
        return RecordingError(path, problem)
    env = make_envelope(path, doc)
    adapter = pick_adapter(env)
    try:
        exchange = adapter.to_exchange(env)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        return RecordingError(path, f"unexpected data for format {adapter.name}: {exc!r}")
    except RecursionError:
        return RecordingError(path, "JSON nested too deeply to read")
    return Recording(
        path=path, test_id=env.test_id, method=env.method, url=env.url,
        endpoint=env.endpoint, model=env.model, format=adapter.name,
        streaming=env.streaming, status=env.status, request_body=env.request_body,
        response_body=env.response_body, exchange=exchange, raw=doc, size=size,
    )


def read_recording(path: str | os.PathLike[str]) -> Recording | RecordingError:
    """Read one file (read-only) into a Recording, or say why not."""
    p = os.fspath(path)
    from recviewer.core.cassettes import open as cassettes  # lazy: cassettes import adapters
    if cassettes.is_cassette_address(p):  # FILE#N, or a cassette with one interaction
        return cassettes.read_interaction(p)
    loaded = load_document(p)
    if isinstance(loaded, RecordingError):
        return loaded
    doc, size = loaded
    return recording_from_document(p, doc, size)
