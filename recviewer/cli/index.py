"""``recviewer-cli index [FOLDER] [--json]``: every recording under a folder."""

from __future__ import annotations

import argparse
import os

from recviewer.cli.output import EXIT_OK, fail, positive_int, table, write_json, write_text
from recviewer.core.catalog.head import gists_on, tools_on
from recviewer.core.catalog.scan import Catalog, RecordingRef, scan
from recviewer.core.catalog.pool import ScanPool
from recviewer.core.export.json_dict import catalog_dict
from recviewer.core.errors import RecordingError

# One record per line, columns aligned (grep for a test id, "FAILED", a model...).
HEADERS = ("STATUS", "FORMAT", "STREAM", "CHUNKS", "ENDPOINT", "MODEL", "PATH", "TEST ID / ERROR")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "index", help="list the recordings under a folder",
        description="List every *.json recording under FOLDER (any depth), sorted by path.")
    parser.add_argument("folder", nargs="?", metavar="FOLDER",
                        help="folder to scan (default: the bundled sample recordings)")
    parser.add_argument("--json", action="store_true",
                        help='print {"root", "tests", "recordings": [...]} as JSON')
    parser.add_argument("--jobs", type=positive_int, default=None, metavar="N",
                        help="worker processes reading a big folder (default: one per core; "
                             "1: read in this process only). The output is the same.")
    parser.add_argument("--no-cache", action="store_true",
                        help="read every file, neither using nor filling the catalog cache "
                             "(see 'recviewer-cli cache'). The output is the same.")
    parser.add_argument("--repo", metavar="REPO",
                        help="read a git revision of REPO instead of a folder (FOLDER is then "
                             "a PATHSPEC; paths are relative to the repository root)")
    parser.add_argument("--rev", metavar="REV",
                        help="the commit, tag or branch to read (default HEAD; --repo defaults to .)")
    parser.set_defaults(func=run)


def status_cell(ref: RecordingRef) -> str:
    """``200``, ``400 FAILED``, ``FAILED`` (an exception without a status),
    ``-`` (nothing recorded), ``OTHER`` (JSON, not a recording), ``UNREADABLE``."""
    if ref.is_other:
        return "OTHER"
    if ref.error is not None:
        return "UNREADABLE"
    status = "" if ref.status is None else str(ref.status)
    if ref.failed:
        return f"{status} FAILED".strip()
    return status or "-"


def _row(ref: RecordingRef) -> tuple[str, ...]:
    if ref.error is not None:
        return (status_cell(ref), "-", "-", "-", "-", "-", ref.rel_path, f"error: {ref.error}")
    chunks = str(ref.chunks) if ref.streaming and ref.chunks is not None else "-"
    return (status_cell(ref), ref.format, "yes" if ref.streaming else "no", chunks,
            ref.endpoint or "-", ref.model or "-", ref.rel_path, ref.test_id or "-")


def render(catalog: Catalog) -> str:
    refs = sorted(catalog.refs, key=lambda r: (r.rel_path, r.path))
    text = table(HEADERS, [_row(r) for r in refs])
    return text + (f"\n{catalog.recordings} recordings, {catalog.tests} tests, "
                   f"{catalog.failed} failed calls, {catalog.errors} unreadable, "
                   f"{catalog.others} other JSON files, in {catalog.root}\n")


def _revision_catalog(args: argparse.Namespace) -> Catalog | int:
    """The catalog of ``--repo``/``--rev`` (git objects only), or an exit code."""
    from recviewer.core.sources import GitRevisionSource, scan_source  # --rev only

    pathspecs = [args.folder] if args.folder is not None else []
    source = GitRevisionSource.from_repo(args.repo or ".", args.rev or "HEAD", pathspecs)
    if isinstance(source, RecordingError):
        return fail(str(source))
    with source:
        catalog = scan_source(source)
    return fail(f"{catalog.root}: {catalog.error}") if catalog.error else catalog


def run(args: argparse.Namespace) -> int:
    if args.repo is not None or args.rev is not None:
        catalog = _revision_catalog(args)
        if isinstance(catalog, int):
            return catalog
        if args.json:
            write_json(catalog_dict(catalog))
        else:
            write_text(render(catalog))
        return EXIT_OK
    if args.folder is None:
        from recviewer.core.samples import samples_dir  # importlib.resources: only here

    folder = args.folder if args.folder is not None else os.fspath(samples_dir())
    if not os.path.isdir(folder):
        return fail(f"{folder}: {'not a folder' if os.path.exists(folder) else 'no such folder'}")
    workers = None if args.jobs is None else (0 if args.jobs == 1 else args.jobs)
    # the index prints no row gist and no tool names: it reads neither
    with ScanPool(workers) as pool, gists_on(False), tools_on(False):
        catalog = scan(folder, pool=pool, cache=not args.no_cache)
    if args.json:
        write_json(catalog_dict(catalog))
    else:
        write_text(render(catalog))
    return EXIT_OK
