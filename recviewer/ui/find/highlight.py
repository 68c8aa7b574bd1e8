"""Open a recording with search terms highlighted (what a search panel calls).

``highlight_in(pane, terms)`` finds ``terms`` (any of them, case-insensitive)
in the detail pane's current tab — the conversation or the raw JSON — once
the recording being loaded is on screen (at once when it already is): the find
bar opens on them, every match is highlighted and the first is scrolled to.
``DetailPane.highlight(terms)`` is the same, as a method.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTabWidget

from recviewer.ui.find.bar import find_bar_for


class _Pane(Protocol):
    shown: Signal
    tabs: QTabWidget

    @property
    def loading(self) -> bool: ...


class _Once(QObject):
    """Applies the terms on the pane's next ``shown`` (a newer call replaces it)."""

    def __init__(self, pane: QObject, terms: list[str]) -> None:
        super().__init__(pane)
        self.setObjectName("pendingHighlight")
        self._pane, self._terms = pane, terms
        self.waiting = True
        pane.shown.connect(self._fire)  # type: ignore[attr-defined]

    def cancel(self) -> None:
        if self.waiting:
            self.waiting = False
            self._pane.shown.disconnect(self._fire)  # type: ignore[attr-defined]
        self.deleteLater()

    def _fire(self, *_: object) -> None:
        if not self.waiting:
            return
        self.cancel()
        apply_terms(self._pane, self._terms)  # type: ignore[arg-type]


def apply_terms(pane: _Pane, terms: list[str]) -> int:
    """Highlight ``terms`` in the current tab now; the number of matches."""
    bar = find_bar_for(pane.tabs.currentWidget())
    return bar.find_terms(list(terms)) if bar is not None else 0


def highlight_in(pane: _Pane, terms: list[str]) -> None:
    for old in pane.findChildren(_Once, "pendingHighlight"):  # type: ignore[attr-defined]
        old.cancel()
    if pane.loading:
        _Once(pane, list(terms))  # type: ignore[arg-type]
    else:
        apply_terms(pane, terms)
