"""Diff cost on the two largest corpus recordings, against loading them.

Run on demand: ``.venv/bin/python -m benchmarks.bench_diff [A B]``.
Baseline: ``orjson.loads`` of both files' bytes. Prints the time of the
semantic diff (``diff_recordings``, on already-read recordings), of the
structural diff (``diff_json`` on the unwrapped documents) and their ratio to
the baseline; ``python -m benchmarks`` uses ``result()``. Asserts nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.measure import Result, best_of  # noqa: E402
from recviewer.core.diff import diff_json, diff_recordings, summarize  # noqa: E402
from benchmarks.corpus import CORPUS  # noqa: E402
from recviewer.core.formats.registry import read_recording  # noqa: E402
from recviewer.core.load import load_document  # noqa: E402
from recviewer.core.model import Recording  # noqa: E402

_DIR = CORPUS / "recordings/tests/integration/responses/recordings"
DEFAULT = (_DIR / "0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json",
           _DIR / "669d8f20cdff5025f932373ebb7eb9e20947e75083c15a729178f4ca2b9a913f.json")
MAX_S = 0.200


def _both(a_path: Path, b_path: Path) -> tuple[Recording, Recording]:
    a, b = read_recording(a_path), read_recording(b_path)
    if not (isinstance(a, Recording) and isinstance(b, Recording)):
        raise RuntimeError(f"cannot read: {a if not isinstance(a, Recording) else b}")
    return a, b


def result(paths: tuple[Path, Path] = DEFAULT, repeats: int = 5) -> Result:
    raw = (paths[0].read_bytes(), paths[1].read_bytes())
    base = best_of(lambda: (orjson.loads(raw[0]), orjson.loads(raw[1])), repeats)
    a, b = _both(*paths)
    diff_t = best_of(lambda: diff_recordings(a, b), repeats)
    read_t = best_of(lambda: _both(*paths), max(1, repeats // 2))
    return Result(
        "diff_largest", "diff of the two largest recordings", diff_t, "s", base,
        "orjson.loads both", f"< {MAX_S * 1e3:.0f} ms", diff_t < MAX_S,
        {"read_both_s": read_t, "read_and_diff_s": read_t + diff_t,
         "summary": summarize(diff_recordings(a, b)),
         "bytes": [len(raw[0]), len(raw[1])]})


def main(argv: list[str]) -> int:
    a_path, b_path = (Path(argv[0]), Path(argv[1])) if len(argv) == 2 else DEFAULT
    raw = (a_path.read_bytes(), b_path.read_bytes())
    base = best_of(lambda: (orjson.loads(raw[0]), orjson.loads(raw[1])), 5)
    try:
        a, b = _both(a_path, b_path)
    except RuntimeError as exc:
        print(exc)
        return 1
    docs = (load_document(a_path)[0], load_document(b_path)[0])  # type: ignore[index]
    read_t = best_of(lambda: _both(a_path, b_path), 3)
    sem_t = best_of(lambda: diff_recordings(a, b), 5)
    d = diff_recordings(a, b)
    struct_t = best_of(lambda: diff_json(docs[0], docs[1]), 3)
    changes = diff_json(docs[0], docs[1])
    print(f"A: {a_path.name} ({len(raw[0]):,} bytes, {len(a.exchange.chunks)} chunks)")
    print(f"B: {b_path.name} ({len(raw[1]):,} bytes, {len(b.exchange.chunks)} chunks)")
    print(f"baseline orjson.loads both : {base * 1000:8.1f} ms")
    print(f"read_recording both        : {read_t * 1000:8.1f} ms  ({read_t / base:5.1f}x baseline)")
    print(f"diff_recordings            : {sem_t * 1000:8.1f} ms  ({sem_t / base:5.1f}x baseline)"
          f"  -> {summarize(d)}")
    print(f"diff_json (structural)     : {struct_t * 1000:8.1f} ms"
          f"  ({struct_t / base:5.1f}x baseline)"
          f"  -> {len(changes)} changes, {sum(1 for c in changes if not c.noise)} real")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
