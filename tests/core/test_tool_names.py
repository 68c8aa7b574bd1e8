"""Tool names for the tree filter come from the catalog's head read."""

from __future__ import annotations

from recviewer.core.catalog.scan import scan
from recviewer.core.tool_names import MAX_ITEMS, tool_names
from tests.corpus_paths import CORPUS, SEED


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
    assert tool_names(doc) == ("web_search", "get_weather", "a.b")
    assert tool_names([1, 2]) == () and tool_names({"request": "x"}) == ()


def test_lists_are_capped_and_other_shapes_ignored():
    wide = {"request": {"body": {"tools": [{"name": f"t{i}"} for i in range(MAX_ITEMS * 2)]}}}
    assert len(tool_names(wide)) == MAX_ITEMS
    odd = {"request": {"body": {"tools": "x", "messages": [1, None, {"content": "text"}]}}}
    assert tool_names(odd) == ()


def test_gemini_and_anthropic_shapes():
    gemini = {"request": {"body": {"config": {"tools": [
        {"function_declarations": [{"name": "get_weather"}]}]}}}}
    anthropic = {"request": {"payload": {"tools": [{"name": "calc"}], "messages": [
        {"role": "assistant", "content": [{"type": "tool_use", "name": "calc2"}]}]}}}
    assert tool_names(gemini) == ("get_weather",)
    assert tool_names(anthropic) == ("calc", "calc2")


def test_every_corpus_tool_runtime_recording_names_its_tool():
    refs = [r for r in scan(str(CORPUS)).refs if r.format == "tool_runtime"]
    assert refs and all(r.tools for r in refs)
