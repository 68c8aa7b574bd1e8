"""Tools ▸ Verify Keys…: the folder's key verification as a summary dialog.

``core.keys.verify.verify_folder`` runs on the "keys" worker lane (progress
shown busy, Cancel stops it); the dialog shows the counts per class and every
file that is not ok (stale with the expected name and the cause, unkeyed,
legacy). Activating a row emits ``recording_chosen(path)``.
"""

from __future__ import annotations

import html
import os
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QProgressBar, QTreeView,
    QVBoxLayout, QWidget,
)

from recviewer.core.keys.verify import VerifiedFile, VerifyReport, verify_folder
from recviewer.ui.table_model import RowsTableModel
from recviewer.ui.workers import JobControl, Workers

KEYS_LANE = "keys"
CLASS, FILE, EXPECTED, CAUSE = range(4)
HEADERS = ("class", "file", "expected name", "cause")
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
_ORDER = {"stale": 0, "unkeyed": 1, "legacy": 2, "ok": 3}


def verify_job(control: JobControl, root: str) -> VerifyReport | None:
    report = verify_folder(root, cancel=control.cancelled)
    return None if control.cancelled() else report


class VerifyModel(RowsTableModel):
    """The files of a report that are not ok (stale first), or all with ``all_files``."""

    headers = HEADERS

    def set_report(self, report: VerifyReport | None, all_files: bool = False) -> None:
        files = list(report.files) if report is not None else []
        if not all_files:
            files = [f for f in files if f.status.cls != "ok"]
        self._reset_rows(sorted(files, key=lambda f: (_ORDER.get(f.status.cls, 9), f.rel_path)))

    def file(self, row: int) -> VerifiedFile:
        return self._rows[row]

    def cell(self, f: VerifiedFile, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (f.status.cls, f.rel_path, f.status.expected or "", f.status.cause or "")[
                column]
        if role == PATH_ROLE:
            return f.path
        if role == Qt.ItemDataRole.ToolTipRole:
            return "<p style='white-space:pre'>" + html.escape("\n".join(
                x for x in (f.rel_path, f"expected: {f.status.expected}" if f.status.expected
                            else "", f.status.cause or "") if x)) + "</p>"
        return None


class VerifyDialog(QDialog):
    recording_chosen = Signal(object)  # absolute path
    finished_report = Signal(object)  # VerifyReport | None

    def __init__(self, workers: Workers, root: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workers, self.root = workers, root
        self.report: VerifyReport | None = None
        self.setWindowTitle(f"Verify Keys — {os.path.basename(root.rstrip(os.sep)) or root}")
        self.resize(1000, 560)
        self.summary = QLabel("Verifying every recording's key…", self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.model = VerifyModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.view.header()
        header.setSectionResizeMode(CLASS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(FILE, 380)
        header.setSectionResizeMode(EXPECTED, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(EXPECTED, 240)
        header.setStretchLastSection(True)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(False)
        self.buttons.rejected.connect(self.close)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        self._workers.submit(KEYS_LANE, verify_job, self.root, on_done=self._on_done,
                             on_error=self._on_error)

    def cancel(self) -> None:
        self._workers.drop(KEYS_LANE)
        self.progress.hide()
        self.summary.setText("Verification cancelled.")
        self._done_buttons()

    def closeEvent(self, event) -> None:  # noqa: N802
        self._workers.drop(KEYS_LANE)
        super().closeEvent(event)

    def _done_buttons(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(True)

    def _on_done(self, report: VerifyReport | None) -> None:
        self.progress.hide()
        self._done_buttons()
        self.report = report
        self.model.set_report(report)
        if report is not None:
            counts = report.counts()
            verdict = "every key is reachable" if report.all_good else \
                "some recordings cannot be found by replay"
            self.summary.setText(
                f"{len(report.files):,} recordings: " + ", ".join(
                    f"{n:,} {cls}" for cls, n in counts.items()) + f" — {verdict}. "
                "Rows below: every file that is not ok (click one to select it).")
        self.finished_report.emit(report)

    def _on_error(self, message: str) -> None:
        self.progress.hide()
        self._done_buttons()
        self.summary.setText(f"Verification failed: {message}")
        self.finished_report.emit(None)

    def _on_activated(self, index: QModelIndex) -> None:
        path = index.siblingAtColumn(FILE).data(PATH_ROLE) if index.isValid() else None
        if path:
            self.recording_chosen.emit(path)
