"""The search index build: the same index whether files are read here or on
worker processes, rows replaced and dropped by their rowid range (no stale rows
left after changes), and a batch write that keeps what was read when cancelled."""

from __future__ import annotations

import os
import sqlite3

from recviewer.core.search import SearchIndex
from recviewer.core.search.index import index_path
from tests.corpus_paths import ANTHROPIC_CHAIN, MCP_CHAIN, SEED
from tests.support.search_folder import SEARCH_FILES as FILES, folder  # noqa: F401 (fixture)


def rows(db_path) -> list[tuple]:
    """Every text row (without its rowid) and every file's key, sorted."""
    with sqlite3.connect(db_path) as db:
        text = sorted(db.execute("SELECT path, field, body, file FROM text"))
        files = sorted(db.execute("SELECT path, size, mtime_ns, test_id FROM files"))
    return text + files


def test_workers_build_the_same_index_as_one_process(folder, tmp_path):
    with SearchIndex(folder, db_path=tmp_path / "one.sqlite") as ix:
        assert ix.build(jobs=1).read == len(FILES)
    with SearchIndex(folder, db_path=tmp_path / "two.sqlite") as ix:
        assert ix.build(jobs=2).read == len(FILES)
        assert {h.path for h in ix.search("Polyjuice")} == {
            f"{p.parent.name}/{p.name}" for p in MCP_CHAIN[2:]}
    one = rows(tmp_path / "one.sqlite")
    assert len(one) > 2 * len(FILES)
    assert rows(tmp_path / "two.sqlite") == one


def test_changed_and_removed_files_leave_no_stale_rows(folder):
    with SearchIndex(folder) as ix:
        ix.build()
    fresh = rows(index_path(folder))
    seed = folder / SEED.parent.name / SEED.name
    original = seed.read_bytes()
    seed.write_bytes(original.replace(b"knowledge_search tool found", b"xylophone tool found", 1))
    os.utime(seed, ns=(1, 1))
    gone = folder / ANTHROPIC_CHAIN[0].parent.name / ANTHROPIC_CHAIN[0].name
    kept = gone.read_bytes()
    gone.unlink()
    with SearchIndex(folder) as ix:
        stats = ix.build()
        assert (stats.read, stats.removed) == (1, 1)
        assert [h.path for h in ix.search("xylophone")] == [f"{SEED.parent.name}/{SEED.name}"]
        # the seed's old rows are gone: its old words match it no more than once per field
        wheres = [h.where for h in ix.search("knowledge_search", limit=500)
                  if h.path.endswith(SEED.name)]
        assert len(wheres) == len(set(wheres))
    seed.write_bytes(original)
    gone.write_bytes(kept)
    with SearchIndex(folder) as ix:
        assert ix.build().read == 2
    assert rows(index_path(folder))[:-len(FILES)] == fresh[:-len(FILES)]  # the same text rows


def test_a_cancelled_build_keeps_the_files_it_read(folder):
    calls = []
    with SearchIndex(folder) as ix:
        stats = ix.build(cancel=lambda: len(calls) >= 3, progress=lambda n, t: calls.append(n))
        assert stats.cancelled and stats.read == 3 and ix.files == 3
        assert ix.build().read == len(FILES) - 3
