"""``recviewer-cli explain REQUEST [FOLDER] [--test-id ID] [--json]``: why did replay miss?

REQUEST is a request JSON ``{"method", "url", "body"[, "test_id"]}`` (what the
recorder saw; a file written by ``recviewer-cli capture`` is one), a whole
recording file, or a text file holding ogx's "Recording not found" message
(then the candidates are the recordings with its model and URL, with their
key status). Prints today's key, the recording named by it and the nearest
recordings with the request fields that differ (a = REQUEST, b = recording).
Exit 0 when a recording has exactly that key, 1 otherwise, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import os

from recviewer.cli.output import EXIT_ERROR, EXIT_OK, fail, write_json, write_text
from recviewer.core.errors import RecordingError
from recviewer.core.keys.explain import Explanation, explain, read_query

NAME = "explain"
_MAX_VALUE = 120


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME, help="explain a replay miss: the exact or nearest recordings of a request",
        description="Find the recording a request should replay from: the exact key match, "
                    "or the nearest recordings and the request fields that differ. "
                    "Exit 0 when a recording has exactly the request's key, 1 otherwise.")
    parser.add_argument("request", metavar="REQUEST",
                        help="request JSON, captured miss, recording file, or a text file "
                             "with the 'Recording not found' message")
    parser.add_argument("folder", nargs="?", metavar="FOLDER", default=".",
                        help="recordings folder to search (default: the current folder)")
    parser.add_argument("--test-id", metavar="ID", default=None,
                        help="the test id the recorder used (replaces the request's)")
    parser.add_argument("--json", action="store_true",
                        help='print {"key", "exact", "nearest": [{path, score, differences}]}')
    parser.set_defaults(func=run)


def _value(v: object) -> str:
    text = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True)
    text = " ".join(text.split())
    return text if len(text) <= _MAX_VALUE else text[:_MAX_VALUE - 1] + "…"


def render(result: Explanation) -> str:
    q = result.query
    lines = [f"key:    {result.key or '(unknown)'}"]
    if q.model or q.url:
        lines.append(f"request: {q.method or '?'} {q.url or '?'}  model {q.model or '?'}")
    lines.append(f"exact:  {result.exact or '(none)'}")
    if not result.nearest:
        lines.append("nearest: (no recording of this kind in the folder)")
    for c in result.nearest:
        status = c.status
        key = "" if status is None else f"  key {status.cls}"
        if status is not None and status.cause:
            key += f" ({status.cause})"
        lines.append(f"nearest: {c.path}  score {c.score:.4f}{key}")
        for d in c.differences:
            lines.append(f"  {d.path}: {_value(d.a)} -> {_value(d.b)}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    if not os.path.isdir(args.folder):
        exists = os.path.exists(args.folder)
        return fail(f"{args.folder}: {'not a folder' if exists else 'no such folder'}")
    kwargs = {} if args.test_id is None else {"test_id": args.test_id}
    query = read_query(args.request, **kwargs)
    if isinstance(query, RecordingError):
        return fail(f"{query.path}: {query.reason}")
    result = explain(query, args.folder)
    if args.json:
        write_json(result.to_json())
    else:
        write_text(render(result))
    return EXIT_OK if result.exact is not None else EXIT_ERROR
