"""TimelinePanel: play a streamed recording back chunk by chunk.

Transport row on top; below it the scrubber over the plot, the chunk list and
the chunk inspector side by side. Every move goes through ``Playback`` (one
ReplayCursor), and each new position is announced once with ``stateChanged``
(the assembled ``StreamState`` there), which the main window forwards to
``ConversationView.show_stream_state``. Compact enough for ~220 px height.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QSplitter, QVBoxLayout, QWidget,
)

from recviewer.core.assemble import StreamState
from recviewer.core.model import Recording
from recviewer.core.pacing import PacingMode
from recviewer.core.replay import ChunkSummary, ReplayCursor, describe_chunks
from recviewer.ui.timeline.actions import TransportActions, make_actions, show_playing
from recviewer.ui.timeline.chunk_list import ChunkListModel
from recviewer.ui.timeline.chunk_view import ChunkView
from recviewer.ui.timeline.colours import TimelineColours
from recviewer.ui.timeline.controls import TransportBar
from recviewer.ui.timeline.inspector import ChunkInspector
from recviewer.ui.timeline.marks import build_marks
from recviewer.ui.timeline.playback import Playback, Speed
from recviewer.ui.timeline.plot import StreamPlot, reasoning_of, series_of
from recviewer.ui.timeline.scrubber import Scrubber


class TimelinePanel(QWidget):
    stateChanged = Signal(object)  # StreamState at the new position
    playbackChosen = Signal()  # speed or pacing changed (to remember them)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recording: Recording | None = None
        self._following = False  # True while the list is moved by playback
        self._playback = Playback(self)
        self._actions = make_actions(self)
        a = self._actions
        self._bar = TransportBar([a.start, a.back, a.play, a.forward, a.end], self)
        self._scrubber = Scrubber(self)
        self._plot = StreamPlot(self)
        self._model = ChunkListModel(self, TimelineColours.for_palette(self.palette()))
        self._list = ChunkView(self)
        self._list.setModel(self._model)
        self._list.setAccessibleName("Stream chunks")
        self._inspector = ChunkInspector(self)
        self._build_layout()
        self._connect()
        self.set_recording(None)

    def _build_layout(self) -> None:
        left = QWidget(self)
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self._scrubber)
        col.addWidget(self._plot, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self._list)
        split.addWidget(self._inspector)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 4)
        split.setSizes([500, 300, 400])  # 5:3:4 from the start, not by size hints
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.setSpacing(2)
        lay.addWidget(self._bar)
        lay.addWidget(split, 1)

    def _connect(self) -> None:
        a, pb = self._actions, self._playback
        a.play.triggered.connect(self.toggle_play)
        a.back.triggered.connect(lambda: self.step(-1))
        a.forward.triggered.connect(lambda: self.step(1))
        a.start.triggered.connect(lambda: self.seek(0))
        a.end.triggered.connect(lambda: self.seek(pb.length()))
        pb.positionChanged.connect(self._on_position)
        pb.playingChanged.connect(lambda playing: show_playing(self._actions, playing))
        self._scrubber.seekRequested.connect(self.seek)
        self._plot.seekRequested.connect(self.seek)
        self._list.selectionModel().currentChanged.connect(self._on_row)
        self._bar.speedChosen.connect(self.set_speed)
        self._bar.pacingChosen.connect(self.set_pacing)

    # ------------------------------------------------------------ public API
    def set_recording(self, rec: Recording | None,
                      summaries: list[ChunkSummary] | None = None,
                      cursor: ReplayCursor | None = None) -> None:
        """Show ``rec``'s stream, at its end; hide and disable for anything
        that is not a streamed recording with chunks. ``summaries`` and
        ``cursor`` are the chunks already described and checkpointed (by the
        loading worker), else done here."""
        streamed = rec is not None and rec.streaming and bool(rec.exchange.chunks)
        self._recording = rec if streamed else None
        self._playback.load(rec.exchange if streamed else None, cursor)
        if not streamed:
            summaries = []
        elif summaries is None or len(summaries) != len(rec.exchange.chunks):
            summaries = describe_chunks(rec.exchange)
        self._model.set_summaries(summaries)
        cursor = self._playback.cursor()
        marks = build_marks(cursor.markers(), summaries) if cursor is not None else ()
        self._scrubber.set_stream(len(summaries), marks)
        self._plot.set_series(*series_of(summaries), reasoning_of(summaries))
        self._bar.show_timing(self._playback.has_real_timing())
        self._bar.set_length(len(summaries))
        self.setEnabled(streamed)
        self.setVisible(streamed)
        self._show_position(self._playback.position())

    def recording(self) -> Recording | None:
        return self._recording

    def position(self) -> int:
        return self._playback.position()

    def length(self) -> int:
        return self._playback.length()

    def state(self) -> StreamState | None:
        return self._playback.state()

    def seek(self, n: int) -> None:
        self._playback.seek(n)

    def step(self, k: int) -> None:
        self._playback.step(k)

    def play(self) -> None:
        self._playback.play()

    def pause(self) -> None:
        self._playback.pause()

    def toggle_play(self) -> None:
        self._playback.toggle()

    def is_playing(self) -> bool:
        return self._playback.is_playing()

    def set_speed(self, speed: Speed) -> None:
        """A factor (0.25..16 in the menu, any positive number here) or "instant"."""
        self._playback.set_speed(speed)
        self._bar.show_speed(self._playback.speed())
        self.playbackChosen.emit()

    def set_pacing(self, mode: PacingMode) -> None:
        """Synthetic pacing: "chunks" (30/s × speed) or "tokens" (30/s × speed,
        tokens estimated from characters). Ignored by files with real timing."""
        self._playback.set_pacing(mode)
        self._bar.show_pacing(mode)
        self.playbackChosen.emit()

    def position_text(self) -> str:
        return self._bar.position_label.text()

    # parts, for the main window and tests
    def playback(self) -> Playback:
        return self._playback

    def transport_actions(self) -> TransportActions:
        return self._actions

    def transport(self) -> TransportBar:
        return self._bar

    def chunk_list(self) -> ChunkView:
        return self._list

    def chunk_model(self) -> ChunkListModel:
        return self._model

    def scrubber(self) -> Scrubber:
        return self._scrubber

    def plot(self) -> StreamPlot:
        return self._plot

    def inspector(self) -> ChunkInspector:
        return self._inspector

    # ------------------------------------------------------------ reactions
    def _on_position(self, position: int) -> None:
        self._show_position(position)
        state = self._playback.state()
        if state is not None:
            self.stateChanged.emit(state)

    def _show_position(self, position: int) -> None:
        n = self._playback.length()
        self._bar.show_position(position, n)
        self._scrubber.set_position(position)
        self._plot.set_position(position)
        cursor = self._playback.cursor()
        chunk = cursor.chunk(position - 1) if cursor is not None and position > 0 else None
        self._inspector.show_chunk(chunk, n)
        self._follow(position)
        a = self._actions
        for action, ok in ((a.start, position > 0), (a.back, position > 0),
                           (a.forward, position < n), (a.end, position < n), (a.play, n > 0)):
            action.setEnabled(ok)

    def _follow(self, position: int) -> None:
        """Select the chunk that led to ``position`` and keep it in view."""
        self._following = True
        try:
            sel = self._list.selectionModel()
            if position <= 0:
                sel.clear()
                return
            index = self._model.index(position - 1, 0)
            sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self._list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        finally:
            self._following = False

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._following and current.isValid():
            self.seek(current.row() + 1)
