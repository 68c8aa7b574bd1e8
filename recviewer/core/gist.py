"""One line saying what a call is, for the tree row of a recording.

``→ knowledge_search(query="Latest updates from the US")`` when the response
asks for a tool, ``user: What are the updates from the US region?`` (the last
request message) otherwise, ``embeddings · 3 inputs`` for calls that are not a
conversation. Worked out from the common model (``Exchange``), so every format
with an adapter gets one.

The catalog computes it from the head read (``gist_of_head``): the request is
complete there, and of a stream only the first items are parsed — a few more
(``FIRST_ITEMS``) when the first is a role-only chunk, and four times as many
each round (up to ``STREAM_ITEMS``) only while a tool call's arguments are
still incomplete. Only the last request message is adapted.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

import orjson

from recviewer.core.formats.base import Adapter, Envelope, as_dict, as_list, as_str
from recviewer.core.formats.models_list import model_entries
from recviewer.core.model import Exchange, Message, Recording, TextPart, ToolCallPart, ToolResultPart

MAX_CHARS = 100  # a gist is cut to this many characters ("…" at the end)
FIRST_ITEMS = 3  # stream items read when the first one says nothing (a role-only chunk)
STREAM_ITEMS = 48  # stream items read at most to complete the first tool call's arguments
MoreItems = Callable[[int], list]  # the first N items of the stream body


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cut(text: str, limit: int = MAX_CHARS) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _value(value: Any) -> str:
    if isinstance(value, str):
        return orjson.dumps(value).decode()
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return "…"


def call_gist(call: ToolCallPart) -> str:
    """``name(key="value", n=3)``; ``name(…)`` when the arguments are unreadable."""
    if call.parse_error is not None:
        args = "…"
    elif isinstance(call.parsed, dict):
        args = ", ".join(f"{k}={_value(v)}" for k, v in call.parsed.items())
    elif call.parsed in (None, {}):
        args = ""
    else:
        args = _value(call.parsed)
    return _cut(f"{call.name}({args})", MAX_CHARS - 2)


def _message_text(message: Message) -> str:
    text = message.text
    if not text.strip():
        results = [p.content for p in message.parts if isinstance(p, ToolResultPart)]
        text = " ".join(results)
    if not text.strip():
        calls = message.tool_calls
        if calls:
            return call_gist(calls[0])
    return text


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _not_chat(fmt: str, request: dict, body: Any, response_body: Any,
              exchange: Exchange) -> str | None:
    if fmt == "embeddings":
        b = as_dict(body)
        value = b.get("input", b.get("prompt"))
        n = len(value) if isinstance(value, list) else (0 if value is None else 1)
        return f"embeddings · {_count(n, 'input')}"
    if fmt == "models_list":
        items = model_entries(response_body)
        return f"model list · {_count(len(items), 'model')}" if items else "model list"
    if fmt == "tool_runtime":
        calls = [c for m in exchange.request_messages for c in m.tool_calls]
        return f"tool · {call_gist(calls[0])}" if calls else "tool call"
    if fmt == "file_processor":
        name = as_str(request.get("provider")) or as_str(request.get("api")) or ""
        return _cut(f"file processor · {name}".rstrip(" ·"))
    return None


def gist_of_exchange(fmt: str, exchange: Exchange, request: dict | None = None,
                     request_body: Any = None, response_body: Any = None) -> str | None:
    """The gist of one call (None: nothing to say)."""
    special = _not_chat(fmt, as_dict(request), request_body, response_body, exchange)
    if special is not None:
        return special
    for message in exchange.response_messages:
        calls = message.tool_calls
        if calls:
            more = len([c for m in exchange.response_messages for c in m.tool_calls]) - 1
            return "→ " + call_gist(calls[0]) + (f" +{more}" if more else "")
    for message in reversed(exchange.request_messages):
        text = _message_text(message)
        if text.strip():
            return _cut(f"{message.role}: {text}")
    if exchange.error is not None:
        return _cut(f"error: {exchange.error.message}")
    return None


def gist_of(rec: Recording) -> str | None:
    """The gist of a fully read recording."""
    req = rec.raw.get("request") if isinstance(rec.raw, dict) else None
    return gist_of_exchange(rec.format, rec.exchange, as_dict(req), rec.request_body,
                            rec.response_body)


_HISTORY_KEYS = ("messages", "contents", "input")  # chat, Gemini, Responses/interactions


def _last_turn(env: Envelope) -> Envelope:
    """The envelope with only the last request message: the gist needs no more,
    and adapting a long history is most of the cost."""
    body = env.request_body
    if not isinstance(body, dict):
        return env
    trimmed = {k: v[-1:] for k in _HISTORY_KEYS
               if isinstance(v := body.get(k), list) and len(v) > 1}
    if not trimmed:
        return env
    return dataclasses.replace(env, request_body={**body, **trimmed})


def _decided(fmt: str, exchange: Exchange) -> bool:
    """True when the trimmed exchange gives the same gist as the whole one would."""
    if fmt in ("embeddings", "models_list", "tool_runtime", "file_processor"):
        return True
    if any(m.tool_calls for m in exchange.response_messages):
        return True
    return any(_message_text(m).strip() for m in exchange.request_messages)


def _reread(env: Envelope, adapter: Adapter, more: MoreItems, n: int) -> Exchange:
    return adapter.to_exchange(dataclasses.replace(env, response_body=more(n)))


def _silent(exchange: Exchange) -> bool:
    return not any(m.text.strip() or m.tool_calls for m in exchange.response_messages)


def _incomplete(exchange: Exchange) -> bool:
    for message in exchange.response_messages:
        for call in message.tool_calls:
            return call.parse_error is not None or not call.arguments.strip()
    return False


def gist_of_head(env: Envelope, adapter: Adapter, more: MoreItems | None = None,
                 calls: bool = True) -> str | None:
    """The gist from a head read: ``env`` holds the request and the response
    (of a stream, its first item); ``more(n)`` gives the stream's first n items.
    ``calls`` False: the stream's bytes spell no tool call, so no item past the
    first is read while the request alone decides the gist (profiled: reading
    more items of role-only first chunks was half the cost of the index)."""
    whole = env
    try:
        env = _last_turn(env)
        exchange = adapter.to_exchange(env)
        if not calls and _decided(adapter.name, exchange):
            return gist_of_exchange(adapter.name, exchange, whole.request, whole.request_body,
                                    whole.response_body)
        if more is not None and env.streaming:
            n = FIRST_ITEMS
            if _silent(exchange):  # a role-only first chunk: the next ones tell
                exchange = _reread(env, adapter, more, n)
            while _incomplete(exchange) and n < STREAM_ITEMS:
                n *= 4
                exchange = _reread(env, adapter, more, min(n, STREAM_ITEMS))
        gist = gist_of_exchange(adapter.name, exchange, whole.request, whole.request_body,
                                whole.response_body)
        if env is not whole and not _decided(adapter.name, exchange):  # the last message says nothing
            exchange = adapter.to_exchange(dataclasses.replace(whole, response_body=env.response_body))
            gist = gist_of_exchange(adapter.name, exchange, whole.request, whole.request_body,
                                    whole.response_body)
        return gist
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
        return None
