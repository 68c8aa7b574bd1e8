"""Hostile inputs and the one harness every fuzz/regression test runs them through.

``mutate_*`` turn a real recording into a damaged copy (bytes); ``exercise(path)``
pushes one file through every Qt-free consumer (read_recording, the replay
cursor, Markdown/JSON export, the transcript, diff, the catalog and the CLI
in-process) and returns a list of problems: an uncaught exception, a failure that
is not a RecordingError with a reason, a CLI traceback, or a case that took
longer than its bound. An empty list means the file was handled.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import threading
import traceback
from pathlib import Path
from typing import Any, Iterator

import orjson

from tests.corpus_paths import (
    ANTHROPIC_SSE, COMPLETION, COMPLETION_STREAM, EMPTY_ARGS_CALL, FILE_PROCESSOR,
    GEMINI_COMPACT_JSON, GEMINI_INTERACTIONS_400_B, GEMINI_INTERACTIONS_HELLO, GEMINI_STREAM_EARTH,
    HISTORY_OLD_LAYOUT_VERSION, HTTP_400, KEY_OK_MODELS_NO_TEST_ID, OLD_CHAT, OLD_EMBEDDINGS_B,
    OLD_GENERATE_EMPTY_LIST, SEED, WEB_SEARCH_RESULT,
)
from tests.support.json_writer import Pairs, Raw, dump  # noqa: F401 - re-exported for the tests
from recviewer.core.catalog.scan import read_ref
from recviewer.core.catalog.walk import walk_json
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording

CASE_SECONDS = 20  # a case running longer than this is a hang

# Small real recordings, one (or two) per adapter and streaming mode.
SOURCES: tuple[Path, ...] = (
    SEED, HTTP_400, ANTHROPIC_SSE, OLD_EMBEDDINGS_B, FILE_PROCESSOR, GEMINI_COMPACT_JSON,
    GEMINI_STREAM_EARTH, GEMINI_INTERACTIONS_400_B, GEMINI_INTERACTIONS_HELLO,
    KEY_OK_MODELS_NO_TEST_ID, HISTORY_OLD_LAYOUT_VERSION, OLD_GENERATE_EMPTY_LIST, OLD_CHAT,
    EMPTY_ARGS_CALL, COMPLETION, COMPLETION_STREAM, WEB_SEARCH_RESULT,
)


def fuzz_examples(default: int) -> int:
    """``RECVIEWER_FUZZ_EXAMPLES`` overrides the CI-sized example count."""
    value = os.environ.get("RECVIEWER_FUZZ_EXAMPLES")
    return int(value) if value and value.isdigit() and int(value) > 0 else default


def load_source(path: Path) -> Any:
    return orjson.loads(path.read_bytes())


# ----------------------------------------------------------------- structure paths
def paths_of(doc: Any, limit: int = 5000) -> list[tuple]:
    """Every path (tuple of keys/indices) to a value inside ``doc``, breadth first."""
    out: list[tuple] = []
    queue: list[tuple[tuple, Any]] = [((), doc)]
    i = 0
    while i < len(queue) and len(out) < limit:
        path, value = queue[i]
        i += 1
        if path:
            out.append(path)
        if isinstance(value, dict):
            queue.extend((path + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            queue.extend((path + (n,), v) for n, v in enumerate(value))
    return out


def _parent(doc: Any, path: tuple) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def replace_at(doc: Any, path: tuple, new: Any) -> None:
    _parent(doc, path)[path[-1]] = new


def delete_at(doc: Any, path: tuple) -> None:
    parent = _parent(doc, path)
    del parent[path[-1]]


def duplicate_key_at(doc: Any, path: tuple, second: Any) -> None:
    """Turn the object holding ``path`` into Pairs where that key appears twice."""
    parent = _parent(doc, path)
    if not isinstance(parent, dict):
        return
    items = []
    for k, v in parent.items():
        items.append((k, v))
        if k == path[-1]:
            items.append((k, second))
    holder = _parent(doc, path[:-1]) if len(path) > 1 else None
    if holder is None:
        return
    holder[path[-2]] = Pairs(tuple(items))


DEEP = 10_000
HOSTILE_VALUES: tuple[Any, ...] = (
    [], [1, "x", None], {}, 0, -1, 3.5, None, "", "text", True,
    Raw("1e400"), Raw("-1e400"), Raw("1" + "0" * 400), Raw("-" + "9" * 400),
    Raw("[" * DEEP + "]" * DEEP), Raw('{"a":' * DEEP + "1" + "}" * DEEP),
    Raw("[" * 300 + "]" * 300), Raw('{"a":' * 260 + '"x"' + "}" * 260),
    Raw("[" * 480 + "1" + "]" * 480), Raw("[" * 190 + "]" * 190), Raw('{"a":' * 180 + "{}" + "}" * 180),
    Raw("NaN"), Raw("-Infinity"), Raw("[Infinity, NaN]"),
    Raw('"\\ud83d"'), Raw('"a\\ud83d\\ude00b"'), Raw('"\\\\ud800"'),
    Raw('"\\ud800"'), Raw('"\\udfff\\ud800x"'), "\x00", "\u202e\u202dRTL",
    {"__type__": "os.system", "__data__": {"command": "echo pwned"}},
    {"__type__": "builtins.eval", "__data__": "__import__('os').system('echo pwned')"},
    {"__type__": 7, "__data__": [1, 2]},
    {"__type__": None, "__data__": None},
    2 ** 63, -(2 ** 63) - 1, 2 ** 64,
)


# ----------------------------------------------------------------- byte mutations
def with_bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


def as_utf16(data: bytes, bom: bool, big_endian: bool = False) -> bytes:
    text = data.decode("utf-8", "replace")
    body = text.encode("utf-16-be" if big_endian else "utf-16-le")
    if not bom:
        return body
    return (b"\xfe\xff" if big_endian else b"\xff\xfe") + body


def insert_at(data: bytes, offset: int, piece: bytes) -> bytes:
    offset = max(0, min(offset, len(data)))
    return data[:offset] + piece + data[offset:]


def flip_byte(data: bytes, offset: int, value: int) -> bytes:
    if not data:
        return bytes([value])
    offset %= len(data)
    return data[:offset] + bytes([value]) + data[offset + 1:]


# ----------------------------------------------------------------- the harness
class CaseTimeout(Exception):
    pass


@contextlib.contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Raise CaseTimeout in the main thread after ``seconds`` (SIGALRM; POSIX)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield  # no SIGALRM here: unbounded (the suite's own timeout still applies)
        return

    def _alarm(signum: int, frame: Any) -> None:
        raise CaseTimeout(f"no result after {seconds} s")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``recviewer-cli ARGV`` in-process: (exit code, stdout, stderr)."""
    from recviewer.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _reference() -> Recording:
    rec = read_recording(SEED)
    assert isinstance(rec, Recording), rec
    return rec


