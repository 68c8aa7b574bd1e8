"""View ▸ Render Markdown: assistant text as formatted Markdown, or exactly as sent.

Off shows every message's text with its whitespace kept, which is what an
engineer wants when a recording's spacing or escaping is the question. The
choice is kept in QSettings under ``view/markdown``.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

SETTING = "view/markdown"


def _as_bool(value: object, default: bool = True) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no", "off")
    return default


class MarkdownView(Protocol):
    """A view that renders message text as Markdown or exactly (ConversationView)."""

    def set_markdown(self, enabled: bool) -> None: ...


class MarkdownToggle(QObject):
    """Owns the checkable action and applies it to a conversation view."""

    def __init__(self, window: QWidget, settings: QSettings, view: MarkdownView,
                 menu: QMenu) -> None:
        super().__init__(window)
        self._settings = settings
        self._view = view
        self.action = QAction("Render &Markdown", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+M"))
        self.action.setToolTip("Off: show message text exactly as recorded, whitespace kept")
        self.action.setChecked(_as_bool(settings.value(SETTING, True)))
        self.action.toggled.connect(self._apply)
        menu.addAction(self.action)
        window.addAction(self.action)
        view.set_markdown(self.action.isChecked())

    def _apply(self, enabled: bool) -> None:
        self._view.set_markdown(enabled)
        self._settings.setValue(SETTING, enabled)
