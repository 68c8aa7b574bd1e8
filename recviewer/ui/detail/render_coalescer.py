"""Coalescer: deliver the latest of a burst of values at most once per interval.

The first value of a burst is delivered at once (leading edge); values pushed
while the interval runs replace each other, and the last one is delivered when
it ends. The interval counts from the end of a delivery, so the event loop
always gets time to paint and take input. A fast producer (a timeline playing
at 16×, a dragged scrubber) costs at most one expensive consumer call per
interval, and the final value is never lost.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer

_NOTHING = object()


class Coalescer(QObject):
    def __init__(self, deliver: Callable[[Any], None], interval_ms: int = 30,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._deliver = deliver
        self._pending: Any = _NOTHING
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timeout)

    def interval(self) -> int:
        return self._timer.interval()

    def pending(self) -> bool:
        """A value waits for the end of the current interval."""
        return self._pending is not _NOTHING

    def push(self, value: Any) -> None:
        self._pending = value
        if not self._timer.isActive():
            self._fire()

    def flush(self) -> None:
        """Deliver the waiting value now (if any)."""
        if self.pending():
            self._timer.stop()
            self._fire()

    def cancel(self) -> None:
        """Forget the waiting value; the next push is delivered at once."""
        self._timer.stop()
        self._pending = _NOTHING

    def _fire(self) -> None:
        value, self._pending = self._pending, _NOTHING
        self._timer.start()  # a push from inside the delivery waits too
        try:
            self._deliver(value)
        finally:
            self._timer.start()  # restarted: the quiet interval follows the delivery

    def _on_timeout(self) -> None:
        if self.pending():
            self._fire()
