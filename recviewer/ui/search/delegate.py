"""HitDelegate: a hit row as ``where`` (muted) and the snippet with its matches bold.

Drawn with QPainter from the hit's match offsets: no rich text, so nothing a
recording holds can become markup.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from recviewer.ui.search.model import HIT_ROLE


def pieces(snippet: str, matches) -> list[tuple[str, bool]]:
    """The snippet cut into (text, is_match) runs."""
    out, at = [], 0
    for start, end in matches:
        if start < at or end > len(snippet):
            continue
        if start > at:
            out.append((snippet[at:start], False))
        out.append((snippet[start:end], True))
        at = end
    if at < len(snippet):
        out.append((snippet[at:], False))
    return out


class HitDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,  # noqa: N802
              index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = option.palette.color(group)
        muted = option.palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text) \
            if not selected else text_colour
        rect: QRect = option.rect.adjusted(4, 0, -4, 0)
        painter.save()
        painter.setClipRect(option.rect)
        plain = QFont(option.font)
        bold = QFont(option.font)
        bold.setBold(True)
        x = rect.left()
        right = rect.right()
        baseline = rect.top() + (rect.height() + QFontMetrics(plain).ascent()
                                 - QFontMetrics(plain).descent()) // 2
        runs = [(hit.where + "  ", False, muted)] + [
            (t, m, text_colour) for t, m in pieces(hit.snippet, hit.matches)]
        for text, is_match, colour in runs:
            font = bold if is_match else plain
            metrics = QFontMetrics(font)
            width = metrics.horizontalAdvance(text)
            if x + width > right:
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(right - x, 0))
                width = metrics.horizontalAdvance(text)
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(x, baseline, text)
            x += width
            if x >= right:
                break
        painter.restore()
