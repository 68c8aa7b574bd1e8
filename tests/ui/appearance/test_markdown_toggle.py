"""View ▸ Render Markdown switches the conversation between rendered and exact text."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from recviewer.ui.window.main_window import MainWindow
from tests.corpus_paths import LARGEST


def _window(qtbot, path) -> MainWindow:
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    return win


def test_toggle_shows_exact_text_and_persists(qtbot, tmp_path):
    ini = tmp_path / "s.ini"
    win = _window(qtbot, ini)
    action = win.markdown_toggle.action
    assert action.isChecked() and action.shortcut().toString() == "Ctrl+M"
    win.open_file(str(LARGEST))
    qtbot.waitUntil(lambda: "Python Fundamentals" in win.detail.conversation.document_text(),
                    timeout=15000)
    rendered = win.detail.conversation.document_text()
    assert "### **1. Python Fundamentals**" not in rendered  # markers consumed
    action.setChecked(False)
    raw = win.detail.conversation.document_text()
    assert "### **1. Python Fundamentals**" in raw and not win.detail.conversation.markdown()
    win.close()
    again = _window(qtbot, ini)
    assert not again.markdown_toggle.action.isChecked()
    assert not again.detail.conversation.markdown()
