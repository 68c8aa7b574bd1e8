"""The status bar: folder, counts, selected file size, scan progress + Cancel."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from recviewer.ui.tree.labels import count_label, human_size


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

    def _show_progress(self, visible: bool) -> None:
        self.scanned.setVisible(visible)
        self.progress.setVisible(visible)
        self.cancel.setVisible(visible)

    def set_folder(self, root: str) -> None:
        self.folder.setText(root)
        self.folder.setToolTip(root)

    def set_counts(self, tests: int, recordings: int, errors: int) -> None:
        text = f"{count_label(tests, 'test')} · {count_label(recordings, 'recording')}"
        if errors:
            text += f" · {count_label(errors, 'error')}"
        self.counts.setText(text)

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
