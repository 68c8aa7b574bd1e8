"""Row gists of real recordings, from the catalog's head read and from a full read."""

from __future__ import annotations

import pytest

from recviewer.core.catalog import head
from recviewer.core.catalog.scan import scan
from recviewer.core.gist import gist_of
from tests.conftest import read_ok
from tests.corpus_paths import RECORDINGS
from tests.corpus_paths import (
    ANTHROPIC_CHAIN, CATEGORY_CALL, CATEGORY_EMBEDDINGS, MCP_CHAIN, SEED, TOOL_RUNTIME_TAVILY,
)


@pytest.fixture(scope="module")
def by_path():
    return {r.path: r for r in scan(RECORDINGS).refs}


@pytest.mark.parametrize("path, gist", [
    (CATEGORY_CALL, '→ knowledge_search(query="marketing reports")'),
    (MCP_CHAIN[0], '→ greet_everyone(url="world")'),
    (MCP_CHAIN[1], "tool: Hello, world!"),
    (MCP_CHAIN[2], '→ get_boiling_point(celsius="true", liquid_name="polyjuice")'),
    (ANTHROPIC_CHAIN[0], '→ calculator(expression="15 * 7")'),
    (ANTHROPIC_CHAIN[1], "user: 105"),
    (CATEGORY_EMBEDDINGS[0], "embeddings · 1 input"),
    (TOOL_RUNTIME_TAVILY, None),  # checked below: starts with "tool · web_search("
])
def test_gists_of_real_recordings(by_path, path, gist):
    ref = by_path[str(path)]
    full = gist_of(read_ok(path))
    assert ref.gist == full
    if gist is not None:
        assert ref.gist == gist
    else:
        assert ref.gist.startswith("tool · web_search(query=")


def test_seed_gist_is_the_tool_result_it_answers(by_path):
    gist = by_path[str(SEED)].gist
    assert gist.startswith("tool: knowledge_search tool found") and len(gist) <= 100


def test_head_gists_agree_with_full_reads_for_almost_every_file(by_path):
    refs = [r for r in by_path.values() if r.error is None]
    same = sum(1 for r in refs if r.gist == gist_of(read_ok(r.path)))
    assert same >= 0.97 * len(refs)
    assert all(r.gist for r in refs if r.format == "openai_chat")


def test_gists_can_be_turned_off(monkeypatch):
    monkeypatch.setattr(head, "GISTS", False)
    refs = scan(CATEGORY_CALL.parent).refs
    assert refs and all(r.gist is None for r in refs)
