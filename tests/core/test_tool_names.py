"""Tool names for the tree filter come from the catalog's head read."""

from __future__ import annotations

from recviewer.core.catalog import scan
from recviewer.core.tool_names import MAX_NODES, tool_names
from tests.conftest import CORPUS, SEED


def test_seed_ref_carries_its_tool_name():
    cat = scan(str(SEED.parent))
    ref = cat.find(str(SEED))
    assert ref is not None and ref.tools == ("knowledge_search",)


def test_names_from_definitions_calls_and_tool_runtime_only_identifiers():
    doc = {"request": {"body": {"tools": [{"function": {"name": "get_weather"}}],
                                "messages": [{"tool_calls": [{"function": {"name": "a.b"}}]},
                                             {"name": "1bad"}, {"name": "has space"}]},
                       "tool_name": "web_search"},
           "response": {"body": {"name": "not_from_response"}}}
    assert sorted(tool_names(doc)) == ["a.b", "get_weather", "web_search"]
    assert tool_names([1, 2]) == () and tool_names({"request": "x"}) == ()


def test_walk_is_bounded_on_hostile_documents():
    wide = {"request": [{"name": f"t{i}"} for i in range(MAX_NODES * 2)]}
    assert 0 < len(tool_names(wide)) < MAX_NODES
    deep: dict = {"name": "leaf"}
    for _ in range(10_000):
        deep = {"x": deep}
    assert tool_names({"request": deep}) == ("leaf",)


def test_every_corpus_tool_runtime_recording_names_its_tool():
    refs = [r for r in scan(str(CORPUS)).refs if r.format == "tool_runtime"]
    assert refs and all(r.tools for r in refs)
