"""LiveReload: the tree and the open recording follow the files on disk.

Wires a ``FolderWatch`` to the main window: after each scan the folder is
watched; what changed is put into the tree in place (``LiveTreeModel``: new
rows marked "new", re-read ones "changed", deleted ones removed), so selection
and scroll position survive. When the recording on screen changes, a
``ReloadBar`` above the conversation (and the raw view) offers Reload; when it
is deleted, the bar says so and what was loaded stays on screen (its row stays,
struck out, until another row is selected). View ▸ Watch Folder for Changes
turns it on and off (on by default, kept in QSettings).
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from recviewer.core.catalog.folder_check import CheckResult, abs_path
from recviewer.ui.live.folder_watch import FolderWatch
from recviewer.ui.live.reload_bar import ReloadBar
from recviewer.ui.tree.live_model import CHANGED, DELETED, NEW, LiveTreeModel, RowMark

SETTING = "live/watch_folder"
ACTION_TEXT = "&Watch Folder for Changes"


def _setting_on(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() not in ("false", "0", "no", "off")
    return True if value is None else bool(value)


def summary(new: int, changed: int, removed: int, at: str) -> str:
    parts = [f"{n:,} {word}" for n, word in ((new, "new"), (changed, "changed"),
                                             (removed, "removed")) if n]
    return f"Changed on disk at {at}: {', '.join(parts)}" if parts else ""


class LiveReload(QObject):
    applied = Signal(object)  # CheckResult, once the tree shows it

    def __init__(self, window, view_menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self.watch = FolderWatch(window.workers, self)
        detail = window.detail
        self.bars = (ReloadBar(detail.conversation), ReloadBar(detail.raw))
        for bar, view in zip(self.bars, (detail.conversation, detail.raw)):
            view.layout().insertWidget(0, bar)  # above the conversation / the raw text
            bar.reload_requested.connect(self.reload_open)
            bar.dismissed.connect(self.dismiss)
        self._pending_deleted: set[str] = set()  # rows kept (struck out) while on screen
        self._reloading = False
        self.action = QAction(ACTION_TEXT, window)
        self.action.setCheckable(True)
        self.action.setChecked(_setting_on(window.settings.value(SETTING)))
        self.action.setStatusTip("Update the tree when recordings are added, changed or "
                                 "deleted on disk")
        self.action.toggled.connect(self.set_enabled)
        view_menu.addAction(self.action)
        window.addAction(self.action)
        window.scanner.started.connect(self._on_scan_started)
        window.scanner.finished.connect(self._on_scan_finished)
        self.watch.report.connect(self.apply)
        window.tree.recording_selected.connect(lambda _ref: self._on_selected())
        window.tree.group_selected.connect(lambda _labels: self._on_selected())
        detail.shown.connect(lambda _path: self._on_shown())
        window.installEventFilter(self)  # closing the window stops watching

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched is self._window:
            self.watch.stop()
        return False

    # ------------------------------------------------------------ switching
    @property
    def enabled(self) -> bool:
        return self.action.isChecked()

    def set_enabled(self, on: bool) -> None:
        if self.action.isChecked() != on:
            self.action.setChecked(on)  # comes back here through toggled
            return
        self._window.settings.setValue(SETTING, on)
        root = self._window.root
        if not on:
            self.watch.stop()
        elif root and not self._window.scanner.running:
            if self.watch.root != root:
                self.watch.prepare(root)
            self.watch.resume()

    def _on_scan_started(self, root: str) -> None:
        self.dismiss()
        self._pending_deleted.clear()
        # The baseline walk stats every file again: taken once the rows are
        # listed (``resume``), not beside the scan, which it would slow down.
        self.watch.prepare(root, baseline=False)

    def _on_scan_finished(self, result) -> None:
        if result.error:
            self.watch.stop()
        elif self.enabled:
            self.watch.resume()

    # ------------------------------------------------------------ changes
    @property
    def model(self) -> LiveTreeModel:
        return self._window.tree.model

    def apply(self, result: CheckResult) -> None:
        """Put one check's changes into the tree and tell the user."""
        root = self.watch.root or ""
        bar = self._window.status.bar
        if result.state.root_missing:
            bar.showMessage(f"The folder {root} was removed from disk; "
                            "the tree shows what was loaded.")
            self.applied.emit(result)
            return
        at = time.strftime("%H:%M:%S")
        tree, model = self._window.tree, self.model
        current = tree.current_ref()
        current_path = current.path if current is not None else None
        open_path = self._window.detail.path
        changes = result.changes
        gone, kept = [], 0
        for rel in changes.removed:
            path = abs_path(root, rel)
            if path == current_path and model.contains(path):
                self._pending_deleted.add(path)
                model.set_mark(path, RowMark(DELETED, at))
                kept += 1
            else:
                gone.append(path)
            if path == open_path:
                for b in self.bars:
                    b.show_deleted(at)
        removed = model.remove_paths(gone)
        added = {abs_path(root, rel) for rel in changes.added}
        fresh, changed = [], 0
        for ref in result.refs:
            if model.contains(ref.path):
                model.update_ref(ref, result.terms.get(ref.path, ""))
                model.set_mark(ref.path, RowMark(CHANGED, at))
                self._pending_deleted.discard(ref.path)
                changed += 1
            else:
                fresh.append(ref)
            if ref.path == open_path:
                for b in self.bars:
                    b.show_changed(at)
        if fresh:
            tree.add_refs(fresh, {r.path: result.terms.get(r.path, "") for r in fresh})
            for ref in fresh:
                model.set_mark(ref.path, RowMark(NEW if ref.path in added else CHANGED, at))
        if current_path and tree.current_ref() is None and model.contains(current_path):
            tree.select_path(current_path)  # its group changed: follow it
        self._update_counts()
        text = summary(len(fresh), changed, removed + kept, at)
        if text:
            bar.showMessage(text, 10000)
        self.applied.emit(result)

    def _update_counts(self) -> None:
        model = self.model
        tests = len({r.test_id for r in model.refs() if r.test_id})
        self._window.status.set_counts(tests, model.recording_count(), model.error_count())

    # ------------------------------------------------------------ the open recording
    def reload_open(self) -> None:
        path = self._window.detail.path
        if path:
            self._reloading = True
            self._window.detail.load(path)

    def dismiss(self) -> None:
        for bar in self.bars:
            bar.dismiss()

    def bar_text(self) -> str:
        return self.bars[0].text()

    def _on_shown(self) -> None:
        if self._reloading:
            self._reloading = False
            self.dismiss()

    def _on_selected(self) -> None:
        self._reloading = False
        self.dismiss()
        if self._pending_deleted:
            QTimer.singleShot(0, self._drop_deleted)  # not while the view changes current

    def _drop_deleted(self) -> None:
        current = self._window.tree.current_ref()
        keep = {current.path} if current is not None else set()
        drop = sorted(self._pending_deleted - keep)
        self._pending_deleted &= keep
        if drop and self.model.remove_paths(drop):
            self._update_counts()
