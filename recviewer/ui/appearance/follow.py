"""One place where a view follows the theme and the zoom.

A view calls ``follow(self, on_theme=..., on_zoom=...)`` once, in its
constructor, and keeps the returned ``Follower``:

- ``follower.theme`` is the theme of the view's palette to begin with;
- a palette change (the desktop's scheme, or View ▸ Theme setting the
  application palette) calls ``on_theme(theme)``, unless a theme was set;
- ``follower.set_theme(theme)`` fixes the theme (View ▸ Theme gives every
  followed view of its window the current one) and calls ``on_theme``;
- a font change of the view (View ▸ Zoom sets the font) calls ``on_zoom(font)``.

``followers(window)`` lists the followed views of a window: this is where the
Theme menu finds the views it themes, so a new view is themed by calling
``follow`` and nothing else.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from recviewer.ui.appearance.view_colours import Theme, theme_for_palette


class Follower(QObject):
    """Watches one view (a child of it, so it lives as long as the view)."""

    def __init__(self, view: QWidget, on_theme: Callable[[Theme], None] | None,
                 on_zoom: Callable[[QFont], None] | None) -> None:
        super().__init__(view)
        self.view = view
        self.theme: Theme = theme_for_palette(view.palette())
        self.fixed = False  # a theme was set: palette changes no longer decide it
        self._on_theme = on_theme
        self._on_zoom = on_zoom
        view.installEventFilter(self)

    def set_theme(self, theme: Theme) -> None:
        """Use ``theme`` from now on (instead of following the palette)."""
        self.fixed = True
        self._apply(theme)

    def _apply(self, theme: Theme) -> None:
        self.theme = theme
        if self._on_theme is not None:
            self._on_theme(theme)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.view:
            kind = event.type()
            if kind == QEvent.Type.PaletteChange and not self.fixed:
                self._apply(theme_for_palette(self.view.palette()))
            elif kind == QEvent.Type.FontChange and self._on_zoom is not None:
                self._on_zoom(self.view.font())
        return False


def follow(view: QWidget, *, on_theme: Callable[[Theme], None] | None = None,
           on_zoom: Callable[[QFont], None] | None = None) -> Follower:
    """Make ``view`` follow the theme (``on_theme``) and the zoom (``on_zoom``)."""
    return Follower(view, on_theme, on_zoom)


def followers(window: QWidget) -> list[Follower]:
    """The followers of the views inside ``window``."""
    return window.findChildren(Follower)
