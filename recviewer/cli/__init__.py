"""``recviewer-cli``: the viewer's core on the command line (text or JSON).

Each command is a module of this package exposing ``register(subparsers)``;
it adds its sub-parser and sets ``func`` (``args -> exit code``) as default.
Exit codes: 0 ok, 1 error (one line on stderr), 2 usage.

Start-up is kept small: ``main`` imports only the module of the command being
run; the other commands are listed from ``COMMAND_HELP`` (their one-line
help, checked against each module's own by a test), so ``--help`` imports no
command module at all.
"""

from __future__ import annotations

import argparse
import importlib

from recviewer import __version__
from recviewer.cli.output import PROG, fail, quiet_broken_pipe

# Command modules, imported when main() builds the parser.
COMMANDS: tuple[str, ...] = ("index", "show", "replay", "diff", "stats", "sequence", "search",
                               "verify", "explain", "capture", "setdiff", "cache")
# Each command's one-line help, for the commands not being run (no import).
COMMAND_HELP: dict[str, str] = {
    "index": "list the recordings under a folder",
    "show": "print one recording as a conversation",
    "replay": "replay a streamed recording chunk by chunk",
    "diff": "compare two recordings",
    "stats": "what a recordings folder holds: counts, failures, duplicates, orphans",
    "sequence": "print a test's calls in the order they were made",
    "search": "find recordings that mention words or phrases",
    "verify": "check that every recording is named by its request key",
    "explain": "explain a replay miss: the exact or nearest recordings of a request",
    "capture": "run a test command and save every replay miss as a request file",
    "setdiff": "compare two recording sets (folders or git revisions)",
    "cache": "where the catalog cache is, how big; --clear deletes it",
}
ALL = "*"  # build_parser(ALL): every command module imported


def _columns() -> int:
    """``shutil.get_terminal_size().columns`` without importing shutil (and
    with it bz2, lzma…): argparse's formatter asks for it at every argument."""
    import os
    import sys

    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 80
    return columns


class _Formatter(argparse.HelpFormatter):
    """argparse's own formatter, its width found as ``_columns`` does."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         width if width is not None else _columns() - 2)


class _Parser(argparse.ArgumentParser):
    """Every sub-command's parser formats with ``_Formatter`` unless it asks otherwise."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def build_parser(command: str | None = ALL) -> argparse.ArgumentParser:
    """The parser; ``command``: the one whose module is imported for its
    arguments (``ALL``: every one; None: none, as for ``--help``)."""
    parser = _Parser(
        prog=PROG, description="Read LLM interaction recordings without the GUI.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--clear-cache", action="store_true",
                        help="delete the catalog cache (as 'cache --clear') and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        if command != ALL and name != command:
            subparsers.add_parser(name, help=COMMAND_HELP.get(name), add_help=False)
            continue
        module = importlib.import_module(f"{__name__}.{name}")  # every command ships
        module.register(subparsers)
    return parser


def _command_of(argv: list[str]) -> str | None:
    """The command named on the line (top-level options take no value)."""
    for arg in argv:
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (never raises to the caller)."""
    import sys

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_of(argv))
    try:
        args = parser.parse_args(argv)
        if args.command is None and not args.clear_cache:
            parser.error("the following arguments are required: COMMAND")
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else 2
    try:
        if args.command is None:
            from recviewer.cli.cache import clear_and_report

            return clear_and_report(json_out=False)
        return int(args.func(args))
    except BrokenPipeError:
        return quiet_broken_pipe()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - no traceback reaches a user
        return fail(f"internal error: {type(exc).__name__}: {exc}")
