"""The one place YAML is parsed: PyYAML's safe loaders only.

``CSafeLoader`` (libyaml, about ten times faster) when PyYAML was built with
it, else the pure-Python ``SafeLoader`` (``LOADER_NOTE`` says so). Only the
standard YAML tags are constructed: ``!!python/*`` and every other tag is
refused with a clear reason, ``!!binary`` becomes ``bytes``. The result is then
copied into plain JSON-like values by a bounded walk, so an alias bomb (a small
file whose aliases expand to billions of nodes) or a self-referencing alias is
refused instead of being expanded by whoever reads the value next.
"""

from __future__ import annotations

import datetime
from typing import Any

import yaml

try:
    Loader: type = yaml.CSafeLoader
    LOADER_NOTE: str | None = None
except AttributeError:  # PyYAML without libyaml
    Loader = yaml.SafeLoader
    LOADER_NOTE = ("PyYAML was built without libyaml: cassettes are read with the "
                   "pure-Python safe loader (about 10x slower)")

MAX_YAML_BYTES = 256 * 1024 * 1024  # a bigger YAML document is refused
MAX_NODES = 5_000_000  # values after alias expansion
MAX_DEPTH = 200


class YamlRefused(ValueError):
    """The document cannot be read safely; ``str()`` is the reason."""


def _reason(exc: yaml.YAMLError) -> str:
    text = str(exc)
    if "python/" in text:
        return "refused: the YAML holds a !!python/ tag (would name Python objects)"
    if "could not determine a constructor" in text:
        tag = text.split("tag '", 1)[-1].split("'", 1)[0]
        return f"refused: the YAML holds an unknown tag {tag}"
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or text.splitlines()[0] if text else "syntax error"
    return f"not valid YAML{where}: {problem}"


def _plain(value: Any) -> Any:
    """A bounded, alias-free copy with JSON-like values (bytes kept)."""
    budget = [MAX_NODES]

    def walk(v: Any, depth: int) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise YamlRefused(f"refused: more than {MAX_NODES:,} values once aliases are "
                              "expanded (an alias bomb?)")
        if depth > MAX_DEPTH:
            raise YamlRefused("refused: YAML nested too deeply (or a self-referencing alias)")
        if isinstance(v, dict):
            return {k if isinstance(k, str) else str(k): walk(x, depth + 1) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [walk(x, depth + 1) for x in v]
        if isinstance(v, (set, frozenset)):
            return [walk(x, depth + 1) for x in sorted(v, key=repr)]
        if isinstance(v, (datetime.date, datetime.datetime)):
            return v.isoformat()
        return v

    return walk(value, 0)


def load_yaml(data: bytes | str) -> Any:
    """Parse one YAML document safely; raises ``YamlRefused`` with a reason."""
    if len(data) > MAX_YAML_BYTES:
        raise YamlRefused(f"refused: YAML document larger than {MAX_YAML_BYTES // 2**20} MB")
    try:
        value = yaml.load(data, Loader=Loader)  # noqa: S506 - Loader is a safe loader
    except yaml.YAMLError as exc:
        raise YamlRefused(_reason(exc)) from None
    except RecursionError:
        raise YamlRefused("refused: YAML nested too deeply") from None
    return _plain(value)
