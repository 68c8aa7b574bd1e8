"""The tree pane's share of the window: proportional, and remembered.

A QSplitter hands every extra pixel of a wider window to the stretching side,
so the tree stayed ~520 px wide on a maximised 1920 px screen. Here the tree
keeps its fraction of the splitter when the window is resized; dragging the
handle sets a new fraction, saved in QSettings for the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QSplitter

SHARE_KEY = "window/tree_share"
DEFAULT_SHARE = 0.42
LIMITS = (0.15, 0.85)


def clamp_share(value: object, default: float = DEFAULT_SHARE) -> float:
    try:
        share = float(value)  # QSettings may give a string
    except (TypeError, ValueError):
        return default
    if share != share:  # NaN
        return default
    return min(max(share, LIMITS[0]), LIMITS[1])


class PaneShare(QObject):
    """Keeps the first widget of ``splitter`` at ``share`` of its width."""

    def __init__(self, splitter: QSplitter, settings: QSettings,
                 default: float = DEFAULT_SHARE) -> None:
        super().__init__(splitter)
        self._splitter, self._settings = splitter, settings
        self.share = clamp_share(settings.value(SHARE_KEY, default), default)
        self._applying = False
        self._later = QTimer(self)  # after the splitter laid itself out for the new width
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.apply)
        splitter.splitterMoved.connect(self._on_moved)
        splitter.installEventFilter(self)

    def apply(self) -> None:
        total = sum(self._splitter.sizes())
        if total <= 0:
            return
        tree = int(round(total * self.share))
        self._applying = True
        try:
            self._splitter.setSizes([tree, total - tree])
        finally:
            self._applying = False

    def _on_moved(self, _pos: int, _index: int) -> None:
        if self._applying:
            return
        sizes = self._splitter.sizes()
        if sum(sizes) > 0:
            self.share = clamp_share(sizes[0] / sum(sizes))
            self._settings.setValue(SHARE_KEY, self.share)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self._splitter and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._later.start()
        return False
