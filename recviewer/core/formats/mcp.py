"""MCP (Model Context Protocol) JSON-RPC over streamable HTTP.

The request body is a JSON-RPC message ``{jsonrpc, id, method, params}`` (or a
batch); the response is JSON, an SSE stream of JSON-RPC messages (one chunk
each), or empty (202 Accepted for notifications). A ``tools/call`` result's
``content`` items read as text; other results are shown as data.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import Envelope, as_dict, as_int, as_list, as_str
from recviewer.core.formats.parts.errors import exchange_error
from recviewer.core.model import (
    Chunk, DataPart, Delta, ErrorPart, Exchange, ImagePart, Message, Part, TextPart,
    ToolCallPart, ToolResultPart,
)


def is_jsonrpc(body: Any) -> bool:
    first = body[0] if isinstance(body, list) and body else body
    return as_dict(first).get("jsonrpc") == "2.0"


def _request_parts(msg: dict) -> list[Part]:
    method = as_str(msg.get("method")) or "?"
    params = msg.get("params")
    if method == "tools/call":
        p = as_dict(params)
        args = p.get("arguments")
        return [ToolCallPart.from_arguments(str(msg.get("id")), as_str(p.get("name")) or "",
                                            args if args is not None else {})]
    return [DataPart(f"JSON-RPC {method}", method + ("" if "id" in msg else " (notification)"),
                     params)]


def _result_parts(msg: dict, call_id: str | None, method: str | None) -> list[Part]:
    if "error" in msg:
        err = as_dict(msg.get("error"))
        return [DataPart("JSON-RPC error", as_str(err.get("message")) or "error", err)]
    result = as_dict(msg.get("result"))
    if method == "tools/call" or "content" in result and "tools" not in result:
        pieces: list[str] = []
        images: list[Part] = []
        for c in as_list(result.get("content")):
            c = as_dict(c)
            if isinstance(c.get("text"), str):
                pieces.append(c["text"])
            elif c.get("type") == "image" and isinstance(c.get("data"), str):
                media = as_str(c.get("mimeType")) or "image/png"
                images.append(ImagePart(f"data:{media};base64,{c['data']}"))
        text = "".join(pieces)
        if result.get("isError") is True:
            text = f"[error] {text}"
        return [ToolResultPart(call_id, text)] + images
    tools = as_list(result.get("tools"))
    if tools:
        names = ", ".join(as_str(as_dict(t).get("name")) or "?" for t in tools)
        return [DataPart("Tools", f"{len(tools)} tools: {names}", result)]
    return [DataPart("JSON-RPC result", ", ".join(result) or "result", msg.get("result"))]


class McpAdapter:
    name = "mcp"
    label = "mcp"
    tool_places = places.EVERY_PLACE

    def matches(self, env: Envelope) -> bool:
        return is_jsonrpc(env.request_body)

    def to_exchange(self, env: Envelope) -> Exchange:
        req = env.request_body
        msgs = [as_dict(m) for m in (req if isinstance(req, list) else [req])]
        request = (Message("user", tuple(p for m in msgs for p in _request_parts(m))),)
        method = as_str(msgs[0].get("method")) if msgs else None
        call_id = str(msgs[0].get("id")) if msgs and "id" in msgs[0] else None
        error = exchange_error(env)
        body = env.response_body
        params = {"method": method} if method else {}
        if env.streaming and isinstance(body, list):
            chunks = []
            parts: list[Part] = []
            for i, raw in enumerate(body):
                m = as_dict(raw)
                delta = Delta()
                if "error" in m:
                    err = as_dict(m["error"])
                    delta = Delta(error=ErrorPart(as_str(err.get("message")) or "error",
                                                  "jsonrpc", as_int(err.get("code")), err))
                if "result" in m or "error" in m:
                    parts += _result_parts(m, call_id, method)
                elif "method" in m:
                    parts += _request_parts(m)
                chunks.append(Chunk(i, raw, delta, label=as_str(m.get("method")) or "message"))
            response = (Message("assistant", tuple(parts)),) if parts else ()
            err = error or next((c.delta.error for c in chunks if c.delta.error), None)
            return Exchange(request, response, None, None, tuple(chunks), params, err)
        b = as_dict(body)
        response = (Message("assistant", tuple(_result_parts(b, call_id, method))),) if b else ()
        return Exchange(request, response, None, None, (), params, error)


ADAPTER = McpAdapter()
