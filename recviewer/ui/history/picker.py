"""RevisionPicker: File ▸ Open Revision… — choose a commit of the open folder's repository.

The commit list (date, author, subject, how many recordings each commit
touched under the open folder) is read off the GUI thread (``commits_job``;
a long history shows its first rows at once). A filter box narrows it; a
revision can also be typed (a branch, tag or commit id). ``revision()`` is
what OK chose; the window resolves it (a typo is a message, not a crash).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from recviewer.core.catalog.walk import display_text
from recviewer.core.errors import RecordingError
from recviewer.core.sources.git import CommitInfo
from recviewer.ui.history.commit_model import (AUTHOR, COMMIT, COMMIT_ROLE, DATE, RECORDINGS,
                                               SUBJECT, CommitFilter, CommitModel)
from recviewer.ui.history.jobs import commits_job
from recviewer.ui.history.revision_source import FolderInRepo
from recviewer.ui.table_model import row_table
from recviewer.ui.workers import Workers

LANE = "history-commits"


def where_text(place: FolderInRepo) -> str:
    return display_text(place.prefix) if place.prefix else "the repository"


class RevisionPicker(QDialog):
    def __init__(self, place: FolderInRepo, workers: Workers, parent: QWidget | None = None,
                 title: str = "Open Revision", current: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 560)
        self._place, self._workers = place, workers
        self.model = CommitModel(self)
        self.proxy = CommitFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter commits: subject, author, date, id…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter)
        self.table = row_table(self.proxy, "commitTable", self)
        header = self.table.horizontalHeader()
        for col, mode in ((COMMIT, QHeaderView.ResizeMode.ResizeToContents),
                          (DATE, QHeaderView.ResizeMode.ResizeToContents),
                          (AUTHOR, QHeaderView.ResizeMode.Interactive),
                          (SUBJECT, QHeaderView.ResizeMode.Stretch),
                          (RECORDINGS, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(AUTHOR, 160)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.doubleClicked.connect(lambda _i: self._accept_if_chosen())
        self.rev_edit = QLineEdit(self)
        self.rev_edit.setPlaceholderText("or type a branch, tag or commit id")
        if current:
            self.rev_edit.setText(current)
        self.rev_edit.textChanged.connect(lambda _t: self._update_ok())
        self.status = QLabel("Listing commits\u2026", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept_if_chosen)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Revision:", self.rev_edit)
        layout = QVBoxLayout(self)
        intro = QLabel(f"Commits touching {where_text(place)} in {display_text(place.repo.root)}",
                       self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._loaded = False
        self._update_ok()
        self._workers.submit(LANE, commits_job, place.repo, list(place.pathspecs) or None,
                             on_progress=self._on_commits, on_done=self._on_done,
                             on_error=self._on_failed)

    # ------------------------------------------------------------ results
    @property
    def loaded(self) -> bool:
        """The whole commit list is in (or failed)."""
        return self._loaded

    def _on_commits(self, commits: list[CommitInfo]) -> None:
        first = self.model.rowCount() == 0
        self.model.set_commits(commits)
        self.status.setText(f"{len(commits):,} commits so far\u2026")
        if first and commits and not self.rev_edit.text():
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _on_done(self, commits: list[CommitInfo] | RecordingError) -> None:
        self._loaded = True
        if isinstance(commits, RecordingError):
            self.status.setText(f"Cannot list commits: {commits.reason}")
            return
        self._on_commits(commits)
        n = len(commits)
        self.status.setText(f"{n:,} commit{'s' if n != 1 else ''} touching "
                            f"{where_text(self._place)}" if n else
                            f"No commit touches {where_text(self._place)}")

    def _on_failed(self, message: str) -> None:
        self._loaded = True
        self.status.setText(f"Cannot list commits: {message}")

    # ------------------------------------------------------------ choosing
    def _on_filter(self, text: str) -> None:
        self.proxy.set_text(text)
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _on_current(self, current, _previous) -> None:
        commit = current.data(COMMIT_ROLE) if current.isValid() else None
        if commit is not None:
            self.rev_edit.setText(commit.short)
            self.error.hide()
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.revision()))

    def revision(self) -> str:
        """The revision chosen or typed ('' when none)."""
        return self.rev_edit.text().strip()

    def choose_row(self, row: int) -> CommitInfo | None:
        """Select the ``row``-th visible commit (for tests and keyboard users)."""
        index = self.proxy.index(row, 0)
        if not index.isValid():
            return None
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        return index.data(COMMIT_ROLE)

    def show_error(self, message: str) -> None:
        """Say why the revision cannot be opened (the dialog stays)."""
        self.error.setText(message)
        self.error.show()

    def _accept_if_chosen(self) -> None:
        if self.revision():
            self.accept()

    def done(self, result: int) -> None:
        self._workers.drop(LANE)
        super().done(result)
