"""DetailPane: what the tree's selection stands for, one page at a time.

- a recording: the Conversation and Raw tabs. Loading (``read_recording`` + the
  raw bytes) runs in the "load" worker lane; selecting another recording
  supersedes the pending load, so a slow file never overwrites a newer choice.
- a test (or a group of tests): its story (``ui/story/view.py``, "story" lane).
- the folder (View ▸ Folder Overview): ``OverviewView`` over
  ``core.stats.folder_stats``, computed in the "stats" lane and kept until the
  folder changes (``invalidate_overview``; live reload recomputes it).
- nothing: the home page (the folder's counts and how to begin).
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QWidget

from recviewer.core.catalog.scan import Catalog, RecordingRef

from recviewer.core.errors import RecordingError
from recviewer.core.keys.verify import KeyStatus
from recviewer.core.formats.registry import read_recording
from recviewer.core.replay import ChunkSummary, ReplayCursor, describe_chunks
from recviewer.core.load import FileTooLarge, read_bytes
from recviewer.core.model import Recording
from recviewer.core.stats import FolderStats, folder_stats
from recviewer.ui.conversation.key_line import key_status
from recviewer.ui.conversation.view import ConversationView
from recviewer.ui.raw.interaction_raw import interaction_bytes, is_interaction
from recviewer.ui.raw.view import RawView
from recviewer.ui.detail.conversation_tab import StreamSplit
from recviewer.ui.find.highlight import highlight_in
from recviewer.ui.detail.home_page import FolderCounts, HomePage
from recviewer.ui.overview.view import OverviewView
from recviewer.ui.story.view import StoryView
from recviewer.ui.workers import LOAD_LANE, JobControl, Workers

LANE = LOAD_LANE
STATS_LANE = "stats"  # the folder overview's statistics
TABS = ("conversation", "raw")
HOME, RECORDING, STORY, OVERVIEW, BUSY = "home", "recording", "story", "overview", "busy"


RAW_PREVIEW_BYTES = 8 << 20  # of a file too large to open: what the Raw tab shows
Loaded = tuple[Recording | RecordingError, bytes | None, list[ChunkSummary] | None,
               ReplayCursor | None, KeyStatus | None]


def _start_of(path: str) -> bytes | None:
    try:
        return read_bytes(path, RAW_PREVIEW_BYTES)
    except OSError:
        return None


# Reads one recording from somewhere other than the disk (a git revision):
# path -> (the recording or why not, its bytes). Runs on the worker thread.
Reader = Callable[[str], tuple[Recording | RecordingError, bytes | None]]


def _load_job(control: JobControl, path: str, reader: Reader | None = None) -> Loaded:
    """Worker thread: the adapted recording (or why not), the file's bytes and,
    for a stream, its chunk summaries and replay cursor (100,000 chunks take
    ~0.4 s to describe and ~0.05 s to checkpoint: not on the GUI thread). The
    cursor is handed over: only the GUI thread uses it from then on."""
    key = None
    if reader is not None:  # bytes from the window's source, never from the disk
        result, raw = reader(path)
    elif is_interaction(path):  # FILE#N: the interaction as recorded + its decoded bodies
        result, raw = read_recording(path), interaction_bytes(path)
    else:
        result = read_recording(path)
        try:
            raw = read_bytes(path)
        except FileTooLarge:  # refused whole: its start still shows in the Raw tab
            raw = _start_of(path)
        except OSError:
            raw = None
        if isinstance(result, Recording):
            key = key_status(path)  # the header's key line (reads + hashes: not on the GUI thread)
    summaries = cursor = None
    if isinstance(result, Recording) and result.streaming and result.exchange.chunks:
        summaries = describe_chunks(result.exchange)
        cursor = ReplayCursor(result.exchange)  # checkpoints: O(chunks), done here
        cursor.to_end()
    return result, raw, summaries, cursor, key


def _stats_job(control: JobControl, root: str, refs: Sequence[RecordingRef],
               collected: frozenset[str] | None,
               read: Callable[[str], bytes] | None = None) -> FolderStats | None:
    """Worker thread: the folder's statistics (reads every recording once more;
    ``read``: the bytes of a path when not from the disk, e.g. a git revision)."""
    if control.cancelled():
        return None
    return folder_stats(Catalog(root, list(refs)), collected, read=read)


class DetailPane(QStackedWidget):
    """Home page, a recording's tabs, a test's story or the folder overview."""

    shown = Signal(object)  # path (str, kept exact: it may hold undecodable bytes), once on screen
    failed = Signal(str)  # message when loading itself failed
    overview_shown = Signal(object)  # FolderStats, once the overview shows them

    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self.home = HomePage(self)
        self.story = StoryView(workers, self)
        self.overview = OverviewView(self)
        self.busy = QLabel(self)
        self.busy.setTextFormat(Qt.TextFormat.PlainText)
        self.busy.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy.setWordWrap(True)
        self.busy.setEnabled(False)  # drawn in the muted colour
        self._stats: FolderStats | None = None
        self._stats_for: tuple[str, int, frozenset[str] | None] | None = None
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.conversation = ConversationView(self.tabs)
        self.raw = RawView(self.tabs)
        self.stream = StreamSplit(self.conversation, self.tabs)  # conversation over timeline
        self.timeline = self.stream.timeline
        self.tabs.addTab(self.stream, "Conversation")
        self.tabs.addTab(self.raw, "Raw")
        self.addWidget(self.home)
        self.addWidget(self.tabs)
        self.addWidget(self.story)
        self.addWidget(self.overview)
        self.addWidget(self.busy)
        self._pages = {HOME: self.home, RECORDING: self.tabs, STORY: self.story,
                       OVERVIEW: self.overview, BUSY: self.busy}
        self._path: str | None = None
        self.recording: Recording | None = None
        self.error: RecordingError | None = None
        self.reader: Reader | None = None  # set while the window shows a git revision
        self.byte_reader: Callable[[str], bytes] | None = None  # its bytes (the overview's stats)

    @property
    def path(self) -> str | None:
        """The file requested last (shown or still loading)."""
        return self._path

    @property
    def loading(self) -> bool:
        return self._workers.busy(LANE)

    @property
    def mode(self) -> str:
        """Which page is on screen: home, recording, story, overview or busy."""
        current = self.currentWidget()
        return next(name for name, page in self._pages.items() if page is current)

    @property
    def stats(self) -> FolderStats | None:
        """The statistics the overview shows (None until computed)."""
        return self._stats

    def highlight(self, terms: list[str]) -> None:
        """Find ``terms`` in the current tab (find bar open, all matches marked)
        once the recording being loaded is on screen: a search hit opened."""
        highlight_in(self, terms)

    def set_tab(self, name: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(name))

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def load(self, path: str) -> None:
        self._path = path
        self.stream.pause()
        self._workers.submit(LANE, _load_job, path, self.reader,
                             on_done=self._on_loaded, on_error=self._on_failed)

    def clear(self) -> None:
        """Forget the recording; the home page comes up."""
        self._forget_recording()
        self.story.cancel()
        self._workers.drop(STATS_LANE)
        self.setCurrentWidget(self.home)

    def _forget_recording(self) -> None:
        self._workers.drop(LANE)
        self._path, self.recording, self.error = None, None, None
        self.stream.clear_stream()
        self.conversation.clear()
        self.raw.clear()

    # ------------------------------------------------------------ other pages
    def show_home(self, folder: str | None, refs: Iterable[RecordingRef] = (),
                  scanning: bool = False) -> None:
        """The home page with the counts of ``refs`` (the folder's catalog)."""
        self.home.set_folder(folder, FolderCounts.of(refs), scanning)
        self.clear()

    def update_home(self, folder: str | None, refs: Iterable[RecordingRef],
                    scanning: bool = False) -> None:
        """New counts for the home page, whatever page is on screen."""
        self.home.set_folder(folder, FolderCounts.of(refs), scanning)

    def show_story(self, test_ids: Sequence[str], refs: Sequence[RecordingRef]) -> None:
        """The story of the first of ``test_ids`` (a chooser offers the rest)."""
        self._forget_recording()
        self._workers.drop(STATS_LANE)
        self.setCurrentWidget(self.story)
        self.story.show_tests(test_ids, refs)

    def show_overview(self, root: str, refs: Sequence[RecordingRef],
                      collected: frozenset[str] | None = None) -> None:
        """The folder overview; statistics computed in the background unless
        those of the same folder, catalog size and collection are at hand."""
        self._forget_recording()
        self.story.cancel()
        key = (root, len(refs), collected, self.byte_reader)
        if self._stats is not None and self._stats_for == key:
            self.setCurrentWidget(self.overview)
            self.overview_shown.emit(self._stats)
            return
        self.busy.setText(f"Computing the folder overview of {len(refs):,} files…")
        self.setCurrentWidget(self.busy)
        self._workers.submit(STATS_LANE, _stats_job, root, list(refs), collected,
                             self.byte_reader, on_done=lambda stats, k=key: self._on_stats(stats, k),
                             on_error=self._on_stats_failed)

    def invalidate_overview(self, root: str | None = None, refs: Sequence[RecordingRef] = (),
                            collected: frozenset[str] | None = None) -> None:
        """The folder changed: drop the statistics; an overview on screen is
        recomputed from ``refs`` (live reload)."""
        self._stats, self._stats_for = None, None
        if root and self.mode in (OVERVIEW, BUSY) and self._workers.generation(STATS_LANE):
            self.show_overview(root, refs, collected)

    def _on_stats(self, stats: FolderStats | None, key) -> None:
        if stats is None:
            return
        self._stats, self._stats_for = stats, key
        self.overview.set_stats(stats)
        self.setCurrentWidget(self.overview)
        self.overview_shown.emit(stats)

    def _on_stats_failed(self, message: str) -> None:
        self.busy.setText(f"Could not compute the folder overview: {message}")
        self.setCurrentWidget(self.busy)

    def _on_loaded(self, outcome: Loaded) -> None:
        result, raw, summaries, cursor, key = outcome
        self.setCurrentWidget(self.tabs)
        path = self._path or ""
        if isinstance(result, RecordingError):
            self.recording, self.error = None, result
            self.stream.clear_stream()
            self.conversation.show_error(result, raw)
        else:
            self.recording, self.error = result, None
            self.stream.show_recording(result, summaries, cursor)  # conversation, then the timeline
            self.conversation.set_key_status(key)
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
