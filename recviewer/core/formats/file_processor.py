"""File processor calls: request ``{api: file_processors, file_id, provider}``,
response a ProcessFileResponse ``{chunks: [{content, metadata, ...}], metadata}``.

The request shows as a DataPart naming the file; the response as a summary
DataPart followed by the text of each extracted chunk.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import Envelope, as_dict, as_int, as_list, as_str
from recviewer.core.formats.parts.errors import exchange_error
from recviewer.core.load import type_name
from recviewer.core.model import DataPart, Exchange, Message, Part, TextPart

REQUEST_KEYS = ("test_id",)


def summarize(body: dict) -> str:
    """'1 chunk, 338 tokens; pypdf, 1 page; "Title"' from what the body holds."""
    chunks = [as_dict(c) for c in as_list(body.get("chunks"))]
    meta = as_dict(body.get("metadata"))
    tokens = [as_int(as_dict(c.get("metadata")).get("token_count")) for c in chunks]
    pieces = [f"{len(chunks)} chunk" + ("s" if len(chunks) != 1 else "")]
    if tokens and all(t is not None for t in tokens):
        pieces[0] += f", {sum(t for t in tokens if t is not None)} tokens"
    processor = as_str(meta.get("processor")) or as_str(meta.get("extraction_method"))
    pages = as_int(meta.get("page_count"))
    about = ", ".join(x for x in (processor, f"{pages} page" + ("s" if pages != 1 else "")
                                  if pages is not None else None) if x)
    if about:
        pieces.append(about)
    title = as_str(meta.get("title"))
    if title:
        pieces.append(f'"{title}"')
    return "; ".join(pieces)


def _chunk_text(chunk: Any) -> str | None:
    content = as_dict(chunk).get("content")
    if isinstance(content, str):
        return content
    texts = [as_str(as_dict(x).get("text")) for x in as_list(content)]
    return "".join(t for t in texts if t) or None


class FileProcessorAdapter:
    name = "file_processor"
    label = "file-proc"
    tool_places = places.NO_PLACES

    def matches(self, env: Envelope) -> bool:
        req = env.request
        if req.get("api") == "file_processors":
            return True
        if "file_id" in req and "url" not in req:
            return True
        return (type_name(env.response_body) or "").endswith("ProcessFileResponse")

    def to_exchange(self, env: Envelope) -> Exchange:
        req = env.request
        params = {k: v for k, v in req.items() if k not in REQUEST_KEYS}
        file_id = as_str(req.get("file_id")) or "?"
        provider = as_str(req.get("provider"))
        label = f"process {file_id}" + (f" with {provider}" if provider else "")
        request = (Message("user", (DataPart("File", label, params),)),)
        error = exchange_error(env)
        b = as_dict(env.response_body)
        if error is not None or not b:
            return Exchange(request, (), None, None, (), params, error)
        parts: list[Part] = [DataPart("Processed file", summarize(b), b.get("metadata"))]
        for chunk in as_list(b.get("chunks")):
            text = _chunk_text(chunk)
            if text:
                parts.append(TextPart(text))
        response = (Message("assistant", tuple(parts)),)
        return Exchange(request, response, None, None, (), params, None)


ADAPTER = FileProcessorAdapter()
