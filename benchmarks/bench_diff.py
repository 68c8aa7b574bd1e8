"""Diff cost on the two largest corpus recordings, against loading them.

Run on demand: ``.venv/bin/python benchmarks/bench_diff.py [A B]``.
Baseline: ``orjson.loads`` of both files' bytes. Prints the time of the
semantic diff (``diff_recordings``, on already-read recordings), of the
structural diff (``diff_json`` on the unwrapped documents) and their ratio to
the baseline; asserts nothing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recviewer.core.diff import diff_json, diff_recordings, summarize  # noqa: E402
from recviewer.core.formats.registry import read_recording  # noqa: E402
from recviewer.core.load import load_document  # noqa: E402
from recviewer.core.model import Recording  # noqa: E402

_DIR = ROOT.parent / "shared/corpus/recordings/tests/integration/responses/recordings"
DEFAULT = (_DIR / "0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json",
           _DIR / "669d8f20cdff5025f932373ebb7eb9e20947e75083c15a729178f4ca2b9a913f.json")


def best_of(fn, repeats: int = 5) -> tuple[float, object]:
    """Smallest wall time of ``repeats`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str]) -> int:
    a_path, b_path = (Path(argv[0]), Path(argv[1])) if len(argv) == 2 else DEFAULT
    raw = (a_path.read_bytes(), b_path.read_bytes())
    base, _ = best_of(lambda: (orjson.loads(raw[0]), orjson.loads(raw[1])))
    a, b = read_recording(a_path), read_recording(b_path)
    if not (isinstance(a, Recording) and isinstance(b, Recording)):
        print(f"cannot read: {a if not isinstance(a, Recording) else b}")
        return 1
    docs = (load_document(a_path)[0], load_document(b_path)[0])  # type: ignore[index]
    read_t, _ = best_of(lambda: (read_recording(a_path), read_recording(b_path)), 3)
    sem_t, d = best_of(lambda: diff_recordings(a, b))
    struct_t, changes = best_of(lambda: diff_json(docs[0], docs[1]), 3)
    print(f"A: {a_path.name} ({len(raw[0]):,} bytes, {len(a.exchange.chunks)} chunks)")
    print(f"B: {b_path.name} ({len(raw[1]):,} bytes, {len(b.exchange.chunks)} chunks)")
    print(f"baseline orjson.loads both : {base * 1000:8.1f} ms")
    print(f"read_recording both        : {read_t * 1000:8.1f} ms  ({read_t / base:5.1f}x baseline)")
    print(f"diff_recordings            : {sem_t * 1000:8.1f} ms  ({sem_t / base:5.1f}x baseline)"
          f"  -> {summarize(d)}")
    print(f"diff_json (structural)     : {struct_t * 1000:8.1f} ms  ({struct_t / base:5.1f}x baseline)"
          f"  -> {len(changes)} changes, {sum(1 for c in changes if not c.noise)} real")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
