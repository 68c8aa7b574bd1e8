"""RecordingHistoryWindow: the versions of one recording through the commits that touched it.

The versions come from core ``recording_history`` (the file's own path, and
across key changes the same test's recording under other names), newest
first, on a worker. Selecting a version shows it against the version before
it (``DiffView``; a first version or a deletion shows on its own). "Older" /
"Newer" (Alt+Down / Alt+Up) step through them.
"""

from __future__ import annotations

import posixpath
from typing import Any, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QMainWindow, QSplitter,
                               QToolButton, QVBoxLayout, QWidget)

from recviewer.core.catalog.walk import display_text
from recviewer.core.errors import RecordingError
from recviewer.core.model import Recording
from recviewer.core.sources.git import GitRepo, PathVersion
from recviewer.ui.diff.window import add_close_action
from recviewer.ui.history.commit_model import safe_tip
from recviewer.ui.history.jobs import history_job, versions_job
from recviewer.ui.history.pair_pages import PairPages, set_body, title_label
from recviewer.ui.table_model import RowsTableModel, row_table
from recviewer.ui.workers import Workers

COMMIT, DATE, CHANGE, SUBJECT, FILE = range(5)
HEADERS = ("Commit", "Date", "Change", "Subject", "File")
VERSION_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_WORDS = {"A": "added", "M": "modified", "D": "deleted"}


class VersionModel(RowsTableModel):
    """Versions of a recording, newest first."""

    headers = HEADERS

    def __init__(self, path: str, parent=None) -> None:
        super().__init__(parent)
        self._path = path

    def set_versions(self, versions: Sequence[PathVersion]) -> None:
        self._reset_rows(list(versions))

    def versions(self) -> list[PathVersion]:
        return list(self._rows)

    def cell(self, v: PathVersion, col: int, role: int) -> Any:
        if role == VERSION_ROLE:
            return v
        if role == Qt.ItemDataRole.DisplayRole:
            name = posixpath.basename(v.path)
            return (v.commit.short, v.commit.date[:10], STATUS_WORDS.get(v.status, v.status),
                    display_text(v.commit.subject),
                    display_text(name if v.path != self._path else "(this file)"))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return safe_tip(display_text(f"{v.commit.oid}\n{v.commit.author} · {v.commit.date}\n"
                                         f"{v.commit.subject}\n{v.path}"))
        return None


def _older_version(versions: list[PathVersion], row: int) -> PathVersion | None:
    """The version a row's change is compared with: the next older one that left a file."""
    for v in versions[row + 1:]:
        if v.oid is not None:
            return v
    return None


