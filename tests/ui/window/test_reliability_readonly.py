"""The window only reads: driving it over the whole corpus changes no file.

The corpus is fingerprinted (sha256, size, mtime_ns of every file; folders'
mtimes; links) before and after the window scans it, shows ~30 recordings of
every format in both tabs, reloads, filters and watches the folder for changes;
nothing may differ and nothing may be opened for writing under the corpus.
"""

from __future__ import annotations

import os

import pytest

from tests.corpus_paths import CORPUS
from tests.support.tree_snapshot import snapshot_tree, tree_differences
from tests.support.write_guard import guard_writes

WAIT = 30000


@pytest.fixture
def corpus_writes(monkeypatch) -> list[str]:
    """Python-level opens for writing of anything under the corpus."""
    top = os.path.realpath(CORPUS)

    def under_corpus(file) -> bool:
        try:
            return os.path.realpath(os.fspath(file)).startswith(top)
        except TypeError:  # a file descriptor
            return False

    return guard_writes(monkeypatch, under_corpus)


def pick(refs, count: int = 30):
    """One recording of every format (and one unreadable file), then an even spread."""
    refs = sorted(refs, key=lambda r: r.rel_path)
    chosen = {}
    for ref in refs:
        chosen.setdefault(ref.format or "(error)", ref)
    step = max(1, len(refs) // count)
    for ref in refs[::step]:
        if len(chosen) >= count:
            break
        chosen.setdefault(ref.path, ref)
    return list(chosen.values())


def show(qtbot, window, ref) -> None:
    with qtbot.waitSignal(window.recording_shown, timeout=WAIT):
        assert window.tree.select_path(ref.path), ref.rel_path


def test_driving_the_window_over_the_corpus_changes_nothing(qtbot, window, open_and_wait,
                                                            corpus_writes, tmp_path,
                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing may land in the working folder either
    before = snapshot_tree(CORPUS)
    result = open_and_wait(window, CORPUS, timeout=120000)
    assert result.error is None and result.count > 300
    qtbot.waitUntil(lambda: window.live.watch.has_baseline and window.live.watch.mode != "off",
                    timeout=WAIT)
    refs = window.tree.model.refs()
    formats = {r.format for r in refs if r.error is None}
    chosen = pick(refs)
    assert {r.format for r in chosen if r.error is None} == formats and len(formats) >= 10
    assert len(chosen) >= 30
    for n, ref in enumerate(chosen):
        if n == len(chosen) // 2:
            window.detail.set_tab("raw")
        show(qtbot, window, ref)
        if ref.error is None:
            assert window.detail.recording is not None or window.detail.error is not None
    assert window.detail.current_tab() == "raw" and window.detail.raw.text()

    with qtbot.waitSignal(window.scan_finished, timeout=120000):
        window.reload()  # F5: a fresh scan, the selection follows
    window.tree.set_filter("gpt-4o")
    shown = window.tree.proxy.rowCount()
    assert shown > 0
    window.tree.set_filter("")
    show(qtbot, window, chosen[0])
    window.live.reload_open()  # the bar's Reload: reads again
    qtbot.waitUntil(lambda: not window.detail.loading, timeout=WAIT)
    window.live.watch.check_now()  # and one more look for changes
    assert window.workers.wait(WAIT)
    window.close()

    after = snapshot_tree(CORPUS)
    assert not tree_differences(before, after)
    assert corpus_writes == []
    assert os.listdir(tmp_path) == [] or all(n == "settings" for n in os.listdir(tmp_path))
