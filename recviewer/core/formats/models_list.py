"""Model listings: OpenAI ``/v1/models`` (a list of Model objects, or a page
``{data: [...]}``) and Ollama ``/api/tags`` (``{models: [...]}``).

The response is one DataPart whose value is the list of model ids.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.formats.parts import tool_places as places
from recviewer.core.formats.base import Envelope, as_dict, as_str
from recviewer.core.formats.parts.errors import exchange_error
from recviewer.core.load import type_name
from recviewer.core.model import DataPart, Exchange, Message

SHOWN_IN_SUMMARY = 8


def _is_model(item: Any) -> bool:
    return (type_name(item) or "").endswith(".Model") or as_dict(item).get("object") == "model"


def model_entries(body: Any) -> list[Any]:
    """The model entries of a listing body, whatever its shape."""
    if isinstance(body, list):
        return body
    b = as_dict(body)
    for key in ("data", "models"):
        if isinstance(b.get(key), list):
            return b[key]
    return []


def model_id(entry: Any) -> str:
    e = as_dict(entry)
    for key in ("id", "model", "name"):
        value = as_str(e.get(key))
        if value:
            return value
    return entry if isinstance(entry, str) else "?"


def summarize_ids(ids: list[str], noun: str = "model") -> str:
    if not ids:
        return f"no {noun}s"
    head = f"{len(ids)} {noun}" + ("s" if len(ids) != 1 else "")
    shown = ", ".join(ids[:SHOWN_IN_SUMMARY])
    more = f", … (+{len(ids) - SHOWN_IN_SUMMARY})" if len(ids) > SHOWN_IN_SUMMARY else ""
    return f"{head}: {shown}{more}"


class ModelsListAdapter:
    name = "models_list"
    label = "models"
    tool_places = places.NO_PLACES

    def matches(self, env: Envelope) -> bool:
        ep = env.endpoint or ""
        if ep.endswith(("/v1/models", "/api/tags")) or ep == "/models":
            return True
        body = env.response_body
        if isinstance(body, list):
            return bool(body) and _is_model(body[0])
        return (type_name(body) or "").endswith("ListResponse") and "models" in as_dict(body)

    def to_exchange(self, env: Envelope) -> Exchange:
        params = dict(as_dict(env.request_body))
        error = exchange_error(env)
        response: tuple[Message, ...] = ()
        if env.response_body is not None and error is None:
            ids = [model_id(e) for e in model_entries(env.response_body)]
            response = (Message("assistant", (DataPart("Models", summarize_ids(ids), ids),)),)
        return Exchange((), response, None, None, (), params, error)


ADAPTER = ModelsListAdapter()
