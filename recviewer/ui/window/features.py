"""The desktop habits of a main window, added in one call.

``install_desktop_features(window)`` gives a MainWindow: View ▸ Theme
(``appearance``), View ▸ Zoom (``zoom``), next/previous recording and full
screen (``navigation``), File ▸ Export… and Edit ▸ Copy as Markdown
(``exporter``), the tree's context menu (``tree_menu``) and Help ▸ Keyboard
Shortcuts. Each part lives in its own module; this one only wires them.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from recviewer.ui.appearance.theme_mode import Appearance
from recviewer.ui.window.export_actions import ExportActions
from recviewer.ui.appearance.markdown_toggle import MarkdownToggle
from recviewer.ui.window.menu_lookup import ensure_menu
from recviewer.ui.tree.navigation import Navigation
from recviewer.ui.window.shortcuts_dialog import show_shortcuts
from recviewer.ui.tree.context_menu import TreeContextMenu
from recviewer.ui.appearance.zoom import FontZoom


def install_desktop_features(window: QMainWindow) -> None:
    settings = window.settings
    view_menu = ensure_menu(window, "View", "&View")
    view_menu.addSeparator()
    window.appearance = Appearance(window, settings, view_menu)
    detail = window.detail
    window.zoom = FontZoom(window, settings, [detail.conversation.browser, detail.raw.editor],
                           view_menu)
    window.markdown_toggle = MarkdownToggle(window, settings, detail.conversation, view_menu)
    window.navigation = Navigation(window, window.tree.view, view_menu)
    window.exporter = ExportActions(window, settings)
    window.tree_menu = TreeContextMenu(window, window.tree.view)
    help_menu = ensure_menu(window, "Help", "&Help")
    shortcuts = QAction("&Keyboard Shortcuts", window)
    shortcuts.setShortcuts([QKeySequence("Ctrl+?"), QKeySequence("Ctrl+/")])
    shortcuts.triggered.connect(lambda _c=False: show_shortcuts(window))
    first = help_menu.actions()[0] if help_menu.actions() else None
    if first is not None:
        help_menu.insertAction(first, shortcuts)
        help_menu.insertSeparator(first)
    else:
        help_menu.addAction(shortcuts)
    window.addAction(shortcuts)
    window.shortcuts_action = shortcuts
