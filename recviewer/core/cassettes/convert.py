"""Interactions → Recordings through the format adapters.

The adapter is chosen by host and path (``route``), so the catalog's cheap
index (``index.py``) and a full open agree; the body is then decoded and put
in the shape that adapter reads (SSE events parsed, eventstream frames
decoded). Websocket frame logs and gRPC exchanges become frame lists (one
chunk per frame).
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import Any
from urllib.parse import unquote, urlsplit

from recviewer.core.cassettes.body import Body
from recviewer.core.cassettes.cassette import Cassette, Interaction
from recviewer.core.errors import RecordingError
from recviewer.core.formats import (
    anthropic_messages, bedrock_converse, cohere, embeddings, gemini, http, mcp, models_list,
    ollama, openai_chat, openai_completions, openai_responses,
)
from recviewer.core.formats.base import as_dict, as_list, as_str, make_envelope
from recviewer.core.formats.parts.eventstream import decode_frames
from recviewer.core.formats.parts.sse import json_events, parse_sse_text
from recviewer.core.model import (
    Chunk, DataPart, Delta, ErrorPart, Exchange, Message, Recording, TextPart,
)

ADAPTERS = {a.name: a for a in (
    openai_chat.ADAPTER, openai_completions.ADAPTER, openai_responses.ADAPTER,
    anthropic_messages.ADAPTER, gemini.ADAPTER, bedrock_converse.ADAPTER, cohere.ADAPTER,
    embeddings.ADAPTER, models_list.ADAPTER, ollama.ADAPTER, mcp.ADAPTER, http.ADAPTER)}
WEBSOCKET, GRPC = "websocket", "grpc"
STREAM_TYPES = ("text/event-stream", "application/vnd.amazon.eventstream")
_BEDROCK_MODEL = re.compile(r"/model/([^/]+)/")
_GEMINI_MODEL = re.compile(r"/models/([^/:]+):")


def route(method: str | None, uri: str | None, jsonrpc: bool = False,
          request_has_messages: bool = False) -> str:
    """The adapter name for an HTTP interaction, by host and path."""
    try:
        parts = urlsplit(uri or "")
        host, path = (parts.hostname or "").lower(), parts.path
    except ValueError:
        host, path = "", ""
    if jsonrpc:
        return mcp.ADAPTER.name
    if path.endswith("/chat/completions"):
        return openai_chat.ADAPTER.name
    if path.endswith("/responses"):
        return openai_responses.ADAPTER.name
    if path.endswith("/completions"):
        return openai_completions.ADAPTER.name
    if "/model/" in path and path.rsplit("/", 1)[-1] in ("converse", "converse-stream",
                                                          "count-tokens"):
        return bedrock_converse.ADAPTER.name
    if "/model/" in path and path.rsplit("/", 1)[-1].startswith("invoke"):
        return anthropic_messages.ADAPTER.name if request_has_messages else http.ADAPTER.name
    if path.endswith(("/v1/messages", "/messages/count_tokens")) or "anthropic" in host \
            and path.endswith("/messages"):
        return anthropic_messages.ADAPTER.name
    if any(m in path for m in (":generateContent", ":streamGenerateContent", ":countTokens")):
        return gemini.ADAPTER.name
    if "cohere" in host and path.endswith(("/chat", "/embed", "/rerank")):
        return cohere.ADAPTER.name
    if path.endswith(("/embeddings", "/api/embed", ":embedContent", ":batchEmbedContents")):
        return embeddings.ADAPTER.name
    if path.endswith(("/api/chat", "/api/generate")):
        return ollama.ADAPTER.name
    if path.endswith(("/v1/models", "/api/tags")) and method == "GET":
        return models_list.ADAPTER.name
    return http.ADAPTER.name


def model_from_url(uri: str | None) -> str | None:
    m = _BEDROCK_MODEL.search(uri or "") or _GEMINI_MODEL.search(uri or "")
    return unquote(m.group(1)) if m else None


def is_streamed(media: str | None) -> bool:
    return (media or "") in STREAM_TYPES


# ----------------------------------------------------------------- list-valued deltas
def _flat_content(content: Any) -> tuple[str, str]:
    """A list-valued delta ``content`` (Mistral) → (text, reasoning)."""
    text, reasoning = [], []
    for c in as_list(content):
        if isinstance(c, str):
            text.append(c)
            continue
        c = as_dict(c)
        if c.get("type") == "thinking":
            inner = c.get("thinking")
            reasoning.append(inner if isinstance(inner, str) else "".join(
                as_str(as_dict(t).get("text")) or "" for t in as_list(inner)))
        elif isinstance(c.get("text"), str):
            text.append(c["text"])
    return "".join(text), "".join(reasoning)


_FLATTENED = "\x00recviewer:flattened"
# A list-valued ``content`` anywhere in a stream's text; without one no chunk
# needs flattening (profiled: checking every chunk was a tenth of an open).
_LIST_CONTENT = re.compile(r'"content"\s*:\s*\[')


def flatten_chat_chunk(chunk: Any) -> Any:
    """A chat chunk whose ``delta.content`` is a list, with text and reasoning
    as strings (a copy; other chunks are returned as they are)."""
    choices = chunk.get("choices") if isinstance(chunk, dict) else None
    if not isinstance(choices, list):
        return chunk
    for c in choices:  # plain loops: this runs for every chunk of every stream
        d = c.get("delta") if isinstance(c, dict) else None
        if isinstance(d, dict) and isinstance(d.get("content"), list):
            break
    else:
        return chunk
    out = copy.deepcopy(chunk)
    out[_FLATTENED] = True  # the chunk shown is the original (interaction_recording)
    for c in out["choices"]:
        d = as_dict(as_dict(c).get("delta"))
        if isinstance(d.get("content"), list):
            text, reasoning = _flat_content(d["content"])
            d["content"] = text
            if reasoning:
                d["reasoning_content"] = reasoning
    return out


# ----------------------------------------------------------------- bodies per adapter
def _request_value(body: Body | None) -> Any:
    if body is None or body.kind == "none":
        return None
    if body.is_binary:
        return {"media_type": body.media_type, "size": body.size}
    return body.value


def _response_value(fmt: str, body: Body | None, status: int | None) -> tuple[Any, bool]:
    """(body as the adapter reads it, streamed)."""
    if body is None or body.kind == "none":
        return None, False
    if body.kind == "eventstream":
        return decode_frames(body.value), True
    if body.kind == "sse":
        if fmt == anthropic_messages.ADAPTER.name:
            return [body.value], True
        if fmt == http.ADAPTER.name:
            return body.value, True
        events = json_events(body.value)
        if fmt == openai_chat.ADAPTER.name and isinstance(body.value, str) \
                and _LIST_CONTENT.search(body.value):
            events = [flatten_chat_chunk(e) for e in events]
        return events, True
    if body.is_binary:
        return {"media_type": body.media_type, "size": body.size}, False
    return body.value, False


def _frames_recording(path: str, inter: Interaction, test_id: str | None, size: int
                      ) -> Recording:
    """A websocket frame log or a gRPC exchange: one chunk per frame."""
    chunks = []
    texts: list[str] = []
    reasoning: list[str] = []
    for i, frame in enumerate(inter.frames):
        f = as_dict(frame)
        data = as_dict(f.get("data")) if inter.kind == WEBSOCKET else as_dict(f.get("chunk") or f)
        text, think = "", ""
        if inter.kind == WEBSOCKET:
            kind = as_str(data.get("type")) or as_str(f.get("kind")) or "frame"
            if kind.endswith((".text.delta", "output_text.delta", "transcript.delta")):
                text = as_str(data.get("delta")) or ""
            label = f"{as_str(f.get('direction')) or ''} {kind}".strip()
        else:
            for out in as_list(data.get("outputs")):
                d = as_dict(as_dict(out).get("delta"))
                text += as_str(d.get("content")) or ""
                think += as_str(d.get("reasoning_content")) or ""
            label = "chunk"
        texts.append(text)
        reasoning.append(think)
        chunks.append(Chunk(i, frame, Delta(text=text, reasoning=think), label=label))
    request: tuple[Message, ...] = ()
    if inter.request_body is not None and inter.request_body.kind != "none":
        request = (Message("request", (DataPart("Request", "gRPC request",
                                                inter.request_body.value),)),)
    parts = []
    if any(reasoning):
        from recviewer.core.model import ReasoningPart
        parts.append(ReasoningPart("".join(reasoning)))
    if any(texts):
        parts.append(TextPart("".join(texts)))
    summary = f"{len(chunks)} {'frames' if inter.kind == WEBSOCKET else 'chunks'}"
    parts.append(DataPart("Frames" if inter.kind == WEBSOCKET else "Stream", summary, None))
    exchange = Exchange(request, (Message("assistant", tuple(parts)),), None, None, tuple(chunks))
    model = None
    req = as_dict(inter.request_body.value) if inter.request_body else {}
    model = as_str(req.get("model"))
    return Recording(path, test_id, inter.method, None, inter.method, model, inter.kind, True,
                     None, _request_value(inter.request_body), plain(list(inter.frames)),
                     exchange, plain(inter.raw), size)


def interaction_recording(path: str, inter: Interaction, test_id: str | None, size: int = 0
                          ) -> Recording | RecordingError:
    """One interaction as a Recording (``path`` is ``FILE#N``)."""
    if inter.kind in (WEBSOCKET, GRPC):
        return _frames_recording(path, inter, test_id, size)
    req_value = _request_value(inter.request_body)
    fmt = route(inter.method, inter.uri, mcp.is_jsonrpc(req_value),
                "messages" in as_dict(req_value))
    media = inter.response_body.media_type if inter.response_body else None
    resp_value, streamed = _response_value(fmt, inter.response_body, inter.status)
    doc = {
        "test_id": test_id,
        "request": {"method": inter.method, "url": inter.uri, "body": req_value,
                    "headers": inter.request_headers or {},
                    "model": model_from_url(inter.uri) or as_str(as_dict(req_value).get("model")),
                    "decoded": inter.request_body},
        "response": {"status": inter.status, "status_message": inter.status_message,
                     "headers": inter.response_headers or {}, "body": resp_value,
                     "is_streaming": streamed, "decoded": inter.response_body},
    }
    if fmt == http.ADAPTER.name:
        doc["response"]["is_streaming"] = is_streamed(media)
    env = make_envelope(path, doc)
    adapter = ADAPTERS[fmt]
    try:
        exchange = adapter.to_exchange(env)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        return RecordingError(path, f"unexpected data for format {fmt}: {exc!r}")
    except RecursionError:
        return RecordingError(path, "JSON nested too deeply to read")
    if fmt == openai_chat.ADAPTER.name and isinstance(resp_value, list) and any(
            as_dict(e).get(_FLATTENED) for e in resp_value):
        originals = json_events(inter.response_body.value) if inter.response_body else []
        if len(originals) == len(exchange.chunks):  # show chunks as recorded
            exchange = replace(exchange, chunks=tuple(
                replace(c, raw=o) for c, o in zip(exchange.chunks, originals)))
    if exchange.error is None and streamed and isinstance(resp_value, list):
        error = stream_error(resp_value)
        if error is not None:
            exchange = replace(exchange, error=error)
    return Recording(
        path=path, test_id=test_id, method=inter.method, url=inter.uri, endpoint=env.endpoint,
        model=env.model, format=fmt, streaming=env.streaming, status=inter.status,
        request_body=req_value, response_body=resp_value, exchange=exchange,
        raw=plain(inter.raw), size=size)


def stream_error(events: list) -> ErrorPart | None:
    """An ``{"error": {...}}`` event inside a 200 stream (OpenAI-compatible
    hosts send ``event: error``): the call failed mid-stream."""
    for e in events:
        err = as_dict(e).get("error")
        if isinstance(err, dict) and "choices" not in as_dict(e):
            return ErrorPart(as_str(err.get("message")) or "stream error",
                             as_str(err.get("code")) or as_str(err.get("type")) or "stream_error",
                             err.get("status_code") if isinstance(err.get("status_code"), int)
                             else None, err)
    return None


def cassette_recordings(cassette: Cassette, test_id: str | None
                        ) -> list[Recording | RecordingError]:
    return [interaction_recording(f"{cassette.path}#{i.index}", i, test_id, cassette.size)
            for i in cassette.interactions]


def plain(v: Any) -> Any:
    """A recorded value with ``!!binary`` bytes made JSON-safe: short UTF-8 text
    (header values) as text, anything else as a size note."""
    if isinstance(v, bytes):
        if len(v) <= 4096:
            try:
                text = v.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                if text.isprintable():
                    return text
        return f"<{len(v):,} bytes of binary data>"
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


def raw_view(inter: Interaction) -> dict[str, Any]:
    """What a Raw tab shows: the interaction as recorded (bytes as a size note)
    and the decoded bodies (text, JSON, SSE events, eventstream frames)."""
    def decoded(body: Body | None) -> Any:
        if body is None or body.kind == "none":
            return None
        out: dict[str, Any] = {"kind": body.kind, "media_type": body.media_type,
                               "size": body.size, "note": body.note}
        if body.kind == "eventstream":
            out["frames"] = plain(decode_frames(body.value))
        elif body.kind == "sse":
            out["events"] = [{"event": e.event, "data": e.raw} for e in parse_sse_text(body.value)]
        elif body.kind == "binary":
            out["value"] = None
        else:
            out["value"] = body.value
        return out

    return {"recorded": plain(inter.raw), "request_body": decoded(inter.request_body),
            "response_body": decoded(inter.response_body)}
