"""The "Playback" menu: the stream timeline's transport, plus Faster / Slower.

The menu shows the timeline's own transport actions (so their shortcuts and
enabled state are the panel's), and two speed actions. All keys are scoped
to the Conversation tab (``WidgetWithChildrenShortcut`` on ``StreamSplit``):
Space, Left, Right, Home, End, [ and ] act on the timeline while focus is in
the conversation or the timeline, and keep their usual meaning in the tree
(Left/Right expand and collapse) and in the filter box.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from recviewer.ui.detail.conversation_tab import StreamSplit
from recviewer.ui.timeline.playback import INSTANT, SPEEDS
from recviewer.ui.timeline.playback import Speed

FASTER_KEY, SLOWER_KEY = "]", "["


def next_speed(current: Speed, step: int) -> Speed:
    """One notch faster (step > 0) or slower along SPEEDS; "instant" is above
    the fastest notch and is never reached by stepping."""
    if current == INSTANT:
        return SPEEDS[-1] if step < 0 else INSTANT
    value = float(current)
    if step > 0:
        return next((s for s in SPEEDS if s > value), SPEEDS[-1])
    return next((s for s in reversed(SPEEDS) if s < value), SPEEDS[0])


@dataclass(slots=True, frozen=True)
class PlaybackMenu:
    menu: QMenu
    faster: QAction
    slower: QAction


def _speed_action(split: StreamSplit, text: str, key: str, step: int) -> QAction:
    action = QAction(text, split)
    action.setShortcut(QKeySequence(key))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    timeline = split.timeline
    action.triggered.connect(
        lambda _checked=False: timeline.set_speed(next_speed(timeline.playback().speed(), step)))
    split.addAction(action)
    return action


def install_playback_menu(menu: QMenu, split: StreamSplit) -> PlaybackMenu:
    """Fill ``menu`` (the window's Playback menu) with the timeline's transport."""
    t = split.timeline.transport_actions()
    menu.addAction(t.play)
    menu.addSeparator()
    menu.addAction(t.back)
    menu.addAction(t.forward)
    menu.addAction(t.start)
    menu.addAction(t.end)
    menu.addSeparator()
    faster = _speed_action(split, "&Faster", FASTER_KEY, 1)
    slower = _speed_action(split, "&Slower", SLOWER_KEY, -1)
    menu.addAction(faster)
    menu.addAction(slower)
    menu.addSeparator()
    hint = menu.addAction("Keys work in the Conversation tab")
    hint.setEnabled(False)
    return PlaybackMenu(menu, faster, slower)
