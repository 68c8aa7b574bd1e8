"""What the Raw tab shows for a cassette interaction (``FILE#N``).

The interaction as recorded (request and response, headers, status, the body
strings as stored; binary bodies as a size note) and the decoded bodies (JSON,
text, SSE events, eventstream frames), as JSON from
``core.cassettes.open.interaction_raw``. Plain Python, run on the loading
worker.
"""

from __future__ import annotations

import orjson

from recviewer.core.cassettes.open import interaction_raw, is_cassette_address, split_address
from recviewer.core.errors import RecordingError


def is_interaction(path: str) -> bool:
    """``FILE#N`` of a cassette (not the cassette file itself)."""
    return is_cassette_address(path) and split_address(path)[1] is not None


def interaction_bytes(address: str) -> bytes | None:
    """The Raw tab's text for ``FILE#N`` (None when the cassette cannot be read)."""
    view = interaction_raw(address)
    if isinstance(view, RecordingError):
        return None
    try:
        return orjson.dumps(view, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return None
