"""The top-level menus of a window, declared once, in menu-bar order.

``Menu`` names every menu a window can have; ``MenuBar(window, menus)`` puts
the chosen ones on the window's menu bar in the order of ``Menu``. A module
that contributes actions asks for its menu by name (``bar[Menu.VIEW]``) — no
menu is ever looked up by its title text.
"""

from __future__ import annotations

from enum import Enum
from typing import Iterable

from PySide6.QtWidgets import QMainWindow, QMenu


class Menu(Enum):
    """A top-level menu: its title (with the ``&`` mnemonic); order = menu-bar order."""

    FILE = "&File"
    EDIT = "&Edit"
    VIEW = "&View"
    PLAYBACK = "&Playback"
    TOOLS = "&Tools"
    HELP = "&Help"

    @property
    def object_name(self) -> str:
        return f"{self.name.lower()}Menu"


class MenuBar:
    """The window's menus, made up front (empty ones included) in ``Menu`` order."""

    def __init__(self, window: QMainWindow, menus: Iterable[Menu] = tuple(Menu)) -> None:
        chosen = set(menus)
        bar = window.menuBar()
        self._menus: dict[Menu, QMenu] = {}
        for which in Menu:  # the declaration's order, whatever order ``menus`` has
            if which in chosen:
                menu = QMenu(which.value, bar)
                menu.setObjectName(which.object_name)
                bar.addMenu(menu)
                self._menus[which] = menu

    def __getitem__(self, which: Menu) -> QMenu:
        return self._menus[which]

    def __contains__(self, which: object) -> bool:
        return which in self._menus


def plain(text: str) -> str:
    """A menu or action text without its mnemonic ``&`` (``&&`` stays one ``&``)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
