"""Replay cursor cost on the longest corpus stream, against re-folding from 0.

Run on demand: ``.venv/bin/python benchmarks/bench_replay.py [FILE]``.
Prints per-operation times and the baseline/cursor ratio; asserts nothing.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from recviewer.core.assemble import StreamAssembler  # noqa: E402
from recviewer.core.formats.registry import read_recording  # noqa: E402
from recviewer.core.model import Exchange, Recording  # noqa: E402
from recviewer.core.replay import ReplayCursor  # noqa: E402

DEFAULT = (ROOT.parent / "shared/corpus/recordings/tests/integration/responses/recordings/"
           "0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json")


def per_op(fn, repeats: int) -> float:
    """Mean seconds per call of fn(i) over ``repeats`` calls."""
    start = time.perf_counter()
    for i in range(repeats):
        fn(i)
    return (time.perf_counter() - start) / repeats


def refold(exchange: Exchange, n: int):
    return StreamAssembler().feed_all(c.delta for c in exchange.chunks[:n]).snapshot()


def bench(exchange: Exchange, every: int = 32) -> None:
    n = len(exchange.chunks)
    rng = random.Random(0)
    targets = [rng.randint(0, n) for _ in range(2000)]

    build = per_op(lambda _i: ReplayCursor(exchange, every), 20)
    cursor = ReplayCursor(exchange, every)

    cursor.seek(0)
    step_fwd = per_op(lambda _i: cursor.step(1), n)
    step_back = per_op(lambda _i: cursor.step(-1), n)
    seek = per_op(lambda i: cursor.seek(targets[i]), len(targets))

    # Without a cursor every move (step or seek) re-folds from chunk 0 to the
    # target; over random targets that is about n/2 deltas per move.
    base = per_op(lambda i: refold(exchange, targets[i]), 400)

    print(f"stream: {n} chunks, checkpoint_every={every}")
    print(f"  construction       {build * 1e3:9.3f} ms (once per opened recording)")
    print(f"  step +1            {step_fwd * 1e6:9.1f} us   "
          f"baseline refold {base * 1e6:9.1f} us   ratio {base / step_fwd:7.1f}x")
    print(f"  step -1            {step_back * 1e6:9.1f} us   "
          f"baseline refold {base * 1e6:9.1f} us   ratio {base / step_back:7.1f}x")
    print(f"  random seek        {seek * 1e6:9.1f} us   "
          f"baseline refold {base * 1e6:9.1f} us   ratio {base / seek:7.1f}x")


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    rec = read_recording(path)
    if not isinstance(rec, Recording):
        print(rec, file=sys.stderr)
        return 1
    if not rec.exchange.chunks:
        print(f"{path}: not a streamed recording", file=sys.stderr)
        return 1
    for every in (8, 32, 128):
        bench(rec.exchange, every)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
