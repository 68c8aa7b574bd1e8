"""Scans on worker processes give the same references, in the same order."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

import pytest

from recviewer.core.catalog import pool as catalog_pool
from recviewer.core.catalog.scan import scan, scan_iter
from recviewer.core.catalog.pool import START_AFTER_BATCHES, ScanPool
from tests.corpus_paths import RECORDINGS

SMALL_BATCH = 16  # the corpus (391 files) then makes ~25 batches: enough to start workers


@pytest.fixture(scope="module")
def in_process():
    return scan(RECORDINGS, batch_size=SMALL_BATCH)


def test_workers_give_the_same_references_in_the_same_order(in_process):
    with ScanPool(2) as pool:
        batches = list(scan_iter(RECORDINGS, batch_size=SMALL_BATCH, pool=pool))
        assert pool.started
    assert [r for b in batches for r in b] == in_process.refs
    assert all(len(b) == SMALL_BATCH for b in batches[:-1])


def test_a_started_pool_is_reused_by_the_next_scan(in_process):
    with ScanPool(2) as pool:
        scan(RECORDINGS, batch_size=SMALL_BATCH, pool=pool)
        executor = pool._executor
        again = scan(RECORDINGS, batch_size=SMALL_BATCH, pool=pool)
        assert pool._executor is executor
    assert again.refs == in_process.refs


def test_a_small_folder_starts_no_worker(in_process):
    with ScanPool(2) as pool:
        refs = scan(RECORDINGS, pool=pool).refs  # two batches of the default size
        assert not pool.started
    assert refs == in_process.refs


def test_no_workers_on_one_core(monkeypatch):
    monkeypatch.setattr(catalog_pool, "usable_cores", lambda: 1)
    assert catalog_pool.default_workers() == 0
    monkeypatch.setattr(catalog_pool, "usable_cores", lambda: 64)
    assert catalog_pool.default_workers() == catalog_pool.MAX_WORKERS


def test_cancel_stops_a_pooled_scan_and_drops_queued_batches():
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(seen) >= 2

    seen: list[list] = []
    with ScanPool(2) as pool:
        for batch in scan_iter(RECORDINGS, batch_size=SMALL_BATCH, pool=pool, cancel=cancel):
            seen.append(batch)
        assert pool.started
    assert len(seen) == 2 and asked


class _FakeExecutor:
    """Hands out futures that fail as a crashed worker's do."""

    def __init__(self) -> None:
        self.futures: list[Future] = []

    def submit(self, fn, batch):
        future: Future = Future()
        future.set_exception(BrokenProcessPool("a worker died"))
        self.futures.append(future)
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


class _IdleExecutor(_FakeExecutor):
    def submit(self, fn, batch):
        future: Future = Future()  # never runs
        self.futures.append(future)
        return future


def _pool_with(executor) -> ScanPool:
    pool = ScanPool(2)
    pool._get_executor = lambda: setattr(pool, "_executor", executor) or executor
    return pool


def test_a_dead_worker_means_the_rest_is_read_here(in_process):
    executor = _FakeExecutor()
    pool = _pool_with(executor)
    refs = scan(RECORDINGS, batch_size=SMALL_BATCH, pool=pool).refs
    assert refs == in_process.refs
    assert len(executor.futures) >= 1 and not pool.started and pool._failed


def test_workers_that_cannot_start_mean_everything_is_read_here(in_process, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(38, "Function not implemented")
    monkeypatch.setattr(catalog_pool, "ProcessPoolExecutor", refuse)
    pool = ScanPool(2)
    assert scan(RECORDINGS, batch_size=SMALL_BATCH, pool=pool).refs == in_process.refs
    assert not pool.started and pool._failed


def test_cancel_while_waiting_for_workers_cancels_every_queued_batch():
    executor = _IdleExecutor()  # workers that never answer
    pool = _pool_with(executor)
    taken: list[list] = []
    for batch in scan_iter(RECORDINGS, batch_size=SMALL_BATCH, pool=pool,
                           cancel=lambda: len(taken) >= 1):
        taken.append(batch)
    assert len(taken) == 1  # the first batch, read here
    assert len(executor.futures) == 4 * pool.workers
    assert all(f.cancelled() for f in executor.futures)


class _FirstOnlyExecutor(_FakeExecutor):
    """Answers the first batch at once (run here); the others never."""

    def submit(self, fn, batch):
        future: Future = Future()
        if not self.futures:
            future.set_result(fn(batch))
        self.futures.append(future)
        return future


def test_leaving_a_scan_early_cancels_its_queued_batches():
    executor = _FirstOnlyExecutor()
    pool = _pool_with(executor)
    batches = scan_iter(RECORDINGS, batch_size=SMALL_BATCH, pool=pool)
    assert len(next(batches)) == SMALL_BATCH  # read here, before the workers get any
    assert executor.futures == []
    assert len(next(batches)) == SMALL_BATCH  # the first worker's answer
    batches.close()
    assert executor.futures[0].done() and not executor.futures[0].cancelled()
    assert len(executor.futures) > 2 and all(f.cancelled() for f in executor.futures[1:])


def test_start_threshold_counts_batches_after_the_first(tmp_path):
    for i in range(START_AFTER_BATCHES):  # one file per batch: the first + START_AFTER - 1
        (tmp_path / f"r{i}.json").write_bytes(b"{}")
    with ScanPool(2) as pool:
        refs = scan(tmp_path, batch_size=1, pool=pool).refs
        assert not pool.started
    assert len(refs) == START_AFTER_BATCHES


def test_no_workers_in_a_frozen_build(monkeypatch):
    monkeypatch.setattr(catalog_pool, "usable_cores", lambda: 8)
    monkeypatch.setattr(catalog_pool.sys, "frozen", True, raising=False)
    assert catalog_pool.default_workers() == 0


def test_the_default_pool_starts_workers_only_when_the_read_would_cost_more(in_process, monkeypatch):
    monkeypatch.setattr(catalog_pool, "usable_cores", lambda: 2)
    with ScanPool() as pool:  # by cost: the corpus is far below START_COST_S
        assert pool.by_cost and pool.workers == 2
        assert scan(RECORDINGS, batch_size=SMALL_BATCH, pool=pool).refs == in_process.refs
        assert not pool.started
    monkeypatch.setattr(catalog_pool, "START_COST_S", 1e-9)  # any read pays: workers start
    with ScanPool() as pool:
        assert scan(RECORDINGS, batch_size=SMALL_BATCH, pool=pool).refs == in_process.refs
        assert pool.started


def test_a_cli_sized_folder_is_read_in_one_process():
    # ~3,000 recordings of the corpus' mix (35 KB on average: 106 MB) cost less to
    # read here than starting two workers and waiting for their first answers
    assert catalog_pool.read_cost(3_000, 106_000_000) < catalog_pool.START_COST_S
    assert catalog_pool.read_cost(30_000, 1_060_000_000) > catalog_pool.START_COST_S
