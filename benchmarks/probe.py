"""Measurements that need a fresh process: ``python -m benchmarks.probe KIND ARGS``.

Prints one JSON object on its last line. Kinds:
- ``index-memory ROOT core|app``: RSS after indexing ROOT (catalog + tree paths, or
  the real MainWindow scanning it offscreen), against the RSS just before;
- ``open-memory core|ui OPENS PATH...``: RSS while ``read_recording`` opens OPENS
  recordings in sequence, twice (``ui``: each also shown in a ConversationView);
- ``first-rows ROOT``: the real MainWindow offscreen: time from ``open_folder`` to
  the first rows in the tree model, in the view's proxy, and to the scan's end;
- ``open-largest PATH REPEATS``: ``read_recording`` + ``ConversationView.show_recording``
  until painted, against reading + ``orjson.loads`` of the same file;
- ``stream-frames PATH``: timeline playback frames (``bench_conversation.measure``);
- ``startup app|bare``: prints the wall-clock time at which a window is shown.
"""

from __future__ import annotations

import gc
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import rss_mb


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from benchmarks.qt_guard import guard

    app = QApplication.instance() or QApplication(["recviewer-bench"])
    return app, guard()


def _settings():
    from PySide6.QtCore import QSettings

    folder = tempfile.mkdtemp(prefix="recviewer-bench-settings-")
    return QSettings(os.path.join(folder, "recviewer.ini"), QSettings.Format.IniFormat)


def _window():
    app, leaks = _app()
    from recviewer.ui.window.main_window import MainWindow

    window = MainWindow(_settings())
    window.show()
    for _ in range(5):
        app.processEvents()
    return app, window, leaks


def _wait_scan(app, window, timeout: float = 600.0) -> dict[str, float]:
    """Open ``window.root``'s folder already requested; run the event loop (as
    the application does: a loop polling ``processEvents`` would hold the GIL
    the scan's worker thread needs) until the scan ends, noting when the first
    rows reach the tree model and the view's proxy."""
    from PySide6.QtCore import QEventLoop, QTimer

    model, proxy = window.tree.model, window.tree.proxy
    t0 = time.perf_counter()
    seen: dict[str, float] = {}

    def note(key: str, rows) -> None:
        if key not in seen and rows() > 0:
            seen[key] = time.perf_counter() - t0

    for source, key in ((model, "first_model_s"), (proxy, "first_proxy_s")):
        for signal in (source.rowsInserted, source.modelReset, source.layoutChanged):
            signal.connect(lambda *_a, k=key, m=source: note(k, m.rowCount))
    loop = QEventLoop()
    done: list[float] = []  # when scan_finished came (work queued after it is not the listing's)
    window.scan_finished.connect(lambda _r: (done.append(time.perf_counter() - t0), loop.quit()))
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    for key, source in (("first_model_s", model), ("first_proxy_s", proxy)):
        note(key, source.rowCount)
    if not done:
        loop.exec()
    end = done[0] if done else time.perf_counter() - t0
    return {"first_model_s": seen.get("first_model_s", end),
            "first_proxy_s": seen.get("first_proxy_s", end),
            "scan_s": end, "rows": model.recording_count(), "finished": bool(done)}


def index_memory(root: str, mode: str) -> dict:
    if mode == "app":
        app, window, leaks = _window()
        gc.collect()
        before, _ = rss_mb()
        t0 = time.perf_counter()
        window.open_folder(root)
        timing = _wait_scan(app, window)
        timing["open_to_end_s"] = time.perf_counter() - t0
        count = window.tree.model.recording_count()
        extra = {"leaks": leaks, **timing}
    else:
        import orjson  # noqa: F401  (imported in both modes before the baseline)

        from recviewer.core.catalog.scan import scan, tree_path

        gc.collect()
        before, _ = rss_mb()
        catalog = scan(root)
        paths = [tree_path(r) for r in catalog.refs]
        count = len(paths)
        extra = {}
    gc.collect()
    after, peak = rss_mb()
    return {"mode": mode, "files": count, "rss_before_mb": before, "rss_after_mb": after,
            "peak_mb": peak, **extra}


