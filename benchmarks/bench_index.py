"""Index time of a folder against "read every file and orjson.loads it".

Ways of indexing timed on the same warm folder, interleaved with the baseline:
- ``tree`` (the target): ``catalog.scan_iter`` batches grown into the test tree's
  plain items (``tree_items.plan_batch`` + ``attach``: the tree data, no Qt),
  the files read on a ``ScanPool`` of worker processes as the window does (its
  start-up counted in every run);
- ``tree_1proc``: the same, every file read in this process;
- ``core``: ``catalog.scan`` plus ``tree_path`` of every ref (in this process);
- ``app``: the window's own scan job (``ScanController._scan_job``: catalog batches
  on worker processes plus the filter's tool-name words) feeding a
  ``TestTreeModel`` (no view).
"""

from __future__ import annotations

import os
from typing import Any

import orjson

from benchmarks.measure import Result, interleaved

TARGET_RATIO = 1.3
_keep: list[object] = []  # the QCoreApplication index_app made, alive for the run


def baseline(files: list[str]) -> int:
    """Read every file and ``orjson.loads`` it (the naive full index)."""
    n = 0
    for path in files:
        with open(path, "rb") as fh:
            data = fh.read()
        try:
            orjson.loads(data)
            n += 1
        except orjson.JSONDecodeError:
            pass
    return n


def index_core(root: str) -> int:
    from recviewer.core.catalog.scan import scan, tree_path

    catalog = scan(root)
    return len([tree_path(ref) for ref in catalog.refs])


def tree_of(batches) -> int:
    """Scan batches into the tree's plain items as the window hands them to its
    model (no Qt): the first batch at once (inserted), the rest gathered into
    one batch the model takes as a reset (``TestTreeModel.BULK_ROWS``), each
    under ``items.building`` (no collections meanwhile, the result frozen out
    of later ones); returns the rows, the tree given back to the collector."""
    from recviewer.ui.tree.items import TreeItem, attach, building, plan_batch, release

    top = TreeItem.new_root()
    rest: list = []
    for batch in batches:
        if top.count or rest:
            rest.extend(batch)
            continue
        with building():
            for ins in plan_batch(top, batch).insertions:
                attach(ins)
    with building():
        plan_batch(top, rest, reset=True)
    count = top.count
    del top
    release()
    return count


def index_tree(root: str, processes: int | None = None) -> int:
    """Scan batches into the tree's plain items, as the tree model takes them
    (``tree_of``). ``processes``: worker processes reading the files (None:
    one per core, 0: none)."""
    from recviewer.core.catalog.scan import scan_iter
    from recviewer.core.catalog.pool import ScanPool

    with ScanPool(processes) as pool:
        return tree_of(scan_iter(os.path.abspath(root), pool=pool))


def index_app(root: str) -> int:
    from PySide6.QtCore import QCoreApplication

    from benchmarks.qt_guard import guard
    from recviewer.ui.window.scan_controller import _scan_job
    from recviewer.ui.tree.model import TestTreeModel
    from recviewer.ui.workers import JobControl

    if QCoreApplication.instance() is None:
        _keep.append(QCoreApplication(["recviewer-bench"]))
    guard()
    model = TestTreeModel()

    from recviewer.ui.window.scan_controller import GISTS

    def send(kind: str, value: Any) -> None:
        # batches are (refs, terms); LISTED and (GISTS, refs) belong to the gist pass
        if kind == "progress" and isinstance(value, tuple) and value[0] is not GISTS:
            model.add_refs(*value)

    # no catalog cache: every run reads every file (and the user's cache is left alone)
    _scan_job(JobControl(send), os.path.abspath(root), 256, use_cache=False)
    if hasattr(model, "flush_counts"):
        model.flush_counts()
    return model.recording_count()


def measure_scale(root: str, files: list[str], repeats: int) -> dict[str, float]:
    fns = {"baseline": lambda: baseline(files), "tree": lambda: index_tree(root),
           "tree_1proc": lambda: index_tree(root, 0), "core": lambda: index_core(root),
           "app": lambda: index_app(root)}
    for fn in fns.values():  # warm the page cache and imports alike for all
        fn()
    times: dict[str, float] = dict(interleaved(fns, repeats))
    times["files"] = len(files)
    times["bytes"] = sum(os.path.getsize(f) for f in files)
    times["load"] = os.getloadavg()[0]
    times["processes"] = default_processes()
    return times


def default_processes() -> int:
    from recviewer.core.catalog.pool import default_workers

    return default_workers()


def result(rows: list[dict[str, Any]]) -> Result:
    """The index target (scan + tree data), judged at the largest scale measured."""
    top = rows[-1]
    return Result(
        "index", f"index {top['files']:,} files (catalog scan + tree data)",
        top["tree"], "s", top["baseline"], "read+orjson.loads", f"≤ {TARGET_RATIO}x baseline",
        top["tree"] / top["baseline"] <= TARGET_RATIO,
        {"core_s": top["core"], "app_s": top["app"], "app_ratio": top["app"] / top["baseline"],
         "tree_1proc_s": top["tree_1proc"], "tree_1proc_ratio": top["tree_1proc"] / top["baseline"],
         "worker_processes": top["processes"],
         "worst_ratio_any_scale": max(r["tree"] / r["baseline"] for r in rows),
         "files": top["files"], "load_avg": top["load"]})


def app_result(rows: list[dict[str, Any]]) -> Result:
    """Information: the window's scan job (with tool-name terms) into the Qt model."""
    top = rows[-1]
    return Result(
        "index_app", f"index {top['files']:,} files as the window's scan job + Qt model",
        top["app"], "s", top["baseline"], "read+orjson.loads", "information (no target)",
        True, {"files": top["files"]})
