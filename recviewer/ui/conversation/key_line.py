"""The header's "key" line: is this file reachable by the recorder's replay?

``key_status(path)`` runs on the loading worker (``core.keys.verify.classify``
reads and hashes the request: never on the GUI thread); ``key_text(status)``
is the one line the header shows (plain text). Cassette interactions
(``FILE#N``) and files that are not recordings have no key line.
"""

from __future__ import annotations

import os

from recviewer.core.keys.verify import LEGACY, OK, STALE, UNKEYED, KeyStatus, classify

_WHAT = {
    OK: "ok \u2014 the file name is the key the recorder looks up",
    LEGACY: "legacy \u2014 a 12-hex name of the era before test ids entered the key",
    UNKEYED: "unkeyed \u2014 the recorder keeps no key for this kind of recording",
}


def key_status(path: str) -> KeyStatus | None:
    """The key status of the recording file at ``path`` (None: no key line)."""
    if not path.lower().endswith(".json") or not os.path.isfile(path):
        return None
    try:
        return classify(path)
    except (OSError, ValueError, TypeError, RecursionError):
        return None


def key_text(status: KeyStatus | None) -> str:
    """``Key: stale — expected 3f2a….json (before file-search normalisation)``."""
    if status is None:
        return ""
    if status.cls == STALE:
        expected = f"expected {status.expected}.json" if status.expected else "no expected name"
        cause = f"; cause: {status.cause}" if status.cause else ""
        return f"Key: stale \u2014 {expected}{cause}"
    line = f"Key: {_WHAT.get(status.cls, status.cls)}"
    if status.cls == LEGACY and status.expected:
        line += f" (today: {status.expected}.json)"
    return line
