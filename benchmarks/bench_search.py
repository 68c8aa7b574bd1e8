"""Search and gist costs, each against a baseline timed in the same run.

- ``search_build``: building the full-text index of the largest folder (every
  file read, adapted and inserted into SQLite FTS5, in a fresh database)
  against read + ``orjson.loads`` of every file.
- ``search_query``: a warm query (index built, database open) at every scale;
  judged at the largest, against the 1x query (it should barely grow).
- ``index_gists``: the catalog scan (one process) with the row gists against the
  same scan without them (``catalog.head.GISTS`` off).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_index import baseline
from benchmarks.measure import Result, interleaved

BUILD_TARGET = 6.0   # ≤ 6x read+parse: built once, in the background, then kept
QUERY_TARGET_S = 0.05  # a warm query on 30k files under 50 ms
GIST_TARGET = 1.15   # gists cost at most 15% of the scan
QUERIES = ("polyjuice", '"boiling point"', "knowledge_search", "weath")


def _index(root: str, db: Path):
    from recviewer.core.search import SearchIndex

    return SearchIndex(root, db_path=db)


def build_once(root: str, work: Path) -> tuple[float, Path]:
    db = work / f"search-{os.path.basename(root)}-{time.monotonic_ns()}.sqlite"
    t = time.perf_counter()
    with _index(root, db) as ix:
        ix.build()
    return time.perf_counter() - t, db


def warm_query(root: str, db: Path, repeats: int) -> float:
    """Best time of one query (each of QUERIES in turn, limit 50) on an open index."""
    with _index(root, db) as ix:
        for q in QUERIES:
            ix.search(q)
        best = float("inf")
        for _ in range(max(3, repeats)):
            for q in QUERIES:
                t = time.perf_counter()
                ix.search(q)
                best = min(best, time.perf_counter() - t)
    return best


def scan_gists(root: str, on: bool) -> int:
    from recviewer.core.catalog import head
    from recviewer.core.catalog.scan import scan

    old = head.GISTS
    head.GISTS = on
    try:
        return len(scan(root).refs)
    finally:
        head.GISTS = old


def results(rows: list[dict[str, Any]], files_of, repeats: int) -> list[Result]:
    """``rows``: the scaling rows (``root`` of each scale); ``files_of(root)``: its files."""
    work = Path(tempfile.mkdtemp(prefix="recviewer-bench-search-"))
    try:
        return _results(rows, files_of, repeats, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _results(rows: list[dict[str, Any]], files_of, repeats: int, work: Path) -> list[Result]:
    queries = []
    builds = []  # (files, build seconds) per scale: the growth table
    build_s = base_s = 0.0
    top = rows[-1]
    for row in rows:
        seconds, db = build_once(row["root"], work)
        builds.append({"files": row["files"], "scale": row["scale"], "build_s": seconds})
        queries.append((row["files"], warm_query(row["root"], db, repeats)))
        if row is top:
            build_s = seconds
            files = files_of(top["root"])
            base_s = min(interleaved({"b": lambda: baseline(files)}, repeats).values())
    gist = interleaved({"on": lambda: scan_gists(top["root"], True),
                        "off": lambda: scan_gists(top["root"], False)}, repeats)
    (n0, q0), (n1, q1) = queries[0], queries[-1]
    return [
        Result("search_build", f"search index build, {top['files']:,} files (FTS5, fresh)",
               build_s, "s", base_s, "read+orjson.loads", f"≤ {BUILD_TARGET}x baseline",
               build_s / base_s <= BUILD_TARGET, {"files": top["files"], "per_scale": builds}),
        Result("search_query", f"warm search query, {n1:,} files",
               q1, "s", q0, f"the same query on {n0:,} files",
               f"< {QUERY_TARGET_S * 1e3:.0f} ms", q1 < QUERY_TARGET_S,
               {"per_scale": [{"files": n, "query_s": q} for n, q in queries]}),
        Result("index_gists", f"index with gists vs without, {top['files']:,} files (one process)",
               gist["on"], "s", gist["off"], "the same scan without gists",
               f"≤ {GIST_TARGET}x", gist["on"] / gist["off"] <= GIST_TARGET, {}),
    ]
