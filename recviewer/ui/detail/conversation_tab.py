"""StreamSplit: the Conversation tab — the conversation above, the stream timeline below.

The timeline (``TimelinePanel``) is shown for streamed recordings only. It
opens at the end of the stream, where the conversation shows the normal full
render; every other position is drawn with ``ConversationView.show_stream_state``
(the assistant bubble as assembled so far, with a cursor glyph). Leaving the
end scrolls to the bubble; the view then follows it while it stays scrolled to
the end (scroll up to read, and it stops following). Frames are coalesced
(``Coalescer``): at most one render per ``FRAME_MS``, and the last position
always renders.

The transport actions (Space, Left, Right, Home, End) and Faster/Slower are
added to this widget with ``WidgetWithChildrenShortcut``: they work while
focus is in the conversation or the timeline, never in the tree or the filter.

The timeline keeps its height (``DEFAULT_HEIGHT`` px, or what the user dragged
it to, remembered in QSettings) while the conversation takes the rest, and
never more than ``MAX_SHARE`` of the tab, so the conversation stays readable.
The playback speed and pacing are remembered too.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QHideEvent, QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

from recviewer.core.assemble import StreamState
from recviewer.core.replay import ChunkSummary, ReplayCursor
from recviewer.core.model import Recording
from recviewer.ui.detail.render_coalescer import Coalescer
from recviewer.ui.conversation.view import ConversationView
from recviewer.ui.find.bar import FindBar, install_ctrl_f
from recviewer.ui.timeline.playback import INSTANT
from recviewer.ui.timeline.panel import TimelinePanel
from recviewer.ui.timeline.playback import Speed

FRAME_MS = 30
DEFAULT_HEIGHT = 220
MIN_HEIGHT = 120
MAX_SHARE = 0.42  # of the splitter height
HEIGHT_KEY = "window/timeline_height"
SPEED_KEY = "timeline/speed"  # a factor, or "instant"
PACING_KEY = "timeline/pacing"  # "chunks" or "tokens"
MAX_SPEED = 64.0  # a stored speed beyond this is not believed


def stored_speed(value: object) -> Speed | None:
    """A speed read back from settings, or None when it is not a usable one."""
    if value == INSTANT:
        return INSTANT
    try:
        speed = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return speed if 0 < speed <= MAX_SPEED else None


def timeline_height(wanted: int, total: int) -> int:
    """The timeline's height in a splitter ``total`` px high."""
    return max(min(MIN_HEIGHT, total // 2), min(wanted, int(total * MAX_SHARE)))


class StreamSplit(QSplitter):
    def __init__(self, conversation: ConversationView, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("streamSplit")
        self.conversation = conversation
        self.timeline = TimelinePanel(self)
        self.timeline.setMinimumHeight(MIN_HEIGHT)
        self.addWidget(conversation)
        self.addWidget(self.timeline)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.setChildrenCollapsible(False)
        self._recording: Recording | None = None
        self._live = False  # a partial stream (not the full render) is shown
        self._wanted = DEFAULT_HEIGHT
        self._settings: QSettings | None = None
        self._frames = Coalescer(self._render, FRAME_MS, self)
        install_ctrl_f(self, conversation.find_bar)  # Ctrl+F in the timeline finds in the conversation
        self.timeline.stateChanged.connect(self._on_state)
        self.splitterMoved.connect(self._on_moved)
        for action in self.timeline.transport_actions().all():
            self.addAction(action)  # their keys work in the conversation too

    # ------------------------------------------------------------ public API
    @property
    def find_bar(self) -> FindBar:
        """The conversation's find bar (the timeline has no text to search)."""
        return self.conversation.find_bar

    def use_settings(self, settings: QSettings) -> None:
        """Remember the timeline height, speed and pacing in ``settings``
        (restored now)."""
        self._settings = settings
        try:
            stored = int(settings.value(HEIGHT_KEY, DEFAULT_HEIGHT))
        except (TypeError, ValueError):
            stored = DEFAULT_HEIGHT
        self._wanted = max(MIN_HEIGHT, stored)
        self._fit()
        speed = stored_speed(settings.value(SPEED_KEY))
        if speed is not None:
            self.timeline.set_speed(speed)
        if (pacing := settings.value(PACING_KEY)) in ("chunks", "tokens"):
            self.timeline.set_pacing(pacing)
        self.timeline.playbackChosen.connect(self._save_playback)

    def _save_playback(self) -> None:
        if self._settings is not None:
            playback = self.timeline.playback()
            speed = playback.speed()
            self._settings.setValue(SPEED_KEY, speed if speed == INSTANT else str(speed))
            self._settings.setValue(PACING_KEY, playback.pacing_mode())

    def save_state(self) -> None:
        if self._settings is not None:
            self._settings.setValue(HEIGHT_KEY, self._wanted)

    def show_recording(self, rec: Recording, summaries: list[ChunkSummary] | None = None,
                       cursor: ReplayCursor | None = None) -> None:
        """The full conversation, and the timeline (at the end) if streamed
        (``summaries``, ``cursor``: made already, off the GUI thread)."""
        self._frames.cancel()
        self._recording, self._live = rec, False
        self.conversation.show_recording(rec)
        self.timeline.set_recording(rec, summaries, cursor)
        self._fit()

    def clear_stream(self) -> None:
        """No stream: hide the timeline (the conversation is left as it is)."""
        self._frames.cancel()
        self._recording, self._live = None, False
        self.timeline.set_recording(None)

    def pause(self) -> None:
        self.timeline.pause()

    def streamed(self) -> bool:
        return self.timeline.recording() is not None

    def timeline_wanted_height(self) -> int:
        return self._wanted

    def flush(self) -> None:
        """Render a waiting frame now (tests, screenshots)."""
        self._frames.flush()

    # ------------------------------------------------------------ frames
    def _on_state(self, state: StreamState) -> None:
        if self._recording is not None:
            self._frames.push(state)

    def _render(self, state: StreamState) -> None:
        rec = self._recording
        if rec is None or self.timeline.recording() is not rec:
            return
        at_end = state.position >= self.timeline.length()
        entering = not self._live and not at_end
        self._live = not at_end
        self.conversation.show_stream_state(rec, None if at_end else state)
        if entering:  # the growing bubble is the end of the page: bring it into view;
            bar = self.conversation.browser.verticalScrollBar()  # from then on the view
            bar.setValue(bar.maximum())  # follows it while it is scrolled to the end

    # ------------------------------------------------------------ height
    def _fit(self) -> None:
        if self.timeline.isHidden():
            return
        total = sum(self.sizes()) or self.height()
        if total <= 0:
            return
        height = timeline_height(self._wanted, total)
        self.setSizes([total - height, height])

    def _on_moved(self, _pos: int, _index: int) -> None:
        if not self.timeline.isHidden():
            self._wanted = max(MIN_HEIGHT, self.sizes()[1])
            self.save_state()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def hideEvent(self, event: QHideEvent) -> None:
        """Out of sight (the Raw tab, a minimised window): stop playing."""
        self.pause()
        super().hideEvent(event)
