"""The catalog cache and the command line, each against a baseline timed in the same run.

- ``warm_reopen``: re-opening the largest folder with a filled catalog cache
  (``scan_iter(cache=...)`` into the tree's plain items, as ``index_tree``;
  only a stat per file) against read + ``orjson.loads`` of every file.
- ``cold_cache``: the same with an empty cache (every file read and stored)
  against the same scan without a cache: a cold open must be no slower.
- ``cli_help``: ``recviewer-cli --help`` as a process against
  ``python -c "import orjson"``.
- ``cli_index``: ``recviewer-cli index FOLDER --json`` of the 1x folder
  (~3,000 files), cold cache (a fresh ``RECVIEWER_CACHE_DIR`` each run), as a
  process against a ``python -c`` process that walks, reads and
  ``orjson.loads`` every file; the warm-cache run is in the details. The
  processes keep their bytecode in a temporary ``PYTHONPYCACHEPREFIX`` (as an
  installed package does), not compiled again at every start.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.bench_index import baseline, tree_of
from benchmarks.measure import Result, interleaved, wall_time

WARM_TARGET = 0.15
COLD_TARGET = 1.05  # "no slower than without the cache" (5% for noise between runs)
HELP_TARGET = 2.0
CLI_INDEX_TARGET = 1.0
_READ_PARSE = ("import os, sys, orjson\n"
               "for d, _, names in os.walk(sys.argv[1]):\n"
               "    for n in names:\n"
               "        if n.endswith('.json'):\n"
               "            with open(os.path.join(d, n), 'rb') as fh:\n"
               "                try:\n"
               "                    orjson.loads(fh.read())\n"
               "                except orjson.JSONDecodeError:\n"
               "                    pass\n")


def tree_with_cache(root: str, db: Path | None) -> int:
    """``bench_index.index_tree`` with the catalog cache at ``db`` (None: no cache)."""
    from recviewer.core.catalog.cache import CatalogCache
    from recviewer.core.catalog.pool import ScanPool
    from recviewer.core.catalog.scan import scan_iter

    store = CatalogCache.connect(db) if db is not None else None
    try:
        with ScanPool(None) as pool:
            return tree_of(scan_iter(os.path.abspath(root), pool=pool, cache=store))
    finally:
        if store is not None:
            store.close()


def cache_results(rows: list[dict[str, Any]], files_of, repeats: int) -> list[Result]:
    top = rows[-1]
    root = top["root"]
    files = files_of(root)
    work = Path(tempfile.mkdtemp(prefix="recviewer-bench-cache-"))
    try:
        warm_db = work / "warm.sqlite"
        tree_with_cache(root, warm_db)  # fill it
        fresh = iter(range(10_000))
        fns = {"baseline": lambda: baseline(files),
               "warm": lambda: tree_with_cache(root, warm_db),
               "cold": lambda: tree_with_cache(root, work / f"cold-{next(fresh)}.sqlite"),
               "none": lambda: tree_with_cache(root, None)}
        times = interleaved(fns, repeats)
        size = os.path.getsize(warm_db)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n = top["files"]
    return [
        Result("warm_reopen", f"warm re-open of {n:,} files (catalog cache, scan + tree data)",
               times["warm"], "s", times["baseline"], "read+orjson.loads",
               f"≤ {WARM_TARGET}x baseline", times["warm"] / times["baseline"] <= WARM_TARGET,
               {"files": n, "cache_bytes": size}),
        Result("cold_cache", f"cold open of {n:,} files with an empty cache (read + store)",
               times["cold"], "s", times["none"], "the same scan without a cache",
               f"≤ {COLD_TARGET}x", times["cold"] / times["none"] <= COLD_TARGET, {"files": n}),
    ]


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("recviewer-cli")
    if script.is_file():
        return [os.fspath(script)]
    return [sys.executable, "-c", "import sys; from recviewer.cli import main; sys.exit(main())"]


def cli_results(rows: list[dict[str, Any]], repeats: int) -> list[Result]:
    first = rows[0]
    root = os.path.abspath(first["root"])
    work = Path(tempfile.mkdtemp(prefix="recviewer-bench-cli-"))
    # Every process compiles its modules once into a bytecode cache in the work
    # folder, as an installed package has them (PYTHONDONTWRITEBYTECODE=1 would
    # make each CLI process compile ~40 modules again, ~40 ms); nothing is
    # written into the repository.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = os.fspath(work / "pycache")
    cold = iter(range(10_000))
    warm_env = dict(env, RECVIEWER_CACHE_DIR=os.fspath(work / "warm"))
    cli = _cli()
    tries = max(3, 2 * repeats)
    try:
        wall_time([*cli, "index", root, "--json"], warm_env, 300)  # fill the warm cache
        wall_time([*cli, "--help"], env)  # and the bytecode cache of every module they import
        fns = {
            "orjson": lambda: wall_time([sys.executable, "-c", "import orjson"], env),
            "help": lambda: wall_time([*cli, "--help"], env),
            "read_parse": lambda: wall_time([sys.executable, "-c", _READ_PARSE, root], env, 300),
            "index_cold": lambda: wall_time(
                [*cli, "index", root, "--json"],
                dict(env, RECVIEWER_CACHE_DIR=os.fspath(work / f"cold-{next(cold)}")), 300),
            "index_warm": lambda: wall_time([*cli, "index", root, "--json"], warm_env, 300),
            "index_no_cache": lambda: wall_time([*cli, "index", root, "--json", "--no-cache"],
                                                env, 300),
        }
        t = interleaved(fns, tries)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [
        Result("cli_help", "recviewer-cli --help (process)", t["help"], "s", t["orjson"],
               'python -c "import orjson"', f"≤ {HELP_TARGET:g}x", t["help"] / t["orjson"] <= HELP_TARGET,
               {}),
        Result("cli_index", f"recviewer-cli index --json of {first['files']:,} files, cold cache "
               "(process)", t["index_cold"], "s", t["read_parse"], "python -c read+orjson.loads",
               f"≤ {CLI_INDEX_TARGET:g}x", t["index_cold"] / t["read_parse"] <= CLI_INDEX_TARGET,
               {"files": first["files"], "warm_s": t["index_warm"],
                "warm_ratio": t["index_warm"] / t["read_parse"], "no_cache_s": t["index_no_cache"],
                "no_cache_ratio": t["index_no_cache"] / t["read_parse"]}),
    ]
