"""``recviewer-cli diff A B [--json] [--show-noise] [--structural]``.

Compares two recordings in the common model (messages, tool calls, params,
finish reason, usage) or, with ``--structural``, as two JSON documents.
Exit status: 0 equivalent (at most normalisation noise), 1 different, 2 error.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import orjson

from recviewer.cli.output import fail, write_bytes, write_text
from recviewer.core.cassettes import open as cassettes
from recviewer.core.diff import Change, diff_json, diff_recordings, summarize, word_diff
from recviewer.core.diff.noise import DEFAULT_RULES
from recviewer.core.diff.summary import NO_CHANGES, ONLY_NOISE
from recviewer.core.errors import RecordingError
from recviewer.core.formats.registry import read_recording
from recviewer.core.load import load_document

NAME = "diff"
EXIT_EQUIVALENT, EXIT_DIFFERENT, EXIT_ERROR = 0, 1, 2
_MAX_VALUE = 120  # characters of a value shown in text output
_CONTEXT = 30  # characters of unchanged text kept around a word change


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        NAME, help="compare two recordings",
        description="Compare two recordings message by message (or, with --structural, "
                    "as JSON documents). Exit 0 when equivalent, 1 when different, 2 on error.")
    p.add_argument("a", help="first recording JSON file")
    p.add_argument("b", help="second recording JSON file")
    p.add_argument("--json", action="store_true", help="print the changes as JSON")
    p.add_argument("--show-noise", action="store_true",
                   help="also list normalisation noise (ids, timestamps, scores, usage)")
    p.add_argument("--structural", action="store_true",
                   help="diff the whole JSON documents instead of the conversation")
    p.set_defaults(func=run)


# ---------------------------------------------------------------- computing
def _structural(a_path: str, b_path: str) -> tuple[str, tuple[Change, ...]] | RecordingError:
    docs = []
    for path in (a_path, b_path):
        if cassettes.is_cassette_address(path):  # FILE#N: the interaction as recorded
            raw = cassettes.interaction_raw(path)
            if isinstance(raw, RecordingError):
                return raw
            docs.append(raw["recorded"])
            continue
        loaded = load_document(path)
        if isinstance(loaded, RecordingError):
            return loaded
        docs.append(loaded[0])
    changes = diff_json(docs[0], docs[1])
    real = sum(1 for c in changes if not c.noise)
    if not changes:
        summary = NO_CHANGES
    elif not real:
        summary = ONLY_NOISE
    else:
        summary = f"{real} change{'s' if real != 1 else ''}"
    return summary, changes


def _semantic(a_path: str, b_path: str) -> tuple[str, tuple[Change, ...]] | RecordingError:
    recs = []
    for path in (a_path, b_path):
        rec = read_recording(path)
        if isinstance(rec, RecordingError):
            return rec
        recs.append(rec)
    d = diff_recordings(recs[0], recs[1])
    return summarize(d), d.changes


# ---------------------------------------------------------------- output
def json_bytes(changes: tuple[Change, ...], show_noise: bool) -> bytes:
    """The --json document: stable bytes, sorted keys."""
    doc = {
        "equivalent": all(c.noise for c in changes),
        "only_noise": bool(changes) and all(c.noise for c in changes),
        "changes": [c.to_json() for c in changes if show_noise or not c.noise],
    }
    try:
        return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"
    except (orjson.JSONEncodeError, TypeError):  # huge ints, very deep values
        return (json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False, default=str)
                + "\n").encode()


def _short(value: Any) -> str:
    try:
        text = orjson.dumps(value).decode()
    except (orjson.JSONEncodeError, TypeError):
        text = "<value too deep to show>"
    return text if len(text) <= _MAX_VALUE else text[:_MAX_VALUE - 1] + "…"


def _inline_words(a: str, b: str) -> str:
    """``The [-old-]{+new+} text`` with long unchanged stretches elided; a
    swapped id (noise, as the window shows it) reads ``{~old => new~}``."""
    ops = word_diff(a, b)
    noisy = DEFAULT_RULES.noisy_word_changes(ops)
    out = []
    for i, (op, text) in enumerate(ops):
        if op == "equal":
            if len(text) > 2 * _CONTEXT:
                text = text[:_CONTEXT] + "…" + text[-_CONTEXT:]
            out.append(text)
        elif i in noisy:
            out.append(f"{{~{text} => " if op == "delete" else f"{text}~}}")
        else:
            out.append(f"[-{text}-]" if op == "delete" else f"{{+{text}+}}")
    return "".join(out).replace("\n", "⏎")


def change_line(c: Change) -> str:
    noise = "  (noise)" if c.noise else ""
    if c.kind == "added":
        return f"+ {c.path}: {_short(c.b)}{noise}"
    if c.kind == "removed":
        return f"- {c.path}: {_short(c.a)}{noise}"
    if isinstance(c.a, str) and isinstance(c.b, str) and (len(c.a) > 40 or "\n" in c.a):
        return f"~ {c.path}: {_inline_words(c.a, c.b)}{noise}"
    return f"~ {c.path}: {_short(c.a)} → {_short(c.b)}{noise}"


# ---------------------------------------------------------------- command
def run(args: argparse.Namespace) -> int:
    compute = _structural if args.structural else _semantic
    try:
        result = compute(args.a, args.b)
    except Exception as exc:  # noqa: BLE001 - no traceback reaches a user
        return fail(f"diff: cannot compare: {type(exc).__name__}: {exc}", EXIT_ERROR)
    if isinstance(result, RecordingError):
        return fail(f"diff: {result}", EXIT_ERROR)
    summary, changes = result
    code = EXIT_EQUIVALENT if all(c.noise for c in changes) else EXIT_DIFFERENT
    if args.json:
        write_bytes(json_bytes(changes, args.show_noise))
        return code
    lines = [summary] + [change_line(c) for c in changes if args.show_noise or not c.noise]
    write_text("\n".join(lines) + "\n")
    return code
