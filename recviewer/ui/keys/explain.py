"""Tools ▸ Explain Replay Miss…, File ▸ Open Capture Folder…

``ExplainDialog``: paste ogx's "Recording not found" message or a request JSON,
or open a file (request JSON, recording, captured miss, message text), or pick
a miss of a capture folder (``core.keys.miss.list_misses``). The query is
explained against the open folder (``core.keys.explain``) on the "explain"
worker lane: the exact recording, else the nearest ones with the request
fields that differ. "Compare Requests" opens the side-by-side diff window of
the query's request against the chosen recording.
"""

from __future__ import annotations

import html
import json
import os
from typing import Any, Callable
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSplitter, QTextBrowser, QVBoxLayout, QWidget,
)

from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording, recording_from_document
from recviewer.core.keys.explain import Explanation, Query, explain, parse_query, read_query
from recviewer.core.keys.miss import list_misses
from recviewer.core.model import Recording
from recviewer.ui.workers import JobControl, Workers

EXPLAIN_LANE = "explain"
COMPARE_LANE = "explain-compare"


def explain_job(control: JobControl, source: str | bytes, root: str) -> Explanation | RecordingError:
    """``source``: a file path (str) or pasted bytes."""
    query = read_query(source) if isinstance(source, str) else parse_query(source)
    if isinstance(query, str):
        return RecordingError("pasted text", query)
    if isinstance(query, RecordingError):
        return query
    return explain(query, root, cancel=control.cancelled)


def query_recording(query: Query) -> Recording | RecordingError:
    """The query's request as a recording with no response (for the diff view)."""
    request = query.request
    if request is None:
        return RecordingError("query", "a miss message holds no request body to compare")
    url = request.url or ""
    doc = {"test_id": request.test_id,
           "request": {"method": request.method or "POST", "url": url,
                       "endpoint": request.stored_endpoint or urlsplit(url).path,
                       "model": request.model, "body": request.body, "test_id": request.test_id},
           "response": {"body": None}}
    return recording_from_document("request (query)", doc)


def compare_job(_control: JobControl, query: Query, path: str) -> tuple[Any, Any]:
    return query_recording(query), read_recording(path)


def explanation_html(ex: Explanation) -> str:
    """The explanation as escaped rich text."""
    e = html.escape
    out = [f"<p><b>key</b> {e(ex.key or '(none: the query names no request)')}</p>"]
    if ex.exact:
        out.append(f"<p><b>exact recording:</b> {e(ex.exact)}</p>")
    else:
        out.append("<p><b>no recording has this key.</b> Nearest:</p>")
    for c in ex.nearest:
        status = f" · key {e(c.status.cls)}" if c.status is not None else ""
        out.append(f"<p><b>{e(c.path)}</b> — score {c.score:.2f}{status}</p><ul>")
        for d in c.differences[:20]:
            a = json.dumps(d.a, ensure_ascii=False)[:300]
            b = json.dumps(d.b, ensure_ascii=False)[:300]
            out.append(f"<li><code>{e(d.path)}</code>: query {e(a)} → recorded {e(b)}</li>")
        if len(c.differences) > 20:
            out.append(f"<li>… {len(c.differences) - 20} more</li>")
        out.append("</ul>")
    if not ex.nearest and not ex.exact:
        out.append("<p>No recording of the folder is close.</p>")
    return "".join(out)


