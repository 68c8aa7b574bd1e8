"""Window shortcuts keep working while the filter box has the focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from recviewer.ui.tree.filter_keys import WindowKeys

CTRL = Qt.KeyboardModifier.ControlModifier


class ClaimsEverything(QLineEdit):
    """A field that claims every key, as QLineEdit does with Ctrl+E/Ctrl+D
    under Linux desktop key bindings (the offscreen platform has none)."""

    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return super().event(event)


def _override(widget, key, modifiers=CTRL) -> bool:
    """Whether ``widget`` claims the key (the shortcut would not fire)."""
    event = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
    event.ignore()
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


@pytest.fixture
def field(qtbot):
    edit = ClaimsEverything()
    qtbot.addWidget(edit)
    return edit


def test_without_the_filter_the_field_claims_export(field):
    assert _override(field, Qt.Key.Key_E)


def test_window_keys_are_handed_back(field):
    field.installEventFilter(WindowKeys(field))
    for key in (Qt.Key.Key_E, Qt.Key.Key_D, Qt.Key.Key_M, Qt.Key.Key_F):
        assert not _override(field, key)
    assert not _override(field, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)


def test_editing_keys_stay_with_the_field(field):
    field.installEventFilter(WindowKeys(field))
    for key in (Qt.Key.Key_A, Qt.Key.Key_C, Qt.Key.Key_V, Qt.Key.Key_X, Qt.Key.Key_Z):
        assert _override(field, key)
    assert _override(field, Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier)


def test_ctrl_e_in_the_filter_box_reaches_export(window, qtbot):
    export = next(a for a in window.findChildren(QAction) if a.shortcut().toString() == "Ctrl+E")
    export.triggered.disconnect()  # no dialog: only see that it fires
    fired = []
    export.triggered.connect(lambda *_: fired.append(1))
    window.tree.filter_edit.setFocus()
    qtbot.waitUntil(window.tree.filter_edit.hasFocus, timeout=2000)
    qtbot.keyClick(window.tree.filter_edit, Qt.Key.Key_E, CTRL)
    assert fired == [1]
    assert window.tree.filter_edit.text() == ""
