"""The catalog's near unwrap equals the full unwrap as far as adapters look."""

from __future__ import annotations

import orjson
import pytest

from recviewer.core.catalog.head import NEAR_DEPTH, _unwrap_near
from recviewer.core.load import unwrap

ENV = "__type__"

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
def test_shallow_values_unwrap_as_fully(value):
    raw = orjson.dumps(value)
    assert _unwrap_near(orjson.loads(raw)) == unwrap(orjson.loads(raw))


def test_embeddings_body_is_unwrapped_down_to_the_first_item():
    vector = [0.5] * 8
    body = {ENV: "openai.CreateEmbeddingResponse", "__data__": {
        "data": [{ENV: "openai.Embedding", "__data__": {"object": "embedding", "embedding": vector}}],
        "model": "m"}}
    near = _unwrap_near(body)
    assert near[ENV] == "openai.CreateEmbeddingResponse"
    assert near["data"][0] == {ENV: "openai.Embedding", "object": "embedding", "embedding": vector}
    assert near["data"][0]["embedding"] is body["__data__"]["data"][0]["__data__"]["embedding"]


def test_deeper_values_stay_as_parsed():
    deep: object = {ENV: "x.Leaf", "__data__": {"k": 1}}
    for _ in range(NEAR_DEPTH + 2):
        deep = {"d": deep}
    near = _unwrap_near(deep)
    inner = near
    for _ in range(NEAR_DEPTH + 2):
        inner = inner["d"]
    assert inner == {ENV: "x.Leaf", "__data__": {"k": 1}}  # beyond the depth: left wrapped


def test_a_long_chain_of_envelopes_ends():
    value: object = {"k": 1}
    for _ in range(5_000):
        value = {ENV: "x.Y", "__data__": value}
    assert isinstance(_unwrap_near(value), dict)  # no RecursionError


def test_of_a_list_only_the_first_item_is_unwrapped():
    items = [{ENV: "m.Model", "__data__": {"id": str(i)}} for i in range(3)]
    near = _unwrap_near(items)
    assert near[0] == {ENV: "m.Model", "id": "0"}
    assert near[1:] == items[1:]
