"""A cassette test's story is its interactions in recorded order (``after`` =
the interaction before), not a chain rebuilt from the messages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from recviewer.core.catalog.scan import scan
from recviewer.core.sequence import order_refs, read_facts, story_of
from tests.corpus_paths import CAS_EMPTY, CAS_GROQ_TOOLS_STREAM, CAS_MCP, SEED

MCP_TEST = "tests/test_temporal.py::test_mcp"
GROQ_TEST = "tests/test_groq.py::test_tools"


def _folder(tmp_path):
    root = tmp_path / "suite"
    for src, rel in ((CAS_MCP, "tests/cassettes/test_temporal/test_mcp.yaml"),
                     (CAS_GROQ_TOOLS_STREAM, "tests/cassettes/test_groq/test_tools.yaml"),
                     (CAS_EMPTY, "tests/cassettes/test_groq/test_empty.yaml"),
                     (SEED, "recordings/seed.json")):
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    return root


def test_calls_are_the_interactions_in_recorded_order(tmp_path):
    root = _folder(tmp_path)
    catalog = scan(root)
    refs = [r for r in catalog.refs if r.test_id == MCP_TEST]
    assert len(refs) == 12  # MCP JSON-RPC exchanges, chat calls at #3 and #11
    story = story_of(catalog.refs, MCP_TEST)
    assert story is not None and story.unplaced == ()
    rel = "tests/cassettes/test_temporal/test_mcp.yaml"
    expected = [f"{rel}#{i}" for i in range(12)]  # #10 after #9 (not after #1: natural order)
    assert [c.facts.rel_path for c in story.calls] == expected
    assert [c.after for c in story.calls] == [None] + expected[:-1]
    assert [c.depth for c in story.calls] == list(range(12))
    assert not any(c.fork or c.borrowed for c in story.calls)
    # the chat call #11 continues #3's conversation: a rebuilt chain would put it
    # after #3; the recorded order puts it after #10
    chat3, chat11 = story.calls[3].facts, story.calls[11].facts
    assert chat11.request[:len(chat3.request)] == chat3.request and chat3.request
    assert story.calls[11].after == f"{rel}#10"
    assert story.as_json()["calls"][10] == {"path": f"{rel}#10", "after": f"{rel}#9"}


def test_a_chain_the_messages_would_rebuild_the_same_keeps_the_recorded_order(tmp_path):
    root = _folder(tmp_path)
    catalog = scan(root)
    story = story_of(catalog.refs, GROQ_TEST)
    assert story is not None
    rel = "tests/cassettes/test_groq/test_tools.yaml"
    assert [(c.facts.rel_path, c.after) for c in story.calls] == [
        (f"{rel}#0", None), (f"{rel}#1", f"{rel}#0"), (f"{rel}#2", f"{rel}#1")]
    assert story.calls[2].facts.tool_calls == () and story.calls[1].facts.tool_calls == (
        "get_something_by_name",)
    # a stand-in reader is asked once per interaction, with the REL#N address
    asked = []

    def reader(path, rel_path):
        asked.append(rel_path)
        return read_facts(path, rel_path)

    again = story_of(catalog.refs, GROQ_TEST, read=reader)
    assert again == story and sorted(asked) == [f"{rel}#{i}" for i in range(3)]


def test_an_empty_cassette_is_an_unplaced_entry_and_order_refs_numbers_interactions(tmp_path):
    root = _folder(tmp_path)
    catalog = scan(root)
    (empty,) = [r for r in catalog.refs if r.rel_path.endswith("test_empty.yaml")]
    story = story_of(catalog.refs, empty.test_id)
    assert story is not None and story.calls == ()
    assert [f.rel_path for f in story.unplaced] == [empty.rel_path]
    places = order_refs(catalog.refs)
    groq = [r for r in catalog.refs if r.test_id == GROQ_TEST]
    assert [places[r.path] for r in groq] == [1, 2, 3]
    assert places[next(r.path for r in catalog.refs if r.rel_path.endswith("test_mcp.yaml#11"))] == 12


def test_cli_sequence_of_a_cassette_test(tmp_path):
    root = _folder(tmp_path)
    out = subprocess.run([sys.executable, "-m", "recviewer.cli", "sequence", str(root), GROQ_TEST,
                          "--json"], capture_output=True, check=False)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    rel = "tests/cassettes/test_groq/test_tools.yaml"
    assert data == {"test_id": GROQ_TEST, "unplaced": [],
                    "calls": [{"path": f"{rel}#0", "after": None},
                              {"path": f"{rel}#1", "after": f"{rel}#0"},
                              {"path": f"{rel}#2", "after": f"{rel}#1"}]}
