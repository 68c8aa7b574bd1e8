"""Odd JSON bytes, case by case: what loads (and how), what is refused (and why).

Complements the random fuzzing with exact expectations: encodings (BOM, UTF-16/32
with and without BOM), what Python's json.dump writes but orjson refuses (NaN,
Infinity, 10**400, lone surrogates), nesting limits, and damage that must end in
a RecordingError with a clear reason.
"""

from __future__ import annotations

import math

import orjson
import pytest

from tests.corpus_paths import SEED
from tests.support.fuzz import exercise
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.lenient_json import NotLenient, lenient_loads, nesting_depth
from recviewer.core.load import MAX_DEPTH, load_document
from recviewer.core.model import Recording

SEED_BYTES = SEED.read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")


def _load(tmp_path, data: bytes, name: str = "case.json"):
    path = tmp_path / name
    path.write_bytes(data)
    assert exercise(path, cli=False) == []
    return read_recording(path)


@pytest.fixture(scope="module")
def seed_rec() -> Recording:
    rec = read_recording(SEED)
    assert isinstance(rec, Recording)
    return rec


# ----------------------------------------------------------------- encodings
@pytest.mark.parametrize("encoded", [
    b"\xef\xbb\xbf" + SEED_BYTES,
    b"\xff\xfe" + SEED_TEXT.encode("utf-16-le"),
    b"\xfe\xff" + SEED_TEXT.encode("utf-16-be"),
    SEED_TEXT.encode("utf-16-le"),
    SEED_TEXT.encode("utf-16-be"),
    SEED_TEXT.encode("utf-32"),
    SEED_TEXT.encode("utf-32-le"),
], ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32-bom", "utf32le"])
def test_other_encodings_load_like_the_original(tmp_path, seed_rec, encoded):
    rec = _load(tmp_path, encoded)
    assert isinstance(rec, Recording), rec
    assert rec.raw == seed_rec.raw and rec.exchange == seed_rec.exchange
    assert rec.size == len(encoded)


def test_broken_utf16_says_so(tmp_path):
    data = b"\xff\xfe" + '{"a": "x"}'.encode("utf-16-le") + b"\x00\xd8"  # lone high surrogate
    _assert_refused(_load(tmp_path, data), "UTF-16")


@pytest.mark.parametrize("data, offset", [
    (b'{"a": "\xff"}', 7), (SEED_BYTES[:300] + b"\xc3\x28" + SEED_BYTES[300:], 300),
    (b'{"a": "\xed\xa0\x80"}', 7),  # a surrogate encoded in UTF-8 (CESU) is not UTF-8
])
def test_invalid_utf8_names_the_byte_offset(tmp_path, data, offset):
    _assert_refused(_load(tmp_path, data), f"not valid UTF-8 text: byte 0x{data[offset]:02x} "
                                           f"at offset {offset}")


# ----------------------------------------------------------------- what Python writes
def test_nan_infinity_and_huge_numbers_load(tmp_path):
    doc = SEED_TEXT.replace('"messages": [', '"t_nan": NaN, "t_inf": -Infinity, '
                            '"huge": 1' + "0" * 400 + ', "big": 1e400, "u64": 18446744073709551615, '
                            '"i65": -9223372036854775809, "messages": [', 1)
    assert doc != SEED_TEXT
    rec = _load(tmp_path, doc.encode())
    assert isinstance(rec, Recording), rec
    body = rec.raw["request"]["body"]
    assert math.isnan(body["t_nan"]) and body["t_inf"] == -math.inf
    assert body["huge"] == math.inf and body["big"] == math.inf  # as orjson reads 2**64 and up
    assert body["u64"] == 2 ** 64 - 1 and isinstance(body["u64"], int)
    assert body["i65"] == float(-(2 ** 63) - 1) and isinstance(body["i65"], float)
    seed = read_recording(SEED)
    assert rec.exchange.request_messages == seed.exchange.request_messages
    assert rec.exchange.response_messages == seed.exchange.response_messages
    assert rec.exchange.params["t_inf"] == -math.inf


def test_lone_surrogates_become_replacement_characters(tmp_path):
    doc = SEED_TEXT.replace('"What are the updates from the US region?"',
                            '"\\ud800 lone, \\udfff lone, \\ud83d\\ude00 pair, \\\\ud800 escaped"', 1)
    rec = _load(tmp_path, doc.encode())
    assert isinstance(rec, Recording), rec
    assert rec.exchange.request_messages[0].text == (
        "\ufffd lone, \ufffd lone, \U0001F600 pair, \\ud800 escaped")


def test_surrogates_in_keys_too():
    assert lenient_loads(b'{"\\ud800": ["\\udc00x"]}') == {"\ufffd": ["\ufffdx"]}


def test_duplicate_keys_keep_the_last_value(tmp_path):
    data = b'{"test_id": "first", "test_id": "last", "request": {}, "response": {}}'
    rec = _load(tmp_path, data)
    assert isinstance(rec, Recording) and rec.test_id == "last"


# ----------------------------------------------------------------- nesting
def test_nesting_limit(tmp_path):
    ok = b'{"request": {}, "response": ' + b"[" * (MAX_DEPTH - 2) + b"]" * (MAX_DEPTH - 2) + b"}"
    assert isinstance(_load(tmp_path, ok), Recording)
    for depth in (MAX_DEPTH + 1, 499, 1_000, 10_000):
        deep = b'{"x": ' + b"[" * depth + b"]" * depth + b"}"
        _assert_refused(_load(tmp_path, deep), "nested too deeply", "depth limit")
    deep_objects = b'{"a":' * 10_000 + b"1" + b"}" * 10_000
    _assert_refused(_load(tmp_path, deep_objects), "nested too deeply", "depth limit")


def test_deep_nesting_with_a_value_python_writes_is_still_refused(tmp_path):
    deep = b'{"x": ' + b"[" * 5_000 + b"NaN" + b"]" * 5_000 + b"}"
    _assert_refused(_load(tmp_path, deep), "nested too deeply", "depth limit", "not valid JSON")


def test_nesting_depth_ignores_brackets_inside_strings():
    assert nesting_depth(b'{"a": "[[[{{{", "b": ["\\"]]]", {"c": []}]}') == 4
    assert nesting_depth(b'"[[[["') == 0
    assert nesting_depth(b"[[[]]] [[]]") == 3
    with pytest.raises(NotLenient):
        lenient_loads(b"[" * 300 + b"NaN" + b"]" * 300, max_depth=200)


# ----------------------------------------------------------------- damage
@pytest.mark.parametrize("data, words", [
    (b"", ("empty",)), (b" \n\t ", ("empty",)), (b"\x00" * 64, ("not valid JSON",)),
    (b"null", ("top level is a JSON null",)), (b"[1, 2]", ("top level is a JSON list",)),
    (b'"text"', ("top level is a JSON str",)), (b"1e400", ("top level is a JSON float",)),
    (SEED_BYTES[:1000], ("not valid JSON",)), (SEED_BYTES[:-2], ("not valid JSON",)),
    (SEED_BYTES[:500] + b"\x00" + SEED_BYTES[500:], ("not valid JSON",)),
    (SEED_BYTES + b"\n{}", ("not valid JSON",)), (b"{'single': 'quotes'}", ("not valid JSON",)),
    (b'{"a": 1,}', ("not valid JSON",)), (b"{\"a\": [1, 2}", ("not valid JSON",)),
])
def test_damage_is_refused_with_a_reason(tmp_path, data, words):
    _assert_refused(_load(tmp_path, data), *words)


def test_load_document_reports_size_and_never_raises(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes(b'{"a": NaN}')
    doc, size = load_document(path)
    assert size == 10 and math.isnan(doc["a"])
    assert orjson.dumps(doc) == b'{"a":null}'  # safe for the rest of the core


def _assert_refused(result, *words: str) -> None:
    assert isinstance(result, RecordingError), result
    assert result.reason.strip()
    assert any(w in result.reason for w in words), result.reason
