"""HistoryController: the window's recording-history features.

- File ▸ Open Revision… (``RevisionPicker``) and File ▸ Back to the Working
  Tree: the tree shows the open folder at a git revision, read through
  ``FolderAtRevision`` by ``ScanController.start(folder, source)``; the detail
  pane loads its recordings through ``DetailPane.reader`` (git objects, never
  the disk); the window title, the status bar and a ``RevisionBar`` say it is
  read-only history; live reload is off meanwhile. The menu item is disabled,
  with the reason as its tooltip, when the folder is not in a repository.
- Tools ▸ Compare Revisions… / Compare Folders…: a ``SetDiffWindow``.
- Tools ▸ History of Recording… (and the tree's "History…"): a
  ``RecordingHistoryWindow`` for the selected recording.

Locating the repository, resolving a revision and listing its tree run on
workers; a revision's ``cat-file`` process is closed when it is left.

At a revision every view reads git objects: the detail pane's recordings
(``DetailPane.reader``), a test's story (``StoryView.read_bytes``) and the
folder overview (``DetailPane.byte_reader``) through ``jobs.revision_bytes``.
What only works on files on disk (search, key tools, Reveal in File Manager,
Open in External Editor) listens to ``revision_changed`` (or asks
``at_revision``) and is disabled with ``NOT_AT_REVISION`` as its tooltip.
"""

from __future__ import annotations

import os
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow

from recviewer.core.catalog.scan import RecordingRef
from recviewer.core.catalog.walk import display_text
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.load import read_bytes
from recviewer.core.model import Recording
from recviewer.core.sources.base import split_address
from recviewer.ui.history.bar import BACK_TEXT, RevisionBar, revision_text
from recviewer.ui.history.commit_model import safe_tip
from recviewer.ui.history.compare_dialog import FoldersDialog, RevisionsDialog
from recviewer.ui.history.compare_window import SetDiffWindow
from recviewer.ui.history.diff_open import open_read_diff_window
from recviewer.ui.history.history_window import RecordingHistoryWindow
from recviewer.ui.history.jobs import (FolderSpec, RevisionSpec, locate_job, open_revision_job,
                                      revision_bytes)
from recviewer.ui.history.picker import RevisionPicker, where_text
from recviewer.ui.history.revision_source import (FolderAtRevision, FolderInRepo,
                                                  read_recording_at)
from recviewer.ui.menus import Menu, MenuBar

LOCATE_LANE = "history-locate"
OPEN_LANE = "history-open"
OPEN_REVISION = "Open &Revision\u2026"
BACK = "&Back to the Working Tree"
COMPARE_REVISIONS = "Compare &Revisions\u2026"
COMPARE_FOLDERS = "Compare &Folders\u2026"
HISTORY = "&History of Recording\u2026"
NOT_IN_REPO = "The open folder is not in a git repository"
# the tooltip of what works on the working tree only, while a revision is shown
NOT_AT_REVISION = "not available for a git revision: Back to the Working Tree first"
NO_FILE_AT_REVISION = ("not available for a git revision: the recording is read from git "
                       "objects, there is no file on disk (Back to the Working Tree first)")
CLOSE_DELAY_MS = 3000  # a left revision's cat-file process ends after its last reads


def read_any(source: FolderAtRevision, path: str) -> tuple[Recording | RecordingError, bytes | None]:
    """A revision's recording from git objects; any other path from the disk."""
    if source.rel_path_of(path) is not None:
        return read_recording_at(source, path)
    try:
        raw: bytes | None = read_bytes(path)
    except OSError:
        raw = None
    return read_recording(path), raw


