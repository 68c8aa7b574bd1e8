"""Key rules: normalize(body) and the key of each request kind, rule by rule (no Qt)."""

from __future__ import annotations

import hashlib
import json

import pytest

from recviewer.core.keys.compute import (HTTP, INFERENCE, TOOL, KeyedRequest, KeyHasher,
                                         http_key, inference_key, request_key, rewrite_url,
                                         tool_key)
from recviewer.core.keys.normalize import normalize, normalize_string
from recviewer.core.keys.rules import (BEFORE_DOCUMENT_ID, BEFORE_FILE_SEARCH,
                                       BEFORE_NORMALISATION, LEGACY_12HEX)

UUID = "0a1b2c3d-4e5f-6789-abcd-ef0123456789"


def sha(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True).encode()).hexdigest()


def test_floats_are_rounded_to_five_digits_ints_and_bools_kept():
    assert normalize({"t": 0.123456789, "n": 10 ** 30, "b": True, "f": 1.0}) == \
        {"t": 0.12346, "n": 10 ** 30, "b": True, "f": 1.0}


def test_string_rules_apply_in_order():
    text = (f"score: 0.8123 attributes: {{'a': 1}} document_id: {UUID} <|{UUID}|> "
            "value 3.14159265 short 2.5")
    assert normalize_string(text) == ("score: __NORMALIZED__ document_id: __NORMALIZED__ "
                                      "<|__NORMALIZED__|> value 3.14159 short 2.5")
    # the attributes rule eats a leading comma; nested braces are not matched
    assert normalize_string("x, attributes: {'k': 'v'}, y") == "x, y"
    # no nested braces: the match ends at the first "}" (as the recorder's pattern)
    assert normalize_string("attributes: {'k': {'n': 1}} end") == "} end"


def test_score_rule_runs_before_the_decimal_rule():
    # "score: 0.81234567" becomes a placeholder, not "score: 0.81235"
    assert normalize_string("score: 0.81234567") == "score: __NORMALIZED__"
    assert normalize_string("score: 0.81234567", BEFORE_FILE_SEARCH) == "score: 0.81235"


def test_earlier_rule_versions_apply_less():
    text = f"score: 0.5, attributes: {{'a': 1}} <|{UUID}|> document_id: {UUID}"
    assert normalize_string(text, BEFORE_DOCUMENT_ID) == \
        f"score: __NORMALIZED__ <|{UUID}|> document_id: {UUID}"
    assert normalize_string(text, BEFORE_FILE_SEARCH) == text
    assert normalize({"t": 0.123456789}, BEFORE_NORMALISATION) == {"t": 0.123456789}


def test_project_id_dropped_at_the_top_and_in_dicts_directly_inside_lists_only():
    body = {"extra_body": {"project_id": "p", "guided_choice": ["a"]},
            "extra_query": {"project_id": "q"},
            "items": [{"extra_body": {"project_id": "kept? no: quirk"}}],
            "nested": {"extra_body": {"project_id": "kept"}}}
    out = normalize(body)
    assert out["extra_body"] == {"guided_choice": ["a"]}
    assert out["extra_query"] == {}
    assert out["items"] == [{"extra_body": {}}]  # the recorder's quirk
    assert out["nested"] == {"extra_body": {"project_id": "kept"}}
    assert body["extra_body"]["project_id"] == "p"  # input untouched


def test_inference_key_uses_the_url_path_and_the_test_id():
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0.7}
    key = inference_key("post", "http://0.0.0.0:11434/v1/v1/chat/completions", body, "t::x")
    assert key == sha({"method": "POST", "endpoint": "/v1/v1/chat/completions",
                       "body": body, "test_id": "t::x"})


@pytest.mark.parametrize("path", ["/api/tags", "/v1/models", "/v1/openai/v1/models"])
def test_test_id_left_out_for_the_three_model_list_paths(path):
    key = inference_key("GET", f"http://localhost:8080{path}", {}, "t::x")
    assert key == sha({"method": "GET", "endpoint": path, "body": {}})


def test_test_id_kept_for_other_model_list_urls():
    key = inference_key("POST", "https://api.openai.com/v1/v1/models", {}, None)
    assert key == sha({"method": "POST", "endpoint": "/v1/v1/models", "body": {}, "test_id": None})


def test_bedrock_drops_top_level_stream_options_only():
    body = {"stream_options": {"include_usage": True}, "x": {"stream_options": 1}}
    bedrock = inference_key("POST", "https://bedrock-mantle.us-east-2.api.aws/v1/chat/completions",
                            body, None)
    assert bedrock == sha({"method": "POST", "endpoint": "/v1/chat/completions",
                           "body": {"x": {"stream_options": 1}}, "test_id": None})
    other = inference_key("POST", "https://api.openai.com/v1/chat/completions", body, None)
    assert other != bedrock


def test_databricks_urls_are_rewritten_before_hashing():
    url = "https://adb-1234.7.cloud.databricks.com/serving-endpoints/chat/completions"
    assert rewrite_url(url) == "__databricks__/serving-endpoints/chat/completions"
    assert inference_key("POST", url, {}, None) == sha(
        {"method": "POST", "endpoint": "__databricks__/serving-endpoints/chat/completions",
         "body": {}, "test_id": None})


def test_raw_http_key_hashes_the_full_url_and_normalised_payload():
    payload = {"model": "claude", "temperature": 0.123456789}
    key = http_key("http://0.0.0.0:11434/v1/messages", "post", payload, "t::y")
    assert key == sha({"test_id": "t::y", "url": "http://0.0.0.0:11434/v1/messages",
                       "method": "POST", "payload": {"model": "claude", "temperature": 0.12346}})


def test_tool_key_has_no_normalisation_and_no_test_id():
    kwargs = {"query": "x", "score": 0.123456789}
    assert tool_key("tavily", "web_search", kwargs) == sha(
        {"provider": "tavily", "tool_name": "web_search", "kwargs": kwargs})


def test_legacy_rule_is_twelve_hex_without_test_id_or_normalisation():
    body = {"t": 0.123456789}
    req = KeyedRequest(INFERENCE, method="POST", url="http://h/v1/chat/completions", body=body,
                       test_id="ignored")
    assert request_key(req, LEGACY_12HEX) == sha(
        {"method": "POST", "endpoint": "/v1/chat/completions", "body": body})[:12]


def test_prefix_shared_hasher_equals_json_dumps_for_any_test_id():
    body = {"messages": [{"content": "é ☃ \"q\" \\", "n": 1e-7}], "z": [1.0, 2, None, True]}
    norm = {"messages": [{"content": "é ☃ \"q\" \\", "n": 0.0}], "z": [1.0, 2, None, True]}
    inference = KeyHasher(KeyedRequest(INFERENCE, method="post", url="http://h/v1/x", body=body))
    http = KeyHasher(KeyedRequest(HTTP, method="post", url="http://h/v1/m", body=body))
    for tid in (None, "a::b[c]", "ünï"):
        assert inference.key(tid) == sha({"method": "POST", "endpoint": "/v1/x", "body": norm,
                                          "test_id": tid})
        assert http.key(tid) == sha({"method": "POST", "url": "http://h/v1/m", "payload": norm,
                                     "test_id": tid})
    assert KeyHasher(KeyedRequest(TOOL, provider="p", tool_name="t", body={})).key("x") == \
        sha({"provider": "p", "tool_name": "t", "kwargs": {}})
