"""``data:`` image URLs → thumbnails (QImage), decoded defensively.

Only ``data:`` URLs are ever decoded; remote URLs are never fetched (the caller
shows them as text). Images larger than ``MAX_SOURCE_PIXELS`` are refused
before decoding.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

MAX_THUMB = 240
MAX_SOURCE_PIXELS = 40_000_000
MAX_DATA_CHARS = 40_000_000


def data_url_bytes(url: str) -> bytes | None:
    """The payload of a ``data:`` URL, or None when it is not one or is unreadable."""
    if not url.startswith("data:") or len(url) > MAX_DATA_CHARS:
        return None
    head, sep, payload = url[5:].partition(",")
    if not sep:
        return None
    if head.lower().endswith(";base64"):
        try:
            return base64.b64decode(payload.strip() + "=" * (-len(payload.strip()) % 4),
                                    validate=False)
        except (binascii.Error, ValueError):
            return None
    return unquote_to_bytes(payload)


def thumbnail(url: str, max_side: int = MAX_THUMB) -> tuple[QImage, int, int] | None:
    """(scaled image, original width, original height), or None if undecodable."""
    data = data_url_bytes(url)
    if not data:
        return None
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buf)
    size = reader.size()
    if size.isValid() and size.width() * size.height() > MAX_SOURCE_PIXELS:
        return None
    image = reader.read()
    if image.isNull():
        return None
    w, h = image.width(), image.height()
    if w > max_side or h > max_side:
        image = image.scaled(QSize(max_side, max_side), Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image, w, h
