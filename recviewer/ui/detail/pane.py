"""DetailPane: Conversation and Raw tabs for the selected recording.

Loading (``read_recording`` + the raw bytes) runs in the "load" worker lane;
selecting another recording supersedes the pending load, so a slow file never
overwrites a newer choice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QWidget

from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.replay import ChunkSummary, ReplayCursor, describe_chunks
from recviewer.core.load import FileTooLarge, read_bytes
from recviewer.core.model import Recording
from recviewer.ui.conversation.view import ConversationView
from recviewer.ui.raw.view import RawView
from recviewer.ui.detail.conversation_tab import StreamSplit
from recviewer.ui.workers import LOAD_LANE, JobControl, Workers

LANE = LOAD_LANE
TABS = ("conversation", "raw")
HINT = "Select a recording in the tree to see its conversation."


RAW_PREVIEW_BYTES = 8 << 20  # of a file too large to open: what the Raw tab shows
Loaded = tuple[Recording | RecordingError, bytes | None, list[ChunkSummary] | None,
               ReplayCursor | None]


def _start_of(path: str) -> bytes | None:
    try:
        return read_bytes(path, RAW_PREVIEW_BYTES)
    except OSError:
        return None


def _load_job(control: JobControl, path: str) -> Loaded:
    """Worker thread: the adapted recording (or why not), the file's bytes and,
    for a stream, its chunk summaries and replay cursor (100,000 chunks take
    ~0.4 s to describe and ~0.05 s to checkpoint: not on the GUI thread). The
    cursor is handed over: only the GUI thread uses it from then on."""
    result = read_recording(path)
    try:
        raw = read_bytes(path)
    except FileTooLarge:  # refused whole: its start still shows in the Raw tab
        raw = _start_of(path)
    except OSError:
        raw = None
    summaries = cursor = None
    if isinstance(result, Recording) and result.streaming and result.exchange.chunks:
        summaries = describe_chunks(result.exchange)
        cursor = ReplayCursor(result.exchange)  # checkpoints: O(chunks), done here
        cursor.to_end()
    return result, raw, summaries, cursor


class DetailPane(QStackedWidget):
    """A hint while nothing is selected, else the Conversation / Raw tabs."""

    shown = Signal(object)  # path (str, kept exact: it may hold undecodable bytes), once on screen
    failed = Signal(str)  # message when loading itself failed

    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self.hint = QLabel(HINT, self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # drawn in the muted colour
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.conversation = ConversationView(self.tabs)
        self.raw = RawView(self.tabs)
        self.stream = StreamSplit(self.conversation, self.tabs)  # conversation over timeline
        self.timeline = self.stream.timeline
        self.tabs.addTab(self.stream, "Conversation")
        self.tabs.addTab(self.raw, "Raw")
        self.addWidget(self.hint)
        self.addWidget(self.tabs)
        self._path: str | None = None
        self.recording: Recording | None = None
        self.error: RecordingError | None = None

    @property
    def path(self) -> str | None:
        """The file requested last (shown or still loading)."""
        return self._path

    @property
    def loading(self) -> bool:
        return self._workers.busy(LANE)

    def set_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def load(self, path: str) -> None:
        self._path = path
        self.stream.pause()
        self._workers.submit(LANE, _load_job, path,
                             on_done=self._on_loaded, on_error=self._on_failed)

    def clear(self) -> None:
        self._workers.drop(LANE)
        self._path, self.recording, self.error = None, None, None
        self.stream.clear_stream()
        self.conversation.clear()
        self.raw.clear()
        self.setCurrentWidget(self.hint)

    def _on_loaded(self, outcome: Loaded) -> None:
        result, raw, summaries, cursor = outcome
        self.setCurrentWidget(self.tabs)
        path = self._path or ""
        if isinstance(result, RecordingError):
            self.recording, self.error = None, result
            self.stream.clear_stream()
            self.conversation.show_error(result, raw)
        else:
            self.recording, self.error = result, None
            self.stream.show_recording(result, summaries, cursor)  # conversation, then the timeline
        if raw is not None:
            self.raw.show_bytes(raw, path)
        else:
            self.raw.clear()
        self.shown.emit(path)

    def _on_failed(self, message: str) -> None:
        self.setCurrentWidget(self.tabs)
        self.recording, self.error = None, RecordingError(self._path or "", message)
        self.stream.clear_stream()
        self.conversation.show_error(self.error, None)
        self.raw.clear()
        self.failed.emit(message)
        self.shown.emit(self._path or "")
