"""RevisionBar: the window shows read-only history ("at 3f2a9c1 · 2026-03-02 · subject").

A tinted tool bar across the top of the main window while a git revision is
on screen, with "Back to the Working Tree". Its colours come from the
application palette (light and dark), re-read when the theme changes (``follow``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QToolBar, QToolButton, QWidget

from recviewer.core.catalog.walk import display_text
from recviewer.core.sources.git import CommitInfo
from recviewer.ui.appearance.follow import follow
from recviewer.ui.history.commit_model import safe_tip

BACK_TEXT = "Back to the Working Tree"


def revision_text(short: str, commit: CommitInfo | None, rev: str | None = None) -> str:
    """``at 3f2a9c1d0e · 2026-03-02 · subject`` (plain text; the rev typed, when a name)."""
    parts = [f"at {short}"]
    if rev and not short.startswith(rev) and not rev.startswith(short):
        parts[0] += f" ({display_text(rev)})"
    if commit is not None:
        parts.append(commit.date[:10])
        if commit.subject:
            parts.append(display_text(commit.subject))
    return " \u00b7 ".join(parts)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * t),
                  round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


class RevisionBar(QToolBar):
    def __init__(self, back: QAction, parent: QWidget | None = None) -> None:
        super().__init__("Revision", parent)
        self.setObjectName("revisionBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not a tool bar the user hides
        self.badge = QLabel("READ-ONLY HISTORY", self)
        self.badge.setObjectName("revisionBadge")
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.text.setMinimumWidth(80)
        self.addWidget(self.badge)
        self.addWidget(self.text)
        self.back_button = QToolButton(self)
        self.back_button.setDefaultAction(back)
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addWidget(self.back_button)
        self._full = ""
        self._follow = follow(self, on_theme=lambda _theme: self._restyle())  # View ▸ Theme
        self._restyle()
        self.hide()

    def show_revision(self, text: str, tooltip: str = "") -> None:
        self._full = text
        self.text.setToolTip(safe_tip(tooltip or text))
        self._elide()
        self.show()

    def label_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(80, self.text.width())
        self.text.setText(self.text.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, width))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()

    def _restyle(self) -> None:
        pal = QApplication.palette()  # not ours: the style sheet tints our own
        base = pal.color(QPalette.ColorRole.Window)
        accent = QColor("#c98a00")  # amber: "you are looking at the past"
        dark = base.lightnessF() < 0.5
        back = _mix(base, accent, 0.28 if dark else 0.22)
        text = pal.color(QPalette.ColorRole.WindowText)
        badge_bg = _mix(base, accent, 0.75 if dark else 0.9)
        badge_fg = QColor("#1b1400")
        sheet = (
            f"QToolBar#revisionBar {{ background: {back.name()}; border: none;"
            f" border-bottom: 1px solid {accent.name()}; padding: 2px 6px; spacing: 8px; }}"
            f" QToolBar#revisionBar QLabel {{ color: {text.name()}; }}"
            f" QLabel#revisionBadge {{ background: {badge_bg.name()}; color: {badge_fg.name()};"
            f" border-radius: 3px; padding: 1px 6px; font-weight: bold; }}")
        if sheet != self.styleSheet():  # (a style sheet change must not loop back here)
            self.setStyleSheet(sheet)
