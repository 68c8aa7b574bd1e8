"""``folder_stats`` with a byte reader: the statistics of the folder on disk,
every byte through the reader, read in this process (a git revision's catalog
spells paths ``3f2a9c1d0e:tests/…/x.json``, which no worker process could open)."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from recviewer.core import stats as stats_module
from recviewer.core.catalog.scan import Catalog, scan
from recviewer.core.sources.base import GitRevisionSource, scan_source
from recviewer.core.stats import folder_stats, stats_dict
from tests.conftest import extract_revision
from tests.corpus_paths import (CAS_429, CAS_GROQ_TOOLS_STREAM, CAS_MCP, CORPUS, HISTORY_MESSAGES,
                                HISTORY_PATHSPEC, SEED)
from tests.support.prefixed_reader import PREFIX, PrefixedReader

FOLDER = CORPUS / "recordings"


Reader = PrefixedReader


def _prefixed(catalog: Catalog) -> Catalog:
    return Catalog(catalog.root, [dataclasses.replace(r, path=PREFIX + r.path)
                                  for r in catalog.refs])


def _groups(stats) -> dict:
    return {kind: {label: tuple(p.removeprefix(PREFIX) for p in paths)
                   for label, paths in groups.items()} for kind, groups in stats.groups.items()}


def test_stats_through_a_reader_equal_the_stats_from_disk():
    catalog = scan(FOLDER)
    disk = folder_stats(catalog, workers=0)
    reader = Reader()
    got = folder_stats(_prefixed(catalog), read=reader)
    assert stats_dict(got) == stats_dict(disk)
    assert _groups(got) == _groups(disk)
    recordings = {PREFIX + r.path for r in catalog.refs if r.is_recording}
    assert recordings and recordings <= set(reader.asked)
    assert disk.keys is not None and sum(len(v) for v in disk.keys.values())


def test_a_reader_keeps_the_reads_in_this_process_even_for_a_big_folder(monkeypatch):
    catalog = scan(FOLDER)
    monkeypatch.setattr(stats_module, "PARALLEL_FROM", 1)  # workers would take every file

    def no_workers(*_a, **_k):
        raise AssertionError("a reader's paths went to worker processes")

    monkeypatch.setattr("recviewer.core.catalog.pool.map_batches", no_workers)
    got = folder_stats(_prefixed(catalog), workers=2, read=Reader())
    assert stats_dict(got)["recordings"] == sum(1 for r in catalog.refs if r.is_recording)


def test_cassette_stats_through_a_reader(tmp_path):
    root = tmp_path / "suite"
    for src, rel in ((CAS_MCP, "tests/cassettes/test_temporal/test_mcp.yaml"),
                     (CAS_GROQ_TOOLS_STREAM, "tests/cassettes/test_groq/test_tools.yaml"),
                     (CAS_429, "tests/cassettes/test_openrouter/test_errors.yaml"),
                     (SEED, "recordings/seed.json")):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, root / rel)
    catalog = scan(root)
    disk = folder_stats(catalog)
    reader = Reader()
    got = folder_stats(_prefixed(catalog), read=reader)
    assert stats_dict(got) == stats_dict(disk)
    assert stats_dict(disk)["by_provider"]  # providers from the interactions' URLs
    assert _groups(got)["provider"] == _groups(disk)["provider"]
    files = {PREFIX + str(root / rel) for rel in ("tests/cassettes/test_temporal/test_mcp.yaml",
                                                  "tests/cassettes/test_groq/test_tools.yaml")}
    assert files <= set(reader.asked)


def test_stats_at_a_git_revision_equal_the_stats_of_the_extracted_revision(history_repo, tmp_path):
    rev = HISTORY_MESSAGES[0]
    source = GitRevisionSource.from_repo(history_repo, rev, (HISTORY_PATHSPEC,))
    assert hasattr(source, "entries"), source
    try:
        catalog = scan_source(source)
        by_path = {source.path_of(e): e for e in source.entries()}

        def read(path: str) -> bytes:
            data = next(d for _, d in source.read([by_path[path]]))
            if isinstance(data, tuple):
                raise OSError(data[0])
            return data

        got = stats_dict(folder_stats(catalog, read=read))
    finally:
        source.blobs.close()
        source.close()
    extracted = extract_revision(history_repo, rev, tmp_path / "x", HISTORY_PATHSPEC)
    disk = stats_dict(folder_stats(scan(extracted)))
    got.pop("root"), disk.pop("root")
    assert got == disk
    assert got["recordings"] > 100 and got["keys"]["ok"] > 0 and got["by_provider"]
