"""Ollama native API: ``/api/generate``, ``/api/chat`` (plain and streamed),
``/api/ps``, ``/api/pull`` and the other management endpoints.

``/api/tags`` and ``/api/embed(dings)`` are handled by the models_list and
embeddings adapters, which come first in the registry.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts.prologue import prologue
from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.parts import ollama_chat
from recviewer.core.formats.base import (
    Envelope, as_dict, as_int, as_list, as_str, streamed_exchange,
)
from recviewer.core.formats.models_list import model_id
from recviewer.core.load import type_name
from recviewer.core.model import Chunk, DataPart, Delta, Exchange, Message

ENDPOINTS = ("/api/generate", "/api/chat", "/api/ps", "/api/pull", "/api/push",
             "/api/show", "/api/version", "/api/create", "/api/copy", "/api/delete")
CONVERSATION_KEYS = ("prompt", "system", "images", "messages")


def _is_ollama(env: Envelope) -> bool:
    ep = env.endpoint or ""
    if ep in ENDPOINTS:
        return True
    body = env.response_body
    first = body[0] if isinstance(body, list) and body else body
    return (type_name(first) or "").startswith("ollama.")


def _size(n: Any) -> str:
    value = as_int(n)
    if value is None:
        return "?"
    return f"{value / 1e9:.1f} GB" if value >= 1e9 else f"{value / 1e6:.0f} MB"


def status_part(body: Any) -> DataPart:
    """Management endpoints (ps, pull, show, ...) → one summary DataPart."""
    b = as_dict(body)
    if isinstance(b.get("models"), list):  # /api/ps
        models = [as_dict(m) for m in b["models"]]
        ids = [model_id(m) for m in models]
        sizes = ", ".join(f"{i} ({_size(m.get('size_vram', m.get('size')))})"
                          for i, m in zip(ids, models))
        summary = f"{len(ids)} loaded: {sizes}" if ids else "no models loaded"
        return DataPart("Loaded models", summary, ids)
    status = as_str(b.get("status"))
    if status is not None:  # /api/pull, /api/push, /api/create progress
        done, total = as_int(b.get("completed")), as_int(b.get("total"))
        extra = f" ({done}/{total} bytes)" if done is not None and total else ""
        return DataPart("Progress", f"status: {status}{extra}", b)
    if as_str(b.get("version")):
        return DataPart("Version", f"Ollama {b['version']}", b)
    keys = ", ".join(k for k in b if k != "__type__")
    return DataPart("Response", keys or "empty response", body)


class OllamaAdapter:
    name = "ollama"
    label = "ollama"
    tool_places = places.OPENAI_PLACES

    def matches(self, env: Envelope) -> bool:
        return _is_ollama(env)

    def to_exchange(self, env: Envelope) -> Exchange:
        p = prologue(env, CONVERSATION_KEYS)
        req, params, error, b = p.request, p.params, p.error, p.body
        if "messages" in req:
            request = tuple(ollama_chat.chat_message(m) for m in as_list(req.get("messages")))
        else:
            request = ollama_chat.generate_request(req)
        if p.stream is not None:
            return self._stream(request, params, p.stream, error)
        if not b or error is not None:
            return Exchange(request, (), None, None, (), params, error)
        if "response" in b or "message" in b:
            return Exchange(request, (ollama_chat.response_message(b),),
                            ollama_chat.finish_of(b), ollama_chat.usage_of(b), (), params, error)
        return Exchange(request, (Message("assistant", (status_part(b),)),), None, None, (),
                        params, error)

    @staticmethod
    def _stream(request: tuple[Message, ...], params: dict, body: list, error: Any) -> Exchange:
        generating = any(isinstance(c, dict) and ("response" in c or "message" in c) for c in body)
        if not generating:  # e.g. a streamed /api/pull: progress lines, no text
            chunks = tuple(Chunk(i, raw, Delta(), as_str(as_dict(raw).get("status")) or "chunk")
                           for i, raw in enumerate(body))
            last = next((c for c in reversed(body) if isinstance(c, dict)), {})
            response = (Message("assistant", (status_part(last),)),) if body else ()
            return Exchange(request, response, None, None, chunks, params, error)
        chunks_list = []
        next_call = 0
        for i, raw in enumerate(body):
            chunk, next_call = ollama_chat.chunk_of(i, raw, next_call)
            chunks_list.append(chunk)
        chunks = tuple(chunks_list)
        return streamed_exchange(request, chunks, params, error)


ADAPTER = OllamaAdapter()
