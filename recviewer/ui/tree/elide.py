"""Elision that keeps what tells siblings apart.

Qt elides every cell the same way, so four siblings that differ only in the
middle (``client_with_models-Qwen/Qwen3-Reranker-0.6B`` and its brothers) or
at the end (``models-<same key>-<digest>.json``) all read alike. Here the
model says how long the text shared by a row and all its siblings is
(``sibling_prefix``); a cell too narrow for its text drops that shared start
first ("…Reranker-0.6B"), showing as much of it as fits, and only then cuts
the distinguishing rest on the right.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

ELLIPSIS = "\u2026"
PREFIX_ROLE = Qt.ItemDataRole.UserRole + 4  # int: characters shared with every sibling


def shared_prefix(texts: list[str]) -> int:
    """How many leading characters all ``texts`` share (0 for fewer than two)."""
    if len(texts) < 2:
        return 0
    low, high = min(texts), max(texts)
    if low == high:  # all alike: nothing to tell apart, cut on the right as usual
        return 0
    return len(os.path.commonprefix([low, high]))


def elide_keeping_tail(text: str, prefix: int, width: int, metrics: QFontMetrics) -> str:
    """``text`` fitted into ``width`` pixels: the shared ``prefix`` goes first
    (as much of its end kept as fits), then the rest is cut on the right."""
    if width <= 0 or metrics.horizontalAdvance(text) <= width:
        return text
    if prefix <= 0 or prefix >= len(text):  # nothing shared, or nothing but the shared part
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    rest = text[prefix:]
    if metrics.horizontalAdvance(ELLIPSIS + rest) > width:
        return ELLIPSIS + metrics.elidedText(rest, Qt.TextElideMode.ElideRight,
                                             max(0, width - metrics.horizontalAdvance(ELLIPSIS)))
    lo, hi = 1, prefix  # the smallest start whose "…" + text[start:] still fits
    while lo < hi:
        mid = (lo + hi) // 2
        if metrics.horizontalAdvance(ELLIPSIS + text[mid:]) <= width:
            hi = mid
        else:
            lo = mid + 1
    return ELLIPSIS + text[lo:]


class SiblingElideDelegate(QStyledItemDelegate):
    """Draws cells with ``elide_keeping_tail`` (the model gives ``PREFIX_ROLE``)."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 - Qt name
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        text = option.text
        if not text:
            return
        prefix = index.data(PREFIX_ROLE) or 0
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        option.text = elide_keeping_tail(text, prefix, rect.width() - 2 * margin,
                                         option.fontMetrics)
