"""verify: real corpus files classified by name (ok / stale with cause / legacy / unkeyed)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from recviewer.core.keys.compute import HTTP, TOOL, read_raw, request_key, request_of
from recviewer.core.keys.verify import LEGACY, OK, STALE, UNKEYED, classify, verify_folder
from tests.corpus_paths import (FILE_PROCESSOR, INTEGRATION, KEY_HTTP_ANTHROPIC, KEY_LEGACY,
                                KEY_OK_MODELS_NO_TEST_ID, KEY_OK_OLLAMA, KEY_OK_OLLAMA_SIBLING,
                                KEY_OK_OPENAI,
                                KEY_STALE_BEFORE_DOCUMENT_ID, KEY_STALE_BEFORE_FILE_SEARCH,
                                KEY_STALE_RENAMED, KEY_STALE_UNKNOWN_12HEX, OLD_LAYOUT,
                                TOOL_RUNTIME_TAVILY)

RECORDINGS_ROOT = INTEGRATION.parent.parent  # tests/data/corpus/recordings


def status(path: Path):
    return classify(str(path))


@pytest.mark.parametrize("path", [KEY_OK_OPENAI, KEY_OK_OLLAMA, KEY_HTTP_ANTHROPIC,
                                  TOOL_RUNTIME_TAVILY])
def test_known_ok_files(path):
    s = status(path)
    assert (s.cls, s.expected, s.cause) == (OK, path.stem, None)


def test_openai_files_verify_only_with_the_url_path():
    doc = read_raw(KEY_OK_OPENAI)
    stored = doc["request"]["endpoint"]
    assert stored == "/v1/chat/completions" and "/v1/v1/chat/completions" in doc["request"]["url"]
    body = {"method": "POST", "endpoint": stored, "test_id": doc["test_id"],
            "body": doc["request"]["body"]}
    hashed_with_stored_field = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
    assert hashed_with_stored_field != KEY_OK_OPENAI.stem


def test_model_list_file_named_by_key_and_digest():
    s = status(KEY_OK_MODELS_NO_TEST_ID)
    assert s.cls == OK and s.expected == KEY_OK_MODELS_NO_TEST_ID.stem
    assert s.expected == f"models-{s.key}-4a65eed3"


def test_every_tool_runtime_and_raw_http_key_equals_its_file_name():
    seen = {TOOL: 0, HTTP: 0}
    for path in sorted(RECORDINGS_ROOT.rglob("*.json")):
        request = request_of(read_raw(path))
        if request is not None and request.kind in seen:
            assert request_key(request) == path.stem, path.name
            seen[request.kind] += 1
    assert seen == {TOOL: 6, HTTP: 19}


@pytest.mark.parametrize("path, cause", [
    (KEY_STALE_BEFORE_FILE_SEARCH, "matches an earlier rule version: before file-search normalisation"),
    (KEY_STALE_BEFORE_DOCUMENT_ID,
     "matches an earlier rule version: before document-id and citation normalisation"),
    (KEY_STALE_RENAMED, "matches once the in-place rename Llama Stack → OGX is undone"),
    (KEY_STALE_UNKNOWN_12HEX, "unknown"),
])
def test_known_stale_files_with_their_cause(path, cause):
    s = status(path)
    assert s.cls == STALE and s.cause == cause
    assert len(s.expected) == 64 and s.expected != path.stem


def test_old_layout_files_are_all_legacy():
    report = verify_folder(OLD_LAYOUT)
    assert report.counts() == {"ok": 0, "stale": 0, "legacy": 46, "unkeyed": 0}
    assert report.all_good
    s = status(KEY_LEGACY)
    assert s.cls == LEGACY and s.expected == s.key and s.cause is None


def test_file_processor_is_unkeyed():
    assert status(FILE_PROCESSOR) == status(FILE_PROCESSOR).__class__(UNKEYED, None, None)


def test_counts_over_the_whole_recordings_folder():
    report = verify_folder(RECORDINGS_ROOT)
    assert report.counts() == {"ok": 259, "stale": 25, "legacy": 0, "unkeyed": 2}
    causes = [f.status.cause for f in report.files if f.status.cls == STALE]
    assert causes.count("matches an earlier rule version: before file-search normalisation") == 13
    assert causes.count("unknown") == 10
    assert all(c for c in causes)
    assert not report.all_good
    assert len({f.rel_path for f in report.files}) == 286


def _copy(src: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / (name or src.name)
    shutil.copyfile(src, dest)
    return dest


def _edit(path: Path, edit) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")


def test_hand_edited_test_id_is_found_from_the_folder(tmp_path):
    folder = tmp_path / "recordings"
    edited = _copy(KEY_OK_OLLAMA, folder)
    _copy(KEY_OK_OLLAMA_SIBLING, folder)  # the same test's other recording keeps its test id
    test_id = read_raw(edited)["test_id"]
    assert read_raw(KEY_OK_OLLAMA_SIBLING)["test_id"] == test_id
    _edit(edited, lambda d: d.update(test_id=test_id.replace("test_responses_store",
                                                             "test_responses_kept")))
    by_name = {Path(f.rel_path).name: f.status for f in verify_folder(folder).files}
    s = by_name[KEY_OK_OLLAMA.name]
    assert s.cls == STALE and s.cause == f"matches when the test id is {json.dumps(test_id)}"
    assert by_name[KEY_OK_OLLAMA_SIBLING.name].cls == OK
    # alone, without the folder's test ids, the cause is unknown
    assert classify(str(edited)).cause == "unknown"


def test_known_rename_in_place_is_undone(tmp_path):
    path = _copy(KEY_OK_OLLAMA, tmp_path)
    doc = read_raw(path)
    assert "llama_stack_client" not in json.dumps(doc)
    # a project-wide rename llama_stack_client -> ogx_client would have edited this text in
    # place; make the file as if recorded before: name it by the key of the old spelling
    original_tid = doc["test_id"]
    old_tid = original_tid.replace("tests/integration/", "tests/integration/llama_stack_client/")
    doc["test_id"] = old_tid
    key = request_key(request_of(doc))
    doc["test_id"] = old_tid.replace("llama_stack_client", "ogx_client")  # the in-place edit
    renamed = tmp_path / f"{key}.json"
    renamed.write_text(json.dumps(doc), encoding="utf-8")
    s = classify(str(renamed))
    assert s.cls == STALE
    assert s.cause == "matches once the in-place rename llama_stack_client → ogx_client is undone"
    # the reverse edit (ogx_client -> llama_stack_client) is found too
    doc["test_id"] = old_tid.replace("llama_stack_client", "ogx_client")
    key2 = request_key(request_of(doc))
    doc["test_id"] = old_tid
    reverse = tmp_path / f"{key2}.json"
    reverse.write_text(json.dumps(doc), encoding="utf-8")
    assert classify(str(reverse)).cause == \
        "matches once the in-place rename llama_stack_client → ogx_client is applied"


def test_non_recording_json_is_left_out_and_broken_keyed_files_are_stale(tmp_path):
    _copy(KEY_OK_OLLAMA, tmp_path)
    (tmp_path / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    (tmp_path / "notes.json").write_text("not json", encoding="utf-8")
    (tmp_path / ("a" * 64 + ".json")).write_text('{"test_id": ', encoding="utf-8")
    report = verify_folder(tmp_path)
    names = [f.rel_path for f in report.files]
    assert names == [KEY_OK_OLLAMA.name, "a" * 64 + ".json"]
    broken = report.files[1].status
    assert broken.cls == STALE and broken.expected is None
    assert broken.cause.startswith("the file cannot be read: ")


def test_key_is_computed_on_the_request_as_stored(tmp_path):
    # a float written as 1.0 hashes as 1.0, a big int stays exact, an envelope is kept
    body = {"model": "m", "temperature": 1.0, "seed": 10 ** 25,
            "x": {"__type__": "a.B", "__data__": {"k": 1}}}
    doc = {"test_id": "t::x", "request": {"method": "POST", "url": "http://h/v1/chat/completions",
                                          "body": body, "endpoint": "/v1/chat/completions"},
           "response": {"body": None}}
    expected = hashlib.sha256(json.dumps(
        {"method": "POST", "endpoint": "/v1/chat/completions", "body": body, "test_id": "t::x"},
        sort_keys=True).encode()).hexdigest()
    path = tmp_path / f"{expected}.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    assert '"temperature": 1.0' in path.read_text(encoding="utf-8")
    assert classify(str(path)).cls == OK


def _as_stored(version: Path, name: str, folder: Path) -> Path:
    """A history version under the repository name it was stored at."""
    return _copy(version, folder / version.stem, f"{name}.json")


def test_history_versions_under_their_stored_names(tmp_path):
    from tests.corpus_paths import (KEY_HISTORY_EDITED, KEY_HISTORY_FILTER_BY_REGION,
                                    KEY_HISTORY_MODELS, KEY_HISTORY_TAVILY)

    old = status(_as_stored(*KEY_HISTORY_FILTER_BY_REGION, tmp_path))
    assert old.cls == STALE
    assert old.cause == "matches an earlier rule version: before file-search normalisation"
    edited = status(_as_stored(*KEY_HISTORY_EDITED, tmp_path))
    assert (edited.cls, edited.cause) == (STALE, "unknown")
    for folder, name in (KEY_HISTORY_TAVILY, KEY_HISTORY_MODELS):
        versions = sorted(folder.glob("*.json"))
        assert len(versions) >= 3
        for version in versions:  # responses changed, requests did not: every one is ok
            s = status(_as_stored(version, name, tmp_path / folder.name))
            assert (s.cls, s.expected) == (OK, name), version.name


def test_model_lists_are_found_only_by_their_models_name(tmp_path):
    plain = _copy(KEY_OK_MODELS_NO_TEST_ID, tmp_path,
                  KEY_OK_MODELS_NO_TEST_ID.stem.split("-")[1] + ".json")
    s = status(plain)
    assert s.cls == STALE and s.expected == KEY_OK_MODELS_NO_TEST_ID.stem
    assert s.cause == "a model list is looked up as models-<key>-*.json"
    chat = _copy(KEY_OK_OLLAMA, tmp_path, f"models-{KEY_OK_OLLAMA.stem}-0123abcd.json")
    s = status(chat)
    assert s.cls == STALE and s.expected == KEY_OK_OLLAMA.stem
    assert s.cause == "only model lists are looked up as models-<key>-*.json"
