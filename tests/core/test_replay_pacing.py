"""Playback pacing and per-chunk summaries."""

from __future__ import annotations

import pytest

from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Chunk, Delta, Exchange, Recording, ToolCallDelta, Usage
from recviewer.core.pacing import chunk_delays, estimated_tokens, has_real_timing
from recviewer.core.replay import ChunkSummary, describe_chunk, describe_chunks
from tests.corpus_paths import SEED


def _exchange(texts: list[str], times: list[float | None] | None = None) -> Exchange:
    times = times or [None] * len(texts)
    return Exchange(chunks=tuple(
        Chunk(i, {}, Delta(text=t), "chunk", time) for i, (t, time) in enumerate(zip(texts, times))
    ))


def _seed() -> Recording:
    rec = read_recording(SEED)
    assert isinstance(rec, Recording)
    return rec


def test_real_timing_gives_the_recorded_gaps():
    ex = _exchange(["a", "bb", "ccc", "d"], [0.5, 0.75, 0.75, 2.0])
    assert has_real_timing(ex)
    assert chunk_delays(ex, "chunks", 100.0) == [0.5, 0.25, 0.0, 1.25]
    assert chunk_delays(ex, "tokens", 1.0) == [0.5, 0.25, 0.0, 1.25]  # rate ignored


def test_real_timing_can_be_ignored():
    ex = _exchange(["a", "b"], [0.0, 3.0])
    assert chunk_delays(ex, "chunks", 2.0, prefer_real=False) == [0.5, 0.5]


def test_a_clock_going_backwards_waits_nothing():
    ex = _exchange(["a", "b", "c"], [1.0, 0.5, 1.5])
    assert chunk_delays(ex) == [1.0, 0.0, 0.5]


def test_partial_timing_is_not_real_timing():
    ex = _exchange(["a", "b"], [0.0, None])
    assert not has_real_timing(ex)
    assert not has_real_timing(Exchange())
    assert chunk_delays(ex, "chunks", 4.0) == [0.25, 0.25]


def test_corpus_stream_has_synthetic_pacing():
    ex = _seed().exchange
    assert not has_real_timing(ex)
    delays = chunk_delays(ex, "chunks", 10.0)
    assert len(delays) == len(ex.chunks)
    assert all(d == pytest.approx(0.1) for d in delays)


def test_tokens_mode_is_slower_for_longer_deltas():
    ex = _exchange(["", "abc", "abcd", "abcde", "x" * 40])
    delays = chunk_delays(ex, "tokens", 10.0)
    assert delays[0] == delays[1] == delays[2] == pytest.approx(0.1)  # min one tick
    assert delays[3] == pytest.approx(0.2)
    assert delays[4] == pytest.approx(1.0)
    assert delays[4] > delays[3] > delays[2]


def test_tool_arguments_count_as_tokens():
    delta = Delta(tool_calls=(ToolCallDelta(0, "id", None, "x" * 16),))
    assert estimated_tokens(Chunk(0, {}, delta)) == 4


@pytest.mark.parametrize("mode,rate", [("chunks", 0.0), ("tokens", -1.0), ("bytes", 1.0),
                                       ("chunks", float("inf"))])
def test_bad_pacing_arguments_are_refused(mode, rate):
    with pytest.raises(ValueError):
        chunk_delays(_exchange(["a"]), mode, rate)  # type: ignore[arg-type]


def test_describe_chunk_fields():
    calls = (ToolCallDelta(0, "call_1", "lookup", '{"q":'),)
    chunk = Chunk(3, {}, Delta(text="hi", reasoning="hmm", tool_calls=calls,
                              finish_reason="tool_calls", usage=Usage(1, 2, 3)), "chunk", 0.5)
    s = describe_chunk(chunk)
    assert s == ChunkSummary(3, "chunk", "hi", "hmm", calls, "tool_calls", True, 2 + 3 + 5,
                             time=0.5)
    assert not s.is_empty
    assert describe_chunk(Chunk(0, {}, Delta(role="assistant"))).is_empty


def test_describe_chunks_rebuilds_the_seed_text():
    rec = _seed()
    rows = describe_chunks(rec.exchange)
    assert [r.index for r in rows] == list(range(len(rec.exchange.chunks)))
    text = "".join(r.text_delta for r in rows)
    assert text == rec.exchange.response_messages[0].text
    assert "<|file-247992711531|>" in text
    assert sum(r.chars for r in rows) >= len(text)
    assert sum(1 for r in rows if r.finish_reason) == 1
