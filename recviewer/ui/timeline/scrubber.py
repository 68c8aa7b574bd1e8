"""The scrubber: a painted track over every chunk with coloured markers.

Click or drag to seek; hover a marker for what it marks. The scrubber only
shows a position and asks for seeks (``seekRequested``); the panel decides.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from recviewer.ui.timeline.colours import TimelineColours
from recviewer.ui.timeline.marks import Mark
from recviewer.ui.timeline.seek_strip import SeekStrip

HIT_PX = 5  # how close the mouse must be to a marker for its tooltip


class Scrubber(SeekStrip):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._length = 0
        self._marks: tuple[Mark, ...] = ()
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Stream position")

    # ------------------------------------------------------------ state
    def set_stream(self, length: int, marks: tuple[Mark, ...]) -> None:
        self._length = max(0, length)
        self._marks = marks
        self._position = min(self._position, self._length)
        self.update()

    def stream_length(self) -> int:
        return self._length

    def marks(self) -> tuple[Mark, ...]:
        return self._marks

    def sizeHint(self) -> QSize:
        return QSize(400, 24)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 24)

    # ------------------------------------------------------------ painting
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        colours = TimelineColours.for_palette(self.palette())
        axis = self.axis()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        mid = self.height() / 2 + 3
        track = QRectF(axis.left, mid - 3, axis.width, 6)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colours.track)
        p.drawRoundedRect(track, 3, 3)
        played = QRectF(track)
        played.setRight(axis.x_of(self._position))
        p.setBrush(colours.played)
        p.drawRoundedRect(played, 3, 3)
        for mark in self._marks:
            self._paint_mark(p, axis.x_of(mark.position), mid, getattr(colours, mark.kind))
        self._paint_head(p, axis.x_of(self._position), mid, colours)
        p.end()

    def _paint_mark(self, p: QPainter, x: float, mid: float, colour) -> None:
        p.setPen(QPen(colour, 2))
        p.drawLine(QPointF(x, mid - 6), QPointF(x, mid + 6))
        tri = QPainterPath()
        tri.moveTo(x - 4, 1)
        tri.lineTo(x + 4, 1)
        tri.lineTo(x, 7)
        tri.closeSubpath()
        p.setPen(Qt.PenStyle.NoPen)
        p.fillPath(tri, colour)

    def _paint_head(self, p: QPainter, x: float, mid: float, colours: TimelineColours) -> None:
        p.setPen(QPen(colours.head, 1.5))
        p.setBrush(self.palette().base())
        p.drawEllipse(QPointF(x, mid), 6, 6)

    # ------------------------------------------------------------ tooltips
    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            QToolTip.showText(e.globalPos(), self.tooltip_at(e.pos().x()), self)
            return True
        return super().event(e)

    def tooltip_at(self, x: float) -> str:
        """The markers near ``x``, else the position under it."""
        axis = self.axis()
        near = [m.label for m in self._marks if abs(axis.x_of(m.position) - x) <= HIT_PX]
        if near:
            return "\n".join(near)
        return f"position {axis.position_at(x):,} / {self._length:,}"
