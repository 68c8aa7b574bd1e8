"""``recviewer-cli verify [FOLDER] [--json]``: is every recording reachable by its key?

Each recording file under FOLDER is classified once: ``ok`` (named by the key
the ogx recorder computes today), ``legacy`` (a 12-hex name of the 12-hex
era), ``unkeyed`` (not looked up by key) or ``stale`` (with the expected name
and, where it can be shown, a cause). Non-recording JSON is left out.
Exit 0 when every file is ok or legacy, 1 otherwise (or on a bad folder),
2 on usage errors.
"""

from __future__ import annotations

import argparse
import os

from recviewer.cli.output import EXIT_ERROR, EXIT_OK, fail, table, write_json, write_text
from recviewer.core.keys.verify import CLASSES, VerifyReport, verify_folder
from recviewer.core.samples import samples_dir

NAME = "verify"
HEADERS = ("CLASS", "EXPECTED", "PATH")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME, help="check that every recording is named by its request key",
        description="Classify every recording under FOLDER by its key: ok, stale (with the "
                    "expected name and a cause), legacy (12-hex era) or unkeyed. "
                    "Exit 0 when all are ok or legacy, 1 otherwise.")
    parser.add_argument("folder", nargs="?", metavar="FOLDER",
                        help="folder to verify (default: the bundled sample recordings)")
    parser.add_argument("--json", action="store_true",
                        help='print {"counts", "recordings": [{path, class, expected, cause}]}')
    parser.set_defaults(func=run)


def render(report: VerifyReport) -> str:
    rows = []
    for f in report.files:
        status = f.status
        path = f.rel_path if status.cause is None else f"{f.rel_path}  ({status.cause})"
        shown = "-" if status.expected is None or status.cls == "ok" else status.expected
        rows.append((status.cls.upper(), shown, path))
    counts = report.counts()
    summary = ", ".join(f"{counts[c]} {c}" for c in CLASSES)
    return table(HEADERS, rows) + f"\n{len(report.files)} recordings: {summary}, in {report.root}\n"


def run(args: argparse.Namespace) -> int:
    folder = args.folder if args.folder is not None else os.fspath(samples_dir())
    if not os.path.isdir(folder):
        return fail(f"{folder}: {'not a folder' if os.path.exists(folder) else 'no such folder'}")
    report = verify_folder(folder)
    if args.json:
        write_json(report.to_json())
    else:
        write_text(render(report))
    return EXIT_OK if report.all_good else EXIT_ERROR
