"""``recviewer-cli show FILE [--json]``: one recording as a transcript or JSON."""

from __future__ import annotations

import argparse

from recviewer.cli.output import EXIT_OK, fail, write_json, write_text
from recviewer.core.cassettes import open as cassettes
from recviewer.core.errors import RecordingError
from recviewer.core.export.json_dict import recording_dict
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from recviewer.core.cassettes.cassette import is_cassette_name
from recviewer.core.sources import GitRevisionSource, load_recording
from recviewer.core.sources.base import load_cassette, split_address
from recviewer.core.transcript import transcript


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "show", help="print one recording as a conversation",
        description="Print the request and response of a recording: roles, text, tool calls "
                    "and results, usage, finish reason and errors.")
    parser.add_argument("file", metavar="FILE", help="a recording (*.json)")
    parser.add_argument("--json", action="store_true",
                        help="print the conversation as JSON (stable, sorted keys)")
    parser.add_argument("--repo", metavar="REPO",
                        help="read FILE (a repository-relative path) from a git revision of REPO")
    parser.add_argument("--rev", metavar="REV",
                        help="the commit, tag or branch to read (default HEAD; --repo defaults to .)")
    parser.set_defaults(func=run)


def _from_revision(args: argparse.Namespace) -> Recording | RecordingError:
    """FILE at ``--rev`` of ``--repo``, named as given (as ``show FILE`` run in
    the revision extracted to a folder names it)."""
    spec = split_address(args.file)[0]  # FILE#N: the cassette FILE
    source = GitRevisionSource.from_repo(args.repo or ".", args.rev or "HEAD", [spec])
    if isinstance(source, RecordingError):
        return source
    with source:
        return load_recording(source, args.file, path=args.file)


def run(args: argparse.Namespace) -> int:
    revision = args.repo is not None or args.rev is not None
    if revision:  # a whole cassette: by name (nothing on disk is asked)
        whole = split_address(args.file)[1] is None and is_cassette_name(args.file)
    else:
        whole = cassettes.split_address(args.file)[1] is None \
            and cassettes.is_cassette_file(args.file)
    if whole:
        return _show_cassette(args, revision)
    rec = _from_revision(args) if revision else read_recording(args.file)
    if isinstance(rec, RecordingError):
        return fail(str(rec))
    if args.json:
        write_json(recording_dict(rec))
    else:
        write_text(transcript(rec))
    return EXIT_OK


def _cassette_at_revision(args: argparse.Namespace
                          ) -> list[Recording | RecordingError] | RecordingError:
    source = GitRevisionSource.from_repo(args.repo or ".", args.rev or "HEAD", [args.file])
    if isinstance(source, RecordingError):
        return source
    with source:
        return load_cassette(source, args.file, path=args.file)


def _show_cassette(args: argparse.Namespace, revision: bool = False) -> int:
    """``show CASSETTE`` (no ``#N``): every interaction in recorded order
    (JSON: a list of what ``show FILE#N --json`` prints; an unreadable
    interaction is ``{"path", "error"}``)."""
    recs = _cassette_at_revision(args) if revision else cassettes.read_all(args.file)
    if isinstance(recs, RecordingError):
        return fail(str(recs))
    if args.json:
        write_json([recording_dict(r) if isinstance(r, Recording)
                    else {"path": r.path, "error": r.reason} for r in recs])
    else:
        write_text("\n".join(transcript(r) if isinstance(r, Recording) else f"{r}\n"
                             for r in recs))
    return EXIT_OK
