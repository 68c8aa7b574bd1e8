"""File ▸ Export… (Ctrl+E) and Edit ▸ Copy as Markdown (Ctrl+Shift+C).

Export takes the selected recording, several selected rows, or a group's
subtree, asks where to save (Markdown or normalised JSON) starting in the last
export folder or the user's Documents — never the recordings folder unless the
user goes there — and writes with ``core.export.file.write_export`` (atomic,
never replacing a file the user did not agree to replace). Files are read in
the "export" worker lane; a recording already on screen is used as it is.
While the window shows a git revision the recordings are read through the
detail pane's reader (``DetailPane.reader``: git objects), never the disk.
"""

from __future__ import annotations

import os
from typing import Callable

from PySide6.QtCore import QDir, QModelIndex, QObject, QSettings, QStandardPaths, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMainWindow, QMenu, QMessageBox

from recviewer.core.catalog.scan import RecordingRef
from recviewer.core.errors import RecordingError
from recviewer.core.model import Recording
from recviewer.core.export.file import (
    SUFFIX_OF, SUFFIXES, ExportFormat, ExportOutcome, export_paths, read_all, render_export,
    write_export,
)
from recviewer.ui.tree.model import REF_ROLE
from recviewer.ui.tree.selection import group_labels, refs_of, selected_rows, suggested_name
from recviewer.ui.workers import COPY_LANE, EXPORT_LANE

LAST_FOLDER, LAST_FORMAT = "export/last_folder", "export/format"
FILTERS: dict[ExportFormat, str] = {"markdown": "Markdown (*.md)", "json": "Normalised JSON (*.json)"}


def default_folder(settings: QSettings) -> str:
    """The last export folder if it still exists, else Documents, else home."""
    last = str(settings.value(LAST_FOLDER, "") or "")
    if last and os.path.isdir(last):
        return last
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return docs if docs and os.path.isdir(docs) else QDir.homePath()


Reader = Callable[[str], tuple[Recording | RecordingError, bytes | None]]  # DetailPane.reader


def _read(paths: list[str], reader: Reader | None, cancelled) -> list[Recording | RecordingError]:
    """The recordings of ``paths``: from the disk, or through ``reader``."""
    if reader is None:
        return read_all(paths, cancelled)
    out: list[Recording | RecordingError] = []
    for path in paths:
        if cancelled():
            break
        out.append(reader(path)[0])
    return out


def _export_job(control, paths: list[str], target: str, fmt: ExportFormat,
                overwrite: bool, reader: Reader | None = None) -> ExportOutcome:
    if reader is None:
        return export_paths(paths, target, fmt, overwrite=overwrite, cancelled=control.cancelled)
    items = _read(paths, reader, control.cancelled)
    if control.cancelled():
        return ExportOutcome(os.path.abspath(target), False, "cancelled")
    if not items:
        return ExportOutcome(os.path.abspath(target), False, "nothing to export")
    outcome = write_export(target, render_export(items, fmt), overwrite=overwrite)
    return ExportOutcome(outcome.path, outcome.written, outcome.reason, len(items))


def _markdown_job(control, paths: list[str], reader: Reader | None = None) -> str:
    return render_export(_read(paths, reader, control.cancelled), "markdown").decode("utf-8")


