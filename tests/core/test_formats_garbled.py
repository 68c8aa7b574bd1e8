"""Damaged copies of real recordings: a RecordingError or a Recording, never an exception.

Copies are written to tmp_path (the corpus is only read). Wrong-typed copies are
still valid JSON objects, so every adapter must read them without giving up.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.corpus_paths import (
    ANTHROPIC_CHAIN, ANTHROPIC_SSE, COMPLETION_STREAM, FILE_PROCESSOR, GEMINI_COMPACT_SUMMARY,
    GEMINI_INTERACTIONS_400, GEMINI_INTERACTIONS_SSE, GEMINI_STREAM_EARTH, HTTP_400, KEY_LEGACY,
    OLD_EMBEDDINGS, OLD_GENERATE_STREAM, OLD_PULL, OLD_TAGS, RECORDED_EXCEPTION, SEED,
    TOOL_RUNTIME_TAVILY,
)
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording

SOURCES = [
    SEED,  # openai_chat stream with tool calls
    COMPLETION_STREAM, ANTHROPIC_SSE, ANTHROPIC_CHAIN[0], GEMINI_INTERACTIONS_SSE,
    GEMINI_INTERACTIONS_400, GEMINI_STREAM_EARTH, GEMINI_COMPACT_SUMMARY, RECORDED_EXCEPTION,
    FILE_PROCESSOR, TOOL_RUNTIME_TAVILY, HTTP_400,
    OLD_GENERATE_STREAM, OLD_EMBEDDINGS, OLD_TAGS, KEY_LEGACY, OLD_PULL,
]
# Values a JSON file can really hold, of every type, in unexpected places.
WRONG = [None, 0, -1, 2.5, True, "", "text", "data: {", [], {}, [1, "a", None], {"a": 1},
         ["event: x", 5, "data: {]"], 18446744073709551615, 1e300, "\u0000"]
CASES = 70  # per kind


def _nodes(value: Any, path: tuple = ()) -> Iterator[tuple]:
    if path:
        yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value[:20]):
            yield from _nodes(item, path + (i,))


def _set(doc: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


def _check(path: Path) -> Recording | RecordingError:
    result = read_recording(path)  # must not raise
    assert isinstance(result, (Recording, RecordingError))
    return result


@pytest.mark.parametrize("case", range(CASES))
def test_truncated_copies(case: int, tmp_path: Path) -> None:
    rnd = random.Random(1000 + case)
    data = rnd.choice(SOURCES).read_bytes().rstrip()
    cut = tmp_path / "cut.json"
    cut.write_bytes(data[: rnd.randrange(0, len(data))])
    result = _check(cut)
    assert isinstance(result, RecordingError)  # a prefix of an object is never complete JSON
    assert result.path == str(cut)


@pytest.mark.parametrize("case", range(CASES))
def test_byte_flipped_copies(case: int, tmp_path: Path) -> None:
    rnd = random.Random(2000 + case)
    data = bytearray(rnd.choice(SOURCES).read_bytes())
    for _ in range(rnd.randint(1, 8)):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    flipped = tmp_path / "flipped.json"
    flipped.write_bytes(bytes(data))
    _check(flipped)


@pytest.mark.parametrize("case", range(CASES))
def test_wrong_typed_copies_still_read(case: int, tmp_path: Path) -> None:
    rnd = random.Random(3000 + case)
    doc = json.loads(rnd.choice(SOURCES).read_bytes())
    for _ in range(rnd.randint(1, 4)):
        paths = list(_nodes(doc))
        shallow = [p for p in paths if len(p) <= 5]
        target = rnd.choice(shallow if shallow and rnd.random() < 0.6 else paths)
        _set(doc, target, copy.deepcopy(rnd.choice(WRONG)))
    mutated = tmp_path / "mutated.json"
    mutated.write_text(json.dumps(doc))
    result = _check(mutated)
    # still a JSON object at the top: the adapters read around the damage
    assert isinstance(result, Recording), str(result)


def test_top_level_not_an_object(tmp_path: Path) -> None:
    for text in ("[]", "null", "3", '"x"'):
        p = tmp_path / "odd.json"
        p.write_text(text)
        result = _check(p)
        assert isinstance(result, RecordingError) and "not a recording" in result.reason
