"""F5 while the tree filter hides the open recording keeps it open (issue 12
item 4): the file is in the scanned folder, only filtered out."""

from __future__ import annotations

from tests.corpus_paths import CORPUS, SEED

ROOT = CORPUS / "recordings"


def test_reload_keeps_a_filtered_out_recording_open(qtbot, window, open_and_wait):
    open_and_wait(window, ROOT)
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        assert window.select_recording(str(SEED)) is not None
    window.tree.set_filter("embeddings")  # hides the seed (a responses call)
    assert not window.tree.proxy.mapFromSource(
        window.tree.model.index_for_path(str(SEED))).isValid()
    with qtbot.waitSignal(window.recording_shown, timeout=30000) as shown:
        with qtbot.waitSignal(window.scan_finished, timeout=30000):
            window.reload()
    assert shown.args[0] == str(SEED)
    assert window.detail.path == str(SEED)
    assert "Not in the scanned folder" not in window.statusBar().currentMessage()
    assert window.tree.filter_edit.text() == "embeddings"  # the filter stays as it was
