"""AWS Bedrock Converse (``/model/{id}/converse``) and ConverseStream
(``/model/{id}/converse-stream``, an ``application/vnd.amazon.eventstream``
body decoded by ``parts.eventstream``: each frame is one chunk).

Content blocks: ``text``, ``image``, ``document``, ``toolUse`` (input is a JSON
object), ``toolResult``, ``reasoningContent``; usage ``inputTokens`` /
``outputTokens`` / ``totalTokens``; ``stopReason``.
"""

from __future__ import annotations

import base64
from typing import Any

import orjson

from recviewer.core.formats.parts.prologue import prologue
from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import (
    Envelope, as_dict, as_int, as_list, as_str, indexed_parts, streamed_exchange,
)
from recviewer.core.model import (
    Chunk, DataPart, Delta, ErrorPart, Exchange, ImagePart, Message, Part, ReasoningPart,
    TextPart, ToolCallDelta, ToolCallPart, ToolResultPart, Usage,
)

CONVERSATION_KEYS = ("messages", "system")


def usage_of(raw: Any) -> Usage | None:
    u = as_dict(raw)
    if not u:
        return None
    return Usage(as_int(u.get("inputTokens")), as_int(u.get("outputTokens")),
                 as_int(u.get("totalTokens")), u)


def _image_url(image: dict) -> str:
    fmt = as_str(image.get("format")) or "png"
    data = as_dict(image.get("source")).get("bytes")
    if isinstance(data, str):
        return f"data:image/{fmt};base64,{data}"
    if isinstance(data, bytes):
        return f"data:image/{fmt};base64,{base64.b64encode(data).decode('ascii')}"
    return as_str(as_dict(as_dict(image.get("source")).get("s3Location")).get("uri")) or ""


def _result_text(content: Any) -> str:
    pieces = []
    for c in as_list(content):
        c = as_dict(c)
        if isinstance(c.get("text"), str):
            pieces.append(c["text"])
        elif "json" in c:
            pieces.append(orjson.dumps(c["json"], option=orjson.OPT_SORT_KEYS).decode())
        elif c:
            pieces.append(f"[{next(iter(c))}]")
    return "".join(pieces)


def block_part(raw: Any, index: int | None = None) -> Part | None:
    b = as_dict(raw)
    if isinstance(b.get("text"), str):
        return TextPart(b["text"])
    if "toolUse" in b:
        t = as_dict(b["toolUse"])
        args = t.get("input")
        return ToolCallPart.from_arguments(as_str(t.get("toolUseId")), as_str(t.get("name")) or "",
                                           args if args is not None else {}, index)
    if "toolResult" in b:
        t = as_dict(b["toolResult"])
        text = _result_text(t.get("content"))
        if t.get("status") == "error":
            text = f"[error] {text}"
        return ToolResultPart(as_str(t.get("toolUseId")), text)
    if "reasoningContent" in b:
        r = as_dict(b["reasoningContent"])
        text = as_str(as_dict(r.get("reasoningText")).get("text"))
        return ReasoningPart(text if text is not None else "[redacted reasoning]")
    if "image" in b:
        return ImagePart(_image_url(as_dict(b["image"])))
    if "document" in b:
        d = as_dict(b["document"])
        return DataPart("Document", as_str(d.get("name")) or as_str(d.get("format")) or "document")
    if b:
        key = next(iter(b))
        return DataPart(key, key, b)
    return None


def blocks_parts(content: Any) -> tuple[Part, ...]:
    return indexed_parts(content, block_part)


def request_messages(body: dict) -> tuple[Message, ...]:
    out = []
    system = blocks_parts(body.get("system"))
    if system:
        out.append(Message("system", system))
    for m in as_list(body.get("messages")):
        m = as_dict(m)
        out.append(Message(as_str(m.get("role")) or "user", blocks_parts(m.get("content"))))
    return tuple(out)


class BedrockConverseAdapter:
    name = "bedrock_converse"
    label = ""  # '': the endpoint's last path segment
    tool_places = places.EVERY_PLACE

    def matches(self, env: Envelope) -> bool:
        ep = env.endpoint or ""
        return ep.endswith(("/converse", "/converse-stream"))

    def to_exchange(self, env: Envelope) -> Exchange:
        p = prologue(env, CONVERSATION_KEYS)
        params, error, b = p.params, p.error, p.body
        request = request_messages(p.request)
        if p.stream is not None:
            return streamed_exchange(request, chunks_of(p.stream), params, error)
        msg = as_dict(as_dict(b.get("output")).get("message"))
        response = (Message(as_str(msg.get("role")) or "assistant",
                            blocks_parts(msg.get("content"))),) if msg else ()
        return Exchange(request, response, as_str(b.get("stopReason")), usage_of(b.get("usage")),
                        (), params, error)


def delta_of(frame: Any) -> Delta:
    f = as_dict(frame)
    if "error" in f and "payload" not in f:
        return Delta(error=ErrorPart(as_str(f.get("error")) or "bad frame", "eventstream"))
    event = as_str(f.get("event")) or ""
    p = as_dict(f.get("payload"))
    if f.get("message_type") == "exception":
        return Delta(error=ErrorPart(as_str(p.get("message")) or event or "exception",
                                     event or "exception", None, p))
    index = as_int(p.get("contentBlockIndex"))
    if event == "messageStart":
        return Delta(role=as_str(p.get("role")))
    if event == "contentBlockStart" and index is not None:
        tool = as_dict(as_dict(p.get("start")).get("toolUse"))
        if tool:
            return Delta(tool_calls=(ToolCallDelta(index, as_str(tool.get("toolUseId")),
                                                   as_str(tool.get("name"))),))
        return Delta()
    if event == "contentBlockDelta":
        d = as_dict(p.get("delta"))
        if isinstance(d.get("text"), str):
            return Delta(text=d["text"])
        if "toolUse" in d and index is not None:
            piece = as_str(as_dict(d["toolUse"]).get("input")) or ""
            return Delta(tool_calls=(ToolCallDelta(index, arguments=piece),))
        if "reasoningContent" in d:
            return Delta(reasoning=as_str(as_dict(d["reasoningContent"]).get("text")) or "")
        return Delta()
    if event == "messageStop":
        return Delta(finish_reason=as_str(p.get("stopReason")))
    if event == "metadata":
        return Delta(usage=usage_of(p.get("usage")))
    return Delta()


def chunks_of(frames: list) -> tuple[Chunk, ...]:
    return tuple(Chunk(i, raw, delta_of(raw), label=as_str(as_dict(raw).get("event")) or "frame")
                 for i, raw in enumerate(frames))


ADAPTER = BedrockConverseAdapter()
