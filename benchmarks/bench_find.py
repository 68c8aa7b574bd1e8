"""Find in page on the largest recording's Raw view (37,810 lines), in a fresh
offscreen process: the search as typed (every match counted, the visible ones
painted, the first selected) against showing that text in the Raw view (the
baseline, same run). Responsive means a search costs less than the typing
pause before it runs (``bar.DEBOUNCE_MS``): target < 100 ms and ≤ 0.5× the show.

``python -m benchmarks.bench_find PATH REPEATS`` is the probe (prints JSON).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.measure import ROOT, Result

LARGEST = (Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus" / "recordings"
           / "tests/integration/responses/recordings"
           / "0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json")
TERMS = ("content", "e", "no such words")  # many, very many and no matches
FIND_MAX_S = 0.100
RATIO = 0.5


def _probe(path: str, repeats: int) -> dict:
    from PySide6.QtWidgets import QApplication

    from benchmarks.measure import best_of
    from recviewer.ui.raw.view import RawView

    app = QApplication.instance() or QApplication([])
    view = RawView()
    view.resize(1000, 700)
    view.show()
    data = Path(path).read_bytes()

    def show() -> None:
        view.show_bytes(data, path)
        app.processEvents()

    show_s = best_of(show, repeats)
    per_term = {}
    for term in TERMS:
        per_term[term] = best_of(lambda t=term: (view.find_bar.find(t), app.processEvents()),
                                 repeats)
    worst = max(per_term.values())
    return {"show_s": show_s, "find_s": worst, "per_term": per_term,
            "lines": view.editor.blockCount(), "matches": {t: view.find_bar.find(t) for t in TERMS}}


def result(repeats: int) -> Result:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_find", str(LARGEST),
                           str(repeats)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"find probe failed: {proc.stderr.strip()[-800:]}")
    r = json.loads(lines[-1])
    return Result(
        "find_raw", f"find in the Raw view of {r['lines']:,} lines (worst of "
        f"{', '.join(repr(t) for t in TERMS)})", r["find_s"], "s", r["show_s"],
        "show that text in the Raw view", f"< {FIND_MAX_S * 1e3:.0f} ms and <= {RATIO}x",
        r["find_s"] < FIND_MAX_S and r["find_s"] <= RATIO * r["show_s"], r)


if __name__ == "__main__":
    print(json.dumps(_probe(sys.argv[1], int(sys.argv[2]))))
