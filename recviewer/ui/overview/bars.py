"""A horizontal bar chart drawn with QPainter: top N groups and "other".

One row per group: its label (elided to the label column, the full text on
hover), a bar as long as its share of the biggest group, and its count beside
the bar. Colours come from the widget's palette and text from its font at
paint time, so a theme change or zoom repaints it right. Every bar is a link:
a click emits ``filter_requested(FilterRequest)`` with the group's recordings.
``ClickableChart`` is what every chart of the overview shares: hover, click,
tooltip and repaint on a font or palette change (``SizeHistogram`` too).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from recviewer.core.stats import FilterRequest, top_n

DEFAULT_BARS = 8


def tooltip_html(title: str, detail: str) -> str:
    """A tooltip as rich text built by us: the strings from recordings escaped
    (a plain string that looks like HTML would otherwise be rendered)."""
    return (f"<b>{html.escape(title)}</b><br>{html.escape(detail)}"
            "<br><i>click to show them in the tree</i>")


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` towards ``b``."""
    return QColor(round(a.red() + (b.red() - a.red()) * t),
                  round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


class ClickableChart(QWidget):
    """A chart whose items are links: the item under the mouse is hovered
    (``_hover``), a click on one emits ``filter_requested(request_for(i))``.
    A subclass says where its items are (``index_at``), what a click on one
    asks (``request_for``, ``clickable``) and its tooltip (``tooltip_at``)."""

    filter_requested = Signal(object)  # FilterRequest
    hand_cursor = False  # a pointing hand over an item

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hover = -1
        self._pressed = -1
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def index_at(self, pos: QPoint) -> int:
        return -1

    def request_for(self, index: int) -> FilterRequest:
        raise NotImplementedError

    def clickable(self, index: int) -> bool:
        return True

    def tooltip_at(self, pos: QPoint) -> str:
        return ""

    # ----------------------------------------------------------------- events
    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.index_at(event.position().toPoint())
        if index != self._hover:
            self._hover = index
            if self.hand_cursor:
                self.setCursor(Qt.CursorShape.PointingHandCursor if index >= 0
                               else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._hover = -1
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.index_at(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.index_at(event.position().toPoint())
            if index >= 0 and index == self._pressed and self.clickable(index):
                self.filter_requested.emit(self.request_for(index))
            self._pressed = -1
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self.updateGeometry()
            self.update()
        return super().event(event)


class BarChart(ClickableChart):
    """Rows of (label, paths); ``kind`` goes into every FilterRequest."""

    hand_cursor = True

    def __init__(self, title: str = "", kind: str = "", parent: QWidget | None = None,
                 max_bars: int = DEFAULT_BARS) -> None:
        super().__init__(parent)
        self._title = title
        self._kind = kind
        self._max_bars = max(1, max_bars)
        self._rows: list[tuple[str, tuple[str, ...]]] = []
        self._other = False  # the last row folds the remaining groups
        self._total = 0
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # ----------------------------------------------------------------- data
    def set_groups(self, groups: list[tuple[str, tuple[str, ...]]] | dict[str, tuple[str, ...]],
                   total: int | None = None) -> None:
        """Groups biggest first; more than ``max_bars`` fold into "other (n)"."""
        items = list(groups.items()) if isinstance(groups, dict) else list(groups)
        self._rows = top_n(dict(items), self._max_bars) if len(items) > self._max_bars else items
        self._other = len(items) > self._max_bars
        self._total = total if total is not None else sum(len(p) for _, p in items)
        self._hover = -1
        self.updateGeometry()
        self.update()

    def rows(self) -> list[tuple[str, int]]:
        return [(label, len(paths)) for label, paths in self._rows]

    def title(self) -> str:
        return self._title

    def request_for(self, index: int) -> FilterRequest:
        label, paths = self._rows[index]
        return FilterRequest(self._kind, label, tuple(paths))

    # ----------------------------------------------------------------- geometry
    def _metrics(self) -> QFontMetrics:
        return QFontMetrics(self.font())

    def _row_height(self) -> int:
        return round(self._metrics().height() * 1.45)

    def _title_height(self) -> int:
        return round(self._metrics().height() * 1.6) if self._title else 0

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._rows))
        return QSize(360, self._title_height() + rows * self._row_height() + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def _label_width(self) -> int:
        fm = self._metrics()
        widest = max((fm.horizontalAdvance(label) for label, _ in self._rows), default=0)
        return min(widest + fm.averageCharWidth(), int(self.width() * 0.42))

    def _number_width(self) -> int:
        fm = self._metrics()
        return max((fm.horizontalAdvance(self._number(len(p))) for _, p in self._rows),
                   default=0) + fm.averageCharWidth() * 2

    def _number(self, n: int) -> str:
        if not self._total:
            return f"{n:,}"
        return f"{n:,}  {100 * n / self._total:.0f}%"

    def row_rect(self, index: int) -> QRect:
        """The whole clickable row ``index`` (label, bar and number)."""
        h = self._row_height()
        return QRect(0, self._title_height() + index * h, self.width(), h)

    def bar_rect(self, index: int) -> QRectF:
        """The bar of row ``index``."""
        row = self.row_rect(index)
        x0 = self._label_width() + 8
        span = max(4, self.width() - x0 - self._number_width() - 4)
        # "other" may outweigh every shown group: the scale is the biggest shown
        # group, and a longer "other" bar is cut at the end of the span.
        shown = self._rows[:-1] if self._other else self._rows
        biggest = max((len(p) for _, p in shown), default=1) or 1
        n = len(self._rows[index][1])
        length = min(float(span), max(2.0, span * n / biggest)) if n else 0.0
        pad = max(2, row.height() // 6)
        return QRectF(x0, row.top() + pad, length, row.height() - 2 * pad)

    def index_at(self, pos: QPoint) -> int:
        for i in range(len(self._rows)):
            if self.row_rect(i).contains(pos):
                return i
        return -1

    # ----------------------------------------------------------------- painting
    def bar_colour(self, hovered: bool = False) -> QColor:
        pal = self.palette()
        colour = pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        if hovered:
            return mix(colour, pal.color(QPalette.ColorRole.Text), 0.25)
        return colour

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt name
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        dim = mix(text, pal.color(QPalette.ColorRole.Window), 0.35)
        fm = self._metrics()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(self.font())
        if self._title:
            bold = self.font()
            bold.setBold(True)
            p.setFont(bold)
            p.setPen(text)
            p.drawText(QRect(0, 0, self.width(), self._title_height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       QFontMetrics(bold).elidedText(self._title, Qt.TextElideMode.ElideRight,
                                                     self.width()))
            p.setFont(self.font())
        if not self._rows:
            p.setPen(dim)
            p.drawText(self.row_rect(0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       "nothing here")
            return
        label_w = self._label_width()
        for i, (label, paths) in enumerate(self._rows):
            row = self.row_rect(i)
            hovered = i == self._hover
            if hovered:
                p.fillRect(row, mix(pal.color(QPalette.ColorRole.Window),
                                    pal.color(QPalette.ColorRole.Highlight), 0.12))
            other = self._other and i == len(self._rows) - 1
            p.setPen(dim if other else text)
            p.drawText(QRect(0, row.top(), label_w, row.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(label, Qt.TextElideMode.ElideMiddle, label_w))
            bar = self.bar_rect(i)
            colour = self.bar_colour(hovered)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(mix(colour, pal.color(QPalette.ColorRole.Window), 0.45) if other else colour)
            p.drawRoundedRect(bar, 2, 2)
            p.setPen(text)
            p.drawText(QRect(int(bar.right()) + 6, row.top(), self.width(), row.height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       self._number(len(paths)))

    def tooltip_at(self, pos: QPoint) -> str:
        index = self.index_at(pos)
        if index < 0:
            return ""
        label, paths = self._rows[index]
        share = f" ({100 * len(paths) / self._total:.1f}%)" if self._total else ""
        return tooltip_html(label, f"{len(paths):,} recordings{share}")
