"""Catalog: scanning the real corpus, test-id grouping, natural order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recviewer.core.catalog.scan import (
    NO_TEST_ID_GROUP, Catalog, RecordingRef, natural_key, scan, scan_iter, split_test_id,
    tree_path,
)
from recviewer.core.formats.registry import read_recording
from tests.conftest import corpus_files
from tests.corpus_paths import CORPUS, SEED


@pytest.fixture(scope="module")
def corpus_catalog() -> Catalog:
    return scan(CORPUS)


def _ref(rel_path: str, test_id: str | None) -> RecordingRef:
    return RecordingRef("/x/" + rel_path, rel_path, test_id, None, None, "openai_chat",
                        False, None, 0, None)


# ----------------------------------------------------------------- whole corpus
def test_scan_finds_every_json_file_exactly_once(corpus_catalog):
    expected = sorted(os.path.abspath(p) for p in corpus_files())
    refs = [r for r in corpus_catalog.refs if r.rel_path.endswith(".json")]  # not cassettes' REL#N
    found = sorted(r.path for r in refs)
    assert len(expected) > 300
    assert found == expected
    assert len({r.rel_path for r in refs}) == len(expected)
    assert not corpus_catalog.cancelled and corpus_catalog.error is None
    assert corpus_catalog.errors == 0


def test_rel_paths_are_slash_separated_and_relative(corpus_catalog):
    for ref in corpus_catalog.refs:
        assert not ref.rel_path.startswith("/")
        assert Path(CORPUS, *ref.rel_path.split("/")) == Path(ref.path)


def test_index_sqlite_files_are_ignored(corpus_catalog):
    assert list(CORPUS.rglob("index.sqlite")), "corpus should hold index.sqlite files"
    assert not [r for r in corpus_catalog.refs if not r.rel_path.endswith(".json")
                and not r.rel_path.partition("#")[0].endswith((".yaml", ".yml", ".yaml.gz"))]


def test_old_layout_is_scanned():
    catalog = scan(CORPUS / "old-layout")
    rels = [r.rel_path for r in catalog.refs]
    assert len(rels) == 46
    assert sum(r.startswith("tests/integration/recordings/responses/") for r in rels) == 38
    assert sum(r.startswith("tests/integration/recordings/vision/responses/") for r in rels) == 8
    endpoints = {r.endpoint for r in catalog.refs}
    assert {"/api/generate", "/v1/chat/completions"} <= endpoints
    assert catalog.errors == 0


def test_every_ref_matches_read_recording(corpus_catalog):
    """The head-only scan agrees with the full read for every corpus file."""
    mismatches = []
    for ref in corpus_catalog.refs:
        rec = read_recording(ref.path)
        assert not hasattr(rec, "reason"), rec
        got = (ref.format, ref.test_id, ref.endpoint, ref.model, ref.streaming, ref.chunks,
               ref.size)
        want = (rec.format, rec.test_id, rec.endpoint, rec.model, rec.streaming,
                rec.chunk_count, rec.size)
        if got != want:
            mismatches.append((ref.rel_path, got, want))
    assert mismatches == []


def test_seed_ref(corpus_catalog):
    ref = corpus_catalog.find(SEED)
    assert ref is not None
    assert ref.format == "openai_chat" and ref.streaming and ref.chunks == 62
    assert ref.model == "gpt-4o" and ref.endpoint == "/v1/chat/completions"
    assert ref.test_id.endswith("test_response_file_search_filter_by_region"
                                "[openai_client-txt=openai/gpt-4o]")
    assert corpus_catalog.find(ref.rel_path) is ref
    assert corpus_catalog.find("no/such.json") is None


def test_tests_counts_distinct_test_ids(corpus_catalog):
    ids = {r.test_id for r in corpus_catalog.refs if r.test_id}
    assert corpus_catalog.tests == len(ids) > 100
    assert any(r.test_id is None for r in corpus_catalog.refs)


def test_missing_root_is_an_error_value(tmp_path):
    catalog = scan(tmp_path / "missing")
    assert catalog.refs == [] and catalog.error == "folder not found"


def test_a_single_file_root_is_scanned_as_itself():
    catalog = scan(SEED)
    assert [r.rel_path for r in catalog.refs] == [SEED.name]


# ----------------------------------------------------------------- streaming / cancel
def test_scan_iter_streams_batches():
    batches = list(scan_iter(CORPUS / "recordings", batch_size=40))
    assert len(batches) > 3
    assert all(len(b) == 40 for b in batches[:-1]) and 0 < len(batches[-1]) <= 40
    assert sum(map(len, batches)) == len(list((CORPUS / "recordings").rglob("*.json")))


def test_cancel_stops_early():
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 25

    catalog = scan(CORPUS, cancel=cancel, batch_size=10)
    assert catalog.cancelled
    assert 0 < len(catalog.refs) < 30 < len(corpus_files())


def test_cancel_before_start_yields_nothing():
    assert list(scan_iter(CORPUS, cancel=lambda: True)) == []


def test_progress_is_reported_after_each_batch():
    seen: list[int] = []
    catalog = scan(CORPUS, progress=seen.append, batch_size=50)
    assert len(seen) >= len(catalog.refs) // 50
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert seen[-1] == len(catalog.refs)


# ----------------------------------------------------------------- test ids
@pytest.mark.parametrize(("test_id", "expected"), [
    ("tests/a/test_x.py::TestC::test_f[p1-p2]", ("tests/a/test_x.py", "TestC::test_f", "p1-p2")),
    ("tests/a/test_x.py::test_f", ("tests/a/test_x.py", "test_f", None)),
    ("tests/a/test_x.py::test_f[]", ("tests/a/test_x.py", "test_f", "")),
    ("t.py::test_f[txt=ollama/llama3.2:3b::x]", ("t.py", "test_f", "txt=ollama/llama3.2:3b::x")),
    ("t.py::test_f[a[0]-b]", ("t.py", "test_f", "a[0]-b")),
    ("t.py::TestA::test_f[x::TestB::y[1]]", ("t.py", "TestA::test_f", "x::TestB::y[1]")),
    ("t.py::test_f[unclosed", ("t.py", "test_f[unclosed", None)),
    ("tests/only_a_file.py", ("tests/only_a_file.py", "", None)),
    # a real class-based id from the corpus
    ("tests/integration/responses/test_responses_errors.py::TestResponsesAPIStreamingErrors::"
     "test_non_vision_model_with_base64_image_returns_server_error[txt=bedrock/openai.gpt-oss-20b-1:0]",
     ("tests/integration/responses/test_responses_errors.py",
      "TestResponsesAPIStreamingErrors::test_non_vision_model_with_base64_image_returns_server_error",
      "txt=bedrock/openai.gpt-oss-20b-1:0")),
])
def test_split_test_id(test_id, expected):
    assert split_test_id(test_id) == expected


def test_tree_path_groups_by_file_function_params():
    ref = _ref("r/a.json", "tests/t.py::TestC::test_f[p]")
    assert tree_path(ref) == ("tests/t.py", "TestC::test_f", "p")
    assert tree_path(_ref("r/a.json", "tests/t.py::test_g")) == ("tests/t.py", "test_g")


def test_tree_path_without_test_id_uses_the_folder():
    assert tree_path(_ref("common/recordings/x.json", None)) == (NO_TEST_ID_GROUP, "common/recordings")
    assert tree_path(_ref("x.json", None)) == (NO_TEST_ID_GROUP, ".")


def test_corpus_recordings_without_test_id_are_grouped(corpus_catalog):
    no_id = [r for r in corpus_catalog.refs if r.test_id is None]
    assert len(no_id) >= 30  # test_id null (22) and absent (10), plus old layout/history
    for ref in no_id:
        path = tree_path(ref)
        assert path[0] == NO_TEST_ID_GROUP and ref.rel_path == f"{path[1]}/{Path(ref.path).name}"


# ----------------------------------------------------------------- natural order
def test_natural_key_orders_numbers_by_value():
    names = ["t10", "t2", "T1", "t1", "a", "t02b", "t2a"]
    assert sorted(names, key=natural_key) == ["a", "T1", "t1", "t2", "t2a", "t02b", "t10"]


def test_siblings_are_scanned_in_natural_order(tmp_path):
    for name in ("t10.json", "t2.json", "t1.json"):
        (tmp_path / name).write_bytes((SEED).read_bytes())
    (tmp_path / "d3").mkdir()
    (tmp_path / "d3" / "x.json").write_bytes(SEED.read_bytes())
    rels = [r.rel_path for r in scan(tmp_path).refs]
    assert rels == ["d3/x.json", "t1.json", "t2.json", "t10.json"]
