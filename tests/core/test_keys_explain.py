"""explain: the exact recording of an unchanged request, the right nearest one and field
for each kind of one-field change, miss messages and captured misses (real corpus)."""

from __future__ import annotations

import copy
import json

import pytest

from recviewer.core.keys.compute import read_raw
from recviewer.core.keys.explain import MESSAGE, MISS, RECORDING, REQUEST, explain, parse_query
from recviewer.core.keys.miss import FIELDS, parse_miss
from tests.corpus_paths import (INTEGRATION, KEY_HTTP_ANTHROPIC, KEY_OK_OPENAI,
                                KEY_STALE_BEFORE_FILE_SEARCH, MESSAGES, RESPONSES,
                                TELEMETRY, TOOL_RUNTIME_TAVILY)

ROOT = INTEGRATION  # paths relative to it: responses/recordings/<key>.json


def rel(path) -> str:
    return path.relative_to(ROOT).as_posix()


def request_of_file(path) -> dict:
    doc = read_raw(path)
    r = doc["request"]
    return {"method": r["method"], "url": r["url"], "body": r["body"], "test_id": doc["test_id"]}


def query(obj, **kw):
    return parse_query(json.dumps(obj).encode(), **kw)


def test_unchanged_request_finds_its_exact_recording():
    q = query(request_of_file(KEY_OK_OPENAI))
    assert q.source == REQUEST
    result = explain(q, RESPONSES.parent.parent)
    assert result.key == KEY_OK_OPENAI.stem
    assert result.exact == rel(KEY_OK_OPENAI)
    assert result.nearest[0].path == rel(KEY_OK_OPENAI)
    assert result.nearest[0].score == 1.0 and result.nearest[0].differences == ()


def _change_temperature(r):
    r["body"]["temperature"] = 0.3


def _change_message(r):
    r["body"]["messages"][1]["content"] = "a different assistant turn"


def _change_tool(r):
    r["body"]["tools"][0]["function"]["description"] = "changed"


def _change_test_id(r):
    r["test_id"] = r["test_id"].replace("test_response", "test_renamed_response")


def _change_endpoint(r):
    r["url"] = r["url"].replace("/v1/v1/chat/completions", "/v1/chat/completions")


@pytest.mark.parametrize("change, path, a_b", [
    (_change_temperature, "body.temperature", (0.3, None)),
    (_change_message, "body.messages[1].content", ("a different assistant turn", None)),
    (_change_tool, "body.tools[0].function.description", ("changed", None)),
    (_change_test_id, "test_id", None),
    (_change_endpoint, "endpoint", ("/openai/v1/chat/completions", "/openai/v1/v1/chat/completions")),
])
def test_one_field_change_finds_the_right_nearest_and_field(change, path, a_b):
    original = request_of_file(KEY_OK_OPENAI)
    changed = copy.deepcopy(original)
    change(changed)
    result = explain(query(changed), RESPONSES.parent.parent)
    assert result.exact is None and result.key != KEY_OK_OPENAI.stem
    best = result.nearest[0]
    assert best.path == rel(KEY_OK_OPENAI)
    assert [d.path for d in best.differences] == [path]
    assert 0.0 < best.score < 1.0
    d = best.differences[0]
    if path == "test_id":
        assert "test_renamed_response" in d.a and "test_renamed_response" not in d.b
    elif path == "body.messages[1].content":
        assert d.a == "a different assistant turn" and d.b != d.a
    elif path == "body.tools[0].function.description":
        assert d.a == "changed" and d.b != "changed"
    else:
        assert (d.a, d.b) == a_b
    assert len(result.nearest) == 3


def test_test_id_option_replaces_the_requests():
    r = request_of_file(KEY_OK_OPENAI)
    true_id = r.pop("test_id")
    assert explain(query(r), RESPONSES.parent.parent).exact is None
    assert explain(query(r, test_id=true_id), RESPONSES.parent.parent).exact == rel(KEY_OK_OPENAI)


