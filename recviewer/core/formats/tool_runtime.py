"""Tool runtime calls: request ``{provider, tool_name, kwargs}``, response a
ToolInvocationResult ``{content, error_message, error_code, metadata}``.

Shown as a tool call (name = tool_name, arguments = kwargs) answered by a tool
result; the error fields and metadata are kept beside the result.
"""

from __future__ import annotations

from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import Envelope, as_dict, as_int, as_str
from recviewer.core.formats.parts.errors import exchange_error
from recviewer.core.formats.parts.openai_messages import content_text
from recviewer.core.model import (
    DataPart, ErrorPart, Exchange, Message, Part, ToolCallPart, ToolResultPart,
)

REQUEST_KEYS = ("tool_name", "kwargs", "test_id")


class ToolRuntimeAdapter:
    name = "tool_runtime"
    label = "tool"
    tool_places = (places.runtime_tool,)

    def matches(self, env: Envelope) -> bool:
        return "tool_name" in env.request and "url" not in env.request

    def to_exchange(self, env: Envelope) -> Exchange:
        req = env.request
        name = as_str(req.get("tool_name")) or "?"
        kwargs = req.get("kwargs")
        call = ToolCallPart.from_arguments(None, name, kwargs if kwargs is not None else {}, 0)
        request = (Message("assistant", (call,)),)
        params = {k: v for k, v in req.items() if k not in REQUEST_KEYS}
        error = exchange_error(env)
        b = as_dict(env.response_body)
        if error is not None or not b:
            return Exchange(request, (), None, None, (), params, error)
        content = b.get("content")
        text = content if isinstance(content, str) else content_text(content)
        parts: list[Part] = [ToolResultPart(None, text, name)]
        message = as_str(b.get("error_message"))
        code = b.get("error_code")
        if message or code is not None:
            parts.append(ErrorPart(message or f"error code {code}", "tool_error", as_int(code),
                                   {"error_message": message, "error_code": code}))
        metadata = b.get("metadata")
        if metadata:
            keys = ", ".join(as_dict(metadata)) or type(metadata).__name__
            parts.append(DataPart("Metadata", keys, metadata))
        return Exchange(request, (Message("tool", tuple(parts)),), None, None, (), params, None)


ADAPTER = ToolRuntimeAdapter()
