"""A histogram of file sizes drawn with QPainter (bins from ``stats.size_bins``).

Vertical bars on a 1-2-5 logarithmic size scale, the count above each bar,
the lower edge of every bin that has room under it. Palette and font are
read at paint time; a click on a bar emits ``filter_requested`` with the
recordings of that bin.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from recviewer.core.stats import FilterRequest, SizeBin
from recviewer.ui.overview.bars import ClickableChart, mix, tooltip_html


class SizeHistogram(ClickableChart):
    """Bins of sizes; a click asks for a bin's recordings (FilterRequest kind "size")."""

    def __init__(self, title: str = "file sizes", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._bins: list[SizeBin] = []

    def set_bins(self, bins: list[SizeBin]) -> None:
        self._bins = list(bins)
        self._hover = -1
        self.update()

    def bins(self) -> list[SizeBin]:
        return list(self._bins)

    def _fm(self) -> QFontMetrics:
        return QFontMetrics(self.font())

    def sizeHint(self) -> QSize:
        return QSize(360, self._fm().height() * 11)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self._fm().height() * 8)

    def _plot(self) -> QRect:
        fm = self._fm()
        top = round(fm.height() * 1.6) + fm.height()  # title, then room for counts
        return QRect(4, top, self.width() - 8, self.height() - top - round(fm.height() * 1.5))

    def bar_rect(self, index: int) -> QRectF:
        plot = self._plot()
        n = max(1, len(self._bins))
        slot = plot.width() / n
        biggest = max((len(b.paths) for b in self._bins), default=1) or 1
        h = plot.height() * len(self._bins[index].paths) / biggest
        gap = min(6.0, slot * 0.15)
        return QRectF(plot.left() + index * slot + gap / 2, plot.bottom() - h, slot - gap, h)

    def index_at(self, pos: QPoint) -> int:
        plot = self._plot()
        if not self._bins or not (plot.left() <= pos.x() <= plot.right()) or pos.y() > plot.bottom() + self._fm().height() * 1.5:
            return -1
        i = int((pos.x() - plot.left()) / (plot.width() / len(self._bins)))
        return i if 0 <= i < len(self._bins) else -1

    def paintEvent(self, event) -> None:  # noqa: N802
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        window = pal.color(QPalette.ColorRole.Window)
        dim = mix(text, window, 0.4)
        bar = pal.color(QPalette.ColorRole.Highlight)
        fm = self._fm()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold = self.font()
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(text)
        p.drawText(QRect(0, 0, self.width(), round(fm.height() * 1.6)),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title)
        p.setFont(self.font())
        plot = self._plot()
        p.setPen(dim)
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self._bins:
            return
        slot = plot.width() / len(self._bins)
        label_every = 1
        widest = max(fm.horizontalAdvance(self._edge(b)) for b in self._bins) + fm.averageCharWidth()
        while widest * 1.0 > slot * label_every:
            label_every += 1
        for i, b in enumerate(self._bins):
            r = self.bar_rect(i)
            if b.paths:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(mix(bar, text, 0.25) if i == self._hover else bar)
                p.drawRect(r)
                p.setPen(text)
                p.drawText(QRectF(r.left() - slot, r.top() - fm.height(), r.width() + 2 * slot,
                                  fm.height()), Qt.AlignmentFlag.AlignCenter, f"{len(b.paths):,}")
            if i % label_every == 0:
                p.setPen(dim)
                p.drawText(QRectF(plot.left() + i * slot - slot, plot.bottom() + 2, 3 * slot,
                                  fm.height() * 1.4), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                           self._edge(b))

    @staticmethod
    def _edge(b: SizeBin) -> str:
        return b.label.split("–")[0]

    def request_for(self, index: int) -> FilterRequest:
        b = self._bins[index]
        return FilterRequest("size", b.label, b.paths)

    def clickable(self, index: int) -> bool:
        return bool(self._bins[index].paths)  # an empty bin asks for nothing

    def tooltip_at(self, pos: QPoint) -> str:
        index = self.index_at(pos)
        if index < 0:
            return ""
        b = self._bins[index]
        return tooltip_html(b.label, f"{len(b.paths):,} recordings")