def test_a_whole_recording_as_the_request():
    q = parse_query(KEY_OK_OPENAI.read_bytes())
    assert q.source == RECORDING
    assert explain(q, RESPONSES.parent.parent).exact == rel(KEY_OK_OPENAI)
    # a stale recording: no exact file; the nearest is the file itself, equal in every field
    stale = explain(parse_query(KEY_STALE_BEFORE_FILE_SEARCH.read_bytes()), RESPONSES.parent.parent)
    assert stale.exact is None
    assert stale.nearest[0].path == rel(KEY_STALE_BEFORE_FILE_SEARCH)
    assert stale.nearest[0].differences == ()


def test_raw_http_and_tool_runtime_requests():
    doc = read_raw(KEY_HTTP_ANTHROPIC)
    r = doc["request"]
    http = {"method": r["method"], "url": r["url"], "payload": r["payload"],
            "test_id": r.get("test_id", doc["test_id"])}
    assert explain(query(http), MESSAGES).exact == KEY_HTTP_ANTHROPIC.name
    http["payload"] = dict(http["payload"], max_tokens=7)
    near = explain(query(http), MESSAGES).nearest[0]
    assert near.path == KEY_HTTP_ANTHROPIC.name
    assert [d.path for d in near.differences] == ["payload.max_tokens"]
    t = read_raw(TOOL_RUNTIME_TAVILY)["request"]
    tool = {"provider": t["provider"], "tool_name": t["tool_name"], "kwargs": t["kwargs"]}
    assert explain(query(tool), TELEMETRY).exact == TOOL_RUNTIME_TAVILY.name


def test_miss_message_lists_candidates_by_model_and_url():
    r = request_of_file(KEY_OK_OPENAI)
    text = ("E   RuntimeError: Recording not found for request hash: " + "f" * 64 + "\n"
            f"E   Model: {r['body']['model']} | Request: POST {r['url']}\n\n"
            "E   Run './scripts/integration-tests.sh --inference-mode record-if-missing' …\n")
    q = parse_query(text.encode())
    assert q.source == MESSAGE and q.key == "f" * 64
    assert (q.model, q.method, q.url) == (r["body"]["model"], "POST", r["url"])
    result = explain(q, RESPONSES.parent.parent)
    assert result.exact is None and result.nearest
    for c in result.nearest:
        assert c.score == 1.0 and c.differences == () and c.status is not None
    # the message of a file that exists names it exactly
    exact = parse_query(text.replace("f" * 64, KEY_OK_OPENAI.stem).encode())
    assert explain(exact, RESPONSES.parent.parent).exact == rel(KEY_OK_OPENAI)


def test_captured_miss_is_a_query_with_its_own_key():
    r = request_of_file(KEY_OK_OPENAI)
    miss = dict(r, key=KEY_OK_OPENAI.stem, error="Recording not found for request hash: …")
    assert set(miss) == set(FIELDS) and parse_miss(miss) is not None
    q = query(miss)
    assert q.source == MISS and q.key == KEY_OK_OPENAI.stem
    assert explain(q, RESPONSES.parent.parent).exact == rel(KEY_OK_OPENAI)


def test_unrecognised_input_is_a_reason():
    assert isinstance(parse_query(b'{"hello": 1}'), str)
    assert isinstance(parse_query(b"just some text"), str)


def test_big_integers_in_differences_stay_writable(tmp_path):
    import orjson

    r = request_of_file(KEY_OK_OPENAI)
    r["body"]["seed"] = 10 ** 30
    result = explain(query(r), RESPONSES.parent.parent)
    diff = result.nearest[0].differences
    assert [d.path for d in diff] == ["body.seed"] and diff[0].a == 10 ** 30
    out = orjson.loads(orjson.dumps(result.to_json()))
    assert out["nearest"][0]["differences"][0]["a"] == str(10 ** 30)
