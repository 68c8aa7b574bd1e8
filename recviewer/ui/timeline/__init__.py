"""The stream timeline: scrubber, transport, chunk list, inspector and plot.

``TimelinePanel`` is the one widget the main window embeds; the rest are its
parts, importable for tests.
"""

from __future__ import annotations

from recviewer.ui.timeline.chunk_list import ChunkListModel
from recviewer.ui.timeline.panel import TimelinePanel
from recviewer.ui.timeline.playback import INSTANT, SPEEDS, Playback

__all__ = ["ChunkListModel", "INSTANT", "Playback", "SPEEDS", "TimelinePanel"]
