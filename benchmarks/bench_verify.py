"""Key verification (``recviewer-cli verify``) against reading and parsing every file.

For each scale of the run a folder is built from the corpus like the index
corpus (the same files, copies with varied test ids), except that a copy of a
file that verifies is named by its own key, as the recorder would have named
it: the folder keeps the corpus's mix of ok / stale / legacy / unkeyed files
(a copy named at random would be stale, with a cause search, every time).
``verify_folder`` (one process) is timed against read + ``orjson.loads`` of
every file of the same folder, interleaved; the growth line gives the
per-file cost at each scale against the first.

Run on demand: ``.venv/bin/python -m benchmarks.bench_verify [SCALE …]``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus  # noqa: E402
from benchmarks.bench_index import baseline  # noqa: E402
from benchmarks.measure import Result, interleaved  # noqa: E402

TARGET_RATIO = 4.0


def build(dest: Path, files: int, sources: list[corpus.Source] | None = None) -> list[str]:
    """``files`` recordings under ``dest``; copies of keyed files named by their key."""
    from recviewer.core.keys.compute import request_key, request_of
    from recviewer.core.keys.verify import OK, classify
    import orjson

    sources = sources if sources is not None else corpus.load_sources()
    verifies = [classify(os.fspath(corpus.SOURCE / s.rel_dir / f"{s.stem}.json")) for s in sources]
    out = []
    for n in range(files):
        copy, i = divmod(n, len(sources))
        src = sources[i]
        data = corpus.copy_bytes(src, copy)
        name = corpus.copy_name(src, copy)
        status = verifies[i]
        if copy and status is not None and status.cls == OK:
            key = request_key(request_of(orjson.loads(data)))
            name = (f"models-{key}-{src.stem.rsplit('-', 1)[1]}.json"
                    if src.stem.startswith("models-") else f"{key}.json")
        folder = dest / src.rel_dir
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(data)
        out.append(os.fspath(path))
    return out


def _verify(root: str) -> int:
    from recviewer.core.keys.verify import verify_folder
    return len(verify_folder(root).files)


def result(rows: list[dict[str, Any]], repeats: int) -> Result:
    sources = corpus.load_sources()
    growth = []
    for row in rows:
        dest = Path(row["root"]).parent / f"verify-{row['scale']:g}"
        files = build(dest, row["files"], sources)
        fns = {"baseline": lambda: baseline(files), "verify": lambda: _verify(os.fspath(dest))}
        for fn in fns.values():  # warm imports and the page cache alike
            fn()
        times = interleaved(fns, max(1, repeats))
        growth.append({"scale": row["scale"], "files": len(files), "verify_s": times["verify"],
                       "baseline_s": times["baseline"]})
    top = growth[-1]
    per_file0 = growth[0]["verify_s"] / growth[0]["files"]
    shape = " ".join(f"{g['scale']:g}x {g['verify_s'] / g['files'] / per_file0:.2f}" for g in growth)
    ratio = top["verify_s"] / top["baseline_s"]
    return Result(
        "verify", f"verify of {top['files']:,} files (per-file cost vs 1st: {shape})",
        top["verify_s"], "s", top["baseline_s"], "read+orjson.loads",
        f"≤ {TARGET_RATIO:g}x", ratio <= TARGET_RATIO, {"growth": growth})


def main(argv: list[str]) -> int:
    import tempfile
    scales = [float(a) for a in argv] or [1.0]
    with tempfile.TemporaryDirectory(prefix="recviewer-bench-verify-") as work:
        rows = [{"scale": s, "files": max(1, round(s * corpus.UNIT)),
                 "root": os.path.join(work, f"scale-{s:g}")} for s in scales]
        print(result(rows, 3).line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
