"""Window shortcuts that keep working while a text field has the focus.

A ``QLineEdit`` claims the Emacs-style keys of the platform's key bindings:
on Linux desktops Ctrl+E moves to the end of the line and Ctrl+D deletes a
character, so File ▸ Export… and Compare would not fire while the filter box
has the focus. ``WindowKeys`` hands such keys back to the window's actions; the
field keeps its editing keys (Ctrl+A/C/V/X/Z/Y, arrows, Home/End, Backspace).
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence

# The window's Ctrl shortcuts that are no editing operation of a text field.
WINDOW_KEYS = ("Ctrl+D", "Ctrl+E", "Ctrl+F", "Ctrl+L", "Ctrl+M", "Ctrl+O", "Ctrl+W", "Ctrl+Q",
               "Ctrl+Shift+C", "Ctrl+Shift+O")


class WindowKeys(QObject):
    """Event filter: ``keys`` are never claimed by the watched text field."""

    def __init__(self, parent: QObject, keys: Iterable[str] = WINDOW_KEYS) -> None:
        super().__init__(parent)
        self._keys = {QKeySequence(k)[0].toCombined() for k in keys}

    def passes(self, event: QKeyEvent) -> bool:
        """True when ``event`` is one of the keys handed back to the window."""
        return event.keyCombination().toCombined() in self._keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ShortcutOverride and self.passes(event):
            event.ignore()  # not claimed by the field: the window's shortcut fires
            return True
        return False
