"""The catalog's quick unwrap of one top-level envelope equals the full unwrap."""

from __future__ import annotations

import orjson
import pytest

from recviewer.core.catalog_head import _unwrap_top
from recviewer.core.load import unwrap

CASES = [
    {"__type__": "a.B", "__data__": {"x": 1, "y": [1, {"z": None}]}},
    {"__type__": "a.B", "__data__": {"x": {"__type__": "c.D", "__data__": {"q": 2}}}},
    {"plain": {"__type__": "c.D", "__data__": {"q": 2}}},
    {"__type__": "a.B", "__data__": [1, 2]},
    {"__type__": 7, "__data__": {"k": "v"}},
    {"__type__": "a.B", "__data__": {"k": "v"}, "extra": 1},
    [{"__type__": "a.B", "__data__": {"k": "v"}}],
    {"__type__": "a.B", "__data__": {"s": "mentions __type__ in text"}},
]


@pytest.mark.parametrize("value", CASES)
def test_same_result_as_full_unwrap(value):
    raw = orjson.dumps(value)
    assert _unwrap_top(orjson.loads(raw), raw) == unwrap(orjson.loads(raw))


def test_escaped_type_key_takes_the_full_path():
    raw = b'{"__type__": "a.B", "__data__": {"x": {"\\u005f_type__": "c", "__data__": {"q": 1}}}}'
    assert _unwrap_top(orjson.loads(raw), raw) == unwrap(orjson.loads(raw))
    assert _unwrap_top(orjson.loads(raw), raw)["x"] == {"__type__": "c", "q": 1}
