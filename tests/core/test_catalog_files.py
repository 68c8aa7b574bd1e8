"""Catalog: odd files become error values; the head-only read stays cheap and right."""

from __future__ import annotations

import json
import os

import orjson
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.corpus_paths import ANTHROPIC_SSE, LARGEST, SEED
from recviewer.core.catalog import head as catalog_head, scan as catalog
from recviewer.core.catalog.scan import scan
from recviewer.core.catalog.head import HEAD_ITEMS, read_head
from recviewer.core.formats import registry


def _by_name(folder) -> dict:
    return {r.rel_path: r for r in scan(folder).refs}


# ----------------------------------------------------------------- broken files
def test_broken_files_get_an_error_not_an_exception(tmp_path):
    seed = SEED.read_bytes()
    (tmp_path / "good.json").write_bytes(seed)
    (tmp_path / "truncated.json").write_bytes(seed[: len(seed) // 2])
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "list.json").write_bytes(b"[1, 2]\n")
    (tmp_path / "binary.json").write_bytes(bytes(range(256)))
    (tmp_path / "notes.txt").write_text("not a recording")
    refs = _by_name(tmp_path)
    assert set(refs) == {"good.json", "truncated.json", "empty.json", "list.json", "binary.json"}
    assert refs["good.json"].error is None and refs["good.json"].format == "openai_chat"
    assert "not valid JSON" in refs["truncated.json"].error
    assert refs["empty.json"].error == "the file is empty"
    assert "top level is a JSON list" in refs["list.json"].error
    assert refs["binary.json"].error
    for name in ("truncated.json", "empty.json", "list.json", "binary.json"):
        assert refs[name].format == "" and refs[name].test_id is None
    assert refs["truncated.json"].size == len(seed) // 2
    cat = scan(tmp_path)
    assert (cat.errors, cat.others) == (3, 1)  # list.json is JSON, not a recording


def test_broken_symlink_and_symlink_loops(tmp_path):
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone.json")
    (tmp_path / "self.json").symlink_to(tmp_path / "self.json")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "r.json").write_bytes(SEED.read_bytes())
    (sub / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "again").symlink_to(sub, target_is_directory=True)
    refs = _by_name(tmp_path)
    assert refs["dangling.json"].error == "broken symbolic link"
    assert refs["self.json"].error == "broken symbolic link"
    # the folder reached twice (through "again" and "sub") is scanned once
    good = [r for r in refs.values() if r.error is None]
    assert [r.rel_path for r in good] == ["again/r.json"]


def test_non_utf8_file_name(tmp_path):
    raw = os.path.join(os.fsencode(tmp_path), b"bad\xff-name.json")
    with open(raw, "wb") as fh:
        fh.write(SEED.read_bytes())
    (ref,) = scan(tmp_path).refs
    assert ref.error is None and (ref.format, ref.chunks) == ("openai_chat", 62)  # read
    assert ref.rel_path == "bad\ufffd-name.json"
    assert os.path.exists(ref.path)  # the OS path still names the file
    ref.rel_path.encode("utf-8")  # display form is encodable


def test_a_pipe_named_json_is_reported_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    (ref,) = scan(tmp_path).refs
    assert ref.error == "not a regular file"


def test_a_folder_named_json_is_descended(tmp_path):
    (tmp_path / "odd.json").mkdir()
    (tmp_path / "odd.json" / "r.json").write_bytes(SEED.read_bytes())
    assert list(_by_name(tmp_path)) == ["odd.json/r.json"]


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.json"
    path.write_bytes(SEED.read_bytes())
    path.chmod(0)
    if os.access(path, os.R_OK):  # running as root: permissions do not apply
        def denied(*args, **kwargs):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(catalog, "read_bytes", denied)
    (ref,) = scan(tmp_path).refs
    assert ref.error == "permission denied" and ref.format == ""


# ----------------------------------------------------------------- cheap head read
def test_largest_file_is_read_without_a_full_parse(monkeypatch):
    def no_full_read(path, data):
        raise AssertionError("full parse used")
    monkeypatch.setattr(catalog_head, "_full", no_full_read)
    seen = []
    real = registry.pick_adapter

    def spy(env):
        seen.append(env)
        return real(env)
    monkeypatch.setattr(registry, "pick_adapter", spy)
    info = read_head(str(LARGEST), LARGEST.read_bytes())
    assert info.chunks == 1399 and info.format == "openai_chat"
    assert len(seen) == 1 and len(seen[0].response_body) == HEAD_ITEMS


