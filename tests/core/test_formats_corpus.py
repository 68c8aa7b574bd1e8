"""Every real corpus file reads through a real adapter, and streams assemble
to exactly the response the adapter reports."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import corpus_files
from tests.corpus_paths import CORPUS
from recviewer.core.assemble import assemble
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import ADAPTERS, read_recording
from recviewer.core.formats.parts.sse import parse_sse_lines
from recviewer.core.model import Recording

FILES = corpus_files()
IDS = [str(p.relative_to(CORPUS)) for p in FILES]


def _read(path: Path) -> Recording:
    rec = read_recording(path)
    assert not isinstance(rec, RecordingError), str(rec)
    return rec


def test_corpus_is_there() -> None:
    assert len(FILES) > 300


def test_generic_is_the_last_adapter() -> None:
    names = [a.name for a in ADAPTERS]
    assert names[-1] == "generic"
    assert len(names) == len(set(names))


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_file_loads_through_a_real_adapter(path: Path) -> None:
    rec = _read(path)
    assert rec.format != "generic"
    ex = rec.exchange
    # Either the call answered something, or the recording says why not.
    assert ex.response_messages or ex.error is not None


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_streams_assemble_to_the_response_without_dropping_chunks(path: Path) -> None:
    rec = _read(path)
    body = rec.response_body
    if not rec.streaming or not isinstance(body, list):
        assert rec.exchange.chunks == ()
        return
    chunks = rec.exchange.chunks
    if body and all(isinstance(item, str) for item in body):
        data_lines = sum(1 for line in body if line.startswith("data:"))
        assert len(chunks) == len(parse_sse_lines(body)) == data_lines
    else:
        assert len(chunks) == len(body)
    assert [c.index for c in chunks] == list(range(len(chunks)))
    state = assemble(chunks)
    assert state.position == len(chunks)
    assert rec.exchange.response_messages == (state.to_message(),)
    assert rec.exchange.finish_reason == state.finish_reason


def test_format_counts_cover_every_wire_format() -> None:
    counts = Counter(_read(p).format for p in FILES)
    expected = {"openai_chat", "openai_completions", "anthropic_messages", "gemini",
                "gemini_interactions", "ollama", "embeddings", "models_list", "tool_runtime",
                "file_processor"}
    assert expected <= set(counts)
    assert "generic" not in counts
