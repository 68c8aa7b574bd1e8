"""The window lists a folder fast (issue 19, Window): scan batches reach the
tree merged (the first at once), rows are listed without row gists and get
them from the scan's gist pass, and the gist switch is per thread."""

from __future__ import annotations

import re
import shutil
import threading

from recviewer.core.catalog import head
from recviewer.core.catalog.scan import scan
from recviewer.ui.tree.model import NAME
from recviewer.ui.window import scan_controller
from recviewer.ui.window.scan_controller import merge_interval_ms
from tests.corpus_paths import MCP_CHAIN, SEED, SMALL_CHAT


def _copy(tmp_path, sources):
    folder = tmp_path / "recs"
    folder.mkdir()
    for src in sources:
        shutil.copy(src, folder / src.name)
    return folder


def test_gists_switch_is_per_thread():
    seen: list[bool] = []
    with head.gists_on(False):
        assert head.GISTS is False
        other = threading.Thread(target=lambda: seen.append(head.GISTS))
        other.start()
        other.join()
    assert seen == [True] and head.GISTS is True  # the other thread kept its gists


def test_merge_interval_grows_with_the_rows_and_is_bounded():
    assert merge_interval_ms(0) == scan_controller.MERGE_MIN_MS
    assert merge_interval_ms(10_000) > merge_interval_ms(1_000)
    assert merge_interval_ms(10**7) == scan_controller.MERGE_MAX_MS


def test_rows_are_listed_without_gists_then_get_them(qtbot, window, open_and_wait, tmp_path):
    folder = _copy(tmp_path, (SEED, SMALL_CHAT, *MCP_CHAIN))
    expected = {r.path: r.gist for r in scan(folder).refs}
    assert all(expected.values())  # real recordings, each with a gist
    listed: list = []
    window.scanner.batch.connect(lambda refs, _terms: listed.extend(refs))
    with qtbot.waitSignal(window.scanner.gists, timeout=30000) as got:
        result = open_and_wait(window, folder)
        assert result.count == len(expected) and not result.cancelled
        assert all(r.gist is None for r in listed)  # listed without them
        # (whether the gist pass is already done when the scan's end is seen
        # depends on timing: only what was listed is checked here)
    assert {r.path: r.gist for r in got.args[0]} == expected
    model = window.tree.model
    for path, gist in expected.items():  # the name cell: place (once known) and gist
        assert model.index_for_path(path).data().endswith(gist)
        assert window.tree.ref_for_path(path).gist == gist


def test_the_filter_matches_gists_once_they_arrive(qtbot, window, open_and_wait, tmp_path):
    folder = _copy(tmp_path, (SEED, SMALL_CHAT))
    ref = scan(folder / SEED.name).refs[0]
    elsewhere = " ".join([ref.test_id, ref.model or "", ref.endpoint or "", ref.rel_path,
                          *ref.tools]).lower()
    word = next(w for w in re.findall(r"[a-z]{5,}", ref.gist.lower()) if w not in elsewhere)
    open_and_wait(window, folder)
    window.tree.set_filter(word)
    qtbot.waitUntil(lambda: window.tree.select_path(str(folder / SEED.name)), timeout=30000)
    assert window.tree.counts().shown >= 1


def test_batches_reach_the_tree_merged_first_one_at_once(qtbot, window, tmp_path, monkeypatch):
    refs = scan(_copy(tmp_path, (SEED, SMALL_CHAT, *MCP_CHAIN))).refs
    worker_batches = [[r] for r in refs]  # one ref per scan batch

    def many_batches(root, **_kwargs):
        yield from worker_batches

    monkeypatch.setattr(scan_controller, "scan_iter", many_batches)
    window.scanner._gist_pass = False
    handed: list[int] = []
    window.scanner.batch.connect(lambda batch, _terms: handed.append(len(batch)))
    with qtbot.waitSignal(window.scan_finished, timeout=30000) as done:
        window.open_path(str(tmp_path / "recs"))
    assert done.args[0].count == len(refs) == sum(handed)
    assert handed[0] == 1  # the first rows at once
    assert len(handed) < len(worker_batches)  # the rest merged
    assert window.tree.model.recording_count() == len(refs)


def test_a_new_scan_drops_what_the_old_one_gathered(qtbot, window, tmp_path, open_and_wait):
    big = _copy(tmp_path, (SEED, SMALL_CHAT, *MCP_CHAIN))
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(SEED, small / "only.json")
    window.scanner._batch_size = 1
    window.open_path(str(big))
    open_and_wait(window, small)
    assert window.workers.wait(20000)
    qtbot.wait(50)
    assert [r.path for r in window.tree.model.refs()] == [str(small / "only.json")]
    assert window.tree.model.index_for_path(str(small / "only.json")).data(NAME)


def test_the_scan_thread_sends_fewer_messages_than_it_reads_batches(qtbot, window, tmp_path,
                                                                    monkeypatch):
    refs = scan(_copy(tmp_path, (SEED, SMALL_CHAT, *MCP_CHAIN))).refs
    worker_batches = [[r] for r in refs] * 40  # the same refs again and again: many batches

    def many_batches(root, **_kwargs):
        for batch in worker_batches:
            yield batch

    monkeypatch.setattr(scan_controller, "scan_iter", many_batches)
    monkeypatch.setattr(scan_controller, "SEND_EVERY_S", 60.0)  # nothing but first and last
    window.scanner._gist_pass = False
    sent: list[int] = []
    original = window.scanner._on_batch

    def counted(payload):
        sent.append(len(payload[0]))
        original(payload)

    monkeypatch.setattr(window.scanner, "_on_batch", counted)
    with qtbot.waitSignal(window.scan_finished, timeout=30000) as done:
        window.open_path(str(tmp_path / "recs"))
    assert done.args[0].count == len(worker_batches)
    assert sent == [1, len(worker_batches) - 1]  # the first batch at once, the rest at the end
