"""Menus, shortcuts, the Keyboard Shortcuts dialog, full screen, Alt+Up/Down."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence

from recviewer.ui.menus import Menu, plain
from recviewer.ui.tree.navigation import step_recording
from recviewer.ui.window.shortcuts_dialog import ShortcutsDialog, shortcut_rows
from recviewer.ui.tree.model import REF_ROLE
from tests.corpus_paths import SEED
from tests.support.desktop import (
    ROOT, activate, menu_actions, open_seed, proxy_index, visible_recordings,
)

# menu ▸ action → shortcuts, as Qt writes them (PortableText)
EXPECTED = {
    ("File", "Open Folder…"): ["Ctrl+O"],
    ("File", "Open Recording…"): ["Ctrl+Shift+O"],
    ("File", "Reload"): ["F5"],
    ("File", "Export…"): ["Ctrl+E"],
    ("File", "Close Window"): ["Ctrl+W"],
    ("File", "Quit"): ["Ctrl+Q"],
    ("Edit", "Copy as Markdown"): ["Ctrl+Shift+C"],
    ("View", "Filter Tests"): ["Ctrl+F", "Ctrl+L"],
    ("View", "Next Recording"): ["Alt+Down"],
    ("View", "Previous Recording"): ["Alt+Up"],
    ("View", "Full Screen"): ["F11"],  # first; the platform may add its own (Alt+Enter)
    ("View ▸ Zoom", "Zoom In"): ["Ctrl+=", "Ctrl++"],
    ("View ▸ Zoom", "Zoom Out"): ["Ctrl+-"],
    ("View ▸ Zoom", "Actual Size"): ["Ctrl+0"],
    ("Help", "Keyboard Shortcuts"): ["Ctrl+?", "Ctrl+/"],
}


def test_every_expected_action_is_in_its_menu_with_its_shortcut(window):
    actions = menu_actions(window)
    for (where, text), keys in EXPECTED.items():
        assert (where, text) in actions, f"{where} ▸ {text} missing"
        got = [k.toString() for k in actions[(where, text)].shortcuts()]
        assert got[:len(keys)] == keys and (len(got) == len(keys) or text == "Full Screen"), \
            (where, text, got)
    # shortcuts of menu actions also work with the menu bar hidden (full screen)
    window_actions = set(window.actions())
    for (where, text) in EXPECTED:
        if where != "Help":
            assert actions[(where, text)] in window_actions, text
    # no two actions of the window share a key
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        if action.shortcutContext() != Qt.ShortcutContext.WindowShortcut:
            continue
        for key in action.shortcuts():
            name = key.toString()
            assert seen.setdefault(name, action.text()) == action.text(), name


def test_theme_menu_is_exclusive_and_checkable(window):
    actions = menu_actions(window)
    theme = [actions[("View ▸ Theme", t)] for t in ("System", "Light", "Dark")]
    assert all(a.isCheckable() for a in theme)
    assert sum(a.isChecked() for a in theme) == 1
    assert actions[("View", "Full Screen")].isCheckable()


def test_shortcuts_dialog_is_generated_from_the_actions(qtbot, window):
    window.shortcuts_action.trigger()
    dialogs = [d for d in window.findChildren(ShortcutsDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    text = dialog.text()
    for (where, name), keys in EXPECTED.items():
        native = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
        assert f"{where}: {name} \u2014 {native}" in text
    # every action of every menu is listed (so the dialog cannot go out of date) ...
    listed = {(r.where, r.action) for r in dialog.rows}
    for key, action in menu_actions(window).items():
        if action.isEnabled() or action.shortcuts():
            if "Open Recent" not in key[0]:
                assert key in listed, key
    # ... including what other parts add, e.g. a compare action if the window has one
    compare = window.findChild(QAction, "compareAction")
    if compare is not None:
        assert any(r.keys == compare.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                   for r in dialog.rows)
    # a new action appears the next time without any change to the dialog
    extra = QAction("Frobnicate", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+J"))
    window.addAction(extra)
    assert any(r.action == "Frobnicate" for r in shortcut_rows(window))
    dialog.filter.setText("zoom")
    shown = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())
             if not dialog.tree.topLevelItem(i).isHidden()]
    assert [g.text(0) for g in shown] == ["View \u25b8 Zoom"]
    dialog.close()


def test_full_screen_toggles_the_window_state(qtbot, window):
    action = window.navigation.full_screen
    action.trigger()
    assert action.isChecked()
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    action.trigger()
    assert not action.isChecked()
    assert not window.windowState() & Qt.WindowState.WindowFullScreen


def test_alt_down_and_up_walk_recordings_across_groups(qtbot, window, open_and_wait):
    open_seed(qtbot, window, open_and_wait)
    order = [r.path for r in visible_recordings(window.tree.proxy)]
    at = order.index(str(SEED))
    assert at + 1 < len(order)
    activate(qtbot, window)
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        qtbot.keyClick(window.tree.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    current = window.tree.current_ref()
    assert current is not None and current.path == order[at + 1]
    assert window.detail.path == order[at + 1]
    # the next recording lives in another group (the seed is its group's last): crossed over
    assert proxy_index(window, order[at + 1]).parent() != proxy_index(window, SEED).parent()
    assert window.tree.view.isExpanded(proxy_index(window, order[at + 1]).parent())
    qtbot.keyClick(window.tree.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.tree.current_ref().path == str(SEED)


def test_navigation_skips_groups_respects_the_filter_and_stops_at_the_ends(
        qtbot, window, open_and_wait):
    open_and_wait(window, ROOT)
    proxy = window.tree.proxy
    first = step_recording(proxy, QModelIndex(), 1)
    assert first.data(REF_ROLE).path == visible_recordings(proxy)[0].path
    group = proxy.index(0, 0)
    assert group.data(REF_ROLE) is None
    assert step_recording(proxy, group, 1) == first  # from a group: its first recording
    window.tree.set_filter("knowledge")
    shown = [r.path for r in visible_recordings(proxy)]
    assert 1 < len(shown) < window.tree.model.recording_count()
    walked = []
    index = QModelIndex()
    while True:
        index = step_recording(proxy, index, 1)
        if not index.isValid():
            break
        walked.append(index.data(REF_ROLE).path)
    assert walked == shown  # every visible recording once, in order, no group rows
    last = proxy_index(window, shown[-1])
    assert not step_recording(proxy, last, 1).isValid()
    assert step_recording(proxy, last, -1).data(REF_ROLE).path == shown[-2]
    window.tree.view.setCurrentIndex(last)
    window.navigation.next_recording.trigger()  # at the end: stays
    assert window.tree.current_ref().path == shown[-1]
    window.navigation.previous_recording.trigger()
    assert window.tree.current_ref().path == shown[-2]


def test_edit_menu_sits_before_view_and_help_lists_shortcuts_before_about(window):
    titles = [plain(a.text()) for a in window.menuBar().actions()]
    assert titles.index("Edit") == titles.index("View") - 1 == 1
    help_menu = window.menus[Menu.HELP]
    texts = [plain(a.text()) for a in help_menu.actions() if not a.isSeparator()]
    assert texts[0] == "Keyboard Shortcuts" and "About recviewer" in texts


@pytest.mark.parametrize("needle", ["MIT", "PySide6", "Qt ", "Python ", "0."])
def test_about_names_version_licence_and_toolkit(needle):
    from recviewer.ui.window.about_box import about_text

    assert needle in about_text()


def test_tree_allows_multi_selection(window):
    from PySide6.QtWidgets import QAbstractItemView

    assert window.tree.view.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection


def test_status_bar_shows_folder_counts_errors_and_size(qtbot, window, open_and_wait, tmp_path):
    import shutil

    shutil.copy(SEED, tmp_path / "good.json")
    (tmp_path / "broken.json").write_bytes(SEED.read_bytes()[:200])
    open_and_wait(window, tmp_path)
    status = window.status
    assert status.folder.text() == str(tmp_path)
    assert status.counts.text() == "1 test · 1 recording · 1 unreadable"  # issue 12 item 3
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        window.select_recording(str(tmp_path / "good.json"))
    assert status.size.text().endswith("kB")
