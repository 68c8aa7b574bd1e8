"""Writing CLI results: data to stdout, one-line messages to stderr (and
``positive_int``, the number type the commands' options share)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from recviewer.core.catalog.walk import display_text

PROG = "recviewer-cli"
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


# A terminal obeys control characters (ESC sequences set colours and titles, OSC 52
# writes the clipboard) and bidi controls reorder what is shown: text from a
# recording prints them as visible escapes instead. Newline and tab stay.
_VISIBLE = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if c not in (9, 10)}
_VISIBLE.update({c: f"\\u{c:04x}" for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
                                             *range(0x2066, 0x206A))})


def visible_controls(text: str) -> str:
    return text.translate(_VISIBLE)


def one_line(text: str) -> str:
    return visible_controls(" ".join(display_text(text).split()))


def positive_int(text: str) -> int:
    """argparse ``type=``: a whole number of 1 or more (``--jobs N``, ``--limit N``);
    anything else is a usage error."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("expected 1 or more")
    return value


def fail(message: str, code: int = EXIT_ERROR) -> int:
    """Print ``recviewer-cli: message`` on one stderr line; return ``code``."""
    sys.stderr.write(f"{PROG}: {one_line(message)}\n")
    sys.stderr.flush()
    return code


def write_bytes(data: bytes, encoding: str = "utf-8") -> None:
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(data.decode(encoding, "replace"))
    else:
        out.flush()
        buffer.write(data)
    out.flush()


def write_text(text: str) -> None:
    """Text to stdout in its encoding; what it cannot encode becomes '?'."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    write_bytes(visible_controls(display_text(text)).encode(encoding, "replace"), encoding)


def write_json(value: Any) -> None:
    """Stable JSON (sorted keys, indent 2, final newline)."""
    from recviewer.core.export.json_dict import dumps  # here: --help never needs it

    write_bytes(dumps(value))


def quiet_broken_pipe() -> int:
    """The reader went away (``| head``): stop quietly without a traceback at exit.

    Returns ``EXIT_OK`` (0): the reader took what it wanted, as with ``head``.
    Whether a write meets the closed pipe depends on the pipe's size and on
    timing (output that fitted the pipe before the reader left never fails), so
    any other code would make ``recviewer-cli … | head`` exit 0 or not at
    random; 0 is the one answer both cases agree on.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return EXIT_OK


def table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """Left-aligned columns separated by two spaces; the last one is not padded."""
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths[i], len(cell))
    lines = []
    for row in (headers, *rows):
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
