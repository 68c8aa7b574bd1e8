"""recviewer-cli search: the exact JSON contract; cache in tmp, folder untouched."""

from __future__ import annotations

import json

from recviewer.cli import main
from tests.corpus_paths import MCP_CHAIN, SEED
from tests.support.corpus_copy import copy_files


def make_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("RECVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    return copy_files(tmp_path / "recs", (*MCP_CHAIN, SEED), keep_parent=True)


def test_search_json_exact(tmp_path, monkeypatch, capsys):
    root = make_folder(tmp_path, monkeypatch)
    assert main(["search", str(root), "polyjuice", "--json", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert list(data) == ["hits", "query"] and data["query"] == "polyjuice"
    assert len(data["hits"]) == 2
    for hit in data["hits"]:
        assert list(hit) == ["path", "snippet", "where"]
        assert hit["path"] in {f"recordings/{p.name}" for p in MCP_CHAIN[2:]}
        assert "polyjuice" in hit["snippet"].lower()
    assert main(["search", str(root), "polyjuice", "--json", "--limit", "2"]) == 0
    assert capsys.readouterr().out == out
    assert sorted(p.name for p in root.rglob("*")) == sorted(
        ["recordings", *(p.name for p in (*MCP_CHAIN, SEED))])  # nothing added to the folder


def test_search_text_groups_by_test_and_marks_matches(tmp_path, monkeypatch, capsys):
    root = make_folder(tmp_path, monkeypatch)
    assert main(["search", str(root), '"Hello, world"']) == 0
    out = capsys.readouterr().out
    assert "test_mcp_invocation" in out and "[Hello, world]" in out


def test_bad_limit_is_usage(tmp_path, monkeypatch, capsys):
    root = make_folder(tmp_path, monkeypatch)
    assert main(["search", str(root), "x", "--limit", "0"]) == 2
    assert main(["search", str(tmp_path / "nope"), "x"]) == 1
