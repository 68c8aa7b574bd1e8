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

from tests.conftest import CORPUS, RECORDINGS, SEED
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording

OLD = CORPUS / "old-layout/tests/integration/recordings/responses"
SOURCES = [
    SEED,  # openai_chat stream with tool calls
    RECORDINGS / "inference/recordings/8567635651a5e7104394951bbbba040e5c7f3ba11084fb6e81328f4905100a65.json",
    RECORDINGS / "messages/recordings/f22657bfd86db6348c0a0d0b17332dcfc038b345d2a7be8da4b880a433d36a52.json",
    RECORDINGS / "messages/recordings/0d76cd7b3dae3f44e2990645cb1617d5c84b80daf77535a00ce1ab680308881a.json",
    RECORDINGS / "interactions/recordings/72df7be9f414b6d04d00f666847edcac8c98baf7e5c79137285c12d0ae85b809.json",
    RECORDINGS / "interactions/recordings/b14c2477bdd6b2f266e29b54f2e3f6d67f7832fb91f41fbd108164c4a625181c.json",
    RECORDINGS / "responses/recordings/821d8d409b728fe433368d9fc19474e66cc13565e10817c8873f1a8d2e539a58.json",
    RECORDINGS / "responses/recordings/cda4ba73e651b2089e6631d8486d9d15a7d326ce03c3834c8b25cdba38f373ca.json",
    RECORDINGS / "responses/recordings/9eafe708db1e66def3b5e7937717823ca02341e1f2b78a4bfdb3f46a335c90b3.json",
    RECORDINGS / "responses/recordings/268e65efffed6ba43c3c66d97dddf134f48456bf3a9ac1ba5ecf38fe50c39044.json",
    RECORDINGS / "telemetry/recordings/e39dece6d1db2f7ca6fd1d8ad12ed21c2228205dcde8c32f71fb664e1fc56425.json",
    RECORDINGS / "common/recordings/cf0be7f9e2ebfc78903aa4ada30204585952f77bc5acb3ff7702bd7878d44b44.json",
    OLD / "2afe3b38ca01.json", OLD / "56ac6a7c6df0.json", OLD / "4a3a4447b16b.json",
    OLD / "d0ac68cbde69.json", OLD / "3877ecf1bc62.json",
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
