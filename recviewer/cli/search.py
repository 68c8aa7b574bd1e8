"""``recviewer-cli search FOLDER QUERY [--json] [--limit N]``: full-text search.

The index is kept in the user's cache folder (``RECVIEWER_CACHE_DIR`` or the
XDG cache dir), brought up to date first (only new and changed files are
read), and never written into FOLDER.
"""

from __future__ import annotations

import argparse
import os
import sqlite3

from recviewer.cli.output import EXIT_OK, fail, one_line, positive_int, write_json, write_text
from recviewer.core.search import Hit, SearchIndex, group_by_test

DEFAULT_LIMIT = 50


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search", help="find recordings that mention words or phrases",
        description='Search message text, tool names and arguments, tool results and model '
                    'names of every recording under FOLDER. Words match case-insensitively '
                    'as words or prefixes, "quoted text" as a phrase; all must match.')
    parser.add_argument("folder", metavar="FOLDER", help="a recordings folder (any depth)")
    parser.add_argument("query", metavar="QUERY", help='words and "quoted phrases"')
    parser.add_argument("--json", action="store_true",
                        help='print {"query", "hits": [{"path", "where", "snippet"}]} as JSON')
    parser.add_argument("--limit", type=positive_int, default=DEFAULT_LIMIT, metavar="N",
                        help=f"at most N hits (default {DEFAULT_LIMIT})")
    parser.set_defaults(func=run)


def _marked(hit: Hit) -> str:
    out, last = [], 0
    for a, b in hit.matches:
        out += [hit.snippet[last:a], "[", hit.snippet[a:b], "]"]
        last = b
    out.append(hit.snippet[last:])
    return one_line("".join(out))


def render(hits: list[Hit]) -> str:
    lines = []
    for test_id, group in group_by_test(hits):
        lines.append(one_line(test_id) if test_id else "(no test id)")
        for hit in group:
            lines.append(f"  {hit.path}  {hit.where}")
            lines.append(f"    {_marked(hit)}")
    lines.append(f"{len(hits)} hits")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    folder = args.folder
    if not os.path.isdir(folder):
        return fail(f"{folder}: {'not a folder' if os.path.exists(folder) else 'no such folder'}")
    try:
        with SearchIndex(folder) as index:
            index.build()
            hits = index.search(args.query, args.limit)
    except (OSError, sqlite3.Error) as exc:
        return fail(f"search index: {exc}")
    if args.json:
        write_json({"query": args.query,
                    "hits": [{"path": h.path, "where": h.where, "snippet": h.snippet}
                             for h in hits]})
    else:
        write_text(render(hits))
    return EXIT_OK
