"""File-system faults in the window: clear messages, never a traceback.

- a recording deleted after the scan, then selected: "file not found (deleted
  or moved?)" in the conversation;
- the opened folder removed from under the window: a status bar message, the
  tree keeps what it shows and keeps working; it comes back when the folder does;
- file and folder names that are not UTF-8: shown with U+FFFD, and they open.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.ui.tree.model import FILE, NAME, REF_ROLE
from tests.corpus_paths import RECORDINGS, SEED

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal
WAIT = 15000
NOT_FOUND = "file not found (deleted or moved?)"


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "recs"
    for suite in ("messages", "telemetry"):
        dest = root / suite
        dest.mkdir(parents=True)
        for f in sorted((RECORDINGS / suite / "recordings").glob("*.json"))[:4]:
            shutil.copy2(f, dest / f.name)
    return root


def show(qtbot, window, path: str) -> None:
    with qtbot.waitSignal(window.recording_shown, timeout=WAIT):
        assert window.tree.select_path(path)


def visible_names(proxy, parent=QModelIndex()) -> list[str]:
    out = []
    for r in range(proxy.rowCount(parent)):
        index = proxy.index(r, NAME, parent)
        out.append(index.data())
        out.append(index.siblingAtColumn(FILE).data())  # a recording's name cell is its gist
        out += visible_names(proxy, index)
    return out


def assert_clear_error(window, *words: str) -> None:
    text = window.detail.conversation.document_text()
    for word in words:
        assert word in text, text[:500]
    assert "Traceback" not in text and "Error:" not in text.split("\n", 1)[0]
    assert window.detail.recording is None and window.detail.error is not None


def test_file_deleted_after_the_scan_says_not_found(qtbot, window, folder, open_and_wait):
    window.live.set_enabled(False)  # nothing removes the row: the user meets the gap
    open_and_wait(window, folder)
    victim = sorted((folder / "messages").glob("*.json"))[0]
    victim.unlink()
    show(qtbot, window, str(victim))
    assert_clear_error(window, NOT_FOUND)
    assert window.detail.raw.text() == ""
    # the next recording still opens normally
    other = sorted((folder / "telemetry").glob("*.json"))[0]
    show(qtbot, window, str(other))
    assert window.detail.recording is not None


def test_open_folder_removed_then_restored(qtbot, window, folder, open_and_wait, tmp_path):
    keep = [QAbstractItemModelTester(window.tree.model, FATAL)]
    result = open_and_wait(window, folder)
    watch = window.live.watch
    watch.set_intervals(50, 100)
    qtbot.waitUntil(lambda: watch.has_baseline and watch.mode == "watch", timeout=WAIT)
    first = sorted((folder / "messages").glob("*.json"))[0]
    show(qtbot, window, str(first))
    saved = tmp_path / "saved"
    shutil.move(folder, saved)  # the folder vanishes from where it was opened

    bar = window.status.bar
    qtbot.waitUntil(lambda: "removed from disk" in bar.currentMessage(), timeout=WAIT)
    assert str(folder) in bar.currentMessage()
    model = window.tree.model
    assert model.recording_count() == result.count  # what was loaded stays listed
    assert window.detail.recording is not None  # and on screen
    assert watch.mode == "poll"  # waiting for it to come back
    window.tree.set_filter("telemetry")  # the tree keeps working
    assert any("telemetry" in (n or "") for n in visible_names(window.tree.proxy))
    window.tree.set_filter("")
    other = sorted((saved / "telemetry").glob("*.json"))[0]
    show(qtbot, window, str(folder / "telemetry" / other.name))
    assert_clear_error(window, NOT_FOUND)

    shutil.copy2(SEED, saved / "messages" / "while-away.json")
    shutil.move(saved, folder)  # back, with one more recording
    qtbot.waitUntil(lambda: model.contains(str(folder / "messages" / "while-away.json")),
                    timeout=WAIT)
    assert model.recording_count() == result.count + 1
    qtbot.waitUntil(lambda: watch.mode == "watch", timeout=WAIT)
    assert keep


def test_reload_of_a_removed_folder_reports_and_the_window_recovers(qtbot, window, folder,
                                                                    open_and_wait):
    open_and_wait(window, folder)
    shutil.rmtree(folder)
    with qtbot.waitSignal(window.scan_finished, timeout=WAIT) as blocker:
        window.reload()
    assert blocker.args[0].error and "not a folder" in blocker.args[0].error
    assert "Scan failed" in window.status.bar.currentMessage()
    assert window.live.watch.mode == "off"
    again = folder.parent / "again"
    again.mkdir()
    shutil.copy2(SEED, again / "seed.json")
    result = open_and_wait(window, again)
    assert result.count == 1
    show(qtbot, window, str(again / "seed.json"))
    assert window.detail.recording is not None


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs byte file names")
def test_names_that_are_not_utf8_show_replacement_characters_and_open(qtbot, window, tmp_path,
                                                                      open_and_wait):
    keep = [QAbstractItemModelTester(window.tree.model, FATAL)]
    root = os.fsencode(tmp_path / "odd")
    os.mkdir(root)
    bad_file = os.path.join(root, b"bad-\xff\xfe.json")
    bad_folder = os.path.join(root, b"dir-\xe9")
    os.mkdir(bad_folder)
    shutil.copyfile(SEED, bad_file)
    shutil.copyfile(SEED, os.path.join(bad_folder, b"inner.json"))
    shutil.copyfile(SEED, os.path.join(root, b"fine.json"))
    result = open_and_wait(window, os.fsdecode(root))
    assert result.count == 3
    model = window.tree.model
    odd = [r for r in model.refs() if not r.rel_path.startswith("fine")]
    assert len(odd) == 2 and all("\ufffd" in r.rel_path for r in odd)
    window.tree.view.expandAll()
    names = visible_names(window.tree.proxy)
    assert any("\ufffd" in (n or "") for n in names)
    window.tree.view.grab()  # paints every name (and tooltip text is plain str)
    for ref in odd:
        show(qtbot, window, ref.path)
        assert window.detail.recording is not None, window.detail.error
        assert "knowledge_search" in window.detail.conversation.document_text()
        assert window.detail.raw.text().startswith("{")
    # one more arrives while the folder is watched
    watch = window.live.watch
    qtbot.waitUntil(lambda: watch.has_baseline and watch.mode == "watch", timeout=WAIT)
    shutil.copyfile(SEED, os.path.join(root, b"new-\xfa.json"))
    qtbot.waitUntil(lambda: model.recording_count() == 4, timeout=WAIT)
    new = [r for r in model.refs() if r.rel_path.startswith("new-")]
    assert new and "\ufffd" in new[0].rel_path
    show(qtbot, window, new[0].path)
    assert window.detail.recording is not None
    index = model.index_for_path(new[0].path)
    assert index.data(REF_ROLE) == new[0]
    assert keep
