"""Playback of a stream: a ReplayCursor moved by a QTimer against a clock.

Each chunk has an arrival time (seconds at 1×, from ``core.pacing``: recorded
gaps when the file has timing, else a synthetic rate). A tick reads the clock,
works out the playback time (``speed`` × wall time since the last anchor) and
moves the cursor over the chunks that have arrived since the previous tick, so
a tick's work is the number of chunks it passes, never the stream length, and
nothing is re-folded from chunk 0. "instant" jumps to the end.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Union

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal

from recviewer.core.assemble import StreamState
from recviewer.core.model import Exchange
from recviewer.core.pacing import PacingMode, chunk_delays, has_real_timing
from recviewer.core.replay import ReplayCursor

BASE_RATE = 30.0  # chunks (or tokens) per second at 1×
SPEEDS: tuple[float, ...] = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
INSTANT = "instant"
Speed = Union[float, str]
MIN_INTERVAL_MS = 16
MAX_INTERVAL_MS = 100


class Playback(QObject):
    positionChanged = Signal(int)
    playingChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._exchange: Exchange | None = None
        self._cursor: ReplayCursor | None = None
        self._arrivals: list[float] = []
        self._speed: Speed = 1.0
        self._mode: PacingMode = "chunks"
        self._real = False
        self._clock = QElapsedTimer()
        self._anchor_time = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    # ------------------------------------------------------------ loading
    def load(self, exchange: Exchange | None, cursor: ReplayCursor | None = None) -> None:
        """Replace the stream; the cursor (``cursor`` when it was made for this
        exchange already) starts at the end (the full response)."""
        self.pause()
        self._exchange = exchange
        if exchange is None or not exchange.chunks:
            self._cursor, self._arrivals, self._real = None, [], False
            return
        self._cursor = cursor if cursor is not None and cursor.replays(exchange) \
            else ReplayCursor(exchange)
        self._cursor.to_end()
        self._real = has_real_timing(exchange)
        self._recompute()

    def _recompute(self) -> None:
        if self._exchange is not None and self._exchange.chunks:
            self._arrivals = list(accumulate(chunk_delays(self._exchange, self._mode, BASE_RATE)))
        self._timer.setInterval(self.timer_interval())

    # ------------------------------------------------------------ reading
    def cursor(self) -> ReplayCursor | None:
        return self._cursor

    def length(self) -> int:
        return len(self._cursor) if self._cursor is not None else 0

    def position(self) -> int:
        return self._cursor.position if self._cursor is not None else 0

    def state(self) -> StreamState | None:
        return self._cursor.state() if self._cursor is not None else None

    def is_playing(self) -> bool:
        return self._timer.isActive()

    def speed(self) -> Speed:
        return self._speed

    def pacing_mode(self) -> PacingMode:
        return self._mode

    def has_real_timing(self) -> bool:
        return self._real

    def duration(self) -> float:
        """Seconds the whole stream takes at 1×."""
        return self._arrivals[-1] if self._arrivals else 0.0

    def chunks_per_second(self) -> float:
        """Average chunks per second at the current speed and pacing."""
        if self._speed == INSTANT:
            return float("inf")
        n, total = self.length(), self.duration()
        base = n / total if total > 0 else BASE_RATE
        return base * float(self._speed)

    def timer_interval(self) -> int:
        """Milliseconds between ticks: about one chunk a tick, within 16..100 ms."""
        rate = self.chunks_per_second()
        ms = 1000.0 / rate if rate > 0 else MAX_INTERVAL_MS
        return int(max(MIN_INTERVAL_MS, min(MAX_INTERVAL_MS, round(ms))))

    def chunks_per_tick(self) -> float:
        return self.chunks_per_second() * self.timer_interval() / 1000.0

    # ------------------------------------------------------------ moving
    def seek(self, n: int) -> None:
        if self._cursor is None:
            return
        before = self._cursor.position
        self._cursor.seek(n)
        self._anchor()
        if self._cursor.position != before:
            self.positionChanged.emit(self._cursor.position)
        if self.is_playing() and self._cursor.at_end:
            self.pause()

    def step(self, k: int) -> None:
        self.seek(self.position() + k)

    def play(self) -> None:
        if self._cursor is None or self.is_playing():
            return
        if self._speed == INSTANT:
            self.seek(self.length())
            return
        if self._cursor.at_end:
            self.seek(0)
        self._anchor()
        self._timer.start(self.timer_interval())
        self.playingChanged.emit(True)

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.playingChanged.emit(False)

    def toggle(self) -> None:
        self.pause() if self.is_playing() else self.play()

    def set_speed(self, speed: Speed) -> None:
        if speed != INSTANT and not (isinstance(speed, (int, float)) and speed > 0):
            raise ValueError(f"speed must be a positive number or {INSTANT!r}, not {speed!r}")
        self._speed = speed if speed == INSTANT else float(speed)
        if speed == INSTANT:
            if self.is_playing():
                self.pause()
                self.seek(self.length())
            return
        self._anchor()
        self._timer.setInterval(self.timer_interval())

    def set_pacing(self, mode: PacingMode) -> None:
        if mode not in ("chunks", "tokens"):
            raise ValueError(f"unknown pacing mode {mode!r}")
        self._mode = mode
        self._recompute()
        self._anchor()

    # ------------------------------------------------------------ clock
    def _time_of(self, position: int) -> float:
        """Playback time (s at 1×) at which ``position`` is reached."""
        return self._arrivals[position - 1] if position > 0 else 0.0

    def _anchor(self) -> None:
        self._clock.start()
        self._anchor_time = self._time_of(self.position())

    def _tick(self) -> None:
        cursor = self._cursor
        if cursor is None or self._speed == INSTANT:
            self.pause()
            return
        now = self._anchor_time + self._clock.elapsed() / 1000.0 * float(self._speed)
        target, n, arrivals = cursor.position, len(cursor), self._arrivals
        while target < n and arrivals[target] <= now:
            target += 1
        if target != cursor.position:
            cursor.seek(target)
            self.positionChanged.emit(target)
        if cursor.at_end:
            self.pause()
