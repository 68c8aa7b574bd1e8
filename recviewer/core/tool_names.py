"""The tool names a recording mentions, for the tree filter.

Taken from the parsed head the catalog already has (the request: tool
definitions, earlier tool calls, a tool-runtime ``tool_name``), so finding them
costs no second read of the file. A bounded, iterative walk: hostile nesting
or huge documents cannot make it slow.
"""

from __future__ import annotations

import re
from typing import Any

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.:\-]{0,79}\Z")
_NAME_KEYS = frozenset(("name", "tool_name"))
MAX_NODES = 50_000  # values visited at most


def tool_names(doc: Any) -> tuple[str, ...]:
    """Distinct identifier-like values of ``name``/``tool_name`` keys in the
    document's request (each once)."""
    root = doc.get("request") if isinstance(doc, dict) else None
    seen: dict[str, None] = {}
    stack = [root]
    visited = 0
    while stack and visited < MAX_NODES:
        value = stack.pop()
        visited += 1
        if isinstance(value, dict):
            for key, item in value.items():
                if key in _NAME_KEYS and isinstance(item, str) and _IDENTIFIER.match(item):
                    seen.setdefault(item, None)
                elif isinstance(item, (dict, list)):
                    stack.append(item)
        elif isinstance(value, list):
            stack.extend(reversed(value))
    return tuple(seen)
