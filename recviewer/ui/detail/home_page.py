"""HomePage: what the detail pane shows while nothing is selected.

The folder's counts (recordings, tests, failed calls, unreadable files, other
JSON files) and how to begin, with buttons for the folder overview and search.
Never a blank line: with no folder open it says how to open one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from recviewer.core.catalog.scan import RecordingRef
from recviewer.core.catalog.walk import display_text

STEPS = (
    ("Select a recording", "in the tree to read it as a conversation, replay its stream "
                           "or see its raw JSON; select a test to see its calls in order."),
    ("Ctrl+F", "filters the tree by test id, model, endpoint, file or tool name."),
    ("Ctrl+Shift+F", "searches the text of every recording (messages, tool calls and "
                     "results, model names)."),
    ("Ctrl+D", "compares the two selected recordings side by side."),
    ("View ▸ Folder Overview", "charts the folder: providers, models, sizes, failed calls, "
                               "duplicates."),
)


@dataclass(slots=True, frozen=True)
class FolderCounts:
    recordings: int = 0
    tests: int = 0
    failed: int = 0
    unreadable: int = 0
    other: int = 0

    @classmethod
    def of(cls, refs: Iterable[RecordingRef]) -> FolderCounts:
        recordings = failed = unreadable = other = 0
        tests: set[str] = set()
        for ref in refs:
            if ref.error is not None and not ref.is_other:
                unreadable += 1
            elif ref.is_other:
                other += 1
            elif ref.is_recording:
                recordings += 1
                failed += ref.failed
                if ref.test_id:
                    tests.add(ref.test_id)
        return cls(recordings, len(tests), failed, unreadable, other)


CAPTIONS = (("recordings", "recordings"), ("tests", "tests"), ("failed", "failed calls"),
            ("unreadable", "unreadable files"), ("other", "other JSON files"))


class HomePage(QWidget):
    overview_requested = Signal()
    search_requested = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = FolderCounts()
        self.folder: str | None = None
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.scanning = QLabel(self)
        self.scanning.setTextFormat(Qt.TextFormat.PlainText)
        self.numbers: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        for col, (key, caption) in enumerate(CAPTIONS):
            number = QLabel("0", self)
            number.setObjectName(f"home_{key}")
            big = number.font()
            big.setPointSizeF(big.pointSizeF() * 1.8)
            number.setFont(big)
            number.setAlignment(Qt.AlignmentFlag.AlignLeft)
            label = QLabel(caption, self)
            label.setEnabled(False)  # muted
            grid.addWidget(number, 0, col)
            grid.addWidget(label, 1, col)
            self.numbers[key] = number
        grid.setColumnStretch(len(CAPTIONS), 1)
        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        begin = QLabel("How to begin", self)
        bold = begin.font()
        bold.setBold(True)
        begin.setFont(bold)
        steps = QGridLayout()
        steps.setHorizontalSpacing(16)
        steps.setVerticalSpacing(6)
        for row, (keys, text) in enumerate(STEPS):
            key_label = QLabel(keys, self)
            key_label.setFont(bold)
            text_label = QLabel(text, self)
            text_label.setWordWrap(True)
            steps.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignTop)
            steps.addWidget(text_label, row, 1)
        steps.setColumnStretch(1, 1)
        self.overview_button = QPushButton("Folder Overview", self)
        self.search_button = QPushButton("Search Recordings…", self)
        self.open_button = QPushButton("Open Folder…", self)
        self.overview_button.clicked.connect(lambda: self.overview_requested.emit())
        self.search_button.clicked.connect(lambda: self.search_requested.emit())
        self.open_button.clicked.connect(lambda: self.open_requested.emit())
        buttons = QHBoxLayout()
        for button in (self.overview_button, self.search_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.scanning)
        layout.addLayout(grid)
        layout.addWidget(rule)
        layout.addWidget(begin)
        layout.addLayout(steps)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.set_folder(None, FolderCounts())

    def set_folder(self, folder: str | None, counts: FolderCounts, scanning: bool = False) -> None:
        self.folder, self.counts = folder, counts
        if folder:
            name = display_text(os.path.basename(folder.rstrip(os.sep)) or folder)
            self.heading.setText(name)
            self.heading.setToolTip("")
        else:
            self.heading.setText("No folder open")
        self.scanning.setText("Reading the folder…" if scanning else
                              (display_text(folder) if folder else
                               "Open a recordings folder (Ctrl+O) or drop one onto the window."))
        for key, _caption in CAPTIONS:
            self.numbers[key].setText(f"{getattr(counts, key):,}")
        self.overview_button.setEnabled(bool(folder) and counts.recordings > 0)
        self.search_button.setEnabled(bool(folder))
