"""Right-click menu of the test tree.

On a recording: Copy Test ID, Copy File Path, Reveal in File Manager, Open in
External Editor, Compare With… (when the window can compare), Export….
On a group: Copy Test ID (the group's prefix), Export… (its subtree),
Expand All / Collapse All. ``build_menu`` makes the menu without showing it,
so tests can look at it and trigger its entries. While the window shows a git
revision there is no file on disk: Reveal in File Manager and Open in
External Editor are disabled, their tooltip says so.
"""

from __future__ import annotations

import os
from typing import Callable

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMenu, QTreeView

from recviewer.core.catalog.scan import RecordingRef
from recviewer.ui.history.controller import NO_FILE_AT_REVISION
from recviewer.ui.tree.model import REF_ROLE
from recviewer.ui.tree.selection import group_labels, group_test_id, selected_rows

COPY_TEST_ID, COPY_PATH = "Copy Test ID", "Copy File Path"
REVEAL, OPEN_EDITOR, COMPARE, EXPORT = (
    "Reveal in File Manager", "Open in External Editor", "Compare With…", "Export…")
EXPAND_ALL, COLLAPSE_ALL = "Expand All", "Collapse All"
HISTORY = "History…"  # the recording's versions through git history (ui/history)


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def reveal(path: str) -> bool:
    """Open the file's folder in the desktop's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(os.path.abspath(path))))


def open_external(path: str) -> bool:
    """Open the file with the desktop's application for JSON."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.abspath(path)))


def _expand_below(view: QTreeView, index: QModelIndex, expand: bool) -> None:
    if expand:
        view.expandRecursively(index)
    else:
        model = view.model()
        stack = [index]
        while stack:  # children first would not matter: collapse every group below
            parent = stack.pop()
            view.collapse(parent)
            stack.extend(model.index(r, 0, parent) for r in range(model.rowCount(parent))
                         if model.rowCount(model.index(r, 0, parent)) > 0)


class TreeContextMenu(QObject):
    """``export(rows)`` and ``compare(path)``, when given, add Export… and Compare With…."""

    def __init__(self, window: QMainWindow, view: QTreeView, *,
                 export: Callable[[list[QModelIndex]], object] | None = None,
                 compare: Callable[[str], object] | None = None,
                 history: Callable[[RecordingRef], object] | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._view = view
        self._export = export
        self._compare = compare
        self._history = history
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_requested)

    def _on_requested(self, pos: QPoint) -> None:
        index = self._view.indexAt(pos)
        if not index.isValid():
            return
        menu = self.build_menu(index.siblingAtColumn(0))
        menu.exec(self._view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _export_rows(self, index: QModelIndex) -> list[QModelIndex]:
        """The selection when the clicked row is part of it, else the clicked row."""
        rows = selected_rows(self._view)
        return rows if any(r == index for r in rows) else [index]

    def build_menu(self, index: QModelIndex) -> QMenu:
        menu = QMenu(self._view)
        menu.setToolTipsVisible(True)
        ref: RecordingRef | None = index.data(REF_ROLE)
        if ref is not None:
            self._recording_entries(menu, ref)
        else:
            self._group_entries(menu, index)
        export = self._export
        if export is not None:
            menu.addSeparator()
            rows = self._export_rows(index)
            menu.addAction(EXPORT).triggered.connect(lambda _c=False: export(rows))
        if ref is None:
            menu.addSeparator()
            menu.addAction(EXPAND_ALL).triggered.connect(
                lambda _c=False: _expand_below(self._view, index, True))
            menu.addAction(COLLAPSE_ALL).triggered.connect(
                lambda _c=False: _expand_below(self._view, index, False))
        return menu

    def _recording_entries(self, menu: QMenu, ref: RecordingRef) -> None:
        copy_id = menu.addAction(COPY_TEST_ID)
        copy_id.setEnabled(bool(ref.test_id))
        copy_id.triggered.connect(lambda _c=False: copy_text(ref.test_id or ""))
        menu.addAction(COPY_PATH).triggered.connect(lambda _c=False: copy_text(ref.path))
        menu.addSeparator()
        at_revision = self._window.history.at_revision
        for text, open_path in ((REVEAL, reveal), (OPEN_EDITOR, open_external)):
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, f=open_path: f(ref.path))
            if at_revision:
                action.setEnabled(False)
                action.setToolTip(NO_FILE_AT_REVISION)
        compare = self._compare
        if compare is not None:
            menu.addAction(COMPARE).triggered.connect(lambda _c=False: compare(ref.path))
        history = self._history
        if history is not None:
            menu.addAction(HISTORY).triggered.connect(lambda _c=False: history(ref))

    def _group_entries(self, menu: QMenu, index: QModelIndex) -> None:
        prefix = group_test_id(group_labels(index))
        copy_id = menu.addAction(COPY_TEST_ID)
        copy_id.setEnabled(bool(prefix))
        copy_id.triggered.connect(lambda _c=False: copy_text(prefix))
