"""ReplayCursor against every streamed recording of the real corpus."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from recviewer.core.assemble import StreamAssembler, StreamState
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from recviewer.core.replay import ReplayCursor, StreamMarkers, stream_markers
from tests.conftest import corpus_files
from tests.corpus_paths import LARGEST, SEED


def _streamed() -> dict[Path, str]:
    """Every corpus file whose adapter produced stream chunks → its format."""
    out = {}
    for path in corpus_files():
        rec = read_recording(path)
        if isinstance(rec, Recording) and rec.exchange.chunks:
            out[path] = rec.format
    return out


STREAMED_FORMATS = _streamed()
STREAMED = list(STREAMED_FORMATS)


def _load(path: Path) -> Recording:
    rec = read_recording(path)
    assert isinstance(rec, Recording), rec
    return rec


def _ref_state(rec: Recording, n: int) -> StreamState:
    """Independent reference: fold the first n deltas from scratch."""
    return StreamAssembler().feed_all(c.delta for c in rec.exchange.chunks[:n]).snapshot()


def _id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.stem[:12]}"


def test_corpus_has_streams():
    assert len(STREAMED) >= 100
    assert SEED in STREAMED and LARGEST in STREAMED
    assert len(set(STREAMED_FORMATS.values())) >= 4  # not only OpenAI chat streams


@pytest.mark.parametrize("path", STREAMED, ids=_id)
def test_replay_to_end_is_the_assembled_response(path: Path):
    ex = _load(path).exchange
    cursor = ReplayCursor(ex)
    assert len(cursor) == len(ex.chunks)
    assert cursor.position == 0 and cursor.state() == StreamState(0)
    end = cursor.seek(len(cursor) + 10)  # clamps
    assert cursor.position == len(ex.chunks) and cursor.at_end
    assert end.position == len(ex.chunks)
    assert ex.response_messages, "a stream with chunks has a response message"
    assert end.to_message() == ex.response_messages[0]
    assert end.finish_reason == ex.finish_reason
    assert end.usage == ex.usage


@pytest.mark.parametrize("path", STREAMED, ids=_id)
def test_seek_equals_stepping(path: Path):
    rec = _load(path)
    n_chunks = len(rec.exchange.chunks)
    rng = random.Random(path.name)
    targets = {0, 1, n_chunks // 3, n_chunks // 2, n_chunks - 1, n_chunks}
    targets |= {rng.randint(0, n_chunks) for _ in range(4)}
    for every in (1, 5, 32):
        stepper = ReplayCursor(rec.exchange, checkpoint_every=every)
        walked = [stepper.state()] + [stepper.step() for _ in range(n_chunks)]
        assert stepper.step() == walked[-1]  # clamps at the end
        seeker = ReplayCursor(rec.exchange, checkpoint_every=every)
        for n in sorted(targets, key=lambda _: rng.random()):
            assert seeker.seek(n) == walked[n] == _ref_state(rec, n)
            assert seeker.position == n
        # walk back from the end one chunk at a time, then in jumps
        seeker.seek(n_chunks)
        for n in range(n_chunks - 1, max(-1, n_chunks - 40), -1):
            assert seeker.step(-1) == walked[n]
        seeker.seek(n_chunks)
        while seeker.position:
            k = rng.randint(1, 7)
            expected = walked[max(0, seeker.position - k)]
            assert seeker.step(-k) == expected
        assert seeker.step(-1) == walked[0]


@pytest.mark.parametrize("path", STREAMED, ids=_id)
def test_markers_point_at_the_chunks_that_carry_them(path: Path):
    ex = _load(path).exchange
    cursor = ReplayCursor(ex, checkpoint_every=8)
    m = cursor.markers()
    n = len(cursor)
    if m.content_start is not None:
        assert 0 <= m.content_start < n
        assert cursor.seek(m.content_start).text == ""
        assert cursor.seek(StreamMarkers.position_of(m.content_start)).text != ""
    else:
        assert cursor.seek(n).text == ""
    if m.reasoning_start is not None:
        assert cursor.seek(m.reasoning_start).reasoning == ""
        assert cursor.seek(m.reasoning_start + 1).reasoning != ""
    final_calls = {c.index for c in cursor.seek(n).tool_calls}
    assert set(m.tool_call_indices) == final_calls
    assert len(m.tool_call_starts) == len(m.tool_call_indices)
    for index, start in zip(m.tool_call_indices, m.tool_call_starts):
        assert 0 <= start < n
        assert index not in {c.index for c in cursor.seek(start).tool_calls}
        assert index in {c.index for c in cursor.seek(start + 1).tool_calls}
    if ex.finish_reason is not None:
        assert m.finish is not None and 0 <= m.finish < n
        assert ex.chunks[m.finish].delta.finish_reason
        assert cursor.seek(m.finish).finish_reason is None
        assert cursor.seek(m.finish + 1).finish_reason is not None


def test_largest_file_markers():
    ex = _load(LARGEST).exchange
    cursor = ReplayCursor(ex)
    assert len(cursor) == 1399
    m = cursor.markers()
    assert m.content_start is not None and m.content_start < 5
    assert ex.chunks[m.content_start].delta.text
    assert all(not c.delta.text for c in ex.chunks[:m.content_start])
    assert m.finish is not None and 0 <= m.finish < len(cursor)
    assert ex.chunks[m.finish].delta.finish_reason == ex.finish_reason == "stop"
    if ex.response_messages[0].tool_calls:
        assert m.tool_call_starts
    else:
        assert m.tool_call_starts == ()
    assert m.content_start < m.finish


def test_markers_on_a_stream_with_tool_calls():
    with_calls = []
    for path in STREAMED:
        ex = _load(path).exchange
        if len(ex.response_messages[0].tool_calls) >= 2:
            with_calls.append(ex)
            break
    assert with_calls, "the corpus has a stream with several tool calls"
    ex = with_calls[0]
    m = stream_markers(ex.chunks)
    assert len(m.tool_call_starts) == len(ex.response_messages[0].tool_calls)
    assert list(m.tool_call_starts) == sorted(m.tool_call_starts)


def test_empty_exchange():
    from recviewer.core.model import Exchange
    cursor = ReplayCursor(Exchange())
    assert len(cursor) == 0
    assert cursor.seek(5) == StreamState(0)
    assert cursor.step(-3) == StreamState(0)
    assert cursor.markers() == StreamMarkers()


def test_checkpoint_every_must_be_positive():
    with pytest.raises(ValueError):
        ReplayCursor(_load(SEED).exchange, checkpoint_every=0)


def test_state_is_cached_until_the_cursor_moves():
    cursor = ReplayCursor(_load(SEED).exchange)
    a = cursor.seek(10)
    assert cursor.state() is a
    cursor.step()
    assert cursor.state() is not a and cursor.state().position == 11
