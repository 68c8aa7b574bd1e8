"""The main window on the real corpus: scan, filter, select, errors, drop."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from recviewer.core.catalog.scan import scan
from recviewer.ui.tree.model import NAME, REF_ROLE
from tests.corpus_paths import CORPUS, SEED
from tests.support.desktop import visible_recordings

ROOT = CORPUS / "recordings"


@pytest.fixture(scope="module")
def catalog():
    return scan(ROOT)


def select_and_wait(qtbot, window, path) -> None:
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        assert window.select_recording(os.fspath(path)) is not None


def test_corpus_scan_fills_tree_and_status(qtbot, window, catalog, open_and_wait):
    result = open_and_wait(window, ROOT)
    assert result.count == len(catalog.refs) and not result.cancelled and result.error is None
    model = window.tree.model
    assert model.recording_count() == len(catalog.refs)
    assert model.error_count() == catalog.errors
    assert sorted(r.path for r in model.refs()) == sorted(r.path for r in catalog.refs)
    assert len(visible_recordings(window.tree.proxy)) == len(catalog.refs)
    assert window.status.counts.text().startswith(f"{catalog.tests} tests · {len(catalog.refs)} recordings")
    assert window.status.folder.text() == str(ROOT)
    assert not window.status.progress.isVisible() and not window.status.cancel.isVisible()
    assert "recordings" in window.windowTitle()


def test_filter_knowledge_then_seed_shows_tool_call_and_result(qtbot, window, open_and_wait):
    open_and_wait(window, ROOT)
    window.tree.set_filter("knowledge")
    shown = visible_recordings(window.tree.proxy)
    assert str(SEED) in {r.path for r in shown}
    assert len(shown) < window.tree.model.recording_count()
    seed_index = window.tree.proxy.mapFromSource(window.tree.model.index_for_path(str(SEED)))
    assert window.tree.view.isExpanded(seed_index.parent())  # the tree opens to matches
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        window.tree.view.setCurrentIndex(seed_index)
    text = window.detail.conversation.document_text()
    assert "knowledge_search" in text
    assert "US technical updates for Q2 2023" in text  # the tool result
    assert window.detail.raw.text().lstrip().startswith("{")
    assert window.status.size.text().endswith("kB")
    assert window.detail.recording is not None and window.detail.recording.path == str(SEED)
    window.tree.set_filter("")  # clearing the filter keeps the selection in view
    current = window.tree.view.currentIndex()
    assert current.data(REF_ROLE).path == str(SEED)
    assert window.tree.view.isExpanded(current.parent())


def test_broken_file_shows_its_error(qtbot, window, tmp_path, open_and_wait):
    data = SEED.read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_bytes(data[: len(data) // 2])
    shutil.copy(SEED, tmp_path / "good.json")
    before = broken.read_bytes()
    with qtbot.waitSignal(window.recording_shown, timeout=20000) as shown:
        open_and_wait(window, broken)
    assert shown.args == [str(broken)]
    assert window.tree.current_ref().path == str(broken)
    assert window.tree.model.recording_count() == 2
    assert window.tree.model.error_count() == 1
    index = window.tree.view.currentIndex().siblingAtColumn(NAME)
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert window.detail.error is not None
    assert window.detail.error.reason in window.detail.conversation.document_text()
    assert "JSON" in window.detail.error.reason
    assert broken.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == \
        ["broken.json", "good.json", "settings"]  # nothing written next to recordings



def test_a_file_too_large_to_open_says_so(qtbot, window, tmp_path, open_and_wait):
    from recviewer.core.load import MAX_FILE_BYTES

    huge = tmp_path / "huge.json"
    with open(huge, "wb") as fh:
        fh.write(b'{\n  "test_id": "tests/huge.py::t",\n')
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse after that: no disk space
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        open_and_wait(window, huge)
    assert window.tree.model.error_count() == 1
    assert window.detail.error is not None
    assert window.detail.error.reason.startswith("too large to open")
    assert "too large to open" in window.detail.conversation.document_text()
    assert window.detail.raw.text().startswith('{\n  "test_id": "tests/huge.py::t"')  # its start

def test_dropping_a_file_opens_it(qtbot, window, tmp_path):
    target = tmp_path / "rec.json"
    shutil.copy(SEED, target)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(target))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        window.dropEvent(event)
    assert event.isAccepted()
    assert window.root == str(tmp_path)
    assert window.detail.recording.path == str(target)
    not_json = QMimeData()
    not_json.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    assert not window.handle_drop(not_json)


def test_recent_paths_persist_and_clear(qtbot, make_window, settings, tmp_path, open_and_wait):
    from recviewer.ui.window.actions import fill_recent_menu

    first = make_window()
    (tmp_path / "a").mkdir()
    shutil.copy(SEED, tmp_path / "a" / "x.json")
    open_and_wait(first, tmp_path / "a")
    open_and_wait(first, tmp_path / "a" / "x.json")
    first.close()
    second = make_window(settings)
    assert second.recent.paths() == [str(tmp_path / "a" / "x.json"), str(tmp_path / "a")]
    assert second.recent.last_folder() == str(tmp_path / "a")
    menu = second.menu_actions.recent_menu
    fill_recent_menu(menu, second.recent, second.open_path)
    assert [a.data() for a in menu.actions() if a.data()] == second.recent.paths()
    clear = next(a for a in menu.actions() if a.text() == "Clear")
    clear.trigger()
    assert second.recent.paths() == []


def test_window_state_is_restored(qtbot, make_window, settings):
    first = make_window()
    first.resize(700, 500)  # the offscreen screen is 800x600: stay inside it
    first.splitter.setSizes([250, 440])
    first.show()
    sizes = first.splitter.sizes()
    first.close()
    second = make_window(settings)
    second.show()
    assert (second.width(), second.height()) == (700, 500)
    assert second.splitter.sizes() == sizes


def test_opening_another_folder_supersedes_the_scan(qtbot, window, tmp_path, catalog):
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(SEED, small / "only.json")
    window.scanner._batch_size = 5  # many batches from the big folder
    window.open_path(str(ROOT))
    with qtbot.waitSignal(window.scan_finished, timeout=20000) as done:
        window.open_path(str(small))
    assert done.args[0].root == str(small)
    assert window.workers.wait(20000)
    qtbot.wait(50)  # deliver anything the first scan still queued
    assert [r.path for r in window.tree.model.refs()] == [str(small / "only.json")]
    assert window.status.counts.text().startswith("1 test · 1 recording")


def test_cancel_stops_the_scan(qtbot, window, monkeypatch, tmp_path):
    import threading

    from recviewer.ui.window import scan_controller

    stopped = threading.Event()

    def slow_scan(root, *, batch_size=256, cancel=None, pool=None, cache=None):
        yield scan(ROOT).refs[:3]
        while not cancel():  # a scan that would go on for ever
            threading.Event().wait(0.005)
        stopped.set()
        return
        yield

    monkeypatch.setattr(scan_controller, "scan_iter", slow_scan)
    window.open_path(str(tmp_path))
    qtbot.waitUntil(lambda: window.tree.model.recording_count() == 3, timeout=20000)
    assert window.status.cancel.isVisible() and window.status.progress_text() == "Scanning… 3 found"
    with qtbot.waitSignal(window.scan_finished, timeout=20000) as done:
        qtbot.mouseClick(window.status.cancel, Qt.MouseButton.LeftButton)
    assert stopped.is_set() and done.args[0].cancelled
    assert window.tree.model.recording_count() == 3
    assert not window.status.cancel.isVisible()


def test_reload_keeps_the_selection_and_group_clears_detail(qtbot, window, tmp_path, open_and_wait):
    shutil.copy(SEED, tmp_path / "a.json")
    shutil.copy(SEED, tmp_path / "b.json")
    open_and_wait(window, tmp_path)
    select_and_wait(qtbot, window, tmp_path / "b.json")
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        window.menu_actions.reload.trigger()
    assert window.tree.current_ref().path == str(tmp_path / "b.json")
    window.tree.view.setCurrentIndex(window.tree.view.currentIndex().parent())
    assert window.detail.recording is None and window.status.size.text() == ""


def test_shortcuts_and_menus(qtbot, window):
    keys = {a.text(): [s.toString() for s in a.shortcuts()] for a in window.actions()}
    assert keys["Open &Folder…"] == ["Ctrl+O"]
    assert keys["Open &Recording…"] == ["Ctrl+Shift+O"]
    assert keys["Re&load"] == ["F5"] and keys["&Close Window"] == ["Ctrl+W"]
    assert keys["&Quit"] == ["Ctrl+Q"]
    assert keys["&Filter Tests"] == ["Ctrl+F", "Ctrl+L"]
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[0] == "&File" and menus[-1] == "&Help"  # others add menus between
    assert menus.index("&View") > 0 and menus.index("&Edit") == menus.index("&View") - 1
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.keyClick(window.tree.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.tree.filter_edit.hasFocus()
    assert window.tree.filter_edit.placeholderText() == "Filter tests, models, endpoints, files (Ctrl+F)"
    from recviewer.ui.window.about_box import about_text
    assert "MIT" in about_text() and "PySide6" in about_text()


def test_opening_a_missing_path_is_reported_not_raised(qtbot, window, tmp_path):
    assert not window.open_path(str(tmp_path / "missing"))
    assert "Not found" in window.statusBar().currentMessage()


def test_a_recording_whose_name_is_not_utf8_opens(qtbot, window, tmp_path, open_and_wait):
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9-odd.json")
    with open(raw, "wb") as fh:
        fh.write(SEED.read_bytes())
    path = os.fsdecode(raw)  # the OS name, with the undecodable byte kept
    with qtbot.waitSignal(window.recording_shown, timeout=20000) as shown:
        open_and_wait(window, path)
    assert shown.args == [path]  # the exact name came through the signal
    assert window.tree.current_ref().path == path and window.detail.error is None
    assert window.detail.recording.chunk_count == 62
    assert "caf\ufffd-odd.json" in window.detail.conversation.header.text()
    assert not any("caf" in p for p in window.recent.paths())  # settings hold text only
