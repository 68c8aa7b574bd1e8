"""Choose what Compare Revisions… / Compare Folders… compares.

``RevisionsDialog``: two revisions of the open folder's repository (editable
lists of its commits, read off the GUI thread; anything git names can be
typed). ``FoldersDialog``: two folders on disk.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from recviewer.core.catalog.walk import display_text
from recviewer.core.errors import RecordingError
from recviewer.core.sources.git import CommitInfo
from recviewer.ui.history.jobs import commits_job
from recviewer.ui.history.picker import where_text
from recviewer.ui.history.revision_source import FolderInRepo
from recviewer.ui.workers import Workers

LANE = "history-compare-commits"


def commit_label(c: CommitInfo) -> str:
    return display_text(f"{c.short}  {c.date[:10]}  {c.subject}")


class RevisionsDialog(QDialog):
    def __init__(self, place: FolderInRepo, workers: Workers, parent: QWidget | None = None,
                 old: str = "HEAD~1", new: str = "HEAD") -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare Revisions")
        self.resize(720, 200)
        self._workers = workers
        self.old_box = self._box(old)
        self.new_box = self._box(new)
        intro = QLabel(f"Compare the recordings under {where_text(place)} at two revisions "
                       f"of {display_text(place.repo.root)}", self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Old (A):", self.old_box)
        form.addRow("New (B):", self.new_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        workers.submit(LANE, commits_job, place.repo, list(place.pathspecs) or None,
                       on_progress=self._fill, on_done=self._fill)

    def _box(self, text: str) -> QComboBox:
        box = QComboBox(self)
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.setMinimumContentsLength(40)
        box.setEditText(text)
        return box

    def _fill(self, commits: list[CommitInfo] | RecordingError) -> None:
        if isinstance(commits, RecordingError):
            return
        for box in (self.old_box, self.new_box):
            text = box.currentText()
            box.clear()
            for c in commits:
                box.addItem(commit_label(c), c.oid)
            box.setCurrentIndex(-1)
            box.setEditText(text)

    @staticmethod
    def _rev(box: QComboBox) -> str:
        text = box.currentText().strip()
        index = box.findText(text)
        if index >= 0 and box.itemData(index):
            return str(box.itemData(index))
        return text.split()[0] if text else ""

    def revisions(self) -> tuple[str, str]:
        """(old, new): commit ids when picked from the list, else what was typed."""
        return self._rev(self.old_box), self._rev(self.new_box)

    def done(self, result: int) -> None:
        self._workers.drop(LANE)
        super().done(result)


class FoldersDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, old: str = "", new: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare Folders")
        self.resize(720, 160)
        self.old_edit, old_row = self._row(old)
        self.new_edit, new_row = self._row(new)
        form = QFormLayout()
        form.addRow("Old (A):", old_row)
        form.addRow("New (B):", new_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for edit in (self.old_edit, self.new_edit):
            edit.textChanged.connect(lambda _t: self._update_ok())
        self._update_ok()

    def _row(self, text: str) -> tuple[QLineEdit, QWidget]:
        row = QWidget(self)
        edit = QLineEdit(text, row)
        browse = QPushButton("Browse\u2026", row)
        browse.clicked.connect(lambda: self._browse(edit))
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        layout.addWidget(browse)
        return edit, row

    def _browse(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder", edit.text())
        if folder:
            edit.setText(folder)

    def _update_ok(self) -> None:
        ok = all(os.path.isdir(e.text().strip()) for e in (self.old_edit, self.new_edit))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def folders(self) -> tuple[str, str]:
        return self.old_edit.text().strip(), self.new_edit.text().strip()
