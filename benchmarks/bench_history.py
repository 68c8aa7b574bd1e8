"""Recording history: set diffs and catalogs read straight from git objects.

Run on demand: ``.venv/bin/python -m benchmarks.bench_history``. Clones the
history bundle kept in the repository (tests/data/corpus/git) into a temp
folder and measures, each against a baseline timed in the same run:

- ``setdiff_revisions``: ``compare_revisions`` of the bundle's widest notable
  pair (48 commits, ~480 changed recordings) against reading the changed blobs
  (one ``cat-file --batch``) and ``orjson.loads`` of each: what any set diff
  must at least do. The rest is adapting, diffing and pairing.
- ``index_rev``: the catalog of a revision (``ls-tree`` + one ``cat-file
  --batch`` + the folder scan's head read) against ``scan`` of the same files
  extracted to a folder (page cache warm). Asserts nothing.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import CORPUS  # noqa: E402
from benchmarks.measure import Result, interleaved  # noqa: E402
from recviewer.core.catalog.scan import scan  # noqa: E402
from recviewer.core.setdiff import compare_revisions  # noqa: E402
from recviewer.core.sources import GitRevisionSource, scan_source  # noqa: E402

BUNDLE = CORPUS / "git" / "recordings-history.bundle"
RANGE = ("ffa17bc81f", "6604cd9131")  # 045a0c1d5..379d0720c in the manifest
MAIN = "main"
PATHSPEC = "tests/integration"
SETDIFF_MAX_RATIO = 4.0
INDEX_MAX_RATIO = 2.0  # git inflates packed, deltified blobs: ~half the time (see details)


def clone(dest: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(BUNDLE), str(dest)], check=True)
    return dest


def extract(repo: Path, rev: str, dest: Path) -> Path:
    data = subprocess.run(["git", "archive", "--format=tar", rev, "--", PATHSPEC], cwd=repo,
                          check=True, capture_output=True).stdout
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def _changed_blobs(repo: Path) -> tuple[GitRevisionSource, list[str]]:
    a = GitRevisionSource.from_repo(repo, RANGE[0], [PATHSPEC])
    b = GitRevisionSource.from_repo(a.repo, RANGE[1], [PATHSPEC])
    old = {e.rel_path: e.key for e in a.entries()}
    new = {e.rel_path: e.key for e in b.entries()}
    oids = [k for p, k in old.items() if new.get(p) != k]
    oids += [k for p, k in new.items() if old.get(p) != k]
    b.close()
    return a, [k for k in oids if k is not None]


def measure(repeats: int = 5) -> dict:
    work = Path(tempfile.mkdtemp(prefix="recviewer-bench-history-"))
    try:
        repo = clone(work / "repo")
        folder = extract(repo, MAIN, work / "main")
        reader, oids = _changed_blobs(repo)
        with GitRevisionSource.from_repo(repo, MAIN, [PATHSPEC]) as main_source:
            index_oids = [e.key for e in main_source.entries() if e.key is not None]

        def read_and_parse() -> None:  # a fresh cat-file process, as setdiff starts one
            with reader.repo.blobs() as blobs:
                for _, data in blobs.read(oids):
                    orjson.loads(data)

        def cat_file_only() -> None:  # git's own inflate + delta work for the blobs
            with reader.repo.blobs() as blobs:
                for _ in blobs.read(index_oids):
                    pass

        def setdiff() -> None:
            compare_revisions(str(repo), *RANGE, [PATHSPEC])

        def index_rev() -> None:
            with GitRevisionSource.from_repo(repo, MAIN, [PATHSPEC]) as source:
                scan_source(source)

        def index_disk() -> None:
            scan(folder)

        times = interleaved({"baseline": read_and_parse, "setdiff": setdiff,
                             "index_rev": index_rev, "index_disk": index_disk,
                             "cat_file": cat_file_only}, repeats)
        reader.close()
        d = compare_revisions(str(repo), *RANGE, [PATHSPEC])
        files = len(scan(folder).refs)
        return {"times": times, "changed_blobs": len(oids), "counts": d.counts, "files": files}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def results(repeats: int = 5) -> list[Result]:
    m = measure(repeats)
    t = m["times"]
    setdiff = Result(
        "setdiff_revisions", f"setdiff of two revisions ({m['changed_blobs']} changed blobs)",
        t["setdiff"], "s", t["baseline"], "read+orjson.loads of the changed blobs",
        f"≤ {SETDIFF_MAX_RATIO:g}× baseline", t["setdiff"] <= SETDIFF_MAX_RATIO * t["baseline"],
        {"counts": m["counts"]})
    index = Result(
        "index_rev", f"index --rev of {m['files']} recordings", t["index_rev"], "s",
        t["index_disk"], "index of the same files on disk", f"≤ {INDEX_MAX_RATIO:g}× baseline",
        t["index_rev"] <= INDEX_MAX_RATIO * t["index_disk"],
        {"files": m["files"], "git_cat_file_s": t["cat_file"]})
    return [setdiff, index]


def main() -> int:
    for r in results():
        print(r.line())
        if "git_cat_file_s" in r.details:
            print(f"  (of which git cat-file inflating the packed blobs: "
                  f"{r.details['git_cat_file_s'] * 1e3:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
