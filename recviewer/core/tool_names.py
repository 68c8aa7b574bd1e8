"""The tool names a recording mentions, for the tree filter and search.

The places are format knowledge: each adapter declares its ``tool_places``
(``formats/parts/tool_places.py``); this is the one small function that reads
them from the parsed head the catalog already has.
"""

from __future__ import annotations

import re
from typing import Any

from recviewer.core.formats.parts.tool_places import EVERY_PLACE, MAX_ITEMS, ToolPlace

__all__ = ["MAX_ITEMS", "tool_names"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.:\-]{0,79}\Z")


def tool_names(doc: Any, places: tuple[ToolPlace, ...] = EVERY_PLACE) -> tuple[str, ...]:
    """Distinct identifier-like tool names in the document's request, first seen
    first, read from ``places`` (an adapter's ``tool_places``; default: every
    known place)."""
    request = doc.get("request") if isinstance(doc, dict) else None
    if not isinstance(request, dict):
        return ()
    seen: dict[str, None] = {}
    for place in places:
        for name in place(request):
            if isinstance(name, str) and _IDENTIFIER.match(name):
                seen.setdefault(name, None)
    return tuple(seen)