_REF: list[Recording] = []


def _exercise_recording(rec: Recording, problems: list[str], against: Recording | None) -> None:
    from recviewer.core.diff import diff_json, diff_recordings, summarize
    from recviewer.core.export.json_dict import dumps, recording_dict
    from recviewer.core.export.markdown import recording_to_markdown
    from recviewer.core.replay import ReplayCursor, describe_chunks
    from recviewer.core.transcript import transcript

    if not _REF:
        _REF.append(_reference())
    cursor = ReplayCursor(rec.exchange)
    end = cursor.seek(len(cursor))
    if end.position != len(cursor):
        problems.append(f"cursor: seek(end) gave {end.position} of {len(cursor)}")
    cursor.seek(len(cursor) // 2)
    cursor.step(-1)
    cursor.markers()
    describe_chunks(rec.exchange)
    if not isinstance(recording_to_markdown(rec), str):
        problems.append("export_markdown: not a str")
    transcript(rec)
    dumps(recording_dict(rec))
    for other in (rec, _REF[0], against or rec):
        summarize(diff_recordings(rec, other))
        summarize(diff_recordings(other, rec))
    if not diff_recordings(rec, rec).equivalent:
        problems.append("diff: a recording is not equivalent to itself")
    diff_json(rec.raw, _REF[0].raw)


def _check_cli(path: str, problems: list[str], against: str) -> None:
    for argv in (["show", path], ["show", path, "--json"], ["replay", path, "--json"],
                 ["diff", path, against, "--json"], ["diff", against, path],
                 ["diff", path, path, "--structural", "--json"],
                 ["index", os.path.dirname(path) or ".", "--json"]):
        code, _, err = run_cli(argv)
        lines = err.strip().splitlines()
        if not isinstance(code, int):
            problems.append(f"cli {argv[0]}: exit code {code!r}")
        elif "internal error" in err or "cannot compare" in err or "Traceback" in err:
            problems.append(f"cli {' '.join(argv[:1] + argv[2:])}: {err.strip()[:300]}")
        elif code != 0 and argv[0] != "diff" and len(lines) != 1:
            problems.append(f"cli {argv[0]}: exit {code} with stderr {err!r:.300}")


def exercise(path: str | os.PathLike[str], *, cli: bool = True,
             seconds: float = CASE_SECONDS,
             against: str | os.PathLike[str] = SEED) -> list[str]:
    """Problems found handling one file (empty list: handled well).

    ``against`` is the other side of the diffs (e.g. the file a mutant came from).
    """
    p = os.fspath(path)
    problems: list[str] = []
    step = "read_recording"
    try:
        with time_bound(seconds):
            rec = read_recording(p)
            if isinstance(rec, RecordingError):
                if not isinstance(rec.reason, str) or not rec.reason.strip():
                    problems.append(f"RecordingError without a reason: {rec!r}")
            elif not isinstance(rec, Recording):
                problems.append(f"read_recording returned {type(rec).__name__}")
            else:
                step = "recording consumers"
                other = read_recording(against)
                _exercise_recording(rec, problems, other if isinstance(other, Recording) else None)
            step = "catalog"
            for found in walk_json(p):
                ref = read_ref(found)
                if ref.error is not None and not ref.error.strip():
                    problems.append("catalog: empty error reason")
                if ref.error is None and isinstance(rec, Recording):
                    seen = (ref.format, ref.streaming, ref.chunks, ref.test_id, ref.endpoint,
                            ref.model)
                    read = (rec.format, rec.streaming, rec.chunk_count, rec.test_id,
                            rec.endpoint, rec.model)
                    if seen != read:
                        problems.append(f"catalog says {seen!r:.300}, read_recording {read!r:.300}")
            if cli:
                step = "cli"
                _check_cli(p, problems, os.fspath(against))
    except CaseTimeout as exc:
        problems.append(f"{step}: hang: {exc}")
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - every escape is a finding
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=-3))
        problems.append(f"{step}: uncaught {type(exc).__name__}: {exc!s:.200}\n{tb}")
    return problems


def save_failure(data: bytes, name: str) -> None:
    """With ``RECVIEWER_FUZZ_SAVE=DIR``, keep an input that broke something."""
    folder = os.environ.get("RECVIEWER_FUZZ_SAVE")
    if folder:
        os.makedirs(folder, exist_ok=True)
        Path(folder, name).write_bytes(data)

