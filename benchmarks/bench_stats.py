"""Folder statistics (``recviewer-cli stats``) against the index of the same folder.

Both are timed in the same run, interleaved, on the largest scaled corpus:
``index`` is the catalog scan on worker processes (what ``recviewer-cli index``
does); ``stats`` is that scan plus ``core.stats.folder_stats`` (every file read
whole once more in this process for providers and duplicate digests, the
noise-normalised fingerprint only where two different digests could match).
The scaled copies repeat the corpus files, so their digests repeat too: the
normalised fingerprints are computed about once per corpus file.
"""

from __future__ import annotations

import os
from typing import Any

from benchmarks.measure import Result, interleaved

TARGET_RATIO = 3.0


def index(root: str) -> int:
    from recviewer.core.catalog.pool import ScanPool
    from recviewer.core.catalog.scan import scan

    with ScanPool(None) as pool:
        return len(scan(root, pool=pool).refs)


def stats(root: str) -> int:
    from recviewer.core.catalog.pool import ScanPool
    from recviewer.core.catalog.scan import scan
    from recviewer.core.stats import folder_stats

    with ScanPool(None) as pool:
        catalog = scan(root, pool=pool)
    return len(folder_stats(catalog).recordings)


def result(rows: list[dict[str, Any]], repeats: int) -> Result:
    top = rows[-1]
    root = os.path.abspath(top["root"])
    fns = {"index": lambda: index(root), "stats": lambda: stats(root)}
    for fn in fns.values():  # warm imports and the page cache alike
        fn()
    times = interleaved(fns, max(1, repeats))
    return Result(
        "stats", f"stats of {top['files']:,} files (scan + folder_stats)", times["stats"], "s",
        times["index"], "index of the same folder", f"≤ {TARGET_RATIO:g}x index",
        times["stats"] / times["index"] <= TARGET_RATIO, {"files": top["files"]})
