"""The key tools of a main window: Tools ▸ Verify Keys…, Tools ▸ Explain Replay
Miss…, File ▸ Open Capture Folder… (over ``core.keys``; dialogs in this package).
They read the folder's files on disk: while the window shows a git revision
they are disabled, with the reason as their tooltip."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from recviewer.core.model import Recording
from recviewer.ui.diff.window import DiffWindow
from recviewer.ui.history.controller import NOT_AT_REVISION
from recviewer.ui.keys.explain import ExplainDialog
from recviewer.ui.keys.verify import VerifyDialog


class KeyTools(QObject):
    def __init__(self, window, tools_menu: QMenu, file_menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self.verify_action = QAction("&Verify Keys…", window)
        self.verify_action.setStatusTip("Check that replay finds every recording by its file name")
        self.verify_action.triggered.connect(lambda _c=False: self.verify())
        self.explain_action = QAction("&Explain Replay Miss…", window)
        self.explain_action.setStatusTip("Find the recording a 'Recording not found' miss wanted")
        self.explain_action.triggered.connect(lambda _c=False: self.explain())
        self.capture_action = QAction("Open &Capture Folder…", window)
        self.capture_action.setStatusTip("List the misses 'recviewer-cli capture' wrote, "
                                         "each explained")
        self.capture_action.triggered.connect(lambda _c=False: self.open_capture())
        tools_menu.addSeparator()
        tools_menu.addAction(self.verify_action)
        tools_menu.addAction(self.explain_action)
        tools_menu.addAction(self.capture_action)
        file_menu.insertAction(file_menu.actions()[2] if len(file_menu.actions()) > 2 else None,
                               self.capture_action)
        self.dialogs: list = []
        self._tips = {a: a.statusTip() for a in self.disk_actions}
        for action, tip in self._tips.items():
            action.setToolTip(tip)
        window.history.revision_changed.connect(self._on_revision)

    @property
    def disk_actions(self) -> tuple[QAction, ...]:
        """The actions that read the working tree's files."""
        return (self.verify_action, self.explain_action, self.capture_action)

    def _on_revision(self, source) -> None:
        at = source is not None
        for action, tip in self._tips.items():
            action.setEnabled(not at)
            action.setToolTip(NOT_AT_REVISION if at else tip)
            action.setStatusTip(NOT_AT_REVISION if at else tip)

    def _root(self) -> str | None:
        if not self.verify_action.isEnabled():
            self._window.status.bar.showMessage(f"Key tools are {NOT_AT_REVISION}", 6000)
            return None
        root = self._window.root
        if not root:
            self._window.status.bar.showMessage("Open a recordings folder first.", 6000)
        return root

    def _keep(self, dialog):
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        dialog.recording_chosen.connect(self._select)
        dialog.show()
        return dialog

    def verify(self) -> VerifyDialog | None:
        root = self._root()
        if not root:
            return None
        dialog = self._keep(VerifyDialog(self._window.workers, root, self._window))
        dialog.start()
        return dialog

    def explain(self, source: str | None = None) -> ExplainDialog | None:
        root = self._root()
        if not root:
            return None
        dialog = self._keep(ExplainDialog(self._window.workers, root, self._window,
                                          open_diff=self.open_diff))
        if source:
            dialog.explain_file(source)
        return dialog

    def open_capture(self, folder: str | None = None) -> ExplainDialog | None:
        if not self.capture_action.isEnabled():
            return self.explain()  # says why not
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self._window, "Open Capture Folder", "")
            if not folder:
                return None
        dialog = self.explain()
        if dialog is not None:
            dialog.show_capture(folder)
        return dialog

    def open_diff(self, a: Recording, b: Recording) -> DiffWindow:
        win = DiffWindow(self._window, self._window.workers)
        win.set_recordings(a, b)
        win.setWindowTitle(f"request ↔ {b.path.rsplit('/', 1)[-1]}")
        self._window.zoom.follow(win.view.browser)
        win.show()
        self.dialogs.append(win)
        return win

    def _select(self, path: str) -> None:
        tree = self._window.tree
        if not tree.select_path(path):
            tree.clear_path_filter()
            tree.set_filter("")
            tree.select_path(path)
