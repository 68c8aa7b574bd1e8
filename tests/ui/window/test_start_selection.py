"""Issue 12 item 12 (first part): the first launch on the bundled samples
expands them and selects the showcase recording; later launches restore the
last recording shown while it still exists."""

from __future__ import annotations

import os
import shutil

from recviewer.core.samples import samples_dir
from recviewer.ui.tree.model import REF_ROLE
from recviewer.ui.window.start_selection import LAST_SELECTION_KEY, showcase_path
from tests.corpus_paths import LARGEST, SEED


def _open(qtbot, window, path):
    with qtbot.waitSignal(window.recording_shown, timeout=30000) as shown:
        assert window.open_path(os.fspath(path))
    return shown.args[0]


def _all_expanded(view, parent=None) -> bool:
    model = view.model()
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        if model.rowCount(index) and (not view.isExpanded(index) or not _all_expanded(view, index)):
            return False
    return True


def test_first_launch_on_samples_selects_the_showcase_then_the_last_one(qtbot, make_window,
                                                                         settings):
    assert os.path.basename(showcase_path()) == SEED.name
    window = make_window()
    window.show()
    shown = _open(qtbot, window, samples_dir())
    assert shown == showcase_path()
    assert window.tree.current_ref().path == showcase_path()
    assert window.detail.recording is not None and window.detail.recording.streaming
    qtbot.waitUntil(lambda: _all_expanded(window.tree.view), timeout=20000)
    # the user picks another recording; the next launch shows it again
    other = next(r for r in window.tree.model.refs() if r.path != showcase_path() and r.is_recording)
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        assert window.tree.select_path(other.path)
    assert settings.value(LAST_SELECTION_KEY) == other.path
    again = make_window()
    again.show()
    assert _open(qtbot, again, samples_dir()) == other.path
    assert again.tree.current_ref().path == other.path


def test_a_last_selection_that_is_gone_selects_nothing(qtbot, make_window, settings, tmp_path,
                                                       open_and_wait):
    shutil.copy(SEED, tmp_path / "a.json")
    shutil.copy(LARGEST, tmp_path / "b.json")
    settings.setValue(LAST_SELECTION_KEY, str(tmp_path / "b.json"))
    window = make_window()
    window.show()
    assert _open(qtbot, window, tmp_path) == str(tmp_path / "b.json")
    os.remove(tmp_path / "b.json")
    again = make_window()
    again.show()
    open_and_wait(again, tmp_path)
    assert again.tree.current_ref() is None and again.detail.recording is None
    assert [r.path for r in again.tree.model.refs()] == [str(tmp_path / "a.json")]
