"""A small plot of the stream: characters each chunk adds, over chunk index.

Text (content, refusal), reasoning and tool-call argument characters are
stacked in three colours (reasoning at the bottom of its text bar, in its own
colour); chunks already played are drawn solid, the rest
faded. When there are more chunks than pixels each column shows the largest
chunk it covers. The bars are drawn once into a pixmap per size, stream and
palette, so a paint during playback is a handful of calls whatever the
stream length. Click or drag to seek.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from recviewer.core.replay import ChunkSummary
from recviewer.ui.timeline.axis import PositionAxis
from recviewer.ui.timeline.colours import TimelineColours
from recviewer.ui.timeline.seek_strip import SeekStrip

VEIL_ALPHA = 170  # how strongly chunks not yet played are faded
TOP_PAD = 18  # room for the caption above the tallest bar


def series_of(summaries: list[ChunkSummary]) -> tuple[list[int], list[int]]:
    """(text chars, tool argument chars) per chunk."""
    tool = [sum(len(tc.arguments) for tc in s.tool_call_deltas) for s in summaries]
    text = [s.chars - t for s, t in zip(summaries, tool)]
    return text, tool


def reasoning_of(summaries: list[ChunkSummary]) -> list[int]:
    """Reasoning chars per chunk (part of ``series_of``'s text series)."""
    return [len(s.reasoning_delta) for s in summaries]


class StreamPlot(SeekStrip):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text: list[int] = []
        self._tool: list[int] = []
        self._reasoning: list[int] = []
        self._bars: list[tuple[float, float, int, int, int]] | None = None  # x0, x1, text, tool, reasoning
        self._pixmap: QPixmap | None = None
        self._peak = 1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip("Characters each chunk adds (text, tool-call arguments).\n"
                        "Click or drag to seek.")

    def set_series(self, text: list[int], tool: list[int],
                   reasoning: list[int] | None = None) -> None:
        """``text`` includes ``reasoning`` (drawn in its own colour)."""
        self._text, self._tool = text, tool
        self._reasoning = reasoning if reasoning is not None and len(reasoning) == len(text) \
            else [0] * len(text)
        self._peak = max((a + b for a, b in zip(text, tool)), default=0) or 1
        self._position = min(self._position, len(text))
        self._bars = self._pixmap = None
        self.update()

    def stream_length(self) -> int:
        return len(self._text)

    def target_at(self, x: float) -> int:
        axis = self.axis()
        chunk = axis.chunk_at(x)  # a click on a bar shows that chunk applied
        return chunk + 1 if chunk is not None else axis.position_at(x)

    def sizeHint(self) -> QSize:
        return QSize(400, 90)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 40)

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._bars = self._pixmap = None
        super().resizeEvent(event)

    # ------------------------------------------------------------ bucketing
    def _bucketed(self) -> list[tuple[float, float, int, int, int]]:
        if self._bars is not None:
            return self._bars
        axis = self.axis()
        n = len(self._text)
        bars: list[tuple[float, float, int, int, int]] = []
        reasoning = self._reasoning
        if n <= axis.width:
            gap = 1.0 if axis.width / max(n, 1) >= 4 else 0.0
            for i in range(n):
                bars.append((axis.x_of(i), axis.x_of(i + 1) - gap, self._text[i], self._tool[i],
                             reasoning[i]))
        else:
            columns: dict[int, list[int]] = {}
            for i in range(n):
                col = int(axis.x_of(i) - axis.left)
                best = columns.setdefault(col, [0, 0, 0])
                if self._text[i] + self._tool[i] > best[0] + best[1]:
                    best[0], best[1], best[2] = self._text[i], self._tool[i], reasoning[i]
            for col, (text, tool, think) in sorted(columns.items()):
                x0 = axis.left + col
                bars.append((x0, x0 + 1, text, tool, think))
        self._bars = bars
        return bars

    # ------------------------------------------------------------ painting
    def _bars_pixmap(self, colours: TimelineColours) -> QPixmap:
        """All bars in full colour, drawn once per size/data/palette; a paint
        then costs a few calls whatever the stream length."""
        if self._pixmap is not None:
            return self._pixmap
        dpr = self.devicePixelRatioF()
        pixmap = QPixmap(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr)))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        axis = self.axis()
        bottom = self.height() - 2
        scale = (bottom - TOP_PAD) / self._peak
        p.setPen(QPen(colours.track, 1))
        p.drawLine(QPointF(axis.left, bottom + 0.5), QPointF(axis.left + axis.width, bottom + 0.5))
        for x0, x1, text, tool, think in self._bucketed():
            h_text, h_tool = text * scale, tool * scale
            h_think = min(think, text) * scale
            if text > think:
                p.fillRect(QRectF(x0, bottom - h_text, x1 - x0, h_text - h_think), colours.content)
            if think:
                p.fillRect(QRectF(x0, bottom - h_think, x1 - x0, h_think), colours.reasoning)
            if tool:
                p.fillRect(QRectF(x0, bottom - h_text - h_tool, x1 - x0, h_tool), colours.tool)
        p.end()
        self._pixmap = pixmap
        return pixmap

    def paintEvent(self, event) -> None:  # noqa: N802
        colours = TimelineColours.for_palette(self.palette())
        axis = self.axis()
        bottom = self.height() - 2
        head_x = axis.x_of(self._position)
        p = QPainter(self)
        p.drawPixmap(0, 0, self._bars_pixmap(colours))
        veil = QColor(self.palette().color(QPalette.ColorRole.Window))
        veil.setAlpha(VEIL_ALPHA)  # fades what is not played yet
        p.fillRect(QRectF(head_x, 0, self.width() - head_x, bottom), veil)
        p.setPen(QPen(colours.head, 1.5))
        p.drawLine(QPointF(head_x, TOP_PAD - 1), QPointF(head_x, bottom))
        self._paint_caption(p, colours, axis)
        p.end()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._pixmap = None
        super().changeEvent(event)

    def _paint_caption(self, p: QPainter, colours: TimelineColours, axis: PositionAxis) -> None:
        font = p.font()
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.8))
        p.setFont(font)
        x = axis.left + 2
        y = TOP_PAD - 6
        series = [(f"chars/chunk, peak {self._peak:,}:", colours.muted),
                  ("text", colours.content)]
        if any(self._reasoning):
            series.append(("reasoning", colours.reasoning))
        series.append(("tool args", colours.tool))
        for text, colour in series:
            p.setPen(colour)
            p.drawText(QPointF(x, y), text)
            x += p.fontMetrics().horizontalAdvance(text) + 6
