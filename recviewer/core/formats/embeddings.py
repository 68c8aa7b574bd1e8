"""Embeddings: OpenAI ``/v1/embeddings``, Ollama ``/api/embeddings`` and ``/api/embed``.

The response is shown as one DataPart with a one-line summary
("3 vectors × 768 dims, first values [...]"); whole vectors never go into text.
"""

from __future__ import annotations

import math
from typing import Any

from recviewer.core.formats.parts.prologue import prologue
from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import Envelope, as_dict, as_int, as_list, as_str
from recviewer.core.formats.parts.openai_messages import usage_of
from recviewer.core.load import type_name
from recviewer.core.model import DataPart, Exchange, Message, Part, TextPart, Usage

CONVERSATION_KEYS = ("input", "prompt")
PREVIEW = 4  # leading values shown per vector


def _is_embedding_body(body: Any) -> bool:
    name = type_name(body) or ""
    if "Embed" in name or "embedding" in name:
        return True
    data = as_list(as_dict(body).get("data"))
    return bool(data) and as_dict(data[0]).get("object") == "embedding"


def vectors_of(body: Any) -> list[Any]:
    """The vectors of any known embeddings body (each a list, or a base64 str)."""
    b = as_dict(body)
    if isinstance(b.get("data"), list):
        return [as_dict(item).get("embedding") for item in b["data"]]
    if isinstance(b.get("embeddings"), list):
        return list(b["embeddings"])
    if isinstance(b.get("embedding"), list):
        return [b["embedding"]]
    return []


def _number(v: Any) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "?"
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    return f"{v:.4g}"


def summarize_vectors(vectors: list[Any]) -> str:
    """One line: count, dimensions, first values of the first vector."""
    if not vectors:
        return "no vectors"
    dims = sorted({len(v) for v in vectors if isinstance(v, list)})
    encoded = sum(1 for v in vectors if isinstance(v, str))
    n = len(vectors)
    head = f"{n} vector" + ("s" if n != 1 else "")
    if dims:
        head += f" × {dims[0]} dims" if len(dims) == 1 else f" × {dims[0]}–{dims[-1]} dims"
    if encoded:
        head += f" ({encoded} base64-encoded)"
    first = next((v for v in vectors if isinstance(v, list) and v), None)
    if first is not None:
        values = ", ".join(_number(x) for x in first[:PREVIEW])
        head += f", first values [{values}{', …' if len(first) > PREVIEW else ''}]"
    return head


def _preview(vectors: list[Any]) -> list[dict]:
    out = []
    for i, v in enumerate(vectors):
        if isinstance(v, list):
            out.append({"index": i, "dims": len(v), "first": v[:PREVIEW]})
        else:
            out.append({"index": i, "encoded": isinstance(v, str)})
    return out


def _input_parts(value: Any) -> tuple[Part, ...]:
    if isinstance(value, str):
        return (TextPart(value),)
    items = as_list(value)
    if items and all(isinstance(x, str) for x in items):
        return tuple(TextPart(x) for x in items)
    if items:
        return (DataPart("Input", f"{len(items)} token inputs", items),)
    return ()


def _usage(b: dict) -> Usage | None:
    usage = usage_of(b.get("usage"))
    if usage is not None:
        return usage
    prompt = as_int(b.get("prompt_eval_count"))  # Ollama
    if prompt is None:
        return None
    return Usage(prompt, None, prompt, {"prompt_eval_count": prompt})


class EmbeddingsAdapter:
    name = "embeddings"
    label = "embeddings"
    tool_places = places.NO_PLACES

    def matches(self, env: Envelope) -> bool:
        ep = env.endpoint or ""
        if ep.endswith(("/embeddings", "/api/embed")):
            return True
        return _is_embedding_body(env.response_body)

    def to_exchange(self, env: Envelope) -> Exchange:
        p = prologue(env, CONVERSATION_KEYS)
        req, params, error, b = p.request, p.params, p.error, p.body
        value = req.get("input") if "input" in req else req.get("prompt")
        parts = _input_parts(value)
        request = (Message("user", parts),) if parts else ()
        response: tuple[Message, ...] = ()
        if b and error is None:
            vectors = vectors_of(b)
            preview = {"model": as_str(b.get("model")), "vectors": _preview(vectors)}
            response = (Message("assistant", (
                DataPart("Embeddings", summarize_vectors(vectors), preview),)),)
        return Exchange(request, response, None, _usage(b), (), params, error)


ADAPTER = EmbeddingsAdapter()
