"""The test tree's right-click menu, on the real corpus."""

from __future__ import annotations

import os

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog

from recviewer.ui.tree import context_menu as tcm
from recviewer.ui.menus import plain
from recviewer.ui.tree.selection import group_test_id, safe_file_name
from tests.corpus_paths import SEED
from tests.support.desktop import open_seed, proxy_index, visible_recordings
from tests.support.desktop import SEED_ID, FakeSaveDialog

GROUP_ENTRIES = [tcm.COPY_TEST_ID, tcm.EXPORT, tcm.EXPAND_ALL, tcm.COLLAPSE_ALL]


def entries(menu) -> dict[str, object]:
    return {plain(a.text()): a for a in menu.actions() if not a.isSeparator()}


def test_recording_row_menu(qtbot, window, open_and_wait, monkeypatch):
    open_seed(qtbot, window, open_and_wait)
    menu = window.tree_menu.build_menu(proxy_index(window, SEED))
    found = entries(menu)
    expected = [tcm.COPY_TEST_ID, tcm.COPY_PATH, tcm.REVEAL, tcm.OPEN_EDITOR, tcm.EXPORT]
    if callable(getattr(window, "compare_with_dialog", None)):
        expected.insert(4, tcm.COMPARE)
    if getattr(window, "history", None) is not None:  # ui/history: the row's git history
        expected.insert(expected.index(tcm.EXPORT), tcm.HISTORY)
    assert list(found) == expected
    QApplication.clipboard().clear()
    found[tcm.COPY_TEST_ID].trigger()
    assert QApplication.clipboard().text() == SEED_ID
    found[tcm.COPY_PATH].trigger()
    assert QApplication.clipboard().text() == str(SEED)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    found[tcm.REVEAL].trigger()
    found[tcm.OPEN_EDITOR].trigger()
    assert [u.toLocalFile() for u in opened] == [os.path.dirname(str(SEED)), str(SEED)]


def test_compare_with_calls_the_window(qtbot, window, open_and_wait, monkeypatch):
    open_seed(qtbot, window, open_and_wait)
    asked: list[str] = []
    monkeypatch.setattr(window, "compare_with_dialog", lambda path=None: asked.append(path),
                        raising=False)
    menu = window.tree_menu.build_menu(proxy_index(window, SEED))
    entries(menu)[tcm.COMPARE].trigger()
    assert asked == [str(SEED)]


def test_group_rows_copy_their_prefix_export_and_expand(qtbot, window, open_and_wait,
                                                       tmp_path, monkeypatch):
    open_seed(qtbot, window, open_and_wait)
    from recviewer.ui.workers import STORY_LANE  # story order moves rows: wait until it is in
    qtbot.waitUntil(lambda: not window.workers.busy(STORY_LANE), timeout=60000)
    params = proxy_index(window, SEED).parent()
    function = params.parent()
    file_group = function.parent()
    for index, expected in ((params, SEED_ID),
                            (function, SEED_ID.split("[")[0]),
                            (file_group, SEED_ID.split("::")[0])):
        found = entries(window.tree_menu.build_menu(index))
        assert list(found) == GROUP_ENTRIES
        found[tcm.COPY_TEST_ID].trigger()
        assert QApplication.clipboard().text() == expected
    view = window.tree.view
    view.collapseAll()
    entries(window.tree_menu.build_menu(function))[tcm.EXPAND_ALL].trigger()
    assert view.isExpanded(function) and view.isExpanded(params)
    entries(window.tree_menu.build_menu(function))[tcm.COLLAPSE_ALL].trigger()
    assert not view.isExpanded(function) and not view.isExpanded(params)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", FakeSaveDialog(str(tmp_path / "g.md")))
    with qtbot.waitSignal(window.exporter.exported, timeout=30000) as blocker:
        entries(window.tree_menu.build_menu(params))[tcm.EXPORT].trigger()
    assert blocker.args[0].count == len(visible_recordings(window.tree.proxy, params)) == 2


def test_no_test_id_group_copies_its_folder():
    assert group_test_id(("(no test id)", "tests/x/recordings")) == "tests/x/recordings"
    assert group_test_id(("a.py", "TestC::f", "p-1")) == "a.py::TestC::f[p-1]"
    assert safe_file_name("a/b c::d?") == "a_b_c_d" and safe_file_name("///") == "recordings"
