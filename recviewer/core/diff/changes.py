"""One difference between two JSON-like values, and how paths are spelled.

A path reads like Python/JS access from the document root:
``response.body[3].choices[0].delta.content``. Dict keys that are plain
identifiers are joined with a dot; any other key is quoted JSON-style:
``request.headers["x-request-id"]``. List positions are ``[i]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import orjson

ChangeKind = Literal["added", "removed", "changed"]
KINDS: tuple[str, ...] = ("added", "removed", "changed")

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(slots=True, frozen=True)
class Change:
    """``a`` is the value in the first document (None when added), ``b`` in
    the second (None when removed). ``noise`` marks normalisation noise."""

    path: str
    kind: ChangeKind
    a: Any = None
    b: Any = None
    noise: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "a": self.a, "b": self.b,
                "noise": self.noise}


def join_key(path: str, key: Any) -> str:
    """``path.key`` or ``path["odd key"]``."""
    if not isinstance(key, str):
        key = str(key)
    if _IDENTIFIER.match(key):
        return f"{path}.{key}" if path else key
    quoted = orjson.dumps(key).decode()
    return f"{path}[{quoted}]"


def join_index(path: str, index: int) -> str:
    return f"{path}[{index}]"
