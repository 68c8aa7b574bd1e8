"""PairPages: where the history windows show one pair of recordings.

Three pages on a stack: a greyed placeholder line ("Reading…", "Cannot read:
…"), the two sides side by side (``DiffView``), or one side alone (a label
over a ``ConversationView``: an added, removed, first or deleted version).
The set-diff window and the history of one recording both show pairs so;
``set_body`` lays out their top strip over the list-and-pages splitter,
``title_label`` is the bold line at its top.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from recviewer.core.catalog.walk import display_text
from recviewer.core.errors import RecordingError
from recviewer.core.model import Recording
from recviewer.ui.conversation.view import ConversationView
from recviewer.ui.diff.view import DiffView
from recviewer.ui.workers import Workers

PLACEHOLDER, DIFF, SINGLE = range(3)
PAGE_NAMES = ("placeholder", "diff", "single")


class PairPages(QStackedWidget):
    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diff = DiffView(self, workers)
        self.single_label = QLabel(self)
        self.single_label.setTextFormat(Qt.TextFormat.PlainText)
        self.single_label.setContentsMargins(8, 4, 8, 4)
        self.single = ConversationView(self)
        single_page = QWidget(self)
        single_layout = QVBoxLayout(single_page)
        single_layout.setContentsMargins(0, 0, 0, 0)
        single_layout.addWidget(self.single_label)
        single_layout.addWidget(self.single, 1)
        self.placeholder = QLabel(self)
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.addWidget(self.placeholder)
        self.addWidget(self.diff)
        self.addWidget(single_page)

    def page(self) -> str:
        """``placeholder``, ``diff`` or ``single``: the page on show."""
        return PAGE_NAMES[self.currentIndex()]

    def show_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.setCurrentIndex(PLACEHOLDER)

    def show_pair(self, a: Recording, b: Recording) -> None:
        self.setCurrentIndex(DIFF)
        self.diff.set_recordings(a, b)

    def show_errors(self, sides: Iterable[tuple[str, Recording | RecordingError]]) -> None:
        """Both sides exist and one or both cannot be read: say why, per side."""
        self.setCurrentIndex(DIFF)
        self.diff.show_errors([(side, r) for side, r in sides if isinstance(r, RecordingError)])

    def show_single(self, rec: Recording | RecordingError | None, label: str) -> None:
        """One side alone under ``label`` (plain text; file names made displayable)."""
        self.single_label.setText(display_text(label))
        self.setCurrentIndex(SINGLE)
        if isinstance(rec, Recording):
            self.single.show_recording(rec)
        elif isinstance(rec, RecordingError):
            self.single.show_error(rec, None)


def set_body(window: QMainWindow, top: QWidget, splitter: QSplitter) -> None:
    """The window's central widget: ``top`` over ``splitter`` (which stretches)."""
    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(top)
    layout.addWidget(splitter, 1)
    window.setCentralWidget(central)


def title_label(parent: QWidget, text: str = "") -> QLabel:
    """A window's bold title line (plain text, wrapped)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
