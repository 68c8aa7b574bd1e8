"""Memory targets, each in a fresh process (``probe``).

- after indexing: RSS of the real MainWindow (offscreen) once a folder scan has
  finished, against the same window's RSS before opening the folder; the core
  alone (catalog + tree paths) is reported beside it;
- open/close: ``read_recording`` of 200 recordings in sequence, keeping only the
  last (as the viewer does), then the same 200 again: RSS after the second pass
  against RSS after the first (the warm-up); also with a ConversationView.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.measure import Result, run_probe

INDEX_MAX_MB = 250.0
GROWTH_MAX_RATIO = 1.10


def index_memory(root: str) -> dict:
    return {"app": run_probe(["index-memory", root, "app"]),
            "core": run_probe(["index-memory", root, "core"])}


def index_result(measured: dict, files: int) -> Result:
    app = measured["app"]
    return Result(
        "memory_index", f"RSS after indexing {files:,} files (MainWindow)", app["rss_after_mb"],
        "MB", app["rss_before_mb"], "empty window", f"≤ {INDEX_MAX_MB:.0f} MB",
        app["rss_after_mb"] <= INDEX_MAX_MB,
        {"peak_mb": app["peak_mb"], "core_rss_after_mb": measured["core"]["rss_after_mb"],
         "core_rss_before_mb": measured["core"]["rss_before_mb"]})


def open_close(paths: list[Path], opens: int) -> Result:
    core = run_probe(["open-memory", "core", str(opens), *map(str, paths)])
    ui = run_probe(["open-memory", "ui", str(opens), *map(str, paths)])
    worst = max(core["rss_end_mb"] / core["rss_warm_mb"], ui["rss_end_mb"] / ui["rss_warm_mb"])
    return Result(
        "memory_open_close", f"RSS after opening {opens} recordings in sequence twice (read_recording)",
        core["rss_end_mb"], "MB", core["rss_warm_mb"], f"after first {opens} (warm-up)",
        f"flat: ≤ {GROWTH_MAX_RATIO}x warm-up (also with ConversationView)",
        worst <= GROWTH_MAX_RATIO,
        {"core": core, "ui": ui, "ui_ratio": ui["rss_end_mb"] / ui["rss_warm_mb"]})
