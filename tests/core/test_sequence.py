"""Call order of real tests, rebuilt from message chains (chains verified by hand)."""

from __future__ import annotations

import os

import pytest

from recviewer.core.catalog.scan import scan
from recviewer.core.model import Message, TextPart, ToolCallPart
from recviewer.core.sequence import (
    build_story, facts_of, message_atoms, order_refs, read_facts, story_of,
)
from tests.conftest import read_ok
from tests.corpus_paths import RECORDINGS
from tests.corpus_paths import (
    ANTHROPIC_CHAIN, ANTHROPIC_TEST_ID, CATEGORY_ANSWER, CATEGORY_CALL, CATEGORY_EMBEDDINGS,
    CATEGORY_TEST_ID, IMAGE_OUTPUT_CHAIN, IMAGE_OUTPUT_TEST_ID, MCP_CHAIN, MCP_FORK_CHILDREN,
    MCP_FORK_PARENT, MCP_TEST_ID, TOOL_RUNTIME_TAVILY,
)


@pytest.fixture(scope="module")
def refs():
    return scan(RECORDINGS).refs


def rel(path) -> str:
    return os.path.relpath(path, RECORDINGS).replace(os.sep, "/")


def test_mcp_run_is_one_chain_in_order(refs):
    story = story_of(refs, MCP_TEST_ID)
    calls = [c.facts.rel_path for c in story.calls]
    after = {c.facts.rel_path: c.after for c in story.calls}
    chain = [rel(p) for p in MCP_CHAIN]
    positions = [calls.index(p) for p in chain]
    assert positions == sorted(positions) and positions == list(range(positions[0], positions[0] + 4))
    assert after[chain[0]] is None
    assert [after[p] for p in chain[1:]] == chain[:-1]
    assert len(story.calls) == 18 and story.unplaced == ()  # every chat call is placed


def test_mcp_fork_two_continuations_of_one_call(refs):
    story = story_of(refs, MCP_TEST_ID)
    by_path = {c.facts.rel_path: c for c in story.calls}
    parent = rel(MCP_FORK_PARENT)
    for child in MCP_FORK_CHILDREN:
        call = by_path[rel(child)]
        assert call.after == parent and call.fork
    assert not by_path[rel(MCP_CHAIN[1])].fork  # a single continuation is not a fork
    assert by_path[parent].after is None


def test_embeddings_are_unplaced_and_the_chat_chain_is_ordered(refs):
    story = story_of(refs, CATEGORY_TEST_ID)
    assert story.as_json() == {
        "test_id": CATEGORY_TEST_ID,
        "calls": [{"path": rel(CATEGORY_CALL), "after": None},
                  {"path": rel(CATEGORY_ANSWER), "after": rel(CATEGORY_CALL)}],
        "unplaced": sorted((rel(p) for p in CATEGORY_EMBEDDINGS),
                           key=lambda p: [rel(q) for q in CATEGORY_EMBEDDINGS].index(p)),
    }
    assert {f.rel_path for f in story.unplaced} == {rel(p) for p in CATEGORY_EMBEDDINGS}


def test_anthropic_tool_use_round_trip_chains_through_the_common_model(refs):
    story = story_of(refs, ANTHROPIC_TEST_ID)
    assert [(c.facts.rel_path, c.after) for c in story.calls] == [
        (rel(ANTHROPIC_CHAIN[0]), None), (rel(ANTHROPIC_CHAIN[1]), rel(ANTHROPIC_CHAIN[0]))]
    first = story.calls[0].facts
    assert first.tool_calls == ("calculator",) and first.last_role == "user"


def test_first_call_recorded_under_another_parametrisation_is_borrowed(refs):
    story = story_of(refs, IMAGE_OUTPUT_TEST_ID)
    first, second = story.calls
    assert first.facts.rel_path == rel(IMAGE_OUTPUT_CHAIN[0]) and first.borrowed
    assert first.facts.test_id != IMAGE_OUTPUT_TEST_ID
    assert second.facts.rel_path == rel(IMAGE_OUTPUT_CHAIN[1]) and not second.borrowed
    assert second.after == first.facts.rel_path


def test_unknown_test_has_no_story(refs):
    assert story_of(refs, "tests/none.py::test_nothing") is None


def test_order_refs_places_every_call_of_a_test(refs):
    mcp = [r for r in refs if r.test_id == MCP_TEST_ID]
    places = order_refs(mcp)
    assert sorted(places.values()) == list(range(1, 19))
    chain = [places[str(p)] for p in MCP_CHAIN]
    assert chain == sorted(chain)
    category = [r for r in refs if r.test_id == CATEGORY_TEST_ID]
    places = order_refs(category)
    assert places == {str(CATEGORY_CALL): 1, str(CATEGORY_ANSWER): 2}  # embeddings: no place


def test_text_as_string_or_parts_and_whitespace_are_the_same_atom():
    one = Message("user", (TextPart("What is  the\nweather?"),))
    two = Message("user", (TextPart("What is"), TextPart(" the weather?")))
    assert message_atoms(one) == message_atoms(two)
    a = Message("assistant", (ToolCallPart.from_arguments("c1", "f", '{"b": 1, "a": 2}'),))
    b = Message("assistant", (ToolCallPart.from_arguments("c1", "f", {"a": 2, "b": 1}),))
    assert message_atoms(a) == message_atoms(b)


def test_regenerated_ids_link_when_only_one_parent_fits():
    parent = facts_of(read_ok(MCP_CHAIN[0]), "p")
    child = facts_of(read_ok(MCP_CHAIN[1]), "c")
    renamed = tuple((k, r, c, "normalised-id" if i else None) for k, r, c, i in child.request)
    import dataclasses
    child = dataclasses.replace(child, request=renamed)
    story = build_story("t", [parent, child])
    assert [(c.facts.rel_path, c.after) for c in story.calls] == [("p", None), ("c", "p")]
    # with two identical candidate parents and no ids to tell them apart: not linked
    twin = dataclasses.replace(parent, path=parent.path + "#twin", rel_path="q")
    story = build_story("t", [parent, twin, child])
    assert {c.facts.rel_path: c.after for c in story.calls}["c"] is None


def test_unreadable_file_is_unplaced(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_bytes(b'{"request": ')
    facts = read_facts(str(bad), "broken.json")
    assert not facts.conversational and facts.error
    story = build_story("t", [facts])
    assert story.calls == () and [f.rel_path for f in story.unplaced] == ["broken.json"]


def test_tool_runtime_call_is_unplaced():
    facts = read_facts(str(TOOL_RUNTIME_TAVILY))
    assert not facts.conversational
    assert build_story("t", [facts]).unplaced == (facts,)
