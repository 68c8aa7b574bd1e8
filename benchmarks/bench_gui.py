"""GUI targets, each in a fresh offscreen process (``probe``) with the real widgets.

- first rows: ``MainWindow.open_folder`` to the first row in the tree model, against
  reading + ``orjson.loads`` of the first batch of files the scan visits (what a
  loader that parses whole files needs before it can show anything);
- open largest: ``read_recording`` + ``ConversationView.show_recording`` painted,
  against reading + ``orjson.loads`` of that file;
- cold start: spawn to a shown MainWindow, against spawn to a shown bare QWidget.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time

import orjson

from benchmarks.measure import ROOT, Result, best_of, run_probe

FIRST_ROWS_MAX_S = 0.100
OPEN_LARGEST_MAX_S = 0.150
COLD_START_MAX_S = 1.0
BATCH = 256  # ScanController's batch size


def first_batch_baseline(root: str, repeats: int) -> float:
    from recviewer.core.catalog.walk import walk_json

    paths = [f.path for f in itertools.islice(walk_json(os.path.abspath(root)), BATCH)]

    def load() -> None:
        for p in paths:
            with open(p, "rb") as fh:
                orjson.loads(fh.read())

    return best_of(load, repeats)


def first_rows(root: str, files: int, repeats: int, runs: list[dict] | None = None) -> Result:
    """``runs``: first-rows probes already made on ``root`` (more are added up to ``repeats``)."""
    runs = list(runs or [])
    runs += [run_probe(["first-rows", root]) for _ in range(repeats - len(runs))]
    best = min(runs, key=lambda r: r["first_model_s"])
    base = first_batch_baseline(root, 3)
    return Result(
        "first_rows", f"first tree rows after opening {files:,} files", best["first_model_s"],
        "s", base, f"read+loads first {BATCH} files", f"< {FIRST_ROWS_MAX_S * 1e3:.0f} ms",
        best["first_model_s"] < FIRST_ROWS_MAX_S,
        {"first_proxy_s": best["first_proxy_s"], "window_scan_s": best["scan_s"],
         "all_first_model_s": [r["first_model_s"] for r in runs], "rows": best["rows"]})


def open_largest(path: str, repeats: int) -> Result:
    r = run_probe(["open-largest", path, str(repeats)])
    return Result(
        "open_largest", f"open largest recording ({os.path.getsize(path) / 1e6:.2f} MB) "
        "to a rendered conversation", r["total_s"], "s", r["baseline_s"], "read+orjson.loads",
        f"< {OPEN_LARGEST_MAX_S * 1e3:.0f} ms", r["total_s"] < OPEN_LARGEST_MAX_S,
        {"read_recording_s": r["read_s"], "show_recording_s": r["show_s"],
         "text_chars": r["text_chars"]})


def stream_frames(path: str) -> Result:
    """Information: one timeline frame (show_stream_state + paint) against a full render."""
    r = run_probe(["stream-frames", path])
    return Result(
        "stream_frame", f"timeline stream frame, mean of {r['frames']} (max "
        f"{r['frame_max_s'] * 1e3:.1f} ms)", r["frame_mean_s"], "s", r["full_s"],
        "full show_recording", "information (no target; < 33 ms keeps 30 fps)", True, r)


def _spawn_to_shown(kind: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    import subprocess

    start = time.time()
    proc = subprocess.run([sys.executable, "-m", "benchmarks.probe", "startup", kind], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"startup {kind} failed: {proc.stderr.strip()[-500:]}")
    return json.loads(lines[-1])["shown_at"] - start


def cold_start(repeats: int) -> Result:
    app, bare = [], []
    for _ in range(max(1, repeats)):
        bare.append(_spawn_to_shown("bare"))
        app.append(_spawn_to_shown("app"))
    return Result(
        "cold_start", "cold start to a shown window", min(app), "s", min(bare),
        "bare QWidget", f"< {COLD_START_MAX_S:.0f} s", min(app) < COLD_START_MAX_S,
        {"app_runs_s": app, "bare_runs_s": bare})


WINDOW_COLD_MAX = 1.0  # × read + orjson.loads of every file (issue 19)
WINDOW_WARM_MAX = 0.3


def _probe_with_cache(args: list[str], cache_dir: str) -> dict:
    old = os.environ.get("RECVIEWER_CACHE_DIR")
    os.environ["RECVIEWER_CACHE_DIR"] = cache_dir
    try:
        return run_probe(args)
    finally:
        if old is None:
            os.environ.pop("RECVIEWER_CACHE_DIR", None)
        else:
            os.environ["RECVIEWER_CACHE_DIR"] = old


def window_scans(root: str, files: int, baseline_s: float) -> list[Result]:
    """The real MainWindow listing every row of ``root`` (open_folder to scan
    finished, fresh process each): with an empty catalog cache, then warm."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="recviewer-bench-cache-") as cache:
        cold = _probe_with_cache(["index-memory", root, "app"], cache)
        warm = min((_probe_with_cache(["index-memory", root, "app"], cache) for _ in range(2)),
                   key=lambda r: r["scan_s"])
    out = []
    for key, run, limit, how in (("window_cold", cold, WINDOW_COLD_MAX, "empty cache"),
                                 ("window_warm", warm, WINDOW_WARM_MAX, "warm cache")):
        out.append(Result(
            key, f"window lists all {files:,} rows ({how})", run["scan_s"], "s", baseline_s,
            "read+orjson.loads", f"≤ {limit:.1f}x", run["scan_s"] <= limit * baseline_s,
            {"first_model_s": run["first_model_s"], "rows": run["rows"]}))
    return out
