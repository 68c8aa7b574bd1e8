"""Helpers shared by the window-level UI tests (tests/ui/*/): opening the seed,
tree indexes, palettes, a stand-in save dialog."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from recviewer.ui.menus import plain
from recviewer.ui.tree.model import NAME, REF_ROLE
from tests.corpus_paths import CORPUS, SEED

ROOT = CORPUS / "recordings"


@pytest.fixture
def restore_palette(qapp):
    """Put the platform palette back after a test that switches themes."""
    yield
    QApplication.setPalette(QPalette())


def visible_recordings(model, parent=QModelIndex()) -> list:
    """Recording refs of a (proxy) model in display order, depth first."""
    out = []
    for r in range(model.rowCount(parent)):
        index = model.index(r, NAME, parent)
        ref = index.data(REF_ROLE)
        out.extend([ref] if ref is not None else visible_recordings(model, index))
    return out


def proxy_index(window, path) -> QModelIndex:
    tree = window.tree
    return tree.proxy.mapFromSource(tree.model.index_for_path(os.fspath(path)))


def open_seed(qtbot, window, open_and_wait, root=ROOT, seed=SEED) -> None:
    """Scan ``root`` and show the seed recording."""
    open_and_wait(window, root)
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        assert window.select_recording(os.fspath(seed)) is not None


def activate(qtbot, window) -> None:
    """Make the window active, so that its shortcuts fire on key presses."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)


SEED_ID = ("tests/integration/responses/test_file_search.py::"
           "test_response_file_search_filter_by_region[openai_client-txt=openai/gpt-4o]")


class FakeSaveDialog:
    """Stands in for QFileDialog.getSaveFileName: records the call, answers ``path``."""

    def __init__(self, path: str, chosen_filter: str = "Markdown (*.md)") -> None:
        self.path, self.filter = path, chosen_filter
        self.calls: list[tuple] = []

    def __call__(self, parent, caption, folder, filters, selected=""):
        self.calls.append((caption, folder, filters, selected))
        return self.path, self.filter


def menu_actions(window) -> dict[tuple[str, str], QAction]:
    """Every menu-bar action with text, keyed by (menu path, plain text)."""
    out: dict[tuple[str, str], QAction] = {}

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{where} \u25b8 {plain(action.menu().title())}")
            elif action.text():
                out[(where, plain(action.text()))] = action

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), plain(top.menu().title()))
    return out
