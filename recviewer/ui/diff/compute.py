"""Background jobs of the diff view: read two files, diff two recordings.

Plain functions taking the worker's ``control`` first (see ``ui.workers``):
they never touch widgets and return plain values (or None when cancelled).
"""

from __future__ import annotations

from dataclasses import dataclass

from recviewer.core.diff import Change, RecordingDiff, diff_json, diff_recordings, summarize
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording


@dataclass(slots=True, frozen=True)
class DiffResult:
    a: Recording
    b: Recording
    diff: RecordingDiff
    structural: tuple[Change, ...]  # diff_json of the two whole documents
    summary: str


def compute_diff(control, a: Recording, b: Recording) -> DiffResult | None:
    """The conversation diff and the structural JSON diff of ``a`` and ``b``."""
    diff = diff_recordings(a, b)
    if control.cancelled():
        return None
    structural = diff_json(a.raw, b.raw)
    if control.cancelled():
        return None
    return DiffResult(a, b, diff, structural, summarize(diff))


def read_one(path: str) -> Recording | RecordingError:
    try:
        return read_recording(path)
    except Exception as exc:  # noqa: BLE001 - an adapter bug must not reach the user raw
        return RecordingError(path, f"cannot read: {type(exc).__name__}: {exc}")


def read_pair(control, path_a: str, path_b: str
              ) -> tuple[Recording | RecordingError, Recording | RecordingError] | None:
    first = read_one(path_a)
    if control.cancelled():
        return None
    return first, read_one(path_b)
