"""``recviewer-cli sequence FOLDER TEST_ID [--json]``: one test's calls in order."""

from __future__ import annotations

import argparse
import os

from recviewer.cli.output import EXIT_OK, fail, one_line, write_json, write_text
from recviewer.core.catalog.pool import ScanPool
from recviewer.core.catalog.scan import RecordingRef, scan
from recviewer.core.sequence import Story, story_of


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sequence", help="print a test's calls in the order they were made",
        description="Rebuild the order of TEST_ID's calls under FOLDER from their messages "
                    "(a later request continues an earlier request and its response); "
                    "calls that are not a conversation are listed as unplaced.")
    parser.add_argument("folder", metavar="FOLDER", help="a recordings folder (any depth)")
    parser.add_argument("test_id", metavar="TEST_ID", help="a pytest node id as index prints it")
    parser.add_argument("--json", action="store_true",
                        help='print {"test_id", "calls": [{"path", "after"}], "unplaced"} as JSON')
    parser.set_defaults(func=run)


def render(story: Story, refs: dict[str, RecordingRef]) -> str:
    places = story.places
    lines = [one_line(story.test_id)]
    for n, call in enumerate(story.calls, 1):
        ref = refs.get(call.facts.rel_path)
        gist = ref.gist if ref is not None and ref.gist else ""
        indent = "  " * call.depth + ("↳ " if call.depth else "")
        after = f"  (after #{places[call.after]})" if call.after in places else ""
        fork = "  [fork]" if call.fork else ""
        note = "  [recorded under another parametrisation]" if call.borrowed else ""
        lines.append(f"#{n:<3} {indent}{one_line(gist) or '-'}{after}{fork}{note}")
        lines.append(f"     {'  ' * call.depth}{call.facts.rel_path}")
    if story.unplaced:
        lines.append("unplaced:")
        for facts in story.unplaced:
            ref = refs.get(facts.rel_path)
            gist = ref.gist if ref is not None and ref.gist else (facts.error or "-")
            lines.append(f"     {one_line(gist)}")
            lines.append(f"     {facts.rel_path}")
    lines.append(f"{len(story.calls)} calls, {sum(1 for c in story.calls if c.after is None)} "
                 f"first calls, {len(story.unplaced)} unplaced")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    folder = args.folder
    if not os.path.isdir(folder):
        return fail(f"{folder}: {'not a folder' if os.path.exists(folder) else 'no such folder'}")
    with ScanPool() as pool:
        catalog = scan(folder, pool=pool)
    story = story_of(catalog.refs, args.test_id)
    if story is None:
        return fail(f"no test {args.test_id!r} under {folder}")
    if args.json:
        write_json(story.as_json())
    else:
        write_text(render(story, {r.rel_path: r for r in catalog.refs}))
    return EXIT_OK
