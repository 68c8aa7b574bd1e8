"""Where the change anchors are, and which one F7 / Shift+F7 goes to.

``anchor_tops`` walks the laid-out document once (anchors inside table cells
included) and returns the y of every named anchor. ``next_index`` and
``previous_index`` are plain functions of those positions, the scroll value
and the change last jumped to, so they are tested without scrolling.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

MARGIN = 6  # pixels left above a change when jumping to it
_SLACK = 2


def anchor_tops(doc: QTextDocument, prefix: str) -> dict[str, float]:
    """y (document coordinates) of each anchor whose name starts with ``prefix``."""
    layout = doc.documentLayout()
    tops: dict[str, float] = {}
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                if fmt.isAnchor():
                    for name in fmt.anchorNames():
                        if name.startswith(prefix) and name not in tops:
                            tops[name] = layout.blockBoundingRect(block).top()
            it += 1
        block = block.next()
    return tops


def scroll_target(top: float, maximum: int) -> int:
    """The scroll value that shows an anchor at ``top`` (clamped)."""
    return max(0, min(int(top) - MARGIN, maximum))


def _showing(top: float, value: int, maximum: int) -> bool:
    return abs(scroll_target(top, maximum) - value) <= _SLACK


def next_index(tops: list[float], value: int, maximum: int, current: int | None) -> int | None:
    """The change after the one on screen (None: no further change)."""
    if current is not None and 0 <= current < len(tops) and _showing(tops[current], value, maximum):
        return current + 1 if current + 1 < len(tops) else None
    for i, top in enumerate(tops):  # the first change below the top of the view
        if top - MARGIN > value + _SLACK:
            return i
    return None


def previous_index(tops: list[float], value: int, maximum: int,
                   current: int | None) -> int | None:
    """The change before the one on screen (None: no earlier change)."""
    if current is not None and 0 <= current < len(tops) and _showing(tops[current], value, maximum):
        return current - 1 if current > 0 else None
    for i in range(len(tops) - 1, -1, -1):  # the last change above the top of the view
        if tops[i] - MARGIN < value - _SLACK:
            return i
    return None
