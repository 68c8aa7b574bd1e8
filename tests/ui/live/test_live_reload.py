"""Live reload in the window: files added, changed and deleted on disk show up in
the tree in place (selection kept), and the open recording offers Reload.

Every test works on a temporary copy of real corpus files, with
QAbstractItemModelTester (fatal) on the tree model and its filter proxy.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.ui.live.folder_watch import POLL, WATCH
from recviewer.ui.live.reload import SETTING
from recviewer.ui.tree.live_model import CHANGED, DELETED, MARK_ROLE, NEW
from recviewer.ui.menus import Menu
from tests.corpus_paths import RECORDINGS, SEED

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal
MESSAGES = RECORDINGS / "messages/recordings"
TELEMETRY = RECORDINGS / "telemetry/recordings"
INFERENCE = RECORDINGS / "inference/recordings"
WAIT = 15000


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of real recordings in three suites (~40 files: the tree scrolls)."""
    root = tmp_path / "recs"
    for src in (MESSAGES, TELEMETRY, INFERENCE):
        dest = root / src.parent.name / "recordings"
        dest.mkdir(parents=True)
        for f in sorted(src.glob("*.json")):
            shutil.copy2(f, dest / f.name)
    shutil.copy2(SEED, root / "messages/recordings" / "seed.json")
    return root


def model_testers(window) -> list[QAbstractItemModelTester]:
    return [QAbstractItemModelTester(window.tree.model, FATAL),
            QAbstractItemModelTester(window.tree.proxy, FATAL)]


def open_live(qtbot, window, folder, open_and_wait, mode: str = WATCH):
    result = open_and_wait(window, folder)
    assert result.error is None and not result.cancelled
    watch = window.live.watch
    qtbot.waitUntil(lambda: watch.has_baseline and watch.mode == mode, timeout=WAIT)
    return result


def select(qtbot, window, path: Path) -> None:
    with qtbot.waitSignal(window.recording_shown, timeout=WAIT):
        assert window.tree.select_path(str(path))


def edit_in_place(path: Path, marker: str) -> None:
    """Write a marker into the first "content" string, in place (no rename)."""
    data = path.read_bytes()
    needle = b'"content": "'
    at = data.index(needle) + len(needle)
    with open(path, "r+b") as fh:  # same inode: only a file watch (or polling) sees it
        fh.write(data[:at] + marker.encode() + b" " + data[at:])


def mark(window, path) -> str | None:
    return window.tree.model.index_for_path(str(path)).data(MARK_ROLE)


def test_added_file_appears_marked_new_and_selection_stays(qtbot, window, folder, open_and_wait):
    keep = model_testers(window)
    result = open_live(qtbot, window, folder, open_and_wait)
    selected = folder / "messages/recordings/seed.json"
    select(qtbot, window, selected)
    bar = window.tree.view.verticalScrollBar()
    scroll = bar.value()
    new = folder / "telemetry/recordings/added-later.json"
    shutil.copy2(SEED, new)
    model = window.tree.model
    qtbot.waitUntil(lambda: model.contains(str(new)), timeout=WAIT)
    assert model.recording_count() == result.count + 1
    assert mark(window, new) == NEW
    index = model.index_for_path(str(new))
    assert "new on disk" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert window.tree.current_ref().path == str(selected)
    assert window.detail.path == str(selected)
    assert bar.value() == scroll
    assert "1 new" in window.status.bar.currentMessage()
    assert f"{result.count + 1} recordings" in window.status.counts.text()
    assert window.live.bar_text() == ""  # the open recording did not change
    assert keep


def test_changed_open_recording_offers_reload(qtbot, window, folder, open_and_wait):
    keep = model_testers(window)
    open_live(qtbot, window, folder, open_and_wait)
    target = folder / "messages/recordings/seed.json"
    select(qtbot, window, target)
    before = window.detail.conversation.document_text()
    edit_in_place(target, "MARKER-CHANGED-ON-DISK")
    qtbot.waitUntil(lambda: mark(window, target) == CHANGED, timeout=WAIT)
    bars = window.live.bars
    assert all(b.kind == "changed" for b in bars)
    assert "changed on disk" in window.live.bar_text()
    assert bars[0].isVisibleTo(window.detail.conversation)
    assert bars[0].reload_button.isVisibleTo(bars[0])
    tooltip = window.tree.model.index_for_path(str(target)).data(Qt.ItemDataRole.ToolTipRole)
    assert "changed on disk at " in tooltip
    # what was loaded stays until the user asks for the new content
    assert window.detail.conversation.document_text() == before
    assert window.tree.current_ref().size == target.stat().st_size  # the row was re-read
    with qtbot.waitSignal(window.recording_shown, timeout=WAIT):
        qtbot.mouseClick(bars[0].reload_button, Qt.MouseButton.LeftButton)
    assert "MARKER-CHANGED-ON-DISK" in window.detail.conversation.document_text()
    assert "MARKER-CHANGED-ON-DISK" in window.detail.raw.text()
    assert all(b.kind is None for b in bars)
    assert keep


