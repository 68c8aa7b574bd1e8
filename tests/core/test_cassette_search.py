"""Search indexes every interaction of a cassette: hits name ``FILE#N``."""

from __future__ import annotations

import shutil

from recviewer.core.catalog.scan import scan
from recviewer.core.search import SearchIndex
from tests.corpus_paths import CAS_GROQ_TOOLS_STREAM, CAS_RESPONSES, SEED

RESPONSES_REL = "tests/models/cassettes/test_openai_responses/web_search_stream.yaml"
GROQ_REL = "tests/models/cassettes/test_groq/tool_use_failed.yaml"


def _folder(tmp_path):
    root = tmp_path / "suite"
    for src, rel in ((CAS_RESPONSES, RESPONSES_REL), (CAS_GROQ_TOOLS_STREAM, GROQ_REL),
                     (SEED, "recordings/seed.json")):
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    return root


def test_a_string_of_interaction_1_only_is_found_at_file_1(tmp_path):
    root = _folder(tmp_path)
    with SearchIndex(root, tmp_path / "index.sqlite") as index:
        stats = index.build()
        assert stats.read == 3 and index.files == 3
        hits = index.search('"Mexico City"')
        assert hits and {h.path for h in hits} == {f"{RESPONSES_REL}#1"}
        assert {h.where for h in hits} >= {"request.messages[4]", "response.text"}
        # the cassette's test id, as the catalog names it
        (ref,) = [r for r in scan(root).refs if r.rel_path == f"{RESPONSES_REL}#1"]
        assert {h.test_id for h in hits} == {ref.test_id} and ref.test_id
        # text in every interaction is found in each of them
        assert {h.path for h in index.search("get_something_by_name", limit=100)} == {
            f"{GROQ_REL}#0", f"{GROQ_REL}#1", f"{GROQ_REL}#2"}
        # the validated second call's reply text is in #2's request and its response only
        assert {h.path for h in index.search('"Something with name"')} == {f"{GROQ_REL}#2"}
        # plain recordings keep their path
        assert any(h.path == "recordings/seed.json" for h in index.search("knowledge_search"))


def test_live_reload_paths_of_interactions_update_their_cassette(tmp_path):
    root = _folder(tmp_path)
    cassette = root / RESPONSES_REL
    with SearchIndex(root, tmp_path / "index.sqlite") as index:
        index.build()
        data = cassette.read_bytes()
        cassette.write_bytes(data.replace(b"Mexico City", b"Guadalajara"))
        stats = index.update(changed=[str(cassette) + "#1"], removed=[str(cassette) + "#5"])
        assert stats.read == 1 and stats.removed == 0
        assert index.search('"Mexico City"') == []
        assert {h.path for h in index.search("Guadalajara")} == {f"{RESPONSES_REL}#1"}
        cassette.unlink()
        stats = index.update(removed=[str(cassette) + "#0", str(cassette) + "#1"])
        assert stats.removed == 1 and index.files == 2
        assert index.search("Guadalajara") == []
