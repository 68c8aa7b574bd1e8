"""Compare two recordings: side by side, and as structural JSON changes."""

from __future__ import annotations

from recviewer.ui.diff.compute import DiffResult
from recviewer.ui.diff.view import DiffView
from recviewer.ui.diff.window import DiffWindow, open_diff_window, window_title

__all__ = ["DiffResult", "DiffView", "DiffWindow", "open_diff_window", "window_title"]