class ExportActions(QObject):
    exported = Signal(object)  # ExportOutcome
    copied = Signal(str)       # the Markdown put on the clipboard

    def __init__(self, window: QMainWindow, settings: QSettings, file_menu: QMenu,
                 edit_menu: QMenu, before: QAction | None = None) -> None:
        """Export… goes into ``file_menu`` in front of ``before`` (Close Window),
        Copy as Markdown into ``edit_menu``."""
        super().__init__(window)
        self._window = window
        self._settings = settings
        self.export = QAction("&Export…", window)
        self.export.setShortcut(QKeySequence("Ctrl+E"))
        self.export.triggered.connect(lambda _c=False: self.export_dialog())
        self.copy_markdown = QAction("Copy as &Markdown", window)
        self.copy_markdown.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_markdown.triggered.connect(lambda _c=False: self.copy_as_markdown())
        if before is not None and before in file_menu.actions():
            file_menu.insertAction(before, self.export)
            file_menu.insertSeparator(before)
        else:
            file_menu.addAction(self.export)
        edit_menu.addAction(self.copy_markdown)
        for action in (self.export, self.copy_markdown):
            window.addAction(action)
        view = self._view()
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    # ------------------------------------------------------------ what to export
    def _view(self):
        return self._window.tree.view

    def chosen(self, rows: list[QModelIndex] | None = None) -> tuple[list[RecordingRef], str]:
        """The recordings ``rows`` (default: the selection) stand for, and a file name."""
        view = self._view()
        rows = selected_rows(view) if rows is None else rows
        refs = refs_of(view.model(), rows)
        labels: tuple[str, ...] = ()
        if len(rows) == 1 and rows[0].data(REF_ROLE) is None:
            labels = group_labels(rows[0])
        return refs, suggested_name(refs, labels)

    def _loaded(self, paths: list[str]) -> Recording | None:
        """The recording when ``paths`` is the one already on screen."""
        rec = self._window.detail.recording
        if len(paths) == 1 and rec is not None and rec.path == paths[0]:
            return rec
        return None

    # ------------------------------------------------------------ export
    def ask_target(self, name: str) -> tuple[str, ExportFormat, bool] | None:
        """The save dialog: (path, format, overwrite confirmed) or None."""
        fmt: ExportFormat = "json" if self._settings.value(LAST_FORMAT) == "json" else "markdown"
        start = os.path.join(default_folder(self._settings), name + SUFFIX_OF[fmt])
        filters = ";;".join(FILTERS.values())
        path, chosen_filter = QFileDialog.getSaveFileName(
            self._window, "Export Recordings", start, filters, FILTERS[fmt])
        if not path:
            return None
        fmt = next((f for f, text in FILTERS.items() if text == chosen_filter), fmt)
        suffix = os.path.splitext(path)[1].lower()
        if suffix in SUFFIXES:
            return path, SUFFIXES[suffix], True  # the dialog asked before replacing
        path += SUFFIX_OF[fmt]  # a name the dialog did not see: ask here
        if os.path.lexists(path) and not self._confirm_replace(path):
            return None
        return path, fmt, True

    def _confirm_replace(self, path: str) -> bool:
        answer = QMessageBox.question(
            self._window, "Replace file?",
            f"{os.path.basename(path)} already exists in {os.path.dirname(path)}.\n"
            "Do you want to replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def export_dialog(self, rows: list[QModelIndex] | None = None) -> bool:
        """Export… : ask where, then write; False when there is nothing to do."""
        refs, name = self.chosen(rows)
        if not refs:
            self._message("Nothing to export: select a recording or a group")
            return False
        target = self.ask_target(name)
        if target is None:
            return False
        path, fmt, overwrite = target
        self._settings.setValue(LAST_FOLDER, os.path.dirname(os.path.abspath(path)))
        self._settings.setValue(LAST_FORMAT, fmt)
        self.export_to([r.path for r in refs], path, fmt, overwrite=overwrite)
        return True

    def export_to(self, paths: list[str], target: str, fmt: ExportFormat, *,
                  overwrite: bool = False) -> None:
        """Write ``paths`` to ``target``; the result arrives as ``exported``."""
        loaded = self._loaded(paths)
        if loaded is not None:
            outcome = write_export(target, render_export([loaded], fmt), overwrite=overwrite)
            self._on_exported(ExportOutcome(outcome.path, outcome.written, outcome.reason, 1))
            return
        self._message(f"Exporting {len(paths)} recordings…", 0)
        self._window.workers.submit(EXPORT_LANE, _export_job, list(paths), target, fmt, overwrite,
                                    self._window.detail.reader, on_done=self._on_exported,
                                    on_error=lambda m: self._on_exported(
                                        ExportOutcome(target, False, m)))

    def _on_exported(self, outcome: ExportOutcome) -> None:
        if outcome.written:
            what = "1 recording" if outcome.count == 1 else f"{outcome.count} recordings"
            self._message(f"Exported {what} to {outcome.path}")
        else:
            self._message(f"Not exported: {outcome.path}: {outcome.reason}")
            QMessageBox.warning(self._window, "Export failed",
                                f"{outcome.path}\n{outcome.reason}")
        self.exported.emit(outcome)

    # ------------------------------------------------------------ clipboard
    def copy_as_markdown(self) -> bool:
        """Copy as Markdown: the selected recording(s) on the clipboard."""
        refs, _name = self.chosen()
        if not refs:
            self._message("Nothing to copy: select a recording")
            return False
        loaded = self._loaded([r.path for r in refs])
        if loaded is not None:
            self._on_markdown(render_export([loaded], "markdown").decode("utf-8"))
        else:
            self._window.workers.submit(COPY_LANE, _markdown_job, [r.path for r in refs],
                                        self._window.detail.reader, on_done=self._on_markdown,
                                        on_error=lambda m: self._message(f"Copy failed: {m}"))
        return True

    def _on_markdown(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._message(f"Copied {len(text):,} characters of Markdown")
        self.copied.emit(text)

    def _message(self, text: str, msecs: int = 8000) -> None:
        self._window.statusBar().showMessage(text, msecs)
