"""Replay cursor cost: per step and per seek, long stream against a short one.

Run on demand: ``.venv/bin/python -m benchmarks.bench_replay [FILE]`` prints
per-operation times against re-folding from chunk 0 (the no-cursor baseline)
for three checkpoint spacings; ``python -m benchmarks`` uses ``result()``: the
cost of a step at ~1,400 chunks must not depend on the stream's length, so the
in-run baseline is the same step on a ~60-chunk stream. Asserts nothing.
"""

from __future__ import annotations

import gc
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.measure import Result  # noqa: E402
from recviewer.core.assemble import StreamAssembler  # noqa: E402
from benchmarks.corpus import CORPUS  # noqa: E402
from recviewer.core.formats.registry import read_recording  # noqa: E402
from recviewer.core.model import Exchange, Recording  # noqa: E402
from recviewer.core.replay import ReplayCursor  # noqa: E402

_DIR = CORPUS / "recordings/tests/integration/responses/recordings"
DEFAULT = _DIR / "0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json"  # 1,399 chunks
SHORT = _DIR / "e30bc6408e187b53410bc3eabdac9c9beeb98bab989d49120681b0633e8a7d83.json"  # 62 chunks
MAX_STEP_S = 0.002
MAX_RATIO = 1.5


def per_op(fn, repeats: int) -> float:
    """Mean seconds per call of fn(i) over ``repeats`` calls."""
    start = time.perf_counter()
    for i in range(repeats):
        fn(i)
    return (time.perf_counter() - start) / repeats


def refold(exchange: Exchange, n: int):
    return StreamAssembler().feed_all(c.delta for c in exchange.chunks[:n]).snapshot()


def _window_cost(cursor: ReplayCursor, start: int, k: int, rounds: int) -> float:
    """Best-of-``rounds`` mean cost of ``k`` steps (``k < 0``: back) from ``start``."""
    best = float("inf")
    one = 1 if k > 0 else -1
    for _ in range(rounds):
        cursor.seek(start)
        t = time.perf_counter()
        for _i in range(abs(k)):
            cursor.step(one)
        best = min(best, (time.perf_counter() - t) / abs(k))
    return best


def step_costs(exchange: Exchange, every: int = 32, rounds: int = 5) -> dict[str, float]:
    """Mean and worst cost of step(+1) and step(-1), and of a random seek.

    Steps are timed in windows of up to 50 spread over the whole stream (best of
    ``rounds`` per window, garbage collector off), so the long stream's figure
    covers its far end, where the most text has been assembled.
    """
    n = len(exchange.chunks)
    cursor = ReplayCursor(exchange, every)
    k = min(50, n)
    starts = sorted({round(i * (n - k) / 7) for i in range(8)})
    gc.collect()
    gc.disable()
    try:
        fwd = [_window_cost(cursor, s, k, rounds) for s in starts]
        back = [_window_cost(cursor, s + k, -k, rounds) for s in starts]
        rng = random.Random(0)
        targets = [rng.randint(0, n) for _ in range(500)]
        seek = min(per_op(lambda i: cursor.seek(targets[i]), len(targets)) for _ in range(rounds))
    finally:
        gc.enable()
    return {"step_fwd": sum(fwd) / len(fwd), "step_fwd_worst": max(fwd),
            "step_back": sum(back) / len(back), "step_back_worst": max(back),
            "seek": seek, "chunks": n}


def _exchange(path: Path) -> Exchange:
    rec = read_recording(path)
    if not isinstance(rec, Recording) or not rec.exchange.chunks:
        raise RuntimeError(f"{path}: not a readable streamed recording: {rec}")
    return rec.exchange


def _interleaved_costs(long: Exchange, short: Exchange, rounds: int) -> tuple[dict, dict]:
    """``step_costs`` of both streams, alternating round by round (best of each
    figure), so a change in the machine's pace hits both alike."""
    best: tuple[dict, dict] = ({}, {})
    for _ in range(rounds):
        for exchange, kept in zip((long, short), best):
            for key, value in step_costs(exchange, rounds=1).items():
                kept[key] = min(kept.get(key, value), value)
    return best


def result(long_path: Path = DEFAULT, short_path: Path = SHORT, rounds: int = 5) -> Result:
    long, short = _interleaved_costs(_exchange(long_path), _exchange(short_path), rounds)
    worst = max(long["step_fwd"], long["step_back"])
    base = max(short["step_fwd"], short["step_back"])
    return Result(
        "replay_step", f"replay step at {long['chunks']:,} chunks", worst, "s", base,
        f"step at {short['chunks']} chunks",
        f"≤ {MAX_STEP_S * 1e3:.0f} ms and ≤ {MAX_RATIO}x baseline (length-independent)",
        worst <= MAX_STEP_S and worst / base <= MAX_RATIO,
        {"long": long, "short": short, "seek_ratio": long["seek"] / short["seek"]})


def bench(exchange: Exchange, every: int = 32) -> None:
    n = len(exchange.chunks)
    rng = random.Random(0)
    targets = [rng.randint(0, n) for _ in range(2000)]
    build = per_op(lambda _i: ReplayCursor(exchange, every), 20)
    costs = step_costs(exchange, every)
    # Without a cursor every move (step or seek) re-folds from chunk 0 to the
    # target; over random targets that is about n/2 deltas per move.
    base = per_op(lambda i: refold(exchange, targets[i]), 400)
    print(f"stream: {n} chunks, checkpoint_every={every}")
    print(f"  construction       {build * 1e3:9.3f} ms (once per opened recording)")
    for label, key in (("step +1", "step_fwd"), ("step -1", "step_back"), ("random seek", "seek")):
        print(f"  {label:18s} {costs[key] * 1e6:9.1f} us   "
              f"baseline refold {base * 1e6:9.1f} us   ratio {base / costs[key]:7.1f}x")


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    try:
        exchange = _exchange(path)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    for every in (8, 32, 128):
        bench(exchange, every)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
