"""What the scrubber and the plot share: a painted strip over a stream's
positions that shows one position and asks to seek on a left click or drag.

The strip only emits ``seekRequested``; whoever owns it decides. Subclasses
say how long the stream is and, if they like, which position a click means.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from recviewer.ui.timeline.axis import PositionAxis


class SeekStrip(QWidget):
    seekRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._position = 0
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def stream_length(self) -> int:
        """N, the number of chunks shown (positions are 0..N)."""
        raise NotImplementedError

    def target_at(self, x: float) -> int:
        """The position a click at ``x`` asks for: the nearest one."""
        return self.axis().position_at(x)

    def set_position(self, position: int) -> None:
        if position != self._position:
            self._position = position
            self.update()

    def position(self) -> int:
        return self._position

    def axis(self) -> PositionAxis:
        return PositionAxis.for_width(self.width(), self.stream_length())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.stream_length():
            self._request(event.position().x())
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton and self.stream_length():
            self._request(event.position().x())
        super().mouseMoveEvent(event)

    def _request(self, x: float) -> None:
        target = self.target_at(x)
        if target != self._position:
            self.seekRequested.emit(target)
