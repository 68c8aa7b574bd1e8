"""Catalog: failed calls carry their status; JSON files that are not recordings
are told apart one way (catalog, read_recording, counts)."""

from __future__ import annotations

import json

from recviewer.core.catalog.scan import (
    KIND_OTHER, KIND_RECORDING, KIND_UNREADABLE, OTHER_FILES_GROUP, filter_terms, scan, tree_path,
)
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import is_not_recording, read_recording
from tests.corpus_paths import (
    GEMINI_INTERACTIONS_400, GEMINI_INTERACTIONS_CALL, HTTP_400, INTEGRATION, RECORDED_EXCEPTION,
    SEED,
)
from tests.support.corpus_copy import copy_files

PACKAGE_JSON = {"name": "ui-tests", "version": "1.0.0", "private": True,
                "scripts": {"test": "playwright test"},
                "devDependencies": {"@playwright/test": "^1.40.0"}}
TSCONFIG = {"compilerOptions": {"target": "ES2020", "module": "commonjs", "strict": True},
            "include": ["src/**/*"]}
CI_MATRIX = [{"suite": "inference", "setup": "ollama"}, {"suite": "responses", "setup": "gpt"}]
TEST_CASES = {"test_chat_basic": {"data": {"question": "Which planet?", "expected": "Saturn"}}}


def _folder(tmp_path):
    """Recordings (one ok, one HTTP 400, one recorded exception) beside JSON
    files that imitate what a real tests/integration folder holds."""
    copy_files(tmp_path / "recordings", (SEED, HTTP_400, RECORDED_EXCEPTION, GEMINI_INTERACTIONS_400))
    ui = tmp_path / "ui"
    ui.mkdir()
    (ui / "package.json").write_text(json.dumps(PACKAGE_JSON, indent=2))
    (ui / "tsconfig.json").write_text(json.dumps(TSCONFIG, indent=4))
    (tmp_path / "ci_matrix.json").write_text(json.dumps(CI_MATRIX, indent=2))
    (tmp_path / "test_cases.json").write_text(json.dumps(TEST_CASES))
    # has a "response" line where recordings have theirs, but no request
    (tmp_path / "half.json").write_text(json.dumps({"response": {"body": {"x": 1}}}, indent=2))
    (tmp_path / "broken.json").write_text('{"request": {')
    return tmp_path


def test_failed_calls_have_status_and_failed_on_real_files(tmp_path):
    refs = {r.rel_path.rpartition("/")[2]: r for r in scan(_folder(tmp_path)).refs}
    ok, http, exc, gem = (refs[p.name] for p in (SEED, HTTP_400, RECORDED_EXCEPTION,
                                                 GEMINI_INTERACTIONS_400))
    assert (ok.status, ok.failed, ok.kind) == (None, False, KIND_RECORDING)
    assert (http.status, http.failed, http.error) == (400, True, None)
    assert (gem.status, gem.failed, gem.error) == (400, True, None)
    # a recorded exception: failed, with the status code it recorded
    assert (exc.status, exc.failed, exc.error) == (400, True, None)
    assert "is:failed" in filter_terms(exc) and "status:400" in filter_terms(http)
    assert "failed" not in filter_terms(ok)


def test_status_200_is_not_failed():
    refs = {r.path: r for r in scan(GEMINI_INTERACTIONS_CALL.parent).refs}
    ref = refs[str(GEMINI_INTERACTIONS_CALL)]
    assert (ref.status, ref.failed) == (200, False)


def test_whole_corpus_failed_agrees_with_the_files():
    for ref in scan(INTEGRATION).refs:
        doc = json.loads(open(ref.path, "rb").read())
        resp = doc["response"]
        expect = resp.get("is_exception") is True or (resp.get("status") or 0) >= 400
        assert ref.failed == expect, ref.rel_path
        assert ref.kind == KIND_RECORDING, ref.rel_path


def test_json_that_is_not_a_recording_is_told_apart_one_way(tmp_path):
    cat = scan(_folder(tmp_path))
    refs = {r.rel_path: r for r in cat.refs}
    others = ("ui/package.json", "ui/tsconfig.json", "ci_matrix.json", "test_cases.json",
              "half.json")
    for name in others:
        ref = refs[name]
        assert ref.kind == KIND_OTHER and ref.is_other and not ref.is_recording, name
        assert ref.error.startswith("not a recording: no request/response pair"), ref.error
        # read_recording gives the same reason
        rec = read_recording(ref.path)
        assert isinstance(rec, RecordingError) and rec.reason == ref.error
        assert is_not_recording(rec.reason)
        assert tree_path(ref)[0] == OTHER_FILES_GROUP
    assert 'no "request" and "response" key; top-level keys: name, version' \
        in refs["ui/package.json"].error
    assert 'no "request" key' in refs["half.json"].error
    assert "JSON list" in refs["ci_matrix.json"].error
    assert refs["broken.json"].kind == KIND_UNREADABLE and "not valid JSON" in refs["broken.json"].error
    assert tree_path(refs["broken.json"])[0] != OTHER_FILES_GROUP
    assert (cat.recordings, cat.others, cat.errors, cat.failed) == (4, 5, 1, 3)
    assert cat.tests == 3  # HTTP_400 has no test id


def test_recording_shaped_unknown_file_opens_as_generic(tmp_path):
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"request": {"what": "ever"}, "response": {"x": [1, 2]}}, indent=2))
    [ref] = scan(tmp_path).refs
    assert (ref.kind, ref.error, ref.format) == (KIND_RECORDING, None, "generic")
    rec = read_recording(path)
    assert not isinstance(rec, RecordingError) and rec.format == "generic"
