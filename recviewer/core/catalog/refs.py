"""``RecordingRef``, the catalog's light reference to one file (or one
interaction of a cassette), and the error reference every reader builds.

It imports nothing else from the catalog, so ``scan``, ``cache``, ``pool`` and
``cassette_refs`` can all import it without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from recviewer.core.formats.registry import is_not_recording

if TYPE_CHECKING:
    from recviewer.core.catalog.walk import FoundFile

__all__ = ["ERROR_FORMAT", "KIND_OTHER", "KIND_RECORDING", "KIND_UNREADABLE", "RecordingRef",
           "error_ref", "tool_terms"]

KIND_RECORDING = "recording"
KIND_OTHER = "other"  # JSON without a request/response pair: not a recording
KIND_UNREADABLE = "unreadable"  # cannot be read or parsed
ERROR_FORMAT = ""  # the ``format`` of a file that is not a readable recording


@dataclass(slots=True, frozen=True)
class RecordingRef:
    path: str            # absolute path
    rel_path: str        # relative to the scanned root, '/'-separated
    test_id: str | None
    endpoint: str | None
    model: str | None
    format: str          # same adapter name read_recording() would pick
    streaming: bool
    chunks: int | None   # stream chunk/event count, None when not streamed
    size: int
    error: str | None    # reason when the file is not a readable recording
    tools: tuple[str, ...] = ()  # tool names the request mentions (for the filter)
    status: int | None = None  # HTTP status when recorded
    failed: bool = False  # the call failed: HTTP status >= 400 or a recorded exception
    kind: str = "recording"  # KIND_RECORDING, KIND_OTHER or KIND_UNREADABLE
    gist: str | None = None  # what the call is, one line (core/gist.py), for the tree row

    @property
    def is_recording(self) -> bool:
        """A readable recording (not an unreadable file, not other JSON)."""
        return self.kind == KIND_RECORDING

    @property
    def is_other(self) -> bool:
        """A JSON file that is not a recording (``package.json``, a CI matrix...):
        listed apart ("Other JSON files"), never counted as a recording or test."""
        return self.kind == KIND_OTHER


def error_ref(found: FoundFile, reason: str, size: int = 0) -> RecordingRef:
    """The reference of a file that is not a readable recording: other JSON
    (``KIND_OTHER``) or unreadable, with the reason."""
    kind = KIND_OTHER if is_not_recording(reason) else KIND_UNREADABLE
    return RecordingRef(found.path, found.rel_path, None, None, None, ERROR_FORMAT,
                        False, None, size, reason, kind=kind)


def tool_terms(refs: Iterable[RecordingRef]) -> dict[str, str]:
    """``{path: lower-case tool names}`` of the refs that mention tools: the
    extra words the tree's filter matches for each row."""
    return {r.path: " ".join(r.tools).lower() for r in refs if r.tools}
