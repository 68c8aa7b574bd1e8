"""diff_json: structural changes with readable paths and noise verdicts."""

from __future__ import annotations

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from recviewer.core.diff import DEFAULT_RULES, Change, NoiseRules, diff_json, fingerprint
from recviewer.core.load import load_document
from tests.corpus_paths import SEED


def _by_path(changes):
    return {c.path: c for c in changes}


def test_paths_for_keys_indexes_and_odd_keys():
    a = {"response": {"body": [{}, {}, {}, {"choices": [{"delta": {"content": "a"}}]}]},
         "headers": {"x-request-id": "1"}, "odd key": 1}
    b = {"response": {"body": [{}, {}, {}, {"choices": [{"delta": {"content": "b"}}]}]},
         "headers": {"x-request-id": "2"}, "odd key": 2}
    paths = [c.path for c in diff_json(a, b)]
    assert paths == ['response.body[3].choices[0].delta.content',
                     'headers["x-request-id"]', '["odd key"]']


def test_prefix_path_and_quoting_of_quotes():
    changes = diff_json({'say "hi"': 1}, {'say "hi"': 2}, path="request")
    assert changes[0].path == 'request["say \\"hi\\""]'


def test_added_removed_changed_in_document_order():
    changes = diff_json({"a": 1, "b": 2, "c": 3}, {"a": 1, "c": 4, "d": 5})
    assert changes == (Change("b", "removed", 2, None), Change("c", "changed", 3, 4),
                       Change("d", "added", None, 5))


def test_type_tag_is_compared_like_any_key():
    a = {"__type__": "llama_stack.apis.tools.tools.ToolInvocationResult", "content": "x"}
    b = {"__type__": "ogx_api.tools.ToolInvocationResult", "content": "x"}
    (change,) = diff_json(a, b)
    assert change.path == "__type__" and change.kind == "changed" and not change.noise


def test_bool_and_int_are_not_equal_but_int_and_float_round_off_is_noise():
    (c1,) = diff_json({"x": True}, {"x": 1})
    assert not c1.noise
    (c2,) = diff_json({"x": 1}, {"x": 1.0})
    assert c2.noise


def test_float_round_off_below_relative_1e5_is_noise():
    (small,) = diff_json({"v": 0.1234567}, {"v": 0.1234568})
    assert small.noise
    (big,) = diff_json({"v": 0.1234}, {"v": 0.1240})
    assert not big.noise
    assert NoiseRules(float_rel_tol=0.0).numbers_close(1.0, 1.0000001) is False


def test_noise_keys_mark_their_whole_subtree():
    a = {"id": "chatcmpl-1", "created": 1, "system_fingerprint": "fp_a",
         "id_normalization_mapping": {"x": {"deep": 1}}, "model": "gpt-4o"}
    b = {"id": "chatcmpl-2", "created": 2, "system_fingerprint": "fp_b",
         "id_normalization_mapping": {"x": {"deep": 2}}, "model": "gpt-4o-mini"}
    got = _by_path(diff_json(a, b))
    assert all(got[p].noise for p in ("id", "created", "system_fingerprint",
                                      "id_normalization_mapping.x.deep"))
    assert not got["model"].noise


def test_id_like_strings_under_any_key_are_noise():
    got = _by_path(diff_json(
        {"tool_call_id": "call_os3xa9go", "response_id": "resp_abc123def", "name": "file_search"},
        {"tool_call_id": "call_h9a6uwnf", "response_id": "resp_zzz999yyy", "name": "web_search"}))
    assert got["tool_call_id"].noise and got["response_id"].noise
    assert not got["name"].noise  # tool names are words, not ids


def test_text_differing_only_in_scores_attributes_and_ids_is_noise():
    # Shapes copied from a real knowledge/file_search tool result (history corpus).
    a = ("[1] document_id: file-637242804955, score: 0.005262357458413677, attributes: "
         "{'region': 'us', 'file_id': 'file-637242804955', 'metadata_token_count': 44.0} "
         "cite as <|file-637242804955|>\nUS technical updates for Q2 2023.")
    b = ("[1] document_id: 29d10f9a-69fe-4200-a64e-14d84061416b, score: 0.005262357035861129, "
         "attributes: {'document_id': '29d10f9a-69fe-4200-a64e-14d84061416b', 'region': 'us', "
         "'metadata_token_count': 51.0} cite as <|29d10f9a-69fe-4200-a64e-14d84061416b|>\n"
         "US technical updates for Q2 2023.")
    assert DEFAULT_RULES.strings_are_noise(a, b)
    assert not DEFAULT_RULES.strings_are_noise(a, b.replace("Q2 2023", "Q3 2023"))
    assert DEFAULT_RULES.strings_are_noise("pi is 3.14159265", "pi is 3.14159266")
    assert not DEFAULT_RULES.strings_are_noise("pi is 3.14", "pi is 3.15")


def test_unequal_lists_align_one_inserted_item():
    a = [{"role": "user", "content": f"m{i}"} for i in range(6)]
    b = a[:2] + [{"role": "user", "content": "inserted"}] + a[2:]
    changes = diff_json({"messages": a}, {"messages": b})
    inserted = {"role": "user", "content": "inserted"}
    assert changes == (Change("messages[2]", "added", None, inserted),)


def test_unequal_lists_ignore_noise_when_aligning():
    a = [{"id": f"rec-{i}aaaaaa", "text": t} for i, t in enumerate("abcd")]
    b = [{"id": f"rec-{i}bbbbbb", "text": t} for i, t in enumerate("abXcd")]
    changes = diff_json(a, b)
    real = [c for c in changes if not c.noise]
    assert [(c.path, c.kind) for c in real] == [("[2]", "added")]


def test_deep_nesting_does_not_recurse():
    def nest(leaf, depth=5000):
        value = leaf
        for i in range(depth):
            value = {"k": value} if i % 2 else [value]
        return value

    a, b = nest("left"), nest("right")
    (change,) = diff_json(a, b)
    assert change.kind == "changed" and change.a == "left" and change.b == "right"
    assert change.path.startswith("k[0].k[0]") and change.path.count("k[0]") == 2500
    assert diff_json(a, nest("left")) == ()
    # different lengths at the top force fingerprints of the deep items
    assert len(diff_json([a], [a, b])) == 1
    assert fingerprint(a) != fingerprint(b)


def test_real_document_against_itself_has_no_changes():
    doc, _ = load_document(SEED)
    again, _ = load_document(SEED)
    assert doc is not again
    assert diff_json(doc, again) == ()


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5)
    | st.floats(allow_nan=False, allow_infinity=False, width=32).map(lambda f: f + 0.0)
    | st.sampled_from(["a", "b", "call_abc123", "x y"]),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "k", "odd key", "v"]), inner, max_size=3),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(_json, _json)
def test_no_changes_exactly_when_equal_as_json(a, b):
    opts = orjson.OPT_SORT_KEYS
    same = orjson.dumps(a, option=opts) == orjson.dumps(b, option=opts)
    changes = diff_json(a, b)
    assert (changes == ()) == same
    assert diff_json(a, a) == ()
    assert all(c.kind in ("added", "removed", "changed") for c in changes)
