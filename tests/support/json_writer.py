"""Write JSON the way the recorder does (``json.dump(..., indent=2)``), plus what
no JSON library writes on purpose: raw fragments (``1e400``, ``10**400``, 10,000
levels of nesting) and objects with repeated keys. For building hostile files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Raw:
    """A JSON fragment written verbatim (1e400, 10**400, deep nesting...)."""

    text: str


@dataclass(frozen=True)
class Pairs:
    """An object written from (key, value) pairs, so keys may repeat."""

    items: tuple[tuple[str, Any], ...]


def dump(value: Any, indent: int = 0) -> str:
    """JSON like ``json.dump(..., indent=2)`` (the recorder's layout), plus Raw/Pairs."""
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, (dict, Pairs)):
        items = value.items if isinstance(value, Pairs) else tuple(value.items())
        if not items:
            return "{}"
        body = ",\n".join(f"{inner}{_string(k)}: {dump(v, indent + 2)}" for k, v in items)
        return "{\n" + body + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + dump(v, indent + 2) for v in value) + "\n" + pad + "]"
    if isinstance(value, str):
        return _string(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, float):
        return repr(value) if value == value and abs(value) != float("inf") else "1e400"
    return str(value)


def _string(s: str) -> str:
    out = ['"']
    for ch in s:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF or code > 0x7E:
            if code > 0xFFFF:
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
