"""The bar above the diff: what differs in words, where you are, Show noise."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget


class SummaryBar(QWidget):
    def __init__(self, previous: QAction, next_: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.position = QLabel(self)
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        self.show_noise = QCheckBox("Show noise", self)
        self.show_noise.setToolTip("Also show normalisation noise: ids, timestamps, "
                                   "scores, token usage, stream chunking")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.position)
        for action in (previous, next_):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            layout.addWidget(button)
        layout.addWidget(self.show_noise)

    def set_summary(self, text: str, noise_hidden: int = 0, colour: str | None = None) -> None:
        """``colour`` (a "#rrggbb" we chose) tints the words, e.g. green when equivalent."""
        palette = self.palette()  # a palette, not a style sheet: the label keeps following the zoom
        if colour:
            palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        self.summary.setPalette(palette)
        if noise_hidden:
            text += f"  \u00b7  {noise_hidden:,} noise change{'s' if noise_hidden != 1 else ''} hidden"
        self.summary.setText(text)

    def set_position(self, current: int | None, count: int) -> None:
        if count == 0:
            self.position.setText("")
        elif current is None:
            self.position.setText(f"{count} change{'s' if count != 1 else ''}")
        else:
            self.position.setText(f"change {current + 1} of {count}")
