"""Captured replay misses: one JSON file per miss, written by ``recviewer-cli capture``.

The file is a JSON object with exactly these keys::

    {"method": str|null, "url": str|null, "body": any, "test_id": str|null,
     "key": str|null, "error": str|null}

``method``/``url``/``body``/``test_id`` are what the recorder hashed (for a
tool-runtime miss ``url`` is ``tool://<provider>/<tool_name>`` and ``body``
the kwargs; for a raw-HTTP miss ``body`` is the payload), ``key`` the hash it
computed and ``error`` its own error message. The hook
(``recviewer/capture_hook/sitecustomize.py``) writes the same shape without
importing recviewer; ``FIELDS`` is the contract both keep.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from recviewer.core.errors import RecordingError

FIELDS = ("body", "error", "key", "method", "test_id", "url")
TOOL_SCHEME = "tool://"
KIND_KEY = "kind"  # optional: "inference" | "http" | "tool" (written by the hook)


@dataclass(slots=True, frozen=True)
class Miss:
    method: str | None
    url: str | None
    body: Any
    test_id: str | None
    key: str | None
    error: str | None
    kind: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = {"method": self.method, "url": self.url, "body": self.body,
               "test_id": self.test_id, "key": self.key, "error": self.error}
        if self.kind is not None:
            out[KIND_KEY] = self.kind
        return out


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def is_miss(doc: Any) -> bool:
    """A captured miss (all six keys present, no ``response``)."""
    return isinstance(doc, dict) and all(k in doc for k in FIELDS) and "response" not in doc


def parse_miss(doc: Any) -> Miss | None:
    if not is_miss(doc):
        return None
    kind = _opt_str(doc.get(KIND_KEY))
    return Miss(_opt_str(doc["method"]), _opt_str(doc["url"]), doc["body"],
                _opt_str(doc["test_id"]), _opt_str(doc["key"]), _opt_str(doc["error"]), kind)


def read_miss(path: str) -> Miss | RecordingError:
    """One captured-miss file; a RecordingError when it is not one."""
    from recviewer.core.keys.compute import read_raw

    doc = read_raw(path)
    if isinstance(doc, RecordingError):
        return doc
    miss = parse_miss(doc)
    return miss if miss is not None else RecordingError(path, "not a captured replay miss")


def list_misses(folder: str) -> list[tuple[str, Miss | RecordingError]]:
    """Every ``miss-*.json`` of a capture folder, by name (what the window lists)."""
    try:
        names = sorted(n for n in os.listdir(folder)
                       if n.startswith("miss-") and n.endswith(".json"))
    except OSError as exc:
        return [(folder, RecordingError(folder, f"cannot list the folder: {exc.strerror or exc}"))]
    return [(os.path.join(folder, n), read_miss(os.path.join(folder, n))) for n in names]
