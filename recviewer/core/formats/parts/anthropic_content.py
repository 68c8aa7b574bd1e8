"""Anthropic Messages content blocks → Parts (request messages and responses).

Blocks: text, image (base64 or url source), tool_use (``input`` is already a
JSON object), tool_result (content string or blocks), thinking,
redacted_thinking, document.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.base import as_dict, as_int, as_list, as_str, indexed_parts
from recviewer.core.model import (
    DataPart, ErrorPart, ImagePart, Message, Part, ReasoningPart, TextPart, ToolCallPart,
    ToolResultPart,
)
from recviewer.core.formats.parts.tool_links import link_results


def _source_url(source: Any) -> str:
    s = as_dict(source)
    if s.get("type") == "base64":
        media = as_str(s.get("media_type")) or "application/octet-stream"
        return f"data:{media};base64,{as_str(s.get('data')) or ''}"
    return as_str(s.get("url")) or as_str(s.get("file_id")) or ""


def blocks_text(content: Any) -> str:
    """A tool_result ``content`` (string or blocks) flattened to text."""
    if isinstance(content, str):
        return content
    pieces = []
    for block in as_list(content):
        b = as_dict(block)
        if isinstance(b.get("text"), str):
            pieces.append(b["text"])
        elif b.get("type") == "image":
            pieces.append("[image]")
    return "".join(pieces)


def block_part(raw: Any, index: int | None = None) -> Part | None:
    """One content block → Part (None for blocks with nothing to show)."""
    if isinstance(raw, str):
        return TextPart(raw)
    b = as_dict(raw)
    kind = b.get("type")
    if kind == "text" or (kind is None and isinstance(b.get("text"), str)):
        return TextPart(as_str(b.get("text")) or "")
    if kind == "thinking":
        return ReasoningPart(as_str(b.get("thinking")) or "")
    if kind == "redacted_thinking":
        return ReasoningPart("[redacted thinking]")
    if kind in ("tool_use", "server_tool_use"):
        args = b.get("input")
        return ToolCallPart.from_arguments(as_str(b.get("id")), as_str(b.get("name")) or "",
                                           args if args is not None else {}, index)
    if kind == "tool_result":
        text = blocks_text(b.get("content"))
        if b.get("is_error") is True:
            text = f"[error] {text}"
        return ToolResultPart(as_str(b.get("tool_use_id")), text)
    if kind == "image":
        return ImagePart(_source_url(b.get("source")))
    if kind == "document":
        title = as_str(b.get("title")) or as_str(as_dict(b.get("source")).get("media_type"))
        return DataPart("Document", title or "document", None)
    if b:
        return DataPart(as_str(kind) or "Block", as_str(kind) or "content block", b)
    return None


def blocks_parts(content: Any) -> tuple[Part, ...]:
    """A message ``content`` (string or list of blocks) → Parts.

    Tool calls carry their block index, as streamed calls do.
    """
    if isinstance(content, str):
        return (TextPart(content),) if content else ()
    return indexed_parts(content, block_part)


def request_messages(payload: dict) -> tuple[Message, ...]:
    out = []
    system = payload.get("system")
    if system is not None:
        parts = blocks_parts(system)
        if parts:
            out.append(Message("system", parts))
    for m in as_list(payload.get("messages")):
        m = as_dict(m)
        out.append(Message(as_str(m.get("role")) or "unknown", blocks_parts(m.get("content"))))
    return link_results(tuple(out))


def error_part(raw: Any, status: int | None = None) -> ErrorPart:
    """An ``{"type": "error", "error": {type, message}}`` body or event → ErrorPart."""
    err = as_dict(as_dict(raw).get("error"))
    return ErrorPart(as_str(err.get("message")) or "error", as_str(err.get("type")) or "error",
                     status if status is not None else as_int(err.get("status")), raw)
