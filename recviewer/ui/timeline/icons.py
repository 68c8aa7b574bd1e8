"""Transport icons painted in the palette's text colour.

The style's media icons are dark grey in many styles and vanish on a dark
palette; these follow the palette instead.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPixmap

IconKind = Literal["play", "pause", "back", "forward", "start", "end"]
SIZE = 16


def _triangle(x: float, pointing_right: bool) -> QPainterPath:
    path = QPainterPath()
    if pointing_right:
        path.moveTo(x, 3)
        path.lineTo(x + 8, 8)
        path.lineTo(x, 13)
    else:
        path.moveTo(x + 8, 3)
        path.lineTo(x, 8)
        path.lineTo(x + 8, 13)
    path.closeSubpath()
    return path


def _paint(p: QPainter, kind: IconKind, colour: QColor) -> None:
    if kind == "play":
        p.fillPath(_triangle(4, True), colour)
    elif kind == "pause":
        p.fillRect(QRectF(4, 3, 3, 10), colour)
        p.fillRect(QRectF(9, 3, 3, 10), colour)
    elif kind in ("forward", "back"):
        right = kind == "forward"
        p.fillPath(_triangle(3 if right else 5, right), colour)
        p.fillRect(QRectF(12 if right else 2, 3, 2, 10), colour)
    else:  # start / end: two triangles to the edge
        right = kind == "end"
        p.fillPath(_triangle(1 if right else 7, right), colour)
        p.fillPath(_triangle(6 if right else 2, right), colour)
        p.fillRect(QRectF(13 if right else 1, 3, 2, 10), colour)


def transport_icon(kind: IconKind, palette: QPalette, scale: float = 2.0) -> QIcon:
    icon = QIcon()
    for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled)):
        colour = palette.color(group, QPalette.ColorRole.ButtonText)
        if mode == QIcon.Mode.Disabled:
            colour.setAlphaF(0.35)
        pixmap = QPixmap(int(SIZE * scale), int(SIZE * scale))
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        _paint(p, kind, colour)
        p.end()
        icon.addPixmap(pixmap, mode)
    return icon