def test_raw_sse_lines_fall_back_to_the_full_read():
    data = ANTHROPIC_SSE.read_bytes()
    rec = registry.read_recording(ANTHROPIC_SSE)
    info = read_head(str(ANTHROPIC_SSE), data)
    assert info.chunks == rec.chunk_count and info.format == rec.format == "anthropic_messages"


def test_compact_json_falls_back_and_agrees(tmp_path):
    compact = tmp_path / "compact.json"
    compact.write_bytes(orjson.dumps(orjson.loads(SEED.read_bytes())))
    a = read_head(str(compact), compact.read_bytes())
    b = read_head(str(SEED), SEED.read_bytes())
    assert a == b and a.chunks == 62


def _edited_seed(edit) -> bytes:
    """The seed recording's text after a hand edit of its stream body."""
    text = SEED.read_text(encoding="utf-8")
    edited = edit(text)
    assert edited != text
    return edited.encode("utf-8")


_BODY_EDITS = {
    # an empty object among the items ("{}" opens and closes on one line)
    "empty object item": lambda t: t.replace('\n      },\n      {\n', '\n      },\n      {},\n      {\n', 1),
    # a number among the items
    "number item": lambda t: t.replace('\n      },\n      {\n', '\n      },\n      7,\n      {\n', 1),
    # the body list ends early; another list of objects follows it in the response
    "second list after the body": lambda t: t.replace(
        '\n      },\n      {\n', '\n      }\n    ],\n    "extra": [\n      {\n', 1),
    # Windows line ends
    "CRLF": lambda t: t.replace("\n", "\r\n"),
}


@pytest.mark.parametrize("edit", list(_BODY_EDITS), ids=list(_BODY_EDITS))
def test_hand_edited_streams_agree_with_the_full_read(edit):
    data = _edited_seed(_BODY_EDITS[edit])
    assert read_head("edited.json", data) == catalog_head._full("edited.json", data)

# Documents shaped like recordings, with text that imitates the layout markers.
_tricky = st.sampled_from(['\n  "response": ', '\n    "body": ', "\n      {", "]", "},", '"', "\\"])
_text = st.lists(st.one_of(st.text(max_size=8), _tricky), max_size=4).map("".join)
_chunk = st.fixed_dictionaries({
    "object": st.just("chat.completion.chunk"),
    "choices": st.lists(st.fixed_dictionaries({
        "index": st.just(0),
        "delta": st.fixed_dictionaries({"content": _text}),
        "finish_reason": st.none() | st.just("stop")}), max_size=2),
})
_doc = st.fixed_dictionaries({
    "test_id": st.none() | _text,
    "request": st.fixed_dictionaries({
        "method": st.just("POST"),
        "url": st.sampled_from(["http://h/v1/chat/completions", "http://h/v1/models", "x"]),
        "body": st.fixed_dictionaries({
            "model": _text,
            "messages": st.lists(st.fixed_dictionaries({"role": st.just("user"),
                                                         "content": _text}), max_size=3)}),
    }),
    "response": st.one_of(
        st.fixed_dictionaries({"body": st.lists(_chunk, max_size=7), "is_streaming": st.just(True)}),
        st.fixed_dictionaries({"body": st.none() | _chunk | st.lists(_text, max_size=3),
                               "is_streaming": st.booleans()}),
        st.fixed_dictionaries({"status": st.just(400), "body": st.just({"error": "x"}),
                               "is_streaming": st.just(False)}),
    ),
}, optional={"id_normalization_mapping": st.dictionaries(_text, _text, max_size=2)})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_doc, ascii_only=st.booleans())
def test_head_read_agrees_with_full_read_on_generated_documents(doc, ascii_only):
    data = (json.dumps(doc, indent=2, ensure_ascii=ascii_only) + "\n").encode("utf-8", "surrogatepass")
    assert read_head("gen.json", data) == catalog_head._full("gen.json", data)
