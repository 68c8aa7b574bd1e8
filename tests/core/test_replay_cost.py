"""Seeking never re-folds the whole stream: counted in StreamAssembler.feed calls.

Operation counts, never time. The bound: any seek or step folds fewer than
``checkpoint_every`` deltas; a step of +1 folds at most one.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st

from recviewer.core.assemble import StreamAssembler
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from recviewer.core.replay import ReplayCursor
from tests.corpus_paths import LARGEST, SEED


class FeedCounter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = StreamAssembler.feed

        def counting_feed(assembler, delta):
            self.count += 1
            return original(assembler, delta)

        monkeypatch.setattr(StreamAssembler, "feed", counting_feed)

    def take(self) -> int:
        n, self.count = self.count, 0
        return n


@pytest.fixture(scope="module")
def largest() -> Recording:
    rec = read_recording(LARGEST)
    assert isinstance(rec, Recording)
    assert len(rec.exchange.chunks) == 1399
    return rec


@pytest.mark.parametrize("every", [1, 7, 32, 100])
def test_seek_to_the_end_folds_less_than_one_checkpoint(largest, monkeypatch, every):
    counter = FeedCounter(monkeypatch)
    cursor = ReplayCursor(largest.exchange, checkpoint_every=every)
    n = len(cursor)
    assert counter.take() == n  # construction folds the stream exactly once
    cursor.seek(n - 1)
    assert counter.take() <= every - 1
    cursor.seek(n)
    assert counter.take() <= 1
    cursor.seek(0)
    assert counter.take() == 0
    cursor.seek(n // 2)
    assert counter.take() <= every - 1


def test_every_seek_and_step_is_bounded(largest, monkeypatch):
    every = 32
    counter = FeedCounter(monkeypatch)
    cursor = ReplayCursor(largest.exchange, checkpoint_every=every)
    counter.take()
    n = len(cursor)
    rng = random.Random(1399)
    worst = 0
    for _ in range(500):
        cursor.seek(rng.randint(0, n))
        worst = max(worst, counter.take())
    assert worst <= every - 1
    cursor.seek(0)
    counter.take()
    for _ in range(n):  # play through: one delta per step, or none at a checkpoint
        cursor.step()
        assert counter.take() <= 1
    assert cursor.at_end
    total_back = 0
    for _ in range(n):  # and all the way back
        cursor.step(-1)
        fed = counter.take()
        assert fed <= every - 1
        total_back += fed
    assert cursor.position == 0
    assert total_back < n * every  # far less than re-folding from 0 each time (~n*n/2)
    assert total_back < n * n // 4


def test_stepping_forward_uses_the_live_assembler(largest, monkeypatch):
    counter = FeedCounter(monkeypatch)
    cursor = ReplayCursor(largest.exchange, checkpoint_every=32)
    counter.take()
    cursor.seek(40)
    counter.take()
    fed = [None]
    for _ in range(20):  # 40 → 60 never crosses a checkpoint: exactly one each
        cursor.step()
        fed.append(counter.take())
    assert fed[1:] == [1] * 20
    cursor.step(3)  # 60 → 63: still before the checkpoint at 64
    assert counter.take() == 3
    cursor.step(3)  # 63 → 66: restarts from the checkpoint at 64
    assert counter.take() == 2


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["seek", "step"]), st.integers(-80, 80)),
                max_size=30),
       st.integers(1, 40))
def test_any_move_sequence_matches_a_fresh_fold(moves, every):
    rec = read_recording(SEED)
    assert isinstance(rec, Recording)
    deltas = [c.delta for c in rec.exchange.chunks]
    cursor = ReplayCursor(rec.exchange, checkpoint_every=every)
    expected_pos = 0
    for kind, value in moves:
        if kind == "seek":
            state = cursor.seek(value)
            expected_pos = max(0, min(value, len(deltas)))
        else:
            state = cursor.step(value)
            expected_pos = max(0, min(expected_pos + value, len(deltas)))
        assert cursor.position == expected_pos == state.position
        assert state == StreamAssembler().feed_all(deltas[:expected_pos]).snapshot()
