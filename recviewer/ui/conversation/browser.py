"""A QTextBrowser that loads nothing: only images we decoded and registered.

Links never open (``setOpenLinks(False)``); ``loadResource`` serves our own
``rvimg:`` thumbnails and refuses everything else (http, file, qrc...). Refused
requests are remembered in ``refused`` so tests and diagnostics can see them.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from recviewer.ui.conversation.context import Thumb
from recviewer.ui.conversation.images import thumbnail

IMAGE_SCHEME = "rvimg"


class SafeBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.refused: list[str] = []
        self._images: dict[str, QImage] = {}      # "rvimg:N" -> image
        self._thumbs: dict[str, Thumb | None] = {}  # data URL -> thumb (None: undecodable)

    # ------------------------------------------------------------ images
    def thumb_for(self, url: str) -> Thumb | None:
        """Decode a data URL once, register its thumbnail, return where it lives."""
        if url in self._thumbs:
            return self._thumbs[url]
        made = thumbnail(url)
        thumb: Thumb | None = None
        if made is not None:
            image, w, h = made
            src = f"{IMAGE_SCHEME}:{len(self._images) + 1}"
            self._images[src] = image
            self.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(src), image)
            thumb = Thumb(src, image.width(), image.height(), w, h)
        self._thumbs[url] = thumb
        return thumb

    def forget_images(self) -> None:
        self._images.clear()
        self._thumbs.clear()

    def set_page(self, html: str) -> None:
        """Replace the document, keeping our image resources registered."""
        self.setHtml(html)
        doc = self.document()
        for src, image in self._images.items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(src), image)

    # ------------------------------------------------------------ the one door
    def loadResource(self, type: int, name: QUrl):  # noqa: A002 - Qt's signature
        key = name.toString()
        if name.scheme() == IMAGE_SCHEME and key in self._images:
            return self._images[key]
        if len(self.refused) < 100:
            self.refused.append(key)
        # an empty value of the expected kind: "nothing here", never a fetch
        if type in (QTextDocument.ResourceType.ImageResource,
                    QTextDocument.ResourceType.ImageResource.value):
            return QImage()
        return QByteArray()