class HistoryController(QObject):
    located = Signal(object)          # FolderInRepo | RecordingError for the open folder
    revision_opened = Signal(object)  # FolderAtRevision, once its tree is listed
    revision_failed = Signal(str)     # why a revision could not be opened
    # FolderAtRevision when the window starts showing a revision, None when it
    # shows the working tree again (what works on the disk only follows it)
    revision_changed = Signal(object)

    def __init__(self, window: Any, menus: MenuBar, before: QAction | None = None) -> None:
        super().__init__(window)
        self._window: QMainWindow = window
        self.place: FolderInRepo | RecordingError | None = None
        self.source: FolderAtRevision | None = None  # the revision on screen
        self._located_for: str | None = None
        self._windows: list[QMainWindow] = []
        self._reselect: str | None = None  # the recording to select once a revision is listed
        file_menu, tools = menus[Menu.FILE], menus[Menu.TOOLS]
        file_menu.setToolTipsVisible(True)
        tools.setToolTipsVisible(True)
        self.open_action = self._action(OPEN_REVISION, self.open_revision_dialog, "Ctrl+Shift+R")
        self.back_action = self._action(BACK, self.back_to_working_tree)
        self.back_action.setEnabled(False)
        file_menu.insertAction(before, self.open_action)
        file_menu.insertAction(before, self.back_action)
        if before is not None:
            file_menu.insertSeparator(before)
        self.compare_revisions_action = self._action(COMPARE_REVISIONS,
                                                     self.compare_revisions_dialog)
        self.compare_folders_action = self._action(COMPARE_FOLDERS, self.compare_folders_dialog)
        self.history_action = self._action(HISTORY, self.show_history)
        tools.addSeparator()
        for action in (self.compare_revisions_action, self.compare_folders_action,
                       self.history_action):
            tools.addAction(action)
        self.bar = RevisionBar(self._bar_back_action(), window)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self._set_place(None, "Open a folder first")
        window.scanner.started.connect(self._on_scan_started)
        window.scanner.finished.connect(self._on_scan_finished)
        window.tree.recording_selected.connect(lambda _ref: self._update_history_action())
        window.tree.group_selected.connect(lambda _labels: self._update_history_action())
        window.installEventFilter(self)  # closing the window ends the revision's git process

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close and self.source:
            self._window.workers.drop(OPEN_LANE)
            self.source.close()
        return False

    def _action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self._window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)
        return action

    def _bar_back_action(self) -> QAction:
        action = QAction(BACK_TEXT, self)
        action.setToolTip("Show the folder as it is on disk again")
        action.triggered.connect(lambda _checked=False: self.back_to_working_tree())
        return action

    # ------------------------------------------------------------ state
    @property
    def at_revision(self) -> bool:
        return self.source is not None and self._window.scanner.source is self.source

    @property
    def working_folder(self) -> str | None:
        """The folder on disk the window opened (also while it shows a revision)."""
        return self._window.root

    def _set_place(self, place: FolderInRepo | RecordingError | None, why: str = "") -> None:
        self.place = place
        ok = isinstance(place, FolderInRepo)
        for action, tip in ((self.open_action, "Show the open folder as it was at a commit, "
                             "branch or tag (read from git, nothing checked out)"),
                            (self.compare_revisions_action, "Classify what changed in the "
                             "open folder's recordings between two revisions")):
            action.setEnabled(ok)
            reason = why or (f"{NOT_IN_REPO} ({display_text(place.reason)})"
                             if isinstance(place, RecordingError) else NOT_IN_REPO)
            action.setToolTip(tip if ok else safe_tip(reason))
            action.setStatusTip(tip if ok else reason)
        self._update_history_action()

    def _update_history_action(self) -> None:
        ok = isinstance(self.place, FolderInRepo) and self._window.tree.current_ref() is not None
        self.history_action.setEnabled(ok)
        self.history_action.setToolTip(
            "The versions of the selected recording through the commits that touched it" if ok
            else NOT_IN_REPO if isinstance(self.place, RecordingError)
            else "Select a recording of a folder in a git repository")

    # ------------------------------------------------------------ scans
    def _on_scan_started(self, root: str) -> None:
        window = self._window
        if self.source is not None and window.scanner.source is self.source:
            self._show_revision_marks(self.source)
            return
        self._leave_revision()
        if root != self._located_for:
            self._located_for = root
            self._set_place(None, "Looking for the folder's git repository\u2026")
            window.workers.submit(LOCATE_LANE, locate_job, root, on_done=self._on_located,
                                  on_error=lambda m: self._on_located(RecordingError(root, m)))

    def _on_located(self, place: FolderInRepo | RecordingError) -> None:
        self._set_place(place)
        self.located.emit(place)

    def _on_scan_finished(self, _result) -> None:
        if self.at_revision:
            self._window.live.watch.stop()  # (live reload resumes after every scan)
            reselect, self._reselect = self._reselect, None
            if reselect and self._window.tree.current_ref() is None:
                self._window.tree.select_path(reselect)
            self.revision_opened.emit(self.source)

    def _show_revision_marks(self, source: FolderAtRevision) -> None:
        window = self._window
        window.detail.reader = partial(read_any, source)
        read = partial(revision_bytes, source)
        window.detail.byte_reader = read  # the overview's statistics
        window.detail.story.read_bytes = read  # a test's story
        text = revision_text(source.short, source.commit, source.inner.rev)
        commit = source.commit
        tip = (display_text(f"{commit.oid}\n{commit.author} <{commit.email}>\n{commit.date}\n"
                            f"{commit.subject}") if commit else source.oid)
        self.bar.show_revision(text, tip)
        name = display_text(os.path.basename(source.root) or source.root)
        window.setWindowTitle(f"{name} at {source.short} (read-only history) \u2014 recviewer")
        window.status.set_folder(f"{display_text(source.root)} at {source.short} (read-only)")
        live = window.live
        live.watch.stop()
        live.action.setEnabled(False)
        live.action.setToolTip("Off while the window shows a git revision")
        self.back_action.setEnabled(True)
        self.revision_changed.emit(source)

    def _leave_revision(self) -> None:
        window = self._window
        old, self.source = self.source, None
        window.detail.reader = None
        window.detail.byte_reader = None
        window.detail.story.read_bytes = None
        self.bar.hide()
        window.live.action.setEnabled(True)
        window.live.action.setToolTip("")
        self.back_action.setEnabled(False)
        if old is not None:
            QTimer.singleShot(CLOSE_DELAY_MS, old.close)
            self.revision_changed.emit(None)

    # ------------------------------------------------------------ opening a revision
    def open_revision_dialog(self) -> None:
        place = self.place
        if not isinstance(place, FolderInRepo):
            return
        picker = RevisionPicker(place, self._window.workers, self._window,
                                current=self.source.short if self.at_revision else None)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.revision():
            self.open_revision(picker.revision())

    def open_revision(self, rev: str) -> bool:
        """Show the open folder at ``rev`` (resolved and listed on a worker);
        False when the folder is not in a repository."""
        place = self.place
        if not isinstance(place, FolderInRepo):
            return False
        self._window.status.bar.showMessage(f"Opening {display_text(rev)}\u2026", 4000)
        self._window.workers.submit(OPEN_LANE, open_revision_job, place, rev,
                                    on_done=lambda got, r=rev: self._on_revision(r, got),
                                    on_error=lambda m, r=rev: self._revision_failed(r, m))
        return True

    def _on_revision(self, rev: str, got: FolderAtRevision | RecordingError) -> None:
        if isinstance(got, RecordingError):
            self._revision_failed(rev, got.reason)
            return
        self._window.status.bar.clearMessage()
        old, self.source = self.source, got
        if old is not None:
            QTimer.singleShot(CLOSE_DELAY_MS, old.close)
        current = self._window.tree.current_ref()
        # the same recording stays selected when the revision has it
        self._reselect = (f"{got.short}:{got.place.repo_path(current.rel_path)}"
                          if current is not None else None)
        self._window.scanner.start(got.root, got)

    def _revision_failed(self, rev: str, message: str) -> None:
        text = f"Cannot open revision {display_text(rev)}: {display_text(message)}"
        self._window.status.bar.showMessage(text, 10000)
        self.revision_failed.emit(text)

    def back_to_working_tree(self) -> None:
        """Show the folder on disk again (a fresh scan)."""
        if self.source is None:
            return
        folder = self.source.root
        self._window.open_folder(folder)

    def reload(self) -> bool:
        """F5 at a revision scans the revision again (True); else False."""
        if not self.at_revision or self.source is None:
            return False
        self._window.scanner.start(self.source.root, self.source)
        return True

    # ------------------------------------------------------------ comparing
    def _follow_zoom(self, *widgets) -> None:
        for w in widgets:
            self._window.zoom.follow(w)

    def _keep(self, win: QMainWindow) -> None:
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._windows.append(win)
        win.destroyed.connect(lambda *_a, w=win: self._windows.remove(w)
                              if w in self._windows else None)

    def compare_revisions_dialog(self) -> SetDiffWindow | None:
        place = self.place
        if not isinstance(place, FolderInRepo):
            return None
        old = self.source.oid if self.at_revision and self.source else "HEAD~1"
        dialog = RevisionsDialog(place, self._window.workers, self._window, old, "HEAD")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        a, b = dialog.revisions()
        return self.compare_revisions(a, b) if a and b else None

    def compare_revisions(self, old: str, new: str) -> SetDiffWindow | None:
        """A set diff of the open folder's recordings at two revisions."""
        place = self.place
        if not isinstance(place, FolderInRepo):
            return None
        win = SetDiffWindow(self._window.workers, self._window)
        self._keep(win)
        self._follow_zoom(win.diff.browser, win.single.browser)
        title = (f"{where_text(place)}: {display_text(old)} \u2194 {display_text(new)}")
        win.start(RevisionSpec(place.repo, old, place.pathspecs),
                  RevisionSpec(place.repo, new, place.pathspecs), title)
        win.show()
        return win

    def compare_folders_dialog(self) -> SetDiffWindow | None:
        dialog = FoldersDialog(self._window, self.working_folder or "", "")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.compare_folders(*dialog.folders())

    def compare_folders(self, old: str, new: str) -> SetDiffWindow:
        win = SetDiffWindow(self._window.workers, self._window)
        self._keep(win)
        self._follow_zoom(win.diff.browser, win.single.browser)
        win.start(FolderSpec(os.path.abspath(old)), FolderSpec(os.path.abspath(new)),
                  f"{display_text(old)} \u2194 {display_text(new)}")
        win.show()
        return win

    def compare_paths(self, a: str, b: str):
        """Ctrl+D at a revision: both sides read through the revision (or the disk)."""
        source = self.source
        if source is None:
            return None
        win = open_read_diff_window(a, b, partial(read_any, source), self._window,
                                    self._window.workers)
        self._follow_zoom(win.view.browser)
        return win

    # ------------------------------------------------------------ one recording's history
    def repo_path_of(self, ref: RecordingRef) -> str | None:
        """The repository path of a tree row (working tree or revision)."""
        place = self.place
        if not isinstance(place, FolderInRepo):
            return None
        if self.at_revision and self.source is not None:
            rel = self.source.rel_path_of(ref.path)
            return place.repo_path(split_address(rel)[0]) if rel is not None else None
        file = split_address(ref.path)[0]
        rel = os.path.relpath(os.path.realpath(file), os.path.realpath(place.folder))
        if rel.startswith(os.pardir):
            return None
        return place.repo_path(rel.replace(os.sep, "/"))

    def show_history(self, ref: RecordingRef | None = None) -> RecordingHistoryWindow | None:
        """The versions of ``ref`` (default: the current recording)."""
        ref = ref if ref is not None else self._window.tree.current_ref()
        place = self.place
        if ref is None or not isinstance(place, FolderInRepo):
            self._window.status.bar.showMessage(
                "Select a recording first" if ref is None and isinstance(place, FolderInRepo)
                else f"No history: {NOT_IN_REPO.lower()}", 8000)
            return None
        path = self.repo_path_of(ref)
        if path is None:
            self._window.status.bar.showMessage("This recording is not in the repository", 8000)
            return None
        rev = self.source.oid if self.at_revision and self.source else "HEAD"
        win = RecordingHistoryWindow(place.repo, path, rev, place.pathspecs or None,
                                     self._window.workers, self._window)
        self._keep(win)
        self._follow_zoom(win.diff.browser, win.single.browser)
        win.show()
        return win
