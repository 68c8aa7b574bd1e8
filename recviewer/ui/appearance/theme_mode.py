"""View ▸ Theme: follow the system's light/dark setting, or force Light or Dark.

The choice ("system", "light", "dark") is kept in QSettings under
``view/theme``. Light and Dark put an explicit palette (``palettes``) on the
QApplication; System resets it to the platform's and follows
``QStyleHints.colorScheme`` (re-applied on ``colorSchemeChanged``), using our
palette only when the platform reports a scheme its palette does not show.
Every view of a window that follows the theme (``follow.follow``:
conversation, raw, diff) is then given the matching ``Theme``, which also picks the
pygments style of the syntax colouring.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from recviewer.ui.appearance.follow import followers
from recviewer.ui.appearance.palettes import is_dark, palette_for
from recviewer.ui.appearance.view_colours import DARK, LIGHT, Theme

SETTING = "view/theme"
MODES = ("system", "light", "dark")
_LABELS = {"system": "&System", "light": "&Light", "dark": "&Dark"}


def load_mode(settings: QSettings) -> str:
    mode = str(settings.value(SETTING, "system") or "system")
    return mode if mode in MODES else "system"


def system_wants_dark(scheme: Qt.ColorScheme, platform_palette: QPalette) -> bool:
    """Dark when the platform says so; with no answer, when its palette is dark."""
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return is_dark(platform_palette)


def system_scheme() -> Qt.ColorScheme:
    """What the desktop asks for (Unknown where the platform does not say)."""
    app = QGuiApplication.instance()
    return app.styleHints().colorScheme() if app is not None else Qt.ColorScheme.Unknown


def apply_to_application(mode: str) -> bool:
    """Set the application palette for ``mode``; True when it is now dark."""
    app = QApplication.instance()
    if app is None:
        return False
    if mode == "system":
        app.setPalette(QPalette())  # back to the platform's palette
        platform = app.palette()
        dark = system_wants_dark(system_scheme(), platform)
        if dark != is_dark(platform):  # e.g. a dark desktop but a light-only style
            _set_explicit(app, dark)
        return dark
    dark = mode == "dark"
    _set_explicit(app, dark)
    return dark


def _set_explicit(app: QApplication, dark: bool) -> None:
    if app.style().name().lower() == "windowsvista":  # ignores palettes: Fusion honours them
        app.setStyle("Fusion")
    app.setPalette(palette_for(dark))


def current_theme() -> Theme:
    """The content theme matching the application palette now."""
    app = QGuiApplication.instance()
    return DARK if app is not None and is_dark(app.palette()) else LIGHT




class Appearance(QObject):
    """Owns one window's Theme submenu; the mode itself is application-wide."""

    def __init__(self, window: QWidget, settings: QSettings, view_menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self.menu = view_menu.addMenu("&Theme")
        self.menu.setObjectName("themeMenu")
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for mode in MODES:
            action = self.menu.addAction(_LABELS[mode])
            action.setCheckable(True)
            action.setObjectName(f"theme-{mode}")
            action.triggered.connect(lambda _checked=False, m=mode: self.set_mode(m))
            self._group.addAction(action)
            self.actions[mode] = action
        self.mode = load_mode(settings)
        self.actions[self.mode].setChecked(True)
        app = QGuiApplication.instance()
        if app is not None:
            app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        window.installEventFilter(self)
        apply_to_application(self.mode)
        self.refresh()

    def theme(self) -> Theme:
        return current_theme()

    def set_mode(self, mode: str) -> None:
        """Choose System, Light or Dark for the whole application; persisted."""
        if mode not in MODES:
            return
        self._settings.setValue(SETTING, mode)
        apply_to_application(mode)
        for top in QApplication.topLevelWidgets():  # every window shows the same choice
            other = getattr(top, "appearance", None)
            if isinstance(other, Appearance):
                other.mode = mode
                other.refresh()
        if self.mode != mode:  # this window is not a top-level one (embedded)
            self.mode = mode
            self.refresh()

    def refresh(self) -> None:
        """Check the menu entry and give every themed widget the current theme."""
        self.actions[self.mode].setChecked(True)
        theme = current_theme()
        for follower in followers(self._window):  # the views that called follow()
            follower.set_theme(theme)

    @Slot(Qt.ColorScheme)
    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.mode == "system":
            apply_to_application("system")
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A palette change from elsewhere (desktop colour scheme) reaches the
        # window as PaletteChange: keep the content in step with it.
        if watched is self._window and event.type() == QEvent.Type.PaletteChange:
            self.refresh()
        return False
