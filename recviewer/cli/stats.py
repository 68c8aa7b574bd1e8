"""``recviewer-cli stats FOLDER [--json] [--collected FILE]``: a folder at a glance.

Totals, then the biggest groups (per provider, model, endpoint, format, test
file, test), failed calls, the largest files, duplicates, key status and, with
``--collected`` (the output of ``pytest --collect-only -q``), the recordings
whose test is no longer collected. recviewer never runs the tests itself.
"""

from __future__ import annotations

import argparse
import os

from recviewer.cli.output import EXIT_OK, fail, table, write_json, write_text
from recviewer.core.catalog.pool import ScanPool
from recviewer.core.catalog.scan import scan
from recviewer.core.load import read_bytes, read_problem
from recviewer.core.stats import FolderStats, folder_stats, parse_collected, stats_dict
from recviewer.core.units import human_bytes

TOP = 10  # rows of each table in the text output


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats", help="what a recordings folder holds: counts, failures, duplicates, orphans",
        description="Statistics of every recording under FOLDER: totals, recordings per "
                    "provider, model, endpoint, format and test, failed calls, the largest "
                    "files, duplicates and (with --collected) orphans.")
    parser.add_argument("folder", metavar="FOLDER", help="folder to scan (any depth)")
    parser.add_argument("--json", action="store_true", help="print the statistics as JSON")
    parser.add_argument("--collected", metavar="FILE",
                        help="output of 'pytest --collect-only -q' (one node id per line): "
                             "list recordings whose test id is not in it")
    parser.set_defaults(func=run)


def _top(title: str, counts: dict[str, int], total: int) -> str:
    rows = [(str(n), f"{100 * n / total:.0f}%" if total else "-", label)
            for label, n in list(counts.items())[:TOP]]
    more = len(counts) - TOP
    text = f"\n{title} ({len(counts)})\n" + table(("N", "SHARE", "NAME"), rows)
    return text + (f"… and {more} more\n" if more > 0 else "")


def render(stats: FolderStats) -> str:
    d = stats_dict(stats)
    n = d["recordings"]
    lines = [
        f"{stats.root}",
        f"{n} recordings ({human_bytes(d['bytes'])}), {d['tests']} tests, "
        f"{d['no_test_id']} without a test id",
        f"{d['streamed']} streamed, {n - d['streamed']} not streamed",
        f"{d['errors']} failed calls (HTTP status >= 400 or recorded exceptions)",
        f"{len(d['duplicates'])} groups of duplicates",
    ]
    if d["unreadable"] or d["other_json"]:
        lines.append(f"{d['unreadable']} unreadable files, {d['other_json']} other JSON files")
    if "keys" in d:
        lines.append("keys: " + ", ".join(f"{v} {k}" for k, v in d["keys"].items()))
    if "orphans" in d:
        lines.append(f"{len(d['orphans'])} orphans (test id no longer collected)")
    text = "\n".join(lines) + "\n"
    text += _top("providers", d["by_provider"], n)
    text += _top("models", d["by_model"], n)
    text += _top("endpoints", d["by_endpoint"], n)
    text += _top("formats", d["by_format"], n)
    text += _top("tests with the most recordings", d["by_test"], n)
    files = d["by_test_file"]
    rows = [(str(v["recordings"]), human_bytes(v["bytes"]), f"{100 * v['streamed']:.0f}%", name)
            for name, v in list(files.items())[:TOP]]
    text += f"\ntest files ({len(files)})\n" + table(("N", "SIZE", "STREAMED", "FILE"), rows)
    text += "\nlargest files\n" + table(
        ("SIZE", "PATH"), [(human_bytes(x["bytes"]), x["path"]) for x in d["largest"]])
    if d["failed"]:
        text += f"\nfailed calls ({len(d['failed'])})\n" + "".join(
            f"  {p}\n" for p in d["failed"][:TOP])
    if d["duplicates"]:
        text += f"\nduplicates ({len(d['duplicates'])})\n"
        for dup in d["duplicates"][:TOP]:
            text += f"  {dup['what']}\n" + "".join(f"    {p}\n" for p in dup["paths"])
    if d.get("orphans"):
        text += f"\norphans ({len(d['orphans'])})\n" + "".join(f"  {p}\n" for p in d["orphans"])
    return text


def run(args: argparse.Namespace) -> int:
    folder = args.folder
    if not os.path.isdir(folder):
        return fail(f"{folder}: {'not a folder' if os.path.exists(folder) else 'no such folder'}")
    collected = None
    if args.collected is not None:
        try:
            data = read_bytes(args.collected)
        except OSError as exc:
            return fail(f"{args.collected}: {read_problem(exc)}")
        collected = parse_collected(data.decode("utf-8", "replace"))
    with ScanPool(None) as pool:
        catalog = scan(folder, pool=pool)
    stats = folder_stats(catalog, collected)
    if args.json:
        write_json(stats_dict(stats))
    else:
        write_text(render(stats))
    return EXIT_OK
