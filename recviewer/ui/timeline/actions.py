"""The timeline's transport actions and their keys.

The shortcuts are scoped to the panel (``WidgetWithChildrenShortcut``): they
work while focus is in the timeline and never take Space or the arrow keys
away from the conversation or other text views.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget


@dataclass(slots=True, frozen=True)
class TransportActions:
    play: QAction
    back: QAction
    forward: QAction
    start: QAction
    end: QAction

    def all(self) -> tuple[QAction, ...]:
        return (self.start, self.back, self.play, self.forward, self.end)


def make_actions(owner: QWidget) -> TransportActions:
    style = owner.style()

    def action(text: str, key: Qt.Key, icon: QStyle.StandardPixmap, tip: str) -> QAction:
        a = QAction(style.standardIcon(icon), text, owner)
        a.setShortcut(QKeySequence(key))
        a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        a.setToolTip(f"{tip} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
        owner.addAction(a)
        return a

    sp = QStyle.StandardPixmap
    return TransportActions(
        play=action("Play", Qt.Key.Key_Space, sp.SP_MediaPlay, "Play / pause"),
        back=action("Step back", Qt.Key.Key_Left, sp.SP_MediaSeekBackward, "Back one chunk"),
        forward=action("Step forward", Qt.Key.Key_Right, sp.SP_MediaSeekForward, "Forward one chunk"),
        start=action("Jump to start", Qt.Key.Key_Home, sp.SP_MediaSkipBackward, "Jump to the start"),
        end=action("Jump to end", Qt.Key.Key_End, sp.SP_MediaSkipForward, "Jump to the end"),
    )


def show_playing(actions: TransportActions, playing: bool) -> None:
    """Turn the play action into a pause action while playing, and back."""
    style = actions.play.parent().style()
    icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
    actions.play.setIcon(style.standardIcon(icon))
    actions.play.setText("Pause" if playing else "Play")
