"""What a catalog cache row holds (gists, tool names), and walks stored with
paths that are not the root joined with their rel path. Reads are counted."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from recviewer.core.catalog import scan as catalog_scan
from recviewer.core.catalog import walk as catalog_walk
from recviewer.core.catalog.cache import HOLDS_GISTS, HOLDS_TOOLS, CatalogCache
from recviewer.core.catalog.head import gists_on, tools_on
from recviewer.core.catalog.scan import scan
from tests.corpus_paths import SMALL_CHAT, TOOL_RUNTIME

PAST = 1_600_000_000


@pytest.fixture()
def reads(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = catalog_scan._read_bytes
    monkeypatch.setattr(catalog_scan, "_read_bytes", lambda path: seen.append(path) or real(path))
    return seen


def _aged(root: Path) -> Path:
    for p in [root, *root.rglob("*")]:
        os.utime(p, (PAST, PAST))
    return root


def _holds() -> set[int]:
    with CatalogCache.connect() as store:
        return {h for (h,) in store._db.execute("SELECT holds FROM files")}


def test_a_lean_scan_stores_rows_a_full_scan_does_not_take(tmp_path, reads):
    root = shutil.copytree(TOOL_RUNTIME, tmp_path / "tool_runtime")
    fresh = scan(root).refs
    assert any(r.tools for r in fresh) and any(r.gist for r in fresh)
    with gists_on(False), tools_on(False):
        lean = scan(root, cache=True).refs
    assert all(r.tools == () and r.gist is None for r in lean)
    assert [r.test_id for r in lean] == [r.test_id for r in fresh]
    assert _holds() == {0}
    reads.clear()
    assert scan(root, cache=True).refs == fresh  # wants gists and tools: read again
    assert len(reads) == len(fresh)
    assert _holds() == {HOLDS_GISTS | HOLDS_TOOLS}
    reads.clear()
    with gists_on(False), tools_on(False):
        scan(root, cache=True)  # rows holding more serve a scan wanting less
    assert reads == []


def test_gists_without_tools_is_its_own_kind_of_row(tmp_path, reads):
    root = shutil.copytree(TOOL_RUNTIME, tmp_path / "tool_runtime")
    with tools_on(False):
        scan(root, cache=True)
    assert _holds() == {HOLDS_GISTS}
    reads.clear()
    with gists_on(False):
        refs = scan(root, cache=True).refs  # wants tools, the rows have none
    assert len(reads) == len(refs) and any(r.tools for r in refs)


def test_a_stored_walk_keeps_names_that_are_not_utf8(tmp_path, reads, monkeypatch):
    root = tmp_path / "odd"
    root.mkdir()
    odd = os.path.join(os.fsencode(root), b"caf\xe9.json")  # not UTF-8
    with open(odd, "wb") as fh:
        fh.write(SMALL_CHAT.read_bytes())
    shutil.copyfile(SMALL_CHAT, root / "plain.json")
    _aged(root)
    fresh = scan(root).refs
    assert os.fsencode(fresh[0].path) == odd or os.fsencode(fresh[1].path) == odd
    scan(root, cache=True)
    listed: list[str] = []
    real = catalog_walk._entries
    monkeypatch.setattr(catalog_walk, "_entries", lambda f: listed.append(f) or real(f))
    reads.clear()
    assert scan(root, cache=True).refs == fresh
    assert listed == [] and reads == []  # the walk and the rows from the cache


def test_a_single_file_root_is_cached(tmp_path, reads):
    one = tmp_path / "one.json"
    shutil.copyfile(SMALL_CHAT, one)
    _aged(tmp_path)
    fresh = scan(one).refs
    assert len(fresh) == 1 and fresh[0].path == str(one)
    scan(one, cache=True)
    reads.clear()
    assert scan(one, cache=True).refs == fresh and reads == []
