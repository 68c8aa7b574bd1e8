"""``recviewer-cli setdiff OLD NEW`` / ``setdiff --repo REPO REV_A REV_B [PATHSPEC]``.

Classifies every ``*.json`` path of two recording sets (two folders, or two
git revisions read from git objects) as noise / response / request / added /
removed (unchanged ones are counted). Output: text (counts, the changed pairs
per test file, a one-line summary per response/request pair), ``--json``
(``{"counts", "pairs"}``) or ``--markdown`` (a review report).
Exit status: 0 when no pair other than noise, 1 otherwise, 2 on error.
"""

from __future__ import annotations

import argparse

from recviewer.cli.output import fail, write_json, write_text
from recviewer.core.catalog.scan import split_test_id
from recviewer.core.errors import RecordingError
from recviewer.core.setdiff import COUNT_KEYS, SetDiff, SetPair, compare_folders, compare_revisions
from recviewer.core.setdiff.markdown import markdown_report

NAME = "setdiff"
EXIT_SAME, EXIT_DIFFERENT, EXIT_ERROR = 0, 1, 2
_NO_TEST_FILE = "(no test id)"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        NAME, help="compare two recording sets (folders or git revisions)",
        description="Compare two recording sets file by file: two folders (OLD NEW), or two "
                    "revisions of a git repository (--repo REPO REV_A REV_B [PATHSPEC]). "
                    "Exit 0 when nothing but noise changed, 1 otherwise, 2 on error.")
    p.add_argument("old", metavar="OLD", help="old folder (with --repo: old revision)")
    p.add_argument("new", metavar="NEW", help="new folder (with --repo: new revision)")
    p.add_argument("pathspec", nargs="*", metavar="PATHSPEC",
                   help="with --repo: only these repository paths (paths stay relative to the root)")
    p.add_argument("--repo", metavar="REPO", help="read OLD and NEW as revisions of this repository")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true",
                     help='print {"counts": {...}, "pairs": [...]} as JSON')
    out.add_argument("--markdown", action="store_true",
                     help="print a GitHub-flavoured Markdown review report")
    p.add_argument("--show-noise", action="store_true",
                   help="text output: also list the noise-only files")
    p.set_defaults(func=run)


def _test_file(p: SetPair) -> str:
    return split_test_id(p.test_id)[0] if p.test_id else _NO_TEST_FILE


def _where(p: SetPair) -> str:
    if p.key_changed:
        return f"{p.old} -> {p.new}"
    return p.path


def render(d: SetDiff, show_noise: bool = False) -> str:
    lines = ["  ".join(f"{k} {d.counts.get(k, 0)}" for k in COUNT_KEYS)]
    listed = [p for p in d.pairs if show_noise or p.cls != "noise"]
    groups: dict[str, list[SetPair]] = {}
    for p in listed:
        groups.setdefault(_test_file(p), []).append(p)
    for test_file in sorted(groups, key=lambda f: (f == _NO_TEST_FILE, f)):
        lines += ["", test_file]
        for p in groups[test_file]:
            mark = " (stale)" if p.stale else ""
            lines.append(f"  {p.cls:<8}  {_where(p)}{mark}")
    summaries = [p for p in d.pairs if p.cls in ("response", "request")]
    if summaries:
        lines += ["", "what changed:"]
        for p in summaries:
            note = "stale: request changed in place; " if p.stale else ""
            lines.append(f"  {p.cls:<8}  {_where(p)}: {note}{p.summary}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    if args.repo is None and args.pathspec:
        return fail("setdiff: PATHSPEC needs --repo (two folders take no pathspec)", EXIT_ERROR)
    if args.repo is not None:
        result = compare_revisions(args.repo, args.old, args.new, args.pathspec)
    else:
        result = compare_folders(args.old, args.new)
    if isinstance(result, RecordingError):
        return fail(f"setdiff: {result}", EXIT_ERROR)
    if args.json:
        write_json(result.to_json())
    elif args.markdown:
        write_text(markdown_report(result))
    else:
        write_text(render(result, args.show_noise))
    return EXIT_DIFFERENT if result.different else EXIT_SAME
