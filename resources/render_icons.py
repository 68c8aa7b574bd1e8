"""Render the application icon SVG to the PNG sizes desktops ask for.

Run from anywhere (needs PySide6, QtSvg ships with PySide6-Essentials):

    QT_QPA_PLATFORM=offscreen python resources/render_icons.py

Writes
  resources/icons/hicolor/<N>x<N>/apps/recviewer.png   (freedesktop icon theme layout)
  recviewer/resources/recviewer.svg, recviewer-<N>.png  (package data, used at run time
                                                         and by ``recviewer --install-desktop``)
The PNGs are committed; run this again only after editing the SVG.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).resolve().parent
SVG = HERE / "icons" / "recviewer.svg"
HICOLOR = HERE / "icons" / "hicolor"
PACKAGE_RESOURCES = HERE.parent / "recviewer" / "resources"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    PACKAGE_RESOURCES.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, PACKAGE_RESOURCES / "recviewer.svg")
    for size in SIZES:
        image = render(renderer, size)
        target = HICOLOR / f"{size}x{size}" / "apps" / "recviewer.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            print(f"render_icons: cannot write {target}", file=sys.stderr)
            return 1
        shutil.copyfile(target, PACKAGE_RESOURCES / f"recviewer-{size}.png")
        print(target.relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
