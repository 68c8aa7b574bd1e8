"""Streams that differ only in their chunks (logprobs off vs on) are told apart
in the side-by-side rows and the summary; noise in chunks stays noise."""

from __future__ import annotations

import json

from recviewer.core.diff import diff_recordings, summarize
from recviewer.core.diff.chunk_fields import chunk_field_changes, field_of
from recviewer.core.diff.noise import DEFAULT_RULES
from tests.conftest import read_ok
from tests.corpus_paths import SEED


def _chunks(doc):
    return [item["__data__"] for item in doc["response"]["body"]]


def _logprobs(token: str) -> dict:
    return {"content": [{"token": token, "logprob": -0.25, "bytes": list(token.encode()),
                         "top_logprobs": []}], "refusal": None}


def _pair(tmp_path, edit_b):
    """The real streamed SEED as recorded (a) and edited as a provider would (b)."""
    a = tmp_path / "a.json"
    a.write_bytes(SEED.read_bytes())
    doc = json.loads(SEED.read_text())
    edit_b(doc)
    b = tmp_path / "b.json"
    b.write_text(json.dumps(doc, indent=2))
    return read_ok(a, "openai_chat"), read_ok(b, "openai_chat")


def _add_logprobs(doc):
    for chunk in _chunks(doc):
        for choice in chunk["choices"]:
            text = choice["delta"].get("content")
            if text:
                choice["logprobs"] = _logprobs(text)


def test_logprobs_added_in_the_chunks_is_a_change_with_a_count(tmp_path):
    a, b = _pair(tmp_path, _add_logprobs)
    with_text = sum(1 for c in _chunks(json.loads(SEED.read_text()))
                    if c["choices"] and c["choices"][0]["delta"].get("content"))
    total = len(a.exchange.chunks)
    assert 0 < with_text < total
    d = diff_recordings(a, b)
    assert not d.equivalent
    [row] = [r for r in d.rows if r.label == "response.chunks.logprobs"]
    assert row.status == "changed"
    assert row.note == f"logprobs added in {with_text} of {total} chunks"
    assert (row.value_a, row.value_b) == (f"logprobs in 0 of {total} chunks",
                                          f"logprobs in {with_text} of {total} chunks")
    assert f"logprobs added in {with_text} of {total} chunks" in summarize(d)
    # the messages are the same: no message row changed
    assert all(r.status in ("equal", "noise") for r in d.rows if r.is_message)


def test_noise_in_chunks_stays_noise(tmp_path):
    def regenerate(doc):
        for i, chunk in enumerate(_chunks(doc)):
            chunk["id"] = f"chatcmpl-{i:04d}regenerated"
            chunk["created"] = 1_700_000_000 + i
            chunk["obfuscation"] = "x" * (i % 7 + 1)
    a, b = _pair(tmp_path, regenerate)
    d = diff_recordings(a, b)
    assert d.equivalent
    assert not any(r.label.startswith("response.chunks") for r in d.rows)
    assert summarize(d).startswith("equivalent")
    # noise beside a real chunk change: only the real one is counted
    a, b = _pair(tmp_path, lambda doc: (regenerate(doc), _add_logprobs(doc)))
    d = diff_recordings(a, b)
    [row] = [r for r in d.rows if r.label.startswith("response.chunks")]
    assert row.label == "response.chunks.logprobs"
    assert row.changes and all(".logprobs" in c.path for c in row.changes)
    assert not any(c.path.endswith((".id", ".created", ".obfuscation")) for c in d.real_changes)


def test_field_names_skip_wrappers_and_message_fields():
    assert field_of("choices[0].logprobs.content[3].token") == "logprobs"
    assert field_of("choices[0].logprobs") == "logprobs"
    assert field_of("choices[0].delta.content") is None
    assert field_of("candidates[0].content.parts[0].text") is None
    assert field_of("candidates[0].avg_logprobs") == "avg_logprobs"


def test_removed_in_the_other_direction(tmp_path):
    a, b = _pair(tmp_path, _add_logprobs)
    [f] = chunk_field_changes(b.exchange.chunks, a.exchange.chunks, DEFAULT_RULES)
    assert (f.field, f.kind, f.present_a, f.present_b) == ("logprobs", "removed", f.chunks, 0)