def test_changed_other_recording_is_marked_without_bar(qtbot, window, folder, open_and_wait):
    keep = model_testers(window)
    open_live(qtbot, window, folder, open_and_wait)
    shown = folder / "messages/recordings/seed.json"
    other = sorted((folder / "telemetry/recordings").glob("*.json"))[0]
    select(qtbot, window, shown)
    edit_in_place(other, "OTHER-EDIT")
    qtbot.waitUntil(lambda: mark(window, other) == CHANGED, timeout=WAIT)
    assert window.live.bar_text() == ""
    assert window.tree.current_ref().path == str(shown)
    assert "1 changed" in window.status.bar.currentMessage()
    assert keep


def test_deleted_file_row_disappears_selection_kept(qtbot, window, folder, open_and_wait):
    keep = model_testers(window)
    result = open_live(qtbot, window, folder, open_and_wait)
    shown = folder / "messages/recordings/seed.json"
    select(qtbot, window, shown)
    victims = sorted((folder / "inference/recordings").glob("*.json"))[:3]
    for victim in victims:
        victim.unlink()
    model = window.tree.model
    qtbot.waitUntil(lambda: not any(model.contains(str(v)) for v in victims), timeout=WAIT)
    assert model.recording_count() == result.count - 3
    assert window.tree.current_ref().path == str(shown)
    assert window.detail.path == str(shown)
    assert "3 removed" in window.status.bar.currentMessage()
    assert keep


def test_whole_folder_of_recordings_deleted(qtbot, window, folder, open_and_wait):
    keep = model_testers(window)
    result = open_live(qtbot, window, folder, open_and_wait)
    select(qtbot, window, folder / "messages/recordings/seed.json")
    gone = list((folder / "telemetry").rglob("*.json"))
    shutil.rmtree(folder / "telemetry")
    model = window.tree.model
    qtbot.waitUntil(lambda: model.recording_count() == result.count - len(gone), timeout=WAIT)
    labels = [model.item(model.index(r, 0)).label for r in range(model.rowCount())]
    assert not any("telemetry" in label for label in labels)
    assert "removed" in window.status.bar.currentMessage()
    window.tree.set_filter("messages")  # the tree keeps working
    assert window.tree.proxy.rowCount() > 0
    assert keep


def test_deleted_open_recording_stays_on_screen_until_left(qtbot, window, folder, open_and_wait):
    keep = model_testers(window)
    open_live(qtbot, window, folder, open_and_wait)
    target = folder / "messages/recordings/seed.json"
    select(qtbot, window, target)
    before = window.detail.conversation.document_text()
    target.unlink()
    qtbot.waitUntil(lambda: mark(window, target) == DELETED, timeout=WAIT)
    assert "deleted from disk" in window.live.bar_text()
    assert not window.live.bars[0].reload_button.isVisibleTo(window.live.bars[0])
    assert window.detail.conversation.document_text() == before
    assert window.tree.current_ref().path == str(target)
    font = window.tree.model.index_for_path(str(target)).data(Qt.ItemDataRole.FontRole)
    assert font.strikeOut()
    other = sorted((folder / "telemetry/recordings").glob("*.json"))[0]
    select(qtbot, window, other)
    qtbot.waitUntil(lambda: not window.tree.model.contains(str(target)), timeout=WAIT)
    assert window.tree.current_ref().path == str(other)
    assert window.live.bar_text() == ""
    assert keep


def test_deleted_then_restored_open_recording_is_changed_again(qtbot, window, folder,
                                                               open_and_wait):
    keep = model_testers(window)
    open_live(qtbot, window, folder, open_and_wait)
    target = folder / "messages/recordings/seed.json"
    select(qtbot, window, target)
    data = target.read_bytes()
    target.unlink()
    qtbot.waitUntil(lambda: mark(window, target) == DELETED, timeout=WAIT)
    target.write_bytes(data)
    qtbot.waitUntil(lambda: mark(window, target) == CHANGED, timeout=WAIT)
    assert "changed on disk" in window.live.bar_text()
    assert keep