class ExplainDialog(QDialog):
    explained = Signal(object)  # Explanation | RecordingError
    recording_chosen = Signal(object)  # absolute path

    def __init__(self, workers: Workers, root: str, parent: QWidget | None = None,
                 open_diff: Callable[[Recording, Recording], object] | None = None) -> None:
        super().__init__(parent)
        self._workers, self.root, self._open_diff = workers, root, open_diff
        self.explanation: Explanation | None = None
        self.setWindowTitle("Explain Replay Miss")
        self.resize(1100, 700)
        self.misses = QListWidget(self)
        self.misses.hide()
        self.misses.currentItemChanged.connect(self._on_miss)
        self.paste = QPlainTextEdit(self)
        self.paste.setPlaceholderText("Paste the 'Recording not found for request hash: …' "
                                      "message, or a request JSON {\"method\", \"url\", \"body\"}")
        self.explain_button = QPushButton("Explain", self)
        self.explain_button.clicked.connect(self.explain_pasted)
        self.open_button = QPushButton("Open File…", self)
        self.open_button.clicked.connect(self.choose_file)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.result = QTextBrowser(self)
        self.result.setOpenLinks(False)
        self.result.setOpenExternalLinks(False)
        self.candidates = QListWidget(self)
        self.candidates.itemActivated.connect(self._on_candidate)
        self.compare_button = QPushButton("Compare Requests", self)
        self.compare_button.setEnabled(False)
        self.compare_button.clicked.connect(self.compare_current)
        self.select_button = QPushButton("Select in Tree", self)
        self.select_button.setEnabled(False)
        self.select_button.clicked.connect(lambda: self._on_candidate(self.candidates.currentItem()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.explain_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.select_button)
        buttons.addWidget(self.compare_button)
        top = QWidget(self)
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.misses, 1)
        top_layout.addWidget(self.paste, 3)
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(self.result)
        bottom.addWidget(self.candidates)
        bottom.setSizes([700, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(top, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(bottom, 3)

    # ------------------------------------------------------------ input
    def explain_pasted(self) -> None:
        text = self.paste.toPlainText().strip()
        if text:
            self._run(text.encode("utf-8"))

    def explain_file(self, path: str) -> None:
        self._run(path)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Explain: request, recording or miss",
                                              self.root, "JSON or text (*.json *.txt *.log);;"
                                              "All files (*)")
        if path:
            self.explain_file(path)

    def show_capture(self, folder: str) -> int:
        """List the misses of a capture folder; the first is explained."""
        self.misses.clear()
        for path, miss in list_misses(folder):
            label = os.path.basename(path)
            if isinstance(miss, RecordingError):
                label += f" — {miss.reason}"
            else:
                label = f"{miss.test_id or '(no test id)'}\n{miss.method or ''} {miss.url or ''}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip("<p>" + html.escape(path) + "</p>")
            self.misses.addItem(item)
        self.misses.setVisible(True)
        self.setWindowTitle(f"Replay misses — {folder}")
        if self.misses.count():
            self.misses.setCurrentRow(0)
        else:
            self.status.setText("No miss-*.json in this folder.")
        return self.misses.count()

    def _on_miss(self, item: QListWidgetItem | None, _previous=None) -> None:
        path = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if path and os.path.isfile(path):
            self.explain_file(path)

    def _run(self, source: str | bytes) -> None:
        self.status.setText("Looking for the recording…")
        self.result.clear()
        self.candidates.clear()
        self.compare_button.setEnabled(False)
        self.select_button.setEnabled(False)
        self._workers.submit(EXPLAIN_LANE, explain_job, source, self.root,
                             on_done=self._on_done, on_error=self._on_error)

    # ------------------------------------------------------------ output
    def _on_done(self, outcome: Explanation | RecordingError) -> None:
        if isinstance(outcome, RecordingError):
            self.explanation = None
            self.status.setText(f"Cannot explain: {outcome.reason}")
            self.explained.emit(outcome)
            return
        self.explanation = outcome
        self.status.setText("The exact recording exists." if outcome.exact else
                            f"No exact recording; {len(outcome.nearest)} nearest.")
        self.result.setHtml(explanation_html(outcome))
        paths = []
        if outcome.exact:
            paths.append((outcome.exact, os.path.join(self.root, *outcome.exact.split("/")), 1.0))
        paths += [(c.path, c.abs_path, c.score) for c in outcome.nearest if c.path != outcome.exact]
        for rel, full, score in paths:
            item = QListWidgetItem(f"{score:.2f}  {rel}")
            item.setData(Qt.ItemDataRole.UserRole, full)
            self.candidates.addItem(item)
        if self.candidates.count():
            self.candidates.setCurrentRow(0)
            self.select_button.setEnabled(True)
            self.compare_button.setEnabled(outcome.query.request is not None)
        self.explained.emit(outcome)

    def _on_error(self, message: str) -> None:
        self.status.setText(f"Explain failed: {message}")

    def _on_candidate(self, item: QListWidgetItem | None) -> None:
        path = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if path:
            self.recording_chosen.emit(path)

    def compare_current(self) -> None:
        item = self.candidates.currentItem()
        if item is None or self.explanation is None:
            return
        self._workers.submit(COMPARE_LANE, compare_job, self.explanation.query,
                             item.data(Qt.ItemDataRole.UserRole), on_done=self._on_pair)

    def _on_pair(self, pair) -> None:
        a, b = pair
        for side in (a, b):
            if isinstance(side, RecordingError):
                self.status.setText(f"Cannot compare: {side.reason}")
                return
        if self._open_diff is not None:
            self._open_diff(a, b)
