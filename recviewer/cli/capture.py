"""``recviewer-cli capture DIR [--json] -- COMMAND …``: record every replay miss of a test run.

Runs COMMAND with ``recviewer/capture_hook`` prepended to ``PYTHONPATH`` and
``RECVIEWER_CAPTURE_DIR=DIR`` in its environment, so the hook's
``sitecustomize`` loads in it and in every Python process it starts. Each
replay miss of the ogx recorder becomes one ``miss-<key>.json`` in DIR
(``{method, url, body, test_id, key, error}``; see ``core/keys/miss.py``);
nothing else is written. After the run the new miss files are listed (text,
or ``{"command_exit", "dir", "misses"}`` with ``--json``). The exit code is
the command's (127 when it cannot be started, 128+N when killed by signal N).
"""

from __future__ import annotations

import argparse
import os
import subprocess

from recviewer.capture_hook import ENV_DIR, hook_dir
from recviewer.cli.output import EXIT_USAGE, fail, write_json, write_text

NAME = "capture"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME, help="run a test command and save every replay miss as a request file",
        description="Run COMMAND (after --) so that every replay miss of the ogx recorder, in "
                    "it and in the Python processes it starts, is written to DIR as one JSON "
                    "file {method, url, body, test_id, key, error}. Exits with COMMAND's code.")
    parser.add_argument("dir", metavar="DIR", help="folder for the miss files (created)")
    parser.add_argument("--json", action="store_true",
                        help='after the run print {"command_exit", "dir", "misses"} as JSON')
    parser.add_argument("command", nargs=argparse.REMAINDER, metavar="-- COMMAND …")
    parser.set_defaults(func=run)


def child_env(capture_dir: str, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    parts = [hook_dir()] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(parts)
    env[ENV_DIR] = capture_dir
    return env


def _misses(folder: str) -> set[str]:
    try:
        return {n for n in os.listdir(folder) if n.startswith("miss-") and n.endswith(".json")}
    except OSError:
        return set()


def run(args: argparse.Namespace) -> int:
    # argparse hands everything after DIR to the REMAINDER: options given
    # between DIR and "--" (``capture DIR --json -- …``) are read here.
    command = list(args.command)
    json_out = args.json
    if "--" in command:
        cut = command.index("--")
        for option in command[:cut]:
            if option != "--json":
                return fail(f"capture: unknown option {option} (recviewer-cli capture DIR "
                            "[--json] -- COMMAND …)", EXIT_USAGE)
            json_out = True
        command = command[cut + 1:]
    else:  # ``capture DIR --json COMMAND …``: the option, then the command
        while command[:1] == ["--json"]:
            json_out, command = True, command[1:]
    if not command:
        return fail("capture: no COMMAND given (recviewer-cli capture DIR -- COMMAND …)",
                    EXIT_USAGE)
    capture_dir = os.path.abspath(args.dir)
    try:
        os.makedirs(capture_dir, exist_ok=True)
    except OSError as exc:
        return fail(f"{args.dir}: cannot create the folder: {exc.strerror or exc}")
    before = _misses(capture_dir)
    try:
        code = subprocess.call(command, env=child_env(capture_dir))
    except OSError as exc:
        fail(f"{command[0]}: cannot run: {exc.strerror or exc}")
        return 127
    if code < 0:
        code = 128 - code
    new = sorted(_misses(capture_dir) - before)
    if json_out:
        write_json({"command_exit": code, "dir": capture_dir, "misses": new})
    else:
        lines = [f"{len(new)} replay miss{'es' if len(new) != 1 else ''} captured in {capture_dir}"]
        lines += [f"  {os.path.join(capture_dir, n)}" for n in new]
        write_text("\n".join(lines) + "\n")
    return code
