"""Help ▸ Keyboard Shortcuts: every action of a window with its keys.

Generated from the window's actions each time it opens, so it cannot go out
of date: first the menus in menu-bar order (as "File ▸ Export…"), then any
other action of the window or its panels that has a shortcut (timeline,
diff...). Dynamic lists (Open Recent) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHeaderView, QLineEdit, QMainWindow, QMenu, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from recviewer.ui.menus import plain

OTHER = "Other"


@dataclass(slots=True, frozen=True)
class ShortcutRow:
    where: str      # "File", "View ▸ Zoom", or OTHER
    action: str     # text without mnemonics
    keys: str       # "Ctrl+O" or "Ctrl+=, Ctrl++" (native text), "" when none


def keys_text(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                     for k in action.shortcuts() if not k.isEmpty())


def _skip_menu(window: QMainWindow, menu: QMenu) -> bool:
    return menu is window.menu_actions.recent_menu  # paths, not actions


def _menu_rows(window: QMainWindow, menu: QMenu, where: str, seen: set[int],
               out: list[ShortcutRow]) -> None:
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        sub = action.menu()
        if isinstance(sub, QMenu):
            if not _skip_menu(window, sub):
                _menu_rows(window, sub, f"{where} \u25b8 {plain(sub.title())}", seen, out)
            continue
        if not action.text() or (not action.isEnabled() and not keys_text(action)):
            continue  # (a disabled entry without keys is a note, not an action)
        seen.add(id(action))
        out.append(ShortcutRow(where, plain(action.text()).rstrip(), keys_text(action)))


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Every menu action (with or without keys), then other actions with keys."""
    out: list[ShortcutRow] = []
    seen: set[int] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and top.isVisible():
            _menu_rows(window, menu, plain(menu.title()), seen, out)
    others = []
    for action in window.findChildren(QAction):
        if id(action) in seen or not action.text() or not keys_text(action):
            continue
        if any(isinstance(w, QMenu) for w in action.associatedObjects()):
            continue  # in a menu that is not the window's (a context menu): not listed
        seen.add(id(action))
        others.append(ShortcutRow(OTHER, plain(action.text()), keys_text(action)))
    out.extend(sorted(others, key=lambda r: r.action.lower()))
    return out


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(520, 560)
        self.rows = shortcut_rows(window)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter actions or keys")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Shortcut"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self._fill()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._apply_filter)

    def _fill(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for row in self.rows:
            group = groups.get(row.where)
            if group is None:
                group = QTreeWidgetItem(self.tree, [row.where, ""])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(True)
                groups[row.where] = group
            QTreeWidgetItem(group, [row.action, row.keys])
        self.tree.expandAll()

    def _apply_filter(self, text: str) -> None:
        words = text.lower().split()
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            shown = 0
            for c in range(group.childCount()):
                item = group.child(c)
                hay = f"{group.text(0)} {item.text(0)} {item.text(1)}".lower()
                hidden = not all(w in hay for w in words)
                item.setHidden(hidden)
                shown += not hidden
            group.setHidden(shown == 0)

    def text(self) -> str:
        """Plain text of the table (for tests): one "where: action — keys" per line."""
        return "\n".join(f"{r.where}: {r.action} \u2014 {r.keys}" for r in self.rows)


def show_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.setModal(False)
    dialog.show()
    return dialog


def install_shortcuts_action(window: QMainWindow, help_menu: QMenu) -> QAction:
    """Help ▸ Keyboard Shortcuts (Ctrl+?), first in ``help_menu``."""
    action = QAction("&Keyboard Shortcuts", window)
    action.setShortcuts([QKeySequence("Ctrl+?"), QKeySequence("Ctrl+/")])
    action.triggered.connect(lambda _c=False: show_shortcuts(window))
    first = help_menu.actions()[0] if help_menu.actions() else None
    if first is not None:
        help_menu.insertAction(first, action)
        help_menu.insertSeparator(first)
    else:
        help_menu.addAction(action)
    window.addAction(action)
    return action