def test_polling_fallback_sees_add_change_delete(qtbot, window, folder, open_and_wait):
    keep = model_testers(window)
    watch = window.live.watch
    watch.force_poll = True
    watch.set_intervals(50, 150)
    result = open_live(qtbot, window, folder, open_and_wait, mode=POLL)
    assert watch.watched() == []
    target = folder / "messages/recordings/seed.json"
    select(qtbot, window, target)
    new = folder / "messages/recordings/polled.json"
    shutil.copy2(SEED, new)
    edit_in_place(target, "POLLED-EDIT")
    victim = sorted((folder / "inference/recordings").glob("*.json"))[0]
    victim.unlink()
    model = window.tree.model
    qtbot.waitUntil(lambda: model.contains(str(new)) and not model.contains(str(victim))
                    and mark(window, target) == CHANGED, timeout=WAIT)
    assert mark(window, new) == NEW
    assert model.recording_count() == result.count
    assert window.live.bars[0].kind == "changed"
    with qtbot.waitSignal(window.recording_shown, timeout=WAIT):
        qtbot.mouseClick(window.live.bars[0].reload_button, Qt.MouseButton.LeftButton)
    assert "POLLED-EDIT" in window.detail.conversation.document_text()
    assert keep


def test_too_many_folders_or_a_refusing_watcher_fall_back_to_polling(
        qtbot, window, folder, open_and_wait, monkeypatch):
    watch = window.live.watch
    watch.max_folders = 3  # the copy has 7 folders
    open_live(qtbot, window, folder, open_and_wait, mode=POLL)
    watch.max_folders = 10_000
    from PySide6.QtCore import QFileSystemWatcher

    monkeypatch.setattr(QFileSystemWatcher, "addPaths", lambda self, paths: list(paths))
    window.reload()
    qtbot.waitUntil(lambda: window.tree.model.recording_count() > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: watch.has_baseline and watch.mode == POLL, timeout=WAIT)
    watch.set_intervals(50, 150)
    new = folder / "messages/recordings/after-refusal.json"
    watch._poll.start()  # noqa: SLF001 - restart at the short interval
    shutil.copy2(SEED, new)
    qtbot.waitUntil(lambda: window.tree.model.contains(str(new)), timeout=WAIT)


def test_watch_action_is_on_by_default_and_persisted(qtbot, make_window, settings, folder,
                                                     open_and_wait):
    window = make_window()
    action = window.live.action
    assert action.isCheckable() and action.isChecked()
    assert action in window.menus[Menu.VIEW].actions()
    open_live(qtbot, window, folder, open_and_wait)
    action.trigger()  # off
    assert not action.isChecked() and window.live.watch.mode == "off"
    assert window.live.watch.watched() == []
    settings.sync()
    assert str(settings.value(SETTING)).lower() == "false"
    # changes made while it is off are found when it is turned on again
    new = folder / "messages/recordings/while-off.json"
    shutil.copy2(SEED, new)
    action.trigger()  # on
    qtbot.waitUntil(lambda: window.tree.model.contains(str(new)), timeout=WAIT)
    action.trigger()  # off again, and a new window remembers it
    second = make_window()
    assert not second.live.action.isChecked()
    open_and_wait(second, folder)
    assert second.live.watch.mode == "off" and not second.live.watch.has_baseline


def test_reload_clears_marks_and_rescans(qtbot, window, folder, open_and_wait):
    keep = model_testers(window)
    result = open_live(qtbot, window, folder, open_and_wait)
    new = folder / "messages/recordings/fresh.json"
    shutil.copy2(SEED, new)
    qtbot.waitUntil(lambda: window.tree.model.contains(str(new)), timeout=WAIT)
    with qtbot.waitSignal(window.scan_finished, timeout=WAIT):
        window.reload()
    assert window.tree.model.recording_count() == result.count + 1
    assert window.tree.model.marked() == {}
    qtbot.waitUntil(lambda: window.live.watch.mode == WATCH, timeout=WAIT)
    assert os.path.join(str(folder), "messages") in window.live.watch.watched()
    assert keep


def test_files_arriving_steadily_show_up_while_they_keep_coming(qtbot, window, folder,
                                                                open_and_wait):
    """A recorder writing a file every few ms never lets the debounce settle: the
    tree must still update while it writes, not only after it stopped."""
    keep = model_testers(window)
    result = open_live(qtbot, window, folder, open_and_wait)
    model = window.tree.model
    data = SEED.read_bytes()
    state = {"written": 0, "seen_while_writing": False}
    target = folder / "messages/recordings"

    def write_one() -> None:
        if model.recording_count() > result.count:
            state["seen_while_writing"] = True
        if state["written"] >= 150 or state["seen_while_writing"]:
            timer.stop()
            return
        (target / f"stream-{state['written']:03d}.json").write_bytes(data)
        state["written"] += 1

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setInterval(40)  # well under the debounce: events never pause
    timer.timeout.connect(write_one)
    timer.start()
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=60000)
    assert state["seen_while_writing"], "no update until the writing stopped"
    qtbot.waitUntil(lambda: model.recording_count() == result.count + state["written"],
                    timeout=WAIT)
    assert keep
