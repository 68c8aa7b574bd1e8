"""BranchDelegate: draws the story's branch column with lines and dots.

The model gives one string per call (``graph.graph_lines``: two characters per
lane). Each lane is a slot of the cell: ``●`` a call (joined to the call above
and below in its lane), ``○`` the first call of a chain, ``│`` a lane passing
by, ``╮``/``┬`` a fork leaving this row, ``─`` the way there. Colours come from
the palette at paint time (theme), sizes from the font (zoom).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from recviewer.ui.story.graph import DASH, DOT, DOWN, LINE, SPLIT, START

_JOINS_UP = {DOT, LINE, DOWN, SPLIT, START}
_JOINS_DOWN = {DOT, LINE}


def _cell(text: str | None, slot: int) -> str:
    if not text or 2 * slot >= len(text):
        return " "
    return text[2 * slot]


class BranchDelegate(QStyledItemDelegate):
    def slot_width(self, option: QStyleOptionViewItem) -> float:
        return max(10.0, option.fontMetrics.height() * 0.9)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        text = index.data() or ""
        slots = (len(text) + 1) // 2
        return QSize(int(self.slot_width(option) * max(slots, 1)) + 8,
                     option.fontMetrics.height() + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,  # noqa: N802
              index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        model = index.model()
        above = model.index(index.row() - 1, index.column()).data() if index.row() > 0 else ""
        below = (model.index(index.row() + 1, index.column()).data()
                 if index.row() + 1 < model.rowCount() else "")
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = option.palette.highlightedText().color() if selected \
            else option.palette.text().color()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(colour, 1.6)
        painter.setPen(pen)
        rect = QRectF(option.rect)
        w = self.slot_width(option)
        top, bottom, mid_y = rect.top(), rect.bottom() + 1, rect.center().y()
        radius = min(w, rect.height()) * 0.26
        for slot in range((len(text) + 1) // 2):
            ch, join = _cell(text, slot), (text[2 * slot + 1] if 2 * slot + 1 < len(text) else " ")
            x = rect.left() + 4 + w * slot + w / 2
            if ch == LINE:
                painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            elif ch in (DOT, START):
                if ch == DOT and _cell(above, slot) in _JOINS_UP:
                    painter.drawLine(QPointF(x, top), QPointF(x, mid_y))
                if _cell(below, slot) in _JOINS_DOWN:
                    painter.drawLine(QPointF(x, mid_y), QPointF(x, bottom))
                painter.setBrush(colour if ch == DOT else Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(x, mid_y), radius, radius)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            elif ch in (DOWN, SPLIT):
                painter.drawLine(QPointF(x - w / 2, mid_y), QPointF(x, mid_y) if ch == DOWN
                                 else QPointF(x + w / 2, mid_y))
                painter.drawLine(QPointF(x, mid_y), QPointF(x, bottom))
            elif ch == DASH:
                painter.drawLine(QPointF(x - w / 2, mid_y), QPointF(x + w / 2, mid_y))
            if join == DASH:
                start = x + (radius if ch in (DOT, START) else 0)
                painter.drawLine(QPointF(start, mid_y), QPointF(x + w / 2, mid_y))
        painter.restore()
