"""Find a top-level menu of a window by its title, or add it in its place.

Several modules add to the same menus (File, Edit, View, Help) without a
shared registry; they meet here, by the menu's title without the ``&``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMenu


def plain(text: str) -> str:
    """A menu or action text without its mnemonic ``&`` (``&&`` stays one ``&``)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_named(window: QMainWindow, title: str) -> QMenu | None:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and plain(menu.title()) == title:
            return menu
    return None


def place_menu(window: QMainWindow, menu: QMenu, before: QMenu | None = None) -> QMenu:
    """Put ``menu`` on the window's menu bar, in front of ``before`` when given."""
    bar = window.menuBar()
    if before is not None:
        bar.insertMenu(before.menuAction(), menu)
    else:
        bar.addMenu(menu)
    return menu


def ensure_menu(window: QMainWindow, title: str, label: str, before: str | None = None) -> QMenu:
    """The menu called ``title``; made (as ``label``, e.g. "&Edit") when missing,
    in front of the menu ``before`` when that one exists."""
    menu = menu_named(window, title)
    if menu is not None:
        return menu
    menu = QMenu(label, window)
    menu.setObjectName(f"{title.lower()}Menu")
    return place_menu(window, menu, menu_named(window, before) if before else None)
