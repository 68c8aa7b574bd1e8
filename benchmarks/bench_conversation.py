"""Conversation panel cost: full render, and live stream frames (timeline playback).

Run on demand: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_conversation.py [FILE]``.
Prints mean/max milliseconds per ``show_recording`` and per ``show_stream_state``
frame (the timeline calls it up to ~30 times a second, so a frame should stay
well under 33 ms); asserts nothing. ``python -m benchmarks`` reports the mean
frame as information (``measure()``, run in a fresh process by ``probe``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from recviewer.core.assemble import StreamAssembler  # noqa: E402
from benchmarks.corpus import CORPUS  # noqa: E402
from recviewer.core.formats.registry import read_recording  # noqa: E402
from recviewer.core.model import Recording  # noqa: E402
from recviewer.ui.conversation.view import ConversationView  # noqa: E402

DEFAULT = (CORPUS / "recordings/tests/integration/responses/recordings/"
           "0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json")
FRAMES = 90


def measure(path: Path = DEFAULT, frames: int = FRAMES) -> dict[str, list[float]] | str:
    """Seconds per ``show_recording`` (+paint, 5 runs) and per stream frame (+paint)."""
    rec = read_recording(path)
    if not isinstance(rec, Recording):
        return str(rec)
    app = QApplication.instance() or QApplication([])
    view = ConversationView()
    view.resize(1000, 760)
    view.show()
    app.processEvents()

    full = []
    for _ in range(5):
        start = time.perf_counter()
        view.show_recording(rec)
        view.grab()  # include layout and paint
        full.append(time.perf_counter() - start)

    asm = StreamAssembler()
    states = []
    for chunk in rec.exchange.chunks:
        asm.feed(chunk.delta)
        states.append(asm.snapshot())
    step = max(1, len(states) // frames)
    costs = []
    for state in states[::step]:
        start = time.perf_counter()
        view.show_stream_state(rec, state)
        view.grab()
        costs.append(time.perf_counter() - start)
    return {"full": full, "frames": costs, "chunks": [len(rec.exchange.chunks)]}


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    got = measure(path)
    if isinstance(got, str):
        print(got, file=sys.stderr)
        return 1

    def ms(xs: list[float]) -> str:
        return f"mean {sum(xs) / len(xs) * 1000:.1f} ms, max {max(xs) * 1000:.1f} ms"

    print(f"{path.name}: {got['chunks'][0]} chunks")
    print(f"show_recording (+paint): {ms(got['full'])}")
    if got["frames"]:
        print(f"show_stream_state frame (+paint), {len(got['frames'])} frames: {ms(got['frames'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