class RecordingHistoryWindow(QMainWindow):
    loaded = Signal()  # the version list is in (or failed)
    version_shown = Signal(object)  # PathVersion, once its page is on screen

    def __init__(self, repo: GitRepo, path: str, rev: str, path_filter: Sequence[str] | None,
                 workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo, self.path, self.rev = repo, path, rev
        self.workers = workers
        self._lane = f"history-{id(self):x}"
        self._pair_lane = f"history-pair-{id(self):x}"
        self.resize(1400, 860)
        name = posixpath.basename(path)
        self.setWindowTitle(f"History of {display_text(name)} \u2014 recviewer")
        self.title = title_label(self, f"History of {display_text(path)}")
        self.summary = QLabel("Reading the history\u2026", self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.model = VersionModel(path, self)
        self.table = row_table(self.model, "versionTable", self)
        header = self.table.horizontalHeader()
        for col in (COMMIT, DATE, CHANGE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(FILE, 110)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.newer_action = self._step("Newer", "Alt+Up", -1)
        self.older_action = self._step("Older", "Alt+Down", 1)
        self.pages = PairPages(workers, self)
        self.diff, self.single, self.single_label = (self.pages.diff, self.pages.single,
                                                     self.pages.single_label)
        self.page_label = QLabel(self)
        self.page_label.setTextFormat(Qt.TextFormat.PlainText)
        top = QWidget(self)
        tl = QVBoxLayout(top)
        tl.setContentsMargins(8, 6, 8, 6)
        tl.addWidget(self.title)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.page_label)
        for action in (self.newer_action, self.older_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(button)
        tl.addLayout(row)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 640])
        set_body(self, top, self.splitter)
        add_close_action(self)
        self._set_placeholder("Reading the history\u2026")
        self._update_steps()
        self.workers.submit(self._lane, history_job, repo, path, rev, path_filter,
                            on_done=self._on_versions, on_error=self._on_failed)

    def _step(self, text: str, key: str, step: int) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setToolTip(f"{text} version ({key})")
        action.triggered.connect(lambda: self.step(step))
        self.addAction(action)
        return action

    # ------------------------------------------------------------ versions
    def versions(self) -> list[PathVersion]:
        return self.model.versions()

    def _on_versions(self, versions: list[PathVersion] | RecordingError) -> None:
        if isinstance(versions, RecordingError):
            self._on_failed(versions.reason)
            return
        self.model.set_versions(versions)
        names = {v.path for v in versions}
        n = len(versions)
        text = f"{n:,} version{'s' if n != 1 else ''} in commits up to {self.rev}"
        if len(names) > 1:
            text += f", under {len(names)} file names (the test's recording was re-keyed)"
        self.summary.setText(text if n else f"No commit up to {self.rev} touched this file")
        if n:
            self.select_row(0)
        else:
            self._set_placeholder("No version to show")
        self.loaded.emit()

    def _on_failed(self, message: str) -> None:
        self.summary.setText(f"Cannot read the history: {display_text(message)}")
        self._set_placeholder(f"Cannot read the history: {display_text(message)}")
        self.loaded.emit()

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> bool:
        index = self.model.index(row, 0)
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def step(self, step: int) -> bool:
        """Older (step > 0) or newer (step < 0) version; False at the end."""
        return self.select_row(self.current_row() + step) if self.current_row() >= 0 else False

    def _update_steps(self) -> None:
        row, n = self.current_row(), self.model.rowCount()
        self.newer_action.setEnabled(row > 0)
        self.older_action.setEnabled(0 <= row < n - 1)
        self.page_label.setText(f"version {n - row} of {n}" if row >= 0 else "")

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_steps()
        if not current.isValid():
            return
        versions = self.model.versions()
        version = versions[current.row()]
        older = _older_version(versions, current.row())
        self._set_placeholder("Reading\u2026")
        self.workers.submit(self._pair_lane, versions_job, self.repo, version, older,
                            on_done=lambda sides, v=version, o=older: self._on_sides(v, o, sides),
                            on_error=lambda m: self._set_placeholder(f"Cannot read: {m}"))

    def _on_sides(self, version: PathVersion, older: PathVersion | None, sides) -> None:
        before, after = sides
        n, row = self.model.rowCount(), self.current_row()
        where = f"version {n - row} of {n}"
        if older is not None and version.oid is not None:
            where += f"  \u00b7  A {older.commit.short} \u2192 B {version.commit.short}"
        self.page_label.setText(where)
        if isinstance(before, Recording) and isinstance(after, Recording):
            self.pages.show_pair(before, after)
        elif after is None and before is not None:  # deleted in this commit
            self._single(before, f"Deleted in {version.commit.short}; the last version "
                                 f"({older.commit.short if older else '?'}) was:")
        elif after is not None and before is None:
            self._single(after, f"First version, {STATUS_WORDS.get(version.status, '')} in "
                                f"{version.commit.short} \u00b7 {version.commit.date[:10]}")
        elif after is not None and before is not None:
            self.pages.show_errors((("older", before), ("this", after)))
        else:
            self._set_placeholder("Nothing to show")
        self.version_shown.emit(version)

    def _single(self, rec: Recording | RecordingError, label: str) -> None:
        self.pages.show_single(rec, label)

    def _set_placeholder(self, text: str) -> None:
        self.pages.show_placeholder(text)

    def page(self) -> str:
        return self.pages.page()

    def closeEvent(self, event: QCloseEvent) -> None:
        for lane in (self._lane, self._pair_lane):
            self.workers.drop(lane)
        self.diff.cancel()
        super().closeEvent(event)