def open_memory(opens: int, paths: list[str], ui: bool) -> dict:
    """Open ``opens`` recordings in sequence, twice over; only the last is kept.

    The first pass is the warm-up (allocator pools, caches, the largest files
    seen); a second pass over the same sequence must not raise RSS further.
    """
    view = app = None
    if ui:
        app, _ = _app()
        from recviewer.ui.conversation.view import ConversationView

        view = ConversationView()
        view.resize(900, 700)
        view.show()
        app.processEvents()
    from recviewer.core.formats.registry import read_recording
    from recviewer.core.model import Recording

    rng = random.Random(0)
    order = [rng.choice(paths) for _ in range(opens)]
    samples: dict[int, float] = {}
    current = None
    for i, path in enumerate(order + order, 1):
        current = read_recording(path)
        if view is not None and isinstance(current, Recording):
            view.show_recording(current)
            app.processEvents()
        if i % 25 == 0:
            gc.collect()
            samples[i] = rss_mb()[0]
    del current
    warm, end = samples[opens], samples[2 * opens]
    return {"opens": opens, "ui": ui, "samples": samples, "rss_warm_mb": warm,
            "rss_end_mb": end, "growth_mb": end - warm, "peak_mb": rss_mb()[1]}


def first_rows(root: str) -> dict:
    app, window, leaks = _window()
    gc.collect()
    t0 = time.perf_counter()
    window.open_folder(root)
    call = time.perf_counter() - t0
    result = _wait_scan(app, window)
    result.update(open_call_s=call, leaks=leaks)
    for key in ("first_model_s", "first_proxy_s", "scan_s"):
        result[key] += call
    return result


def open_largest(path: str, repeats: int) -> dict:
    import orjson

    app, leaks = _app()
    from recviewer.core.formats.registry import read_recording
    from recviewer.ui.conversation.view import ConversationView

    view = ConversationView()
    view.resize(900, 700)
    view.show()
    app.processEvents()

    def base() -> None:
        with open(path, "rb") as fh:
            orjson.loads(fh.read())

    best = {"baseline_s": 9e9, "read_s": 9e9, "show_s": 9e9, "total_s": 9e9}
    for _ in range(repeats):
        view.clear()
        app.processEvents()
        gc.collect()
        t0 = time.perf_counter()
        base()
        t1 = time.perf_counter()
        rec = read_recording(path)
        t2 = time.perf_counter()
        view.show_recording(rec)
        view.grab()  # lay out and paint now, not later
        app.processEvents()
        t3 = time.perf_counter()
        for key, value in (("baseline_s", t1 - t0), ("read_s", t2 - t1), ("show_s", t3 - t2),
                           ("total_s", t3 - t1)):
            best[key] = min(best[key], value)
    best["text_chars"] = len(view.document_text())
    best["leaks"] = leaks
    return best


def stream_frames(path: str) -> dict:
    _app()
    from benchmarks import bench_conversation

    got = bench_conversation.measure(Path(path))
    if isinstance(got, str):
        raise SystemExit(got)
    frames = got["frames"]
    return {"full_s": min(got["full"]), "frame_mean_s": sum(frames) / max(1, len(frames)),
            "frame_max_s": max(frames, default=0.0), "frames": len(frames)}


def startup(kind: str) -> dict:
    """Show a window and report when (wall clock); the parent measures from spawn."""
    if kind == "bare":
        from PySide6.QtWidgets import QApplication, QWidget

        app = QApplication(["bare"])
        w = QWidget()
    else:
        from recviewer.app import _application
        from recviewer.ui.window.main_window import MainWindow

        app = _application("recviewer")
        w = MainWindow(_settings())
    w.show()
    app.processEvents()
    return {"shown_at": time.time()}


def main(argv: list[str]) -> int:
    kind, args = argv[0], argv[1:]
    if kind == "index-memory":
        out = index_memory(args[0], args[1])
    elif kind == "open-memory":
        ui = args[0] == "ui"
        out = open_memory(int(args[1]), args[2:], ui)
    elif kind == "first-rows":
        out = first_rows(args[0])
    elif kind == "open-largest":
        out = open_largest(args[0], int(args[1]))
    elif kind == "stream-frames":
        out = stream_frames(args[0])
    elif kind == "startup":
        out = startup(args[0])
    else:
        print(f"unknown probe {kind}", file=sys.stderr)
        return 2
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)  # skip Qt teardown: it is not measured and may crash (see qt_guard)
