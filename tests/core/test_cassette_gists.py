"""Cassette entries carry tools and a gist like recordings: from the line scan
(the request part parsed with history and tool schemas cut; the response only
when it spells a tool call) — equal to what a full parse of the interaction
gives, for every cassette of the corpus."""

from __future__ import annotations

import shutil

from recviewer.core.cassettes import index
from recviewer.core.cassettes.test_ids import cassette_test_id
from recviewer.core.catalog.head import gists_on
from recviewer.core.catalog.scan import scan
from recviewer.core.catalog.walk import CASSETTE_SUFFIXES, walk_json
from tests.corpus_paths import CAS_BEDROCK_STREAM, CAS_GROQ_TOOLS_STREAM, CASSETTES


def test_line_scan_tools_and_gists_equal_the_full_parse_on_every_corpus_cassette():
    compared = with_gist = with_tools = 0
    for found in walk_json(str(CASSETTES)):
        if not found.path.endswith(CASSETTE_SUFFIXES):
            continue
        data = open(found.path, "rb").read()
        test_id = cassette_test_id(found.rel_path)
        try:
            cheap = index.cheap_heads(data, True, found.path, test_id)
        except index._Full:
            continue  # read by the full parse anyway
        full = index.full_heads(found.path, data, test_id, True)
        assert not isinstance(full, index.RecordingError), found.rel_path
        assert [(h.tools, h.gist) for h in cheap] == [(h.tools, h.gist) for h in full], \
            found.rel_path
        compared += len(cheap)
        with_gist += sum(1 for h in cheap if h.gist)
        with_tools += sum(1 for h in cheap if h.tools)
    assert compared > 100 and with_gist > 90 and with_tools > 20


def test_catalog_refs_of_a_real_cassette_carry_tools_and_gist(tmp_path):
    shutil.copyfile(CAS_GROQ_TOOLS_STREAM, tmp_path / "groq.yaml")
    shutil.copyfile(CAS_BEDROCK_STREAM, tmp_path / "bedrock.yaml")
    refs = {r.rel_path: r for r in scan(tmp_path).refs}
    assert refs["groq.yaml#1"].gist == '→ get_something_by_name(name="example")'
    assert refs["groq.yaml#2"].gist == "tool: Something with name: example"
    assert refs["groq.yaml#0"].gist.startswith('user: Please call the "get_something_by_name"')
    assert {refs[f"groq.yaml#{i}"].tools for i in range(3)} == {("get_something_by_name",)}
    assert refs["bedrock.yaml#0"].gist == "user: What is the capital of France?"
    with gists_on(False):  # recviewer-cli index computes none
        off = {r.rel_path: r for r in scan(tmp_path).refs}
    assert off["groq.yaml#1"].gist is None and off["groq.yaml#1"].tools == ()
    assert [(r.format, r.chunks, r.status) for r in off.values()] == [
        (r.format, r.chunks, r.status) for r in refs.values()]
