"""Mapping stream positions (0..N) to x pixels, shared by the scrubber and the plot.

Position ``p`` means "``p`` chunks received"; chunk ``i`` occupies the span
between positions ``i`` and ``i + 1``. Both painted widgets use the same
margins so their play heads line up when stacked.
"""

from __future__ import annotations

from dataclasses import dataclass

MARGIN = 7  # pixels left and right: room for the scrubber handle


@dataclass(slots=True, frozen=True)
class PositionAxis:
    left: float
    width: float
    length: int  # N, the number of chunks

    @classmethod
    def for_width(cls, widget_width: int, length: int) -> PositionAxis:
        return cls(MARGIN, max(1.0, widget_width - 2 * MARGIN), max(0, length))

    def x_of(self, position: float) -> float:
        if self.length <= 0:
            return self.left
        return self.left + self.width * (position / self.length)

    def position_at(self, x: float) -> int:
        """The nearest position to ``x``, clamped to 0..N."""
        if self.length <= 0:
            return 0
        p = round((x - self.left) / self.width * self.length)
        return max(0, min(self.length, p))

    def chunk_at(self, x: float) -> int | None:
        """The chunk index whose span holds ``x`` (None outside or when empty)."""
        if self.length <= 0:
            return None
        i = int((x - self.left) / self.width * self.length)
        return i if 0 <= i < self.length else None
