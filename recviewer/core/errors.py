"""Errors are values: a RecordingError says which file and why, in words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class RecordingError:
    """A file that could not be read as a recording.

    Returned (not raised) by the loading functions so that callers can show it
    next to the good files.
    """

    path: str
    reason: str
    offset: int | None = None

    def __str__(self) -> str:
        where = f" (at byte {self.offset})" if self.offset is not None else ""
        return f"{self.path}: {self.reason}{where}"


class RecordingLoadError(Exception):
    """Raised inside adapters; converted to RecordingError at the boundary."""
