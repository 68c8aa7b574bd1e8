"""``python -m benchmarks [--scales 1,3,10] [--quick] [--out FILE]``: run every target.

Builds scaled copies of the corpus in a temp folder (``corpus``), measures each
target against a baseline timed in the same run, prints one line per target,
a table of how index time and memory grow with the folder, and writes a JSON
report. Timings are never asserted here or in tests; PASS/FAIL is information.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import (bench_diff, bench_gui, bench_index, bench_memory, bench_replay,
                        bench_search, corpus)
from benchmarks import bench_stats
from benchmarks import bench_cassettes
from benchmarks import bench_verify
from benchmarks import bench_history
from benchmarks import bench_cache
from benchmarks import bench_find
from benchmarks.measure import Result, machine
from benchmarks.report import markdown

TARGET_KEYS = ("index", "index_gists", "search_build", "search_query", "first_rows", "memory_index", "memory_open_close", "open_largest",
               "replay_step", "diff_largest", "cold_start", "stats",
               "cassette_index", "cassette_index_gists", "cassette_open", "verify", "setdiff_revisions", "index_rev",
               "warm_reopen", "cold_cache", "cli_help", "cli_index", "find_raw",
               "window_cold", "window_warm")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    p.add_argument("--scales", default="1,3,10",
                   help="corpus sizes in units of --unit files (default 1,3,10)")
    p.add_argument("--unit", type=int, default=corpus.UNIT,
                   help=f"files at scale 1 (default {corpus.UNIT}: 10x is about 30k files)")
    p.add_argument("--quick", action="store_true", help="one repeat of everything")
    p.add_argument("--out", default="/tmp/recviewer-bench.json", help="JSON report path")
    p.add_argument("--markdown", metavar="FILE", help="also write the results as Markdown")
    p.add_argument("--workdir", help="build the corpora here (kept) instead of a temp folder")
    return p.parse_args(argv)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def scaling_rows(scales: list[float], unit: int, work: Path, repeats: int) -> list[dict]:
    sources = corpus.load_sources()
    rows = []
    for scale in scales:
        dest = work / f"scale-{scale:g}"
        if dest.exists():
            shutil.rmtree(dest)
        t = time.perf_counter()
        built = corpus.build(dest, scale, unit, sources)
        _say(f"[corpus] {scale:g}x: {built.files:,} files, {built.bytes / 1e6:.0f} MB "
             f"in {time.perf_counter() - t:.1f} s")
        files = corpus.corpus_files(dest)
        row = {"scale": scale, "root": str(dest)}
        row.update(bench_index.measure_scale(str(dest), files, repeats))
        mem = bench_memory.index_memory(str(dest))
        row["memory"] = mem
        row["rss_app_mb"] = mem["app"]["rss_after_mb"]
        row["rss_core_mb"] = mem["core"]["rss_after_mb"]
        row["window_scan_s"] = mem["app"]["scan_s"]
        row["first_rows_s"] = mem["app"]["first_model_s"]
        _say(f"[index]  {scale:g}x: baseline {row['baseline']:.2f} s, tree {row['tree']:.2f} s, "
             f"in one process {row['tree_1proc']:.2f} s, core {row['core']:.2f} s, app {row['app']:.2f} s, "
             f"window {row['window_scan_s']:.2f} s, RSS {row['rss_app_mb']:.0f} MB, "
             f"load {row['load']:.1f}")
        rows.append(row)
    return rows


def scaling_table(rows: list[dict]) -> list[str]:
    """How index time and memory grow with the folder (per-file cost against the first)."""
    first = rows[0]
    per_file0 = first["tree"] / first["files"]
    lines = ["scale  files     MB  baseline    index  ratio  µs/file  vs 1st    app  window"
             "  RSS window  RSS core"]
    for r in rows:
        per_file = r["tree"] / r["files"]
        lines.append(
            f"{r['scale']:>4g}x {r['files']:>6,} {r['bytes'] / 1e6:>6.0f} {r['baseline']:>8.2f}s "
            f"{r['tree']:>7.2f}s {r['tree'] / r['baseline']:>5.2f}x {per_file * 1e6:>8.0f} "
            f"{per_file / per_file0:>6.2f}x {r['app']:>5.2f}s {r['window_scan_s']:>6.2f}s "
            f"{r['rss_app_mb']:>9.0f}MB {r['rss_core_mb']:>7.0f}MB")
    return lines


def growth_table(rows: list[dict], results: list[Result]) -> list[str]:
    """Per-file cost of index, verify and search build at each scale, against
    the first scale (1.00 everywhere: linear)."""
    by_key = {r.key: r for r in results}
    series = {"index (scan + tree)": [(r["files"], r["tree"]) for r in rows]}
    if "verify" in by_key:
        series["verify"] = [(g["files"], g["verify_s"]) for g in by_key["verify"].details["growth"]]
    if "search_build" in by_key:
        series["search build"] = [(g["files"], g["build_s"])
                                  for g in by_key["search_build"].details.get("per_scale", [])]
    lines = ["per-file cost vs 1st  " + "  ".join(f"{r['scale']:>6g}x" for r in rows)]
    for name, points in series.items():
        if points:
            first = points[0][1] / points[0][0]
            lines.append(f"{name:<21} " + "  ".join(f"{(s / n) / first:>6.2f} " for n, s in points))
    return lines


def window_result(rows: list[dict]) -> Result:
    """Information: the real MainWindow, open_folder to scan finished (fresh process)."""
    top = rows[-1]
    return Result(
        "index_window", f"window scan of {top['files']:,} files (open_folder to finished)",
        top["window_scan_s"], "s", top["baseline"], "read+orjson.loads",
        "information (no target)", True, {"files": top["files"]})


def run(args: argparse.Namespace) -> dict:
    scales = sorted(float(s) for s in args.scales.split(",") if s.strip())
    repeats = 1 if args.quick else 3
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="recviewer-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    # Probes and processes keep their catalog cache here, never in the user's
    # (lines that need an empty or a filled one make their own).
    os.environ.setdefault("RECVIEWER_CACHE_DIR", os.fspath(work / "cache"))
    started = time.perf_counter()
    try:
        rows = scaling_rows(scales, args.unit, work, repeats)
        top = rows[-1]
        results: list[Result] = [bench_index.result(rows)]
        info: list[Result] = [bench_index.app_result(rows), window_result(rows)]
        _say("[gui]    first rows")
        results.append(bench_gui.first_rows(top["root"], top["files"], repeats,
                                            [top["memory"]["app"]]))
        results.append(bench_memory.index_result(top["memory"], top["files"]))
        _say("[gui]    window rows, cold and warm catalog cache")
        results.extend(bench_gui.window_scans(top["root"], top["files"], top["baseline"]))
        _say("[memory] open/close")
        paths = sorted((corpus.SOURCE).rglob("*.json"))
        results.append(bench_memory.open_close(paths, 200))
        _say("[gui]    open largest")
        results.append(bench_gui.open_largest(str(bench_replay.DEFAULT), 3 if args.quick else 7))
        _say("[core]   replay, diff")
        results.append(bench_replay.result(rounds=2 if args.quick else 5))
        results.append(bench_diff.result(repeats=2 if args.quick else 5))
        _say("[gui]    cold start, stream frames")
        results.append(bench_gui.cold_start(1 if args.quick else 5))
        info.append(bench_gui.stream_frames(str(bench_replay.DEFAULT)))
        _say("[stats]  folder stats vs index")
        results.append(bench_stats.result(rows, repeats))
        _say("[search] index build, warm query, gists")
        results.extend(bench_search.results(rows, corpus.corpus_files, repeats))
        _say("[cassettes] index, open largest")
        results.extend(bench_cassettes.results(repeats, 2 if args.quick else bench_cassettes.COPIES))
        _say("[verify] recording keys vs read+parse")
        results.append(bench_verify.result(rows, repeats))
        _say("[history] setdiff of two revisions, index --rev")
        results.extend(bench_history.results(2 if args.quick else 5))
        _say("[cache]  warm re-open, cold open with an empty cache")
        results.extend(bench_cache.cache_results(rows, corpus.corpus_files, repeats))
        _say("[cli]    --help, index (processes)")
        results.extend(bench_cache.cli_results(rows, repeats))
        _say("[gui]    find in the largest Raw view")
        results.append(bench_find.result(1 if args.quick else 5))
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    report = {
        "machine": machine(), "scales": scales, "unit": args.unit, "quick": args.quick,
        "seconds": time.perf_counter() - started,
        "targets": {r.key: r.as_json() for r in results},
        "scaling": [{k: v for k, v in r.items() if k not in ("root", "memory")} for r in rows],
        "information": {r.key: r.as_json() for r in info},
        "load_avg": os.getloadavg(),
        "lines": [r.line() for r in results],
        "info_lines": [r.line().replace("  PASS", "") for r in info],
        "scaling_table": scaling_table(rows),
        "growth_table": growth_table(rows, results),
    }
    return report


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args = parse_args(sys.argv[1:] if argv is None else argv)
    report = run(args)
    m = report["machine"]
    print(f"machine: {m['nproc']} CPUs, {m['cpu']}, {m['ram_gb']} GB RAM, Python {m['python']}")
    for line in report["lines"]:
        print(line)
    for line in report["info_lines"]:
        print(f"  ({line})")
    print()
    for line in report["scaling_table"]:
        print(line)
    print()
    for line in report["growth_table"]:
        print(line)
    Path(args.out).write_text(json.dumps(report, indent=2, default=str))
    print(f"\nreport: {args.out}")
    if args.markdown:
        Path(args.markdown).write_text(markdown(report))
        print(f"markdown: {args.markdown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
