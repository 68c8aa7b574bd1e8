"""``recviewer-cli``: the viewer's core on the command line (text or JSON).

Each command is a module of this package exposing ``register(subparsers)``;
it adds its sub-parser and sets ``func`` (``args -> exit code``) as default.
Exit codes: 0 ok, 1 error (one line on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import importlib

from recviewer import __version__
from recviewer.cli.output import PROG, fail, quiet_broken_pipe

# Command modules, imported when main() builds the parser.
COMMANDS: tuple[str, ...] = ("index", "show", "replay", "diff", "stats", "sequence", "search",
                               "verify", "explain", "capture", "setdiff")
# Commands that may be left out of a trimmed build (skipped when missing).
OPTIONAL_COMMANDS = frozenset({"replay", "diff"})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Read LLM interaction recordings without the GUI.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        qualified = f"{__name__}.{name}"
        try:
            module = importlib.import_module(qualified)
        except ModuleNotFoundError as exc:
            if name in OPTIONAL_COMMANDS and exc.name == qualified:
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (never raises to the caller)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return quiet_broken_pipe()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - no traceback reaches a user
        return fail(f"internal error: {type(exc).__name__}: {exc}")
