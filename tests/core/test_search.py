"""Full-text search over a copy of real recordings; the index lives in the cache dir."""

from __future__ import annotations

import hashlib
import os
import shutil

import pytest

from recviewer.core.search import SearchIndex, match_expression
from recviewer.core.search.index import index_path
from tests.corpus_paths import ANTHROPIC_CHAIN, CATEGORY_CALL, MCP_CHAIN, SEED
from tests.support.search_folder import SEARCH_FILES as FILES, folder  # noqa: F401 (fixture)


def rel(path) -> str:
    return f"{path.parent.name}/{path.name}"


def checksum(root) -> str:
    h = hashlib.sha256()
    for dirpath, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(files):
            p = os.path.join(dirpath, name)
            h.update(p.encode())
            with open(p, "rb") as fh:
                h.update(fh.read())
    return h.hexdigest()


def paths(hits) -> set[str]:
    return {h.path for h in hits}


def test_finds_known_strings_in_known_files_only(folder, tmp_path):
    before = checksum(folder)
    with SearchIndex(folder) as ix:
        assert ix.build().read == len(FILES)
        polyjuice = ix.search("Polyjuice")  # case-insensitive word
        assert paths(polyjuice) == {rel(p) for p in MCP_CHAIN[2:]}
        assert {h.where for h in polyjuice} >= {"tool_call.arguments", "request.messages[5]"}
        hit = next(h for h in polyjuice if h.where == "tool_call.arguments")
        assert [hit.snippet[a:b] for a, b in hit.matches] == ["polyjuice"]
        assert paths(ix.search("calcul")) == {rel(p) for p in ANTHROPIC_CHAIN}  # prefix
        phrase = ix.search('"Latest updates from the US"')
        assert rel(SEED) in paths(phrase) and rel(CATEGORY_CALL) not in paths(phrase)
        assert ix.search('"updates from US"') == []  # a phrase is not a bag of words
        assert paths(ix.search("gpt-oss")) == {rel(p) for p in ANTHROPIC_CHAIN}  # model name
        assert ix.search("zzzqqq") == []
        assert ix.search('NEAR( OR "') == [] or all(h.path for h in ix.search('NEAR( OR "'))
    assert checksum(folder) == before  # nothing written into the folder
    assert not any(p.suffix == ".sqlite" for p in folder.rglob("*"))
    assert index_path(folder).is_file()
    assert str(index_path(folder)).startswith(str(tmp_path / "cache"))


def test_unchanged_files_are_not_read_again_and_changes_are_picked_up(folder):
    with SearchIndex(folder) as ix:
        ix.build()
    with SearchIndex(folder) as ix:  # a new process would see the same database
        stats = ix.build()
        assert (stats.read, stats.reused, stats.removed) == (0, len(FILES), 0)
        seed = folder / rel(SEED)
        text = seed.read_bytes().replace(b"knowledge_search tool found", b"xylophone tool found", 1)
        seed.write_bytes(text)
        os.utime(seed, ns=(1, 1))
        added = folder / "extra" / MCP_CHAIN[0].name.replace(MCP_CHAIN[0].name[:4], "ffff")
        added.parent.mkdir()
        shutil.copy2(MCP_CHAIN[0], added)
        (folder / rel(ANTHROPIC_CHAIN[0])).unlink()
        stats = ix.build()
        assert (stats.read, stats.removed) == (2, 1)
        assert paths(ix.search("xylophone")) == {rel(SEED)}
        assert "extra/" + added.name in paths(ix.search("greet_everyone"))
        assert rel(ANTHROPIC_CHAIN[0]) not in paths(ix.search("calculator"))


def test_update_applies_live_reload_paths(folder):
    with SearchIndex(folder) as ix:
        ix.build()
        target = folder / rel(MCP_CHAIN[0])
        unchanged = ix.update(changed=[str(target)])
        assert (unchanged.read, unchanged.reused) == (0, 1)
        target.unlink()
        stats = ix.update(removed=[rel(MCP_CHAIN[0])])
        assert stats.removed == 1 and ix.files == len(FILES) - 1


def test_build_reports_progress_and_can_be_cancelled(folder):
    seen = []
    with SearchIndex(folder) as ix:
        stats = ix.build(cancel=lambda: len(seen) >= 2, progress=lambda n, total: seen.append((n, total)))
        assert stats.cancelled and stats.read == 2 and seen[-1] == (2, len(FILES))
        assert ix.build().read == len(FILES) - 2  # what was indexed stays valid


@pytest.mark.parametrize("text, expr", [
    ("Polyjuice", '"polyjuice"*'),
    ('"boiling point" poly', '"boiling point" "poly"*'),
    ("knowledge_search", '"knowledge search"*'),
    ('a" OR b NEAR(x) col:y', '"a"* "or"* "b"* "near x"* "col y"*'),
    ("  ", None),
    ('"', None),
])
def test_match_expression_is_built_from_tokens_only(text, expr):
    assert match_expression(text) == expr
