"""The status bar: folder, counts, selected file size, scan progress + Cancel."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from recviewer.ui.tree.labels import count_label, human_size
from recviewer.ui.tree.model import TreeCounts


def counts_text(counts: TreeCounts) -> str:
    """``41 tests · 348 recordings · 3 failed · 1 unreadable · 2 other JSON files``,
    led by ``12 match ·`` while a filter narrows the tree."""
    parts = [count_label(counts.tests, "test"), count_label(counts.recordings, "recording")]
    if counts.failed:
        parts.append(f"{counts.failed:,} failed")
    if counts.unreadable:
        parts.append(f"{counts.unreadable:,} unreadable")
    if counts.other:
        parts.append(count_label(counts.other, "other JSON file"))
    if counts.shown is not None:
        parts.insert(0, f"{counts.shown:,} match")
    return " · ".join(parts)


class StatusPanel(QObject):
    """Fills a QStatusBar; emits ``cancel_requested`` from its Cancel button."""

    cancel_requested = Signal()

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self.folder = QLabel()
        self.counts = QLabel()
        self.size = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the total is not known while scanning
        self.progress.setTextVisible(False)  # a busy bar draws no text: the label counts
        self.progress.setMaximumWidth(120)
        self.scanned = QLabel()
        self.cancel = QPushButton("Cancel")
        self.cancel.setToolTip("Stop scanning the folder")
        self.cancel.clicked.connect(self.cancel_requested)
        self.folder.setMinimumWidth(40)
        bar.addWidget(self.folder, 1)
        for widget in (self.scanned, self.progress, self.cancel, self.counts, self.size):
            bar.addPermanentWidget(widget)
        self._show_progress(False)
        self._counts_of: Callable[[], TreeCounts] | None = None

    def _show_progress(self, visible: bool) -> None:
        self.scanned.setVisible(visible)
        self.progress.setVisible(visible)
        self.cancel.setVisible(visible)

    def set_folder(self, root: str) -> None:
        self.folder.setText(root)
        self.folder.setToolTip(root)

    def attach_tree(self, counts_of: Callable[[], TreeCounts]) -> None:
        """Count from the tree (``TreePane.counts``) whenever counts are asked
        to be shown, so every caller of ``set_counts`` shows the same thing."""
        self._counts_of = counts_of

    def set_counts(self, tests: int = 0, recordings: int = 0, errors: int = 0) -> None:
        """Show the counts: the attached tree's (``attach_tree``), else these."""
        if self._counts_of is not None:
            self.show_counts(self._counts_of())
        else:
            self.show_counts(TreeCounts(tests, recordings, 0, errors, 0))

    def show_counts(self, counts: TreeCounts) -> None:
        self.counts.setText(counts_text(counts))

    def set_selected_size(self, size: int | None) -> None:
        self.size.setText(human_size(size) if size is not None else "")

    def scan_started(self) -> None:
        self.scanned.setText("Scanning…")
        self._show_progress(True)

    def scan_progress(self, count: int) -> None:
        self.scanned.setText(f"Scanning… {count:,} found")

    def scan_finished(self, message: str = "") -> None:
        self._show_progress(False)
        if message:
            self.bar.showMessage(message, 8000)

    def progress_text(self) -> str:
        return self.scanned.text()
