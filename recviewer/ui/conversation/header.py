"""The bar above the conversation: test id, call facts, the key line, file name + copy buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget,
)

from recviewer.core.catalog.walk import display_text
from recviewer.ui.appearance.view_colours import theme_for_palette


class ElidedLabel(QLabel):
    """Plain-text label that elides in the middle and shows the full text as tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle,
                                                   max(self.width(), 40)))


class HeaderBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.test_label = ElidedLabel(self)
        font = self.test_label.font()
        font.setBold(True)
        self.test_label.setFont(font)
        # The call facts wrap rather than elide: the model name is what users
        # look for, and eliding in the middle hid it.
        self.facts_label = QLabel(self)
        self.facts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.facts_label.setWordWrap(True)
        self.facts_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        # "Key: stale — expected ….json; cause: …" (issue 14), hidden when there is no key
        self.key_label = QLabel(self)
        self.key_label.setTextFormat(Qt.TextFormat.PlainText)
        self.key_label.setWordWrap(True)
        self.key_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.hide()
        self._key_stale = False
        self.file_label = ElidedLabel(self)
        self.copy_path = QToolButton(self)
        self.copy_path.setText("Copy path")
        self.copy_path.setToolTip("Copy the recording's full path to the clipboard")
        self.copy_test = QToolButton(self)
        self.copy_test.setText("Copy test id")
        self._path = ""
        self.copy_path.clicked.connect(lambda: self._copy(display_text(self._path)))
        self._test_id = ""
        self.copy_test.clicked.connect(lambda: self._copy(self._test_id))

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.test_label, 1)
        top.addWidget(self.copy_test)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.file_label, 1)
        bottom.addWidget(self.copy_path)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 4)
        box.setSpacing(2)
        box.addLayout(top)
        box.addWidget(self.facts_label)
        box.addWidget(self.key_label)
        box.addLayout(bottom)

    def set_fields(self, fields: list[tuple[str, str]], path: str,
                   test_id: str | None = None) -> None:
        values = dict(fields)
        self._path = path
        self.test_label.set_full_text(values.get("Test", ""))
        facts = [f"{k}: {v}" for k, v in fields if k not in ("Test", "File")]
        self.facts_label.setText("   ".join(facts))
        self.file_label.set_full_text(values.get("File", ""))
        self.file_label.setToolTip(display_text(path))
        self.copy_path.setEnabled(bool(path))
        self._test_id = test_id or ""
        self.copy_test.setEnabled(bool(test_id))

    def set_key(self, text: str, stale: bool = False) -> None:
        """The key line (``conversation.key_line.key_text``); "" hides it. A
        stale key is drawn in the theme's error colour."""
        self.key_label.setText(text)
        self.key_label.setVisible(bool(text))
        self._key_stale = stale
        self._colour_key()

    def key_text(self) -> str:
        return self.key_label.text()

    def _colour_key(self) -> None:
        """Through the label's palette (a style sheet would stop it following the zoom)."""
        palette = self.palette()
        if self._key_stale:
            palette.setColor(QPalette.ColorRole.WindowText,
                             QColor(theme_for_palette(palette).error_fg))
        self.key_label.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_key()

    def text(self) -> str:
        return "\n".join(x for x in (self.test_label.full_text(), self.facts_label.text(),
                                     self.key_label.text(), self.file_label.full_text()) if x)

    @staticmethod
    def _copy(text: str) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)
