"""Folder statistics (core/stats.py) against counts taken from the raw files.

The expected numbers are computed here from the JSON itself (orjson), not
from the catalog, so a catalog or stats mistake shows as a difference.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import orjson
import pytest

from recviewer.core.catalog.scan import scan
from recviewer.core.stats import (NONE_LABEL, FilterRequest, fingerprint, folder_stats,
                                  parse_collected, provider_of, size_bins, stats_dict, top_n)
from tests.corpus_paths import CORPUS, HTTP_400, RECORDED_EXCEPTION, SEED, SMALL_CHAT

FOLDER = CORPUS / "recordings"


def raw_docs(root: Path) -> list[tuple[Path, dict]]:
    return [(p, orjson.loads(p.read_bytes())) for p in sorted(root.rglob("*.json"))]


def raw_endpoint(request: dict) -> str:
    if request.get("endpoint"):
        return request["endpoint"]
    if request.get("url") and "payload" in request:  # raw HTTP: the URL's path
        return urlsplit(request["url"]).path
    return NONE_LABEL


def raw_model(request: dict) -> str:
    model = request.get("model") or (request.get("payload") or {}).get("model")
    return model or NONE_LABEL


def raw_failed(response: dict) -> bool:
    status = response.get("status")
    return bool(response.get("is_exception")) or (isinstance(status, int) and status >= 400)


@pytest.fixture(scope="module")
def corpus_stats():
    return folder_stats(scan(FOLDER))


def test_totals_equal_counts_from_the_raw_files(corpus_stats):
    docs = raw_docs(FOLDER)
    d = stats_dict(corpus_stats)
    assert d["recordings"] == len(docs) > 200
    assert d["tests"] == len({doc["test_id"] for _, doc in docs if doc.get("test_id")})
    assert d["no_test_id"] == sum(1 for _, doc in docs if not doc.get("test_id"))
    assert d["streamed"] == sum(1 for _, doc in docs if doc["response"]["is_streaming"] is True)
    assert d["errors"] == sum(1 for _, doc in docs if raw_failed(doc["response"]))
    assert d["errors"] >= 10  # the corpus has recorded exceptions and HTTP 400s
    assert d["bytes"] == sum(p.stat().st_size for p, _ in docs)


def test_groups_equal_counts_from_the_raw_files(corpus_stats):
    docs = raw_docs(FOLDER)
    d = stats_dict(corpus_stats)
    assert d["by_endpoint"] == dict(Counter(raw_endpoint(doc["request"]) for _, doc in docs))
    assert d["by_model"] == dict(Counter(raw_model(doc["request"]) for _, doc in docs))
    assert sum(d["by_format"].values()) == len(docs)
    hosts = Counter(urlsplit(doc["request"].get("url") or "").hostname or "" for _, doc in docs)
    assert d["by_provider"]["openai"] == hosts["api.openai.com"]
    assert d["by_provider"]["azure"] == sum(n for h, n in hosts.items()
                                           if h.endswith(".openai.azure.com"))
    assert d["by_provider"]["ollama"] == sum(
        1 for _, doc in docs if urlsplit(doc["request"].get("url") or "").port == 11434)
    by_file = Counter(doc["test_id"].partition("::")[0] for _, doc in docs if doc.get("test_id"))
    for name, n in by_file.items():
        assert d["by_test_file"][name]["recordings"] == n
    streamed = [doc for _, doc in docs if doc.get("test_id", "") and doc["test_id"].startswith(
        "tests/integration/responses/test_tool_responses.py::")]
    share = sum(1 for doc in streamed if doc["response"]["is_streaming"]) / len(streamed)
    entry = d["by_test_file"]["tests/integration/responses/test_tool_responses.py"]
    assert entry["streamed"] == round(share, 4) and isinstance(entry["streamed"], float)


def test_largest_are_the_biggest_files(corpus_stats):
    sizes = sorted(((p.stat().st_size, p.relative_to(FOLDER).as_posix())
                    for p in FOLDER.rglob("*.json")), key=lambda x: (-x[0], x[1]))
    d = stats_dict(corpus_stats)
    assert [(x["bytes"], x["path"]) for x in d["largest"]] == sizes[:10]


def test_every_group_holds_exactly_its_recordings(corpus_stats):
    docs = {str(p): doc for p, doc in raw_docs(FOLDER)}
    req = corpus_stats.request("model", "gpt-4o")
    assert isinstance(req, FilterRequest) and req.kind == "model"
    assert set(req.paths) == {p for p, doc in docs.items() if raw_model(doc["request"]) == "gpt-4o"}
    failed = corpus_stats.request("failed", "failed").paths
    assert str(HTTP_400) in failed and str(RECORDED_EXCEPTION) in failed
    assert set(failed) == {p for p, doc in docs.items() if raw_failed(doc["response"])}
    everything = corpus_stats.request("all", "all").paths
    assert len(everything) == len(docs) and set(everything) == set(docs)


def test_json_is_stable_and_has_the_contract_keys(corpus_stats):
    d = stats_dict(corpus_stats)
    for key, kind in (("recordings", int), ("tests", int), ("errors", int), ("streamed", int),
                      ("no_test_id", int), ("by_endpoint", dict), ("by_model", dict),
                      ("by_format", dict), ("largest", list), ("duplicates", list)):
        assert isinstance(d[key], kind), key
    assert all(set(x) >= {"paths", "what"} and x["what"] for x in d["duplicates"])
    assert "orphans" not in d  # no collection given
    again = stats_dict(folder_stats(scan(FOLDER)))
    assert orjson.dumps(d, option=orjson.OPT_SORT_KEYS) == orjson.dumps(
        again, option=orjson.OPT_SORT_KEYS)


def test_keys_count_what_the_key_check_counts(corpus_stats):
    from recviewer.core.keys.verify import verify_folder

    d = stats_dict(corpus_stats)
    assert set(d["keys"]) == {"ok", "stale", "legacy", "unkeyed"}
    assert d["keys"] == verify_folder(FOLDER).counts()
    assert d["keys"]["ok"] > 0 and sum(d["keys"].values()) <= d["recordings"]
    stale = set(corpus_stats.request("key", "stale").paths)
    assert len(stale) == d["keys"]["stale"]


# ----------------------------------------------------------------- built folder
def _with_test_id(data: bytes, old: str, new: str) -> bytes:
    return data.replace(orjson.dumps(old), orjson.dumps(new))


@pytest.fixture
def built(tmp_path):
    """A folder of real files: the seed twice (under two tests), a small chat
    twice (the second re-recorded: new ids, timestamps, token counts), the
    small chat with a changed answer, and an HTTP 400 without a test id."""
    root = tmp_path / "recs"
    for d in ("a", "b", "c", "d"):
        (root / d).mkdir(parents=True)
    seed = SEED.read_bytes()
    seed_id = orjson.loads(seed)["test_id"]
    moved_id = seed_id.partition("::")[0] + "::test_gone[p1]"
    (root / "a/seed.json").write_bytes(seed)
    (root / "b/seed_moved.json").write_bytes(_with_test_id(seed, seed_id, moved_id))
    small = SMALL_CHAT.read_bytes()
    (root / "c/small.json").write_bytes(small)
    rerecorded = (small.replace(b'"id": "rec-d94bbf50e754"', b'"id": "rec-0123456789ab"')
                  .replace(b'"created": 0', b'"created": 1733000000')
                  .replace(b'"completion_tokens": 16', b'"completion_tokens": 17'))
    assert rerecorded != small
    (root / "c/small_rerecorded.json").write_bytes(rerecorded)
    changed = small.replace(b"most prominent ring system", b"brightest ring system")
    assert changed != small
    (root / "c/small_changed.json").write_bytes(changed)
    shutil.copy(HTTP_400, root / "d/http400.json")
    (root / "package.json").write_bytes(b'{"name": "not a recording", "version": "1.0.0"}\n')
    return root, seed_id, moved_id, orjson.loads(small)["test_id"]


def test_duplicates_in_a_built_folder(built):
    root, *_ = built
    stats = folder_stats(scan(root))
    d = stats_dict(stats)
    assert d["recordings"] == 6  # package.json is not a recording
    groups = {frozenset(x["paths"]): x for x in d["duplicates"]}
    assert set(groups) == {frozenset({"a/seed.json", "b/seed_moved.json"}),
                           frozenset({"c/small.json", "c/small_rerecorded.json"})}
    seeds = groups[frozenset({"a/seed.json", "b/seed_moved.json"})]
    assert seeds["kind"] == "both" and "2 tests" in seeds["what"]
    small = groups[frozenset({"c/small.json", "c/small_rerecorded.json"})]
    assert small["kind"] == "response" and "noise" in small["what"]
    dup = next(x for x in stats.duplicates if x.kind == "response")
    assert set(dup.paths) == {str(root / "c/small.json"), str(root / "c/small_rerecorded.json")}


def test_orphans_from_a_collection_listing(built):
    root, seed_id, moved_id, small_id = built
    listing = "\n".join([
        seed_id, small_id, moved_id.rpartition("[")[0],  # the function, not its parameter
        "", "3 tests collected in 0.12s", "=== warnings summary ===",
        "  /usr/lib/python3/site.py:1: DeprecationWarning: x::y"]) + "\n"
    collected = parse_collected(listing)
    assert seed_id in collected and "3 tests collected in 0.12s" not in collected
    d = stats_dict(folder_stats(scan(root), collected))
    assert d["orphans"] == ["b/seed_moved.json"]  # the HTTP 400 has no test id: no orphan


def test_noise_only_changes_keep_the_fingerprint():
    a = {"id": "chatcmpl-abc123def", "created": 1, "choices": [{"text": "hi call_9f8e7d6c5b"}],
         "usage": {"total_tokens": 3, "details": {"cached": 1}}}
    b = {"id": "chatcmpl-zzz999yyy", "created": 2, "choices": [{"text": "hi call_1a2b3c4d5e"}],
         "usage": {"total_tokens": 4, "details": {"cached": 2}}}
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint({**a, "choices": [{"text": "bye call_9f8e7d6c5b"}]})
    # a key named like a noise key inside a string is text, not a key
    assert fingerprint({"t": '"id":"x"'}) != fingerprint({"t": '"id":"y"'})


def test_provider_of():
    assert provider_of("https://x.openai.azure.com/openai/v1/chat") == "azure"
    assert provider_of("http://localhost:11434/v1/chat/completions") == "ollama"
    assert provider_of("https://bedrock-runtime.us-west-2.amazonaws.com/x") == "bedrock"
    assert provider_of("vertexai:///generate_content") == "vertexai"
    assert provider_of(None, "openai/gpt-4o") == "openai"
    assert provider_of(None, "claude-3-5-sonnet") == "anthropic"
    assert provider_of(None, None, "tavily") == "tavily"
    assert provider_of(None, None) == NONE_LABEL
    assert isinstance(provider_of("http://[bad"), str)  # never raises


def test_top_n_folds_the_rest_into_other():
    groups = {f"m{i}": tuple(f"/p/{i}/{k}" for k in range(300 - i)) for i in range(300)}
    top = top_n(groups, 8)
    assert len(top) == 8 and top[-1][0] == "other (293)"
    assert sum(len(p) for _, p in top) == sum(len(p) for p in groups.values())
    assert top_n({"a": ("x",)}, 8) == [("a", ("x",))]


def test_size_bins_hold_every_recording(corpus_stats):
    bins = size_bins(corpus_stats)
    assert sum(len(b.paths) for b in bins) == len(corpus_stats.recordings)
    for b in bins:
        for p in b.paths:
            assert b.low <= corpus_stats.ref(p).size < b.high
