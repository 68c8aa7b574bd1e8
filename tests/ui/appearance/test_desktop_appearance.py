"""View ▸ Theme (system / light / dark) and View ▸ Zoom, persisted in QSettings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from recviewer.ui.appearance.theme_mode import SETTING, load_mode, system_wants_dark
from recviewer.ui.appearance.palettes import is_dark, palette_for
from recviewer.ui.appearance.view_colours import DARK, LIGHT
from recviewer.ui.appearance.zoom import MAX_STEP, MIN_STEP, clamp_step
from tests.support.desktop import activate, open_seed, restore_palette  # noqa: F401

pytestmark = pytest.mark.usefixtures("restore_palette")


def window_lightness() -> int:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness()


def test_dark_and_light_switch_the_application_palette_and_the_views(
        qtbot, window, open_and_wait):
    open_seed(qtbot, window, open_and_wait)
    conversation, raw = window.detail.conversation, window.detail.raw
    window.appearance.actions["dark"].trigger()
    assert window_lightness() < 100
    assert conversation.theme() is DARK
    assert DARK.page in conversation.browser.toHtml()
    assert raw.highlighter._style == DARK.pygments_style  # syntax colours follow
    assert "knowledge_search" in conversation.document_text()  # re-rendered, same content
    window.appearance.actions["light"].trigger()
    assert window_lightness() > 200
    assert conversation.theme() is LIGHT
    assert raw.highlighter._style == LIGHT.pygments_style
    assert window.appearance.actions["light"].isChecked()
    assert not window.appearance.actions["dark"].isChecked()


def test_system_follows_the_platform_palette(qtbot, window):
    platform = QApplication.style().standardPalette()
    window.appearance.set_mode("dark")
    assert window_lightness() < 100
    window.appearance.set_mode("system")
    # offscreen reports no colour scheme: the platform's own (light) palette is back
    assert QApplication.styleHints().colorScheme() != Qt.ColorScheme.Dark
    assert QApplication.palette().color(QPalette.ColorRole.Window) == \
        platform.color(QPalette.ColorRole.Window)
    assert window.detail.conversation.theme() is LIGHT


def test_system_scheme_decides_when_the_platform_knows():
    light, dark = palette_for(False), palette_for(True)
    assert system_wants_dark(Qt.ColorScheme.Dark, light)
    assert not system_wants_dark(Qt.ColorScheme.Light, dark)
    assert system_wants_dark(Qt.ColorScheme.Unknown, dark)
    assert not system_wants_dark(Qt.ColorScheme.Unknown, light)


def test_palettes_are_readable():
    for dark in (False, True):
        pal = palette_for(dark)
        assert is_dark(pal) == dark
        for bg, fg in ((QPalette.ColorRole.Base, QPalette.ColorRole.Text),
                       (QPalette.ColorRole.Window, QPalette.ColorRole.WindowText),
                       (QPalette.ColorRole.Button, QPalette.ColorRole.ButtonText),
                       (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText)):
            gap = abs(pal.color(bg).lightness() - pal.color(fg).lightness())
            assert gap > 120, (dark, bg, fg, gap)


def test_theme_choice_persists_for_the_next_window(qtbot, make_window, settings):
    first = make_window()
    first.appearance.set_mode("dark")
    settings.sync()
    assert load_mode(settings) == "dark" and settings.value(SETTING) == "dark"
    second = make_window(settings)
    assert second.appearance.mode == "dark"
    assert second.appearance.actions["dark"].isChecked()
    assert second.detail.conversation.theme() is DARK
    second.appearance.set_mode("light")  # one application palette: every window follows
    assert first.appearance.actions["light"].isChecked()
    assert first.detail.conversation.theme() is LIGHT


def test_bad_stored_theme_falls_back_to_system(make_window, settings):
    settings.setValue(SETTING, "purple")
    assert make_window().appearance.mode == "system"


def test_zoom_changes_font_sizes_and_persists(qtbot, make_window, settings):
    window = make_window()
    browser, editor = window.detail.conversation.browser, window.detail.raw.editor
    base_prose, base_code = browser.font().pointSizeF(), editor.font().pointSizeF()
    window.zoom.zoom_in.trigger()
    window.zoom.zoom_in.trigger()
    assert browser.font().pointSizeF() == base_prose + 2
    assert editor.font().pointSizeF() == base_code + 2
    assert editor.document().defaultFont().pointSizeF() == base_code + 2
    window.zoom.zoom_out.trigger()
    assert browser.font().pointSizeF() == base_prose + 1
    settings.sync()
    again = make_window(settings)
    assert again.detail.conversation.browser.font().pointSizeF() == base_prose + 1
    assert again.detail.raw.editor.font().pointSizeF() == base_code + 1
    again.zoom.reset.trigger()
    assert again.detail.conversation.browser.font().pointSizeF() == base_prose
    assert not again.zoom.reset.isEnabled()


def test_zoom_keys(qtbot, window):
    browser = window.detail.conversation.browser
    base = browser.font().pointSizeF()
    activate(qtbot, window)
    qtbot.keyClick(window.tree.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert browser.font().pointSizeF() == base + 1
    qtbot.keyClick(window.tree.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.tree.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert browser.font().pointSizeF() == base - 1
    qtbot.keyClick(window.tree.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert browser.font().pointSizeF() == base


def test_zoom_steps_are_bounded():
    assert clamp_step(10_000) == MAX_STEP and clamp_step(-10_000) == MIN_STEP
    assert clamp_step("3") == 3 and clamp_step("junk") == 0 and clamp_step(None) == 0


def test_system_mode_reacts_to_the_desktop_switching_to_dark(qtbot, window, monkeypatch):
    from recviewer.ui.appearance import theme_mode as appearance

    assert window.appearance.mode == "system"
    assert window.detail.conversation.theme() is LIGHT
    # offscreen Qt cannot change its colour scheme: stand in for the desktop
    monkeypatch.setattr(appearance, "system_scheme", lambda: Qt.ColorScheme.Dark)
    QApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window_lightness() < 100  # a light-only platform palette: ours, dark
    assert window.detail.conversation.theme() is DARK
    monkeypatch.setattr(appearance, "system_scheme", lambda: Qt.ColorScheme.Light)
    QApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window_lightness() > 200 and window.detail.conversation.theme() is LIGHT
    window.appearance.set_mode("light")  # an explicit choice ignores the desktop
    monkeypatch.setattr(appearance, "system_scheme", lambda: Qt.ColorScheme.Dark)
    QApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window_lightness() > 200 and window.detail.conversation.theme() is LIGHT
