"""Labels shown in the tree columns and the filter's extra words (no Qt needed)."""

from __future__ import annotations

import pytest

from recviewer.core.catalog.scan import scan
from recviewer.core.formats.registry import label_of
from recviewer.ui.tree.labels import count_label, endpoint_label, human_size, short_file_name
from recviewer.core.catalog.lookup import find_ref
from tests.corpus_paths import CORPUS, SEED

# The label each adapter declares (core/formats): by format, never by a substring
# of a name ("model" in ``models_list`` once labelled Gemini calls to /models/...).
EXPECTED = {
    "openai_chat": "chat", "openai_completions": "completions", "embeddings": "embeddings",
    "models_list": "models", "ollama": "ollama", "gemini": "gemini",
    "gemini_interactions": "gemini", "anthropic_messages": "anthropic", "tool_runtime": "tool",
    "file_processor": "file-proc",
}


@pytest.fixture(scope="module")
def refs():
    return scan(CORPUS / "recordings").refs


def test_every_corpus_recording_gets_a_short_endpoint_label(refs):
    seen: dict[str, set[str]] = {}
    for ref in refs:
        label = endpoint_label(ref)
        assert label, ref
        if ref.format in EXPECTED:
            assert label == EXPECTED[ref.format], ref
        seen.setdefault(ref.format, set()).add(label)
    assert set(EXPECTED) <= set(seen)


def test_a_gemini_call_to_a_models_path_is_labelled_gemini():
    gemini = [r for r in scan(CORPUS).refs if r.format == "gemini"]
    assert any("/models/" in (r.endpoint or "") for r in gemini)
    assert {endpoint_label(r) for r in gemini} == {"gemini"}


def test_an_adapter_without_a_label_shows_the_endpoints_last_segment():
    assert label_of("generic", "/v1/Some/Thing/") == "thing"
    assert label_of("no-such-format", None) == ""
    assert label_of("openai_chat", "/v1/completions") == "chat"


def test_small_labels():
    assert count_label(1, "recording") == "1 recording"
    assert count_label(12, "recording") == "12 recordings"
    assert count_label(5720, "recording") == "5,720 recordings"
    assert human_size(999) == "999 B" and human_size(53_300) == "53.3 kB"
    assert human_size(1_120_325) == "1.1 MB"
    assert short_file_name("a/e30bc6408e187b53410bc3eabdac9c9b.json") == "e30bc6408e18….json"
    assert short_file_name("a/short_name.json") == "short_name.json"


def test_find_ref_by_path_file_name_and_test_id(refs):
    seed = next(r for r in refs if r.path == str(SEED))
    assert find_ref(refs, str(SEED)) == seed
    assert find_ref(refs, SEED.name) == seed
    assert find_ref(refs, seed.rel_path) == seed
    assert find_ref(refs, seed.test_id).test_id == seed.test_id  # two recordings share it
    assert "filter_by_region[" in find_ref(refs, "test_response_file_search_filter_by_region").test_id
    assert find_ref(refs, "no-such-recording") is None


def test_narrow_trees_shrink_detail_columns_in_order():
    from recviewer.ui.tree.columns import fitted_widths

    ideal = {2: (130, 60), 3: (54, 30), 1: (100, 84)}
    assert fitted_widths(1000, ideal) == {2: 130, 3: 54, 1: 100}  # room enough
    assert fitted_widths(200, ideal) == {2: 60, 3: 30, 1: 84}  # all at their minimum
    narrowish = fitted_widths(500, ideal)  # 225 px for details: model gives way first
    assert narrowish[2] < 130 and narrowish[3] == 54 and narrowish[1] == 100
    assert sum(narrowish.values()) == 500 - int(500 * 0.45)
