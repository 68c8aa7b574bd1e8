"""MoreBar: the raw view's note for a file shown in part, with "Show more"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from recviewer.ui.tree.labels import human_size
from recviewer.ui.raw.pages import RawPages


def note_text(pages: RawPages) -> str:
    """What the note says about the part of ``pages`` on screen."""
    if pages.as_stored:
        how = "shown as stored (too big to re-indent)"
        shown, total = human_size(pages.shown), human_size(pages.total)
    else:
        how = "re-indented"
        shown, total = f"{pages.shown:,} characters", f"{pages.total:,}"
    return f"Showing the first {shown} of {total}, {how}. The rest is not loaded into the view."


class MoreBar(QFrame):
    more_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rawMoreBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.button = QPushButton("Show more", self)
        self.button.setToolTip("Add the next part of the file to the view")
        self.button.clicked.connect(self.more_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def follow(self, pages: RawPages | None) -> None:
        """Show the note while part of ``pages`` is left out; hide it otherwise."""
        if pages is None or pages.done:
            self.label.clear()
            self.hide()
            return
        self.label.setText(note_text(pages))
        self.show()

    def text(self) -> str:
        return self.label.text()
