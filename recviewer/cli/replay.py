"""``recviewer-cli replay FILE [--json] [--at N]``: a stream, chunk by chunk.

Without ``--at``: the assembled final message, then one line per chunk.
With ``--at N``: the state assembled after N chunks (0..chunks; a negative N
or one past the end is a usage error, exit 2).
"""

from __future__ import annotations

import argparse
from typing import Any

from recviewer.cli.output import EXIT_OK, EXIT_USAGE, fail, write_json, write_text
from recviewer.core.assemble import StreamState
from recviewer.core.export.json_dict import message_dict, usage_dict
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from recviewer.core.replay import ChunkSummary, ReplayCursor, describe_chunks
from recviewer.core.transcript import message_lines

NAME = "replay"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME, help="replay a streamed recording chunk by chunk",
        description="Print a streamed recording's assembled message and what each "
                    "chunk adds, or the message as assembled after N chunks.")
    parser.add_argument("file", metavar="FILE", help="a recording (*.json)")
    parser.add_argument("--json", action="store_true",
                        help="print JSON (stable, sorted keys) instead of text")
    parser.add_argument("--at", type=int, metavar="N", default=None,
                        help="show the state after N chunks (0 to the chunk count)")
    parser.set_defaults(func=run)


# ---------------------------------------------------------------- data
def event_dict(row: ChunkSummary) -> dict[str, Any]:
    return {
        "index": row.index,
        "text_delta": row.text_delta,
        "tool_call_deltas": [{"index": d.index, "id": d.id, "name": d.name,
                              "arguments_delta": d.arguments} for d in row.tool_call_deltas],
        "finish_reason": row.finish_reason,
    }


def state_dict(state: StreamState) -> dict[str, Any]:
    """``show --json``'s message dict, plus reasoning and finish reason."""
    out = message_dict(state.to_message())
    out["reasoning"] = state.reasoning
    out["finish_reason"] = state.finish_reason
    return out


# ---------------------------------------------------------------- text
def chunk_line(row: ChunkSummary) -> str:
    bits = [f"#{row.index}", row.label or "chunk"]
    if row.role:
        bits.append(f"role={row.role}")
    if row.text_delta:
        bits.append(f"text={row.text_delta!r}")
    if row.reasoning_delta:
        bits.append(f"reasoning={row.reasoning_delta!r}")
    if row.refusal_delta:
        bits.append(f"refusal={row.refusal_delta!r}")
    for d in row.tool_call_deltas:
        head = f"tool[{d.index}]" + (f" id={d.id}" if d.id else "") + (f" name={d.name}" if d.name else "")
        bits.append(f"{head} args+={d.arguments!r}" if d.arguments else head)
    bits.extend(row.flags())
    return "  ".join(bits)


def state_lines(state: StreamState) -> list[str]:
    """The assembled message as ``show`` prints a message, then finish and usage."""
    lines = message_lines(state.to_message())
    lines.append("")  # the text may stop mid-line: the trailer starts on its own
    lines.append(f"finish reason: {state.finish_reason or '-'}")
    usage = usage_dict(state.usage)
    if usage is not None:
        lines.append("usage: " + ", ".join(f"{k.split('_')[0]} {v}" for k, v in usage.items()))
    return lines


# ---------------------------------------------------------------- command
def run(args: argparse.Namespace) -> int:
    if args.at is not None and args.at < 0:
        return fail(f"--at must be 0 or more, not {args.at}", EXIT_USAGE)
    rec = read_recording(args.file)
    if not isinstance(rec, Recording):
        return fail(str(rec))
    if not rec.exchange.chunks:
        why = " (it holds no stream chunks)" if rec.streaming else ""
        return fail(f"{rec.path}: not a streamed recording{why}")
    cursor = ReplayCursor(rec.exchange)
    if args.at is not None and args.at > len(cursor):
        return fail(f"--at {args.at} is past the end: {rec.path} has {len(cursor)} chunks "
                    f"(use 0 to {len(cursor)})", EXIT_USAGE)
    if args.at is not None:
        return _print_at(cursor, args.at, args.json)
    final = cursor.seek(len(cursor))
    rows = describe_chunks(rec.exchange)
    if args.json:
        write_json({"chunks": len(cursor), "final": message_dict(final.to_message()),
                    "events": [event_dict(r) for r in rows]})
        return EXIT_OK
    lines = state_lines(final)
    lines += ["", f"── {len(rows)} chunks " + "─" * 30]
    lines += [chunk_line(r) for r in rows]
    write_text("\n".join(lines) + "\n")
    return EXIT_OK


def _print_at(cursor: ReplayCursor, at: int, as_json: bool) -> int:
    state = cursor.seek(at)
    if as_json:
        write_json({"position": state.position, "chunks": len(cursor),
                    "state": state_dict(state)})
        return EXIT_OK
    lines = [f"after {state.position} of {len(cursor)} chunks", ""]
    write_text("\n".join(lines + state_lines(state)) + "\n")
    return EXIT_OK
