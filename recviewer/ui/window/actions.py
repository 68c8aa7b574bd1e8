"""The main window's own actions: File (open, recent, reload, close, quit), View ▸ Filter
Tests, Help ▸ About, added to the menus declared in ``recviewer.ui.menus``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from recviewer.ui.menus import Menu, MenuBar
from recviewer.ui.window.recent_paths import RecentPaths
from recviewer.ui.window.scan_controller import clear_catalog_cache


class _Window(Protocol):
    def choose_folder(self) -> None: ...
    def choose_recording(self) -> None: ...
    def open_path(self, path: str) -> bool: ...
    def reload(self) -> None: ...
    def focus_filter(self) -> None: ...
    def show_about(self) -> None: ...


@dataclass(slots=True)
class WindowActions:
    open_folder: QAction
    open_recording: QAction
    reload: QAction
    close_window: QAction
    quit: QAction
    about: QAction
    find: QAction
    recent_menu: QMenu


def _action(parent: QMainWindow, text: str, slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def fill_recent_menu(menu: QMenu, recent: RecentPaths, open_path: Callable[[str], object]) -> None:
    """Rebuild Open Recent from the stored list (called each time it opens)."""
    menu.clear()
    paths = recent.paths()
    for number, path in enumerate(paths, 1):
        label = f"&{number % 10}  {os.path.basename(path.rstrip(os.sep)) or path}"
        action = menu.addAction(label)
        action.setToolTip(path)
        action.setStatusTip(path)
        action.setData(path)
        action.triggered.connect(lambda _checked=False, p=path: open_path(p))
    if not paths:
        menu.addAction("(empty)").setEnabled(False)
    menu.addSeparator()
    clear = menu.addAction("Clear")
    clear.setEnabled(bool(paths))
    clear.triggered.connect(lambda _checked=False: recent.clear())


def install_actions(window: QMainWindow, menus: MenuBar, handlers: _Window,
                    recent: RecentPaths) -> WindowActions:
    file_menu = menus[Menu.FILE]
    open_folder = _action(window, "Open &Folder…", handlers.choose_folder, "Ctrl+O")
    open_recording = _action(window, "Open &Recording…", handlers.choose_recording, "Ctrl+Shift+O")
    reload = _action(window, "Re&load", handlers.reload, "F5")
    close_window = _action(window, "&Close Window", window.close, "Ctrl+W")
    quit_ = _action(window, "&Quit", QApplication.closeAllWindows, "Ctrl+Q")
    quit_.setMenuRole(QAction.MenuRole.QuitRole)
    file_menu.addAction(open_folder)
    file_menu.addAction(open_recording)
    recent_menu = file_menu.addMenu("Open &Recent")
    recent_menu.aboutToShow.connect(lambda: fill_recent_menu(recent_menu, recent, handlers.open_path))
    fill_recent_menu(recent_menu, recent, handlers.open_path)
    file_menu.addSeparator()
    file_menu.addAction(reload)
    file_menu.addAction(_action(window, "Clear &Cache",  # the catalog cache of every folder
                                lambda: clear_catalog_cache(window.statusBar())))
    file_menu.addSeparator()
    file_menu.addAction(close_window)
    file_menu.addAction(quit_)

    view_menu = menus[Menu.VIEW]
    find = _action(window, "&Filter Tests", handlers.focus_filter)
    find.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("Ctrl+L")])
    view_menu.addAction(find)

    help_menu = menus[Menu.HELP]
    about = _action(window, "&About recviewer", handlers.show_about)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addAction(about)
    for action in (open_folder, open_recording, reload, close_window, quit_, find, about):
        window.addAction(action)  # shortcuts work even with the menu bar hidden
    return WindowActions(open_folder, open_recording, reload, close_window, quit_, about, find,
                         recent_menu)

