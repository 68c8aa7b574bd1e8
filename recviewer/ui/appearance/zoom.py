"""View ▸ Zoom In / Zoom Out / Actual Size for every view of a window.

The zoom is a number of points added to each target's own base font (the
proportional font of the tree pane and the detail pane — header, timeline,
pages — and of the conversation, the fixed font of the raw JSON), kept in
QSettings under ``view/zoom`` so the next window starts the same. Children
inherit a target's size; a view with a font of its own (the timeline's chunk
JSON) follows through ``follow(on_zoom=…)``; a diff window follows the main
window's zoom (``FontZoom.follow``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

SETTING = "view/zoom"
MIN_STEP, MAX_STEP = -6, 24  # points below / above the base size
MIN_POINTS = 5.0


def clamp_step(step: object) -> int:
    try:
        value = int(step)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0
    return max(MIN_STEP, min(MAX_STEP, value))


def zoomed(base: QFont, step: int) -> QFont:
    """``base`` grown (or shrunk) by ``step`` points, never below MIN_POINTS."""
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(max(MIN_POINTS, size + step))
    return font


class FontZoom(QObject):
    """Applies one zoom step to a set of widgets; owns the three actions."""

    def __init__(self, window: QWidget, settings: QSettings, widgets: list[QWidget],
                 view_menu: QMenu) -> None:
        super().__init__(window)
        self._settings = settings
        self._targets = [(w, QFont(w.font())) for w in widgets]
        self.step = clamp_step(settings.value(SETTING, 0))
        self.zoom_in = self._action(window, "Zoom &In", self.bigger,
                                    [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out = self._action(window, "Zoom &Out", self.smaller, [QKeySequence("Ctrl+-")])
        self.reset = self._action(window, "&Actual Size", self.actual_size,
                                  [QKeySequence("Ctrl+0")])
        self.menu = view_menu.addMenu("&Zoom")
        self.menu.setObjectName("zoomMenu")
        for action in (self.zoom_in, self.zoom_out, self.reset):
            self.menu.addAction(action)
            window.addAction(action)  # works with the menu bar hidden (full screen)
        self._apply()

    @staticmethod
    def _action(window: QWidget, text: str, slot, keys: list[QKeySequence]) -> QAction:
        action = QAction(text, window)
        action.setShortcuts(keys)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def follow(self, widget: QWidget) -> None:
        """Zoom ``widget`` too, now and on every later change, until it is
        destroyed (a diff window follows the main window's zoom)."""
        self._targets.append((widget, QFont(widget.font())))
        widget.destroyed.connect(lambda _obj=None, w=widget: self._forget(w))
        widget.setFont(zoomed(self._targets[-1][1], self.step))

    def _forget(self, widget: QWidget) -> None:
        self._targets = [(w, base) for w, base in self._targets if w is not widget]

    def bigger(self) -> None:
        self.set_step(self.step + 1)

    def smaller(self) -> None:
        self.set_step(self.step - 1)

    def actual_size(self) -> None:
        self.set_step(0)

    def set_step(self, step: int) -> None:
        step = clamp_step(step)
        if step != self.step:
            self.step = step
            self._settings.setValue(SETTING, step)
            self._apply()

    def _apply(self) -> None:
        for widget, base in self._targets:
            widget.setFont(zoomed(base, self.step))
        self.zoom_out.setEnabled(self.step > MIN_STEP)
        self.zoom_in.setEnabled(self.step < MAX_STEP)
        self.reset.setEnabled(self.step != 0)
