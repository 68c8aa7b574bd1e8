"""JSON that Python's ``json.dump`` writes but orjson refuses.

Recordings are written by Python, whose ``json.dump`` happily emits ``NaN`` and
``Infinity`` (a ``-inf`` logprob), integers of any size, and lone surrogate
escapes (``"\\ud83d"`` when a stream split an emoji between two chunks). orjson
refuses all of these, so a whole file would be lost for one odd value.

``lenient_loads`` is the fallback the loader tries after orjson failed: the
standard library parses the text, then values are made safe for the rest of the
core (which serialises with orjson): integers outside the 64-bit range become
floats (as orjson itself reads them; too large for a float gives infinity), and
lone surrogates become U+FFFD. Nesting deeper than ``max_depth`` is refused
before parsing, so the recursive parser never runs deep.
"""

from __future__ import annotations

import json
import re
from typing import Any

_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPEN = frozenset(b"[{")
_INT_MIN, _INT_END = -(2 ** 63), 2 ** 64


class NotLenient(ValueError):
    """The standard library cannot read it either."""


def nesting_depth(data: bytes) -> int:
    """The deepest ``[``/``{`` nesting outside strings (cheap: C regex + one pass)."""
    skeleton = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    depth = peak = 0
    for b in skeleton:
        if b in _OPEN:
            depth += 1
            if depth > peak:
                peak = depth
        else:
            depth -= 1
    return peak


def _number(text: str) -> int | float:
    if len(text) <= 20:
        value = int(text)
        if _INT_MIN <= value < _INT_END:
            return value
    return float(text)  # beyond 64 bits: a float, as orjson reads it (inf if too large)


def _clean_str(s: str) -> str:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: keep pairs, replace the rest
        return s.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return s


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _clean_str(value)
    if isinstance(value, dict):
        return {_clean_str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def lenient_loads(data: bytes, max_depth: int = 500) -> Any:
    """Parse UTF-8 JSON as Python's json module would; raises NotLenient."""
    if nesting_depth(data) > max_depth:
        raise NotLenient("nested too deeply")
    try:
        text = data.decode("utf-8")
        return _clean(json.loads(text, parse_int=_number))
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise NotLenient(str(exc)) from None
