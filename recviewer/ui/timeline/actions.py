"""The timeline's transport actions and their keys.

The shortcuts are scoped to the panel (``WidgetWithChildrenShortcut``): they
work while focus is in the timeline and never take Space or the arrow keys
away from the conversation or other text views.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from recviewer.ui.timeline.icons import IconKind, transport_icon


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
    palette = owner.palette()

    def action(text: str, key: Qt.Key, icon: IconKind, tip: str) -> QAction:
        a = QAction(transport_icon(icon, palette), text, owner)
        a.setShortcut(QKeySequence(key))
        a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        a.setToolTip(f"{tip} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
        owner.addAction(a)
        return a

    return TransportActions(
        play=action("Play", Qt.Key.Key_Space, "play", "Play / pause"),
        back=action("Step back", Qt.Key.Key_Left, "back", "Back one chunk"),
        forward=action("Step forward", Qt.Key.Key_Right, "forward", "Forward one chunk"),
        start=action("Jump to start", Qt.Key.Key_Home, "start", "Jump to the start"),
        end=action("Jump to end", Qt.Key.Key_End, "end", "Jump to the end"),
    )


def show_playing(actions: TransportActions, playing: bool) -> None:
    """Turn the play action into a pause action while playing, and back."""
    palette = actions.play.parent().palette()
    actions.play.setIcon(transport_icon("pause" if playing else "play", palette))
    actions.play.setText("Pause" if playing else "Play")
