"""diff_recordings on real corpus files: history versions and provider pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from recviewer.core.diff import diff_recordings, summarize
from recviewer.core.diff.words import changed_words
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from tests.conftest import read_ok as read
from tests.corpus_paths import (
    GEMINI, HISTORY, HISTORY_CONTENT_CHANGED, HISTORY_NOISE_ONLY, HISTORY_REGION, PAIRS,
    RECORDINGS, SEED,
)


def versions(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


@pytest.mark.parametrize("other", versions(HISTORY_NOISE_ONLY)[1:], ids=lambda p: p.stem)
def test_noise_only_history_versions_are_equivalent(other):
    first = versions(HISTORY_NOISE_ONLY)[0]
    d = diff_recordings(read(first), read(other))
    assert d.equivalent and d.only_noise
    assert summarize(d) == "equivalent (only normalisation noise)"
    paths = {c.path for c in d.changes}
    # the regenerated tool call id and the token counts are what differs
    assert "response.messages[0].tool_calls[0].id" in paths
    assert any(p.startswith("response.usage.") for p in paths)
    assert {r.status for r in d.rows if r.section == "response"} == {"noise"}


def test_content_changed_history_shows_word_changes():
    old, new = HISTORY_CONTENT_CHANGED / "2025-10-08_79bed44b0.json", HISTORY_CONTENT_CHANGED / "2025-11-07_b83184f7e.json"
    d = diff_recordings(read(old), read(new))
    assert not d.equivalent and not d.only_noise
    (row,) = [r for r in d.rows if r.section == "response"]
    assert row.status == "changed"
    assert row.left.text == "The Sun is commonly referred to as Sol in Latin."
    assert row.right.text == "The Sun is referred to as Sol in Latin."
    assert row.words == (("equal", "The Sun is "), ("delete", "commonly "),
                         ("equal", "referred to as Sol in Latin."))
    assert [c.path for c in d.real_changes] == ["response.messages[0].text"]
    assert summarize(d) == "1 message changed"


def test_content_changed_history_words_between_other_versions():
    d = diff_recordings(read(HISTORY_CONTENT_CHANGED / "2025-11-03_1562277cf.json"),
                        read(HISTORY_CONTENT_CHANGED / "2025-11-07_b83184f7e.json"))
    (row,) = [r for r in d.rows if r.section == "response"]
    assert row.words == (("equal", "The "), ("insert", "Sun is referred to as Sol in "),
                         ("equal", "Latin"), ("delete", " word for the Sun is Sol"),
                         ("equal", "."))
    assert changed_words(list(row.words)) == ("word for the Sun is Sol",
                                              "Sun is referred to as Sol in")
    # the oldest version was recorded under another endpoint and without a test id
    d2 = diff_recordings(read(HISTORY_CONTENT_CHANGED / "2025-10-04_045a0c1d5.json"),
                         read(HISTORY_CONTENT_CHANGED / "2025-11-03_1562277cf.json"))
    changed = {c.path: c for c in d2.real_changes}
    assert changed["request.endpoint"].a == "/v1/completions"
    assert changed["request.endpoint"].b == "/v1/chat/completions"
    assert changed["meta.test_id"].a is None


def test_request_changed_hash_shows_the_request_change():
    old = read(next((HISTORY_REGION / "old_62c4b869").glob("*.json")))
    new = read(sorted((HISTORY_REGION / "new_afefeda7").glob("*.json"))[0])
    d = diff_recordings(old, new)
    by_path = {c.path: c for c in d.changes}
    # the tool result (file_search output) in the request changed: new document ids
    tool = by_path["request.messages[2].text"]
    assert "file-637242804955" in tool.a and "29d10f9a-69fe-4200-a64e-14d84061416b" in tool.b
    assert tool.noise  # ids, scores and attributes only: normalisation noise
    row = [r for r in d.rows if r.section == "request" and r.index_a == 2][0]
    assert row.status == "noise" and row.left.role == "tool"
    assert ("insert", "29d10f9a-69fe-4200-a64e-14d84061416b") in row.words
    # ... and a real request change: the SDK that recorded it
    sdk = by_path["request.provider_metadata.openai_sdk_version"]
    assert (sdk.a, sdk.b, sdk.noise) == ("2.5.0", "2.30.0", False)
    # the other request messages align and are equal up to the call id
    statuses = [r.status for r in d.rows if r.section == "request"]
    assert statuses == ["equal", "noise", "noise"]
    assert by_path["request.messages[1].tool_calls[0].id"].noise
    # the answer changed for real
    answer = by_path["response.messages[0].text"]
    assert not answer.noise and answer.a.startswith("Key updates from the US region")
    assert not d.equivalent


@pytest.mark.parametrize("pair", sorted(p.name for p in PAIRS.iterdir()))
def test_provider_pairs_diff_in_the_common_model(pair):
    a, b = read(PAIRS / pair / "a.json"), read(PAIRS / pair / "b.json")
    d = diff_recordings(a, b)
    assert not d.equivalent
    by_path = {c.path: c for c in d.changes}
    assert by_path["request.model"].a == a.model and by_path["request.model"].b == b.model
    # same test function, same first user message: the first request rows pair up
    request_rows = [r for r in d.rows if r.section == "request"]
    assert request_rows[0].left is not None and request_rows[0].right is not None
    assert request_rows[0].status in ("equal", "noise")
    text = summarize(d)
    assert "model changed" in text


def test_tool_pair_matches_calls_by_name():
    d = diff_recordings(read(PAIRS / "chat-tools_ollama-llama3.2_vs_vllm-qwen3/a.json"),
                        read(PAIRS / "chat-tools_ollama-llama3.2_vs_vllm-qwen3/b.json"))
    (row,) = [r for r in d.rows if r.section == "response"]
    (call,) = row.tool_calls
    assert call.name == "get_weather" and call.index_a == 0 and call.index_b == 0
    assert call.status == "noise"  # same arguments, only the generated call id differs
    assert call.left.parsed == call.right.parsed == {"location": "San Francisco, CA"}


def test_different_formats_compare_messages_and_note_the_format():
    openai = read(PAIRS / "chat-streaming_ollama-llama3.2_vs_bedrock-gpt-oss/a.json")
    gemini = read(GEMINI)
    assert openai.format != gemini.format
    d = diff_recordings(openai, gemini)
    fmt = {c.path: c for c in d.changes}["meta.format"]
    assert (fmt.a, fmt.b, fmt.noise) == (openai.format, gemini.format, False)
    assert d.format_differs
    assert f"format differs ({openai.format} vs {gemini.format})" in summarize(d)
    assert [r for r in d.rows if r.section == "response" and r.right is not None]


def test_a_file_against_itself_is_equivalent_with_no_changes():
    d = diff_recordings(read(SEED), read(SEED))
    assert d.equivalent and not d.only_noise and d.changes == ()
    assert summarize(d) == "equivalent (no changes)"
    assert all(r.status == "equal" for r in d.rows)
    request_rows = [r for r in d.rows if r.section == "request"]
    assert len(request_rows) == len(read(SEED).exchange.request_messages)


def test_every_readable_corpus_recording_against_itself_has_no_changes():
    files = sorted(RECORDINGS.rglob("*.json")) + sorted(HISTORY.rglob("*.json"))
    checked = 0
    for path in files:
        rec = read_recording(path)
        if not isinstance(rec, Recording):
            continue
        again = read_recording(path)
        assert diff_recordings(rec, again).changes == (), path
        checked += 1
    assert checked > 250
