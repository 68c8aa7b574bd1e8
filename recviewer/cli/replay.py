"""``recviewer-cli replay FILE [--json] [--at N]``: a stream, chunk by chunk.

Without ``--at``: the assembled final message, then one line per chunk.
With ``--at N``: the state assembled after N chunks (clamped to 0..chunks).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

import orjson

from recviewer.core.assemble import StreamState
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Message, Recording
from recviewer.core.replay import ChunkSummary, ReplayCursor, describe_chunks

NAME = "replay"


def register(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        NAME, help="replay a streamed recording chunk by chunk",
        description="Print a streamed recording's assembled message and what each "
                    "chunk adds, or the message as assembled after N chunks.")
    p.add_argument("file", help="a recording JSON file")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--at", type=int, metavar="N", default=None,
                   help="show the state after N chunks (0..number of chunks)")
    p.set_defaults(func=run)
    return p


# ---------------------------------------------------------------- data
def message_dict(msg: Message) -> dict[str, Any]:
    return {
        "role": msg.role,
        "text": msg.text,
        "tool_calls": [{"id": c.id, "name": c.name, "arguments": c.arguments}
                       for c in msg.tool_calls],
        "tool_call_id": msg.tool_call_id,
    }


def event_dict(row: ChunkSummary) -> dict[str, Any]:
    return {
        "index": row.index,
        "text_delta": row.text_delta,
        "tool_call_deltas": [{"index": d.index, "id": d.id, "name": d.name,
                              "arguments_delta": d.arguments} for d in row.tool_call_deltas],
        "finish_reason": row.finish_reason,
    }


def state_dict(state: StreamState) -> dict[str, Any]:
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
    if row.finish_reason:
        bits.append(f"finish={row.finish_reason}")
    if row.has_usage:
        bits.append("usage")
    if row.has_error:
        bits.append("error")
    return "  ".join(bits)


def message_text(msg: Message) -> str:
    lines = [f"[{msg.role}]"]
    if msg.text:
        lines.append(msg.text)
    for c in msg.tool_calls:
        lines.append(f"tool call {c.name}" + (f" ({c.id})" if c.id else "") + f": {c.arguments}")
    return "\n".join(lines)


def _print_json(value: Any, out: TextIO) -> None:
    out.write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


# ---------------------------------------------------------------- command
def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    rec = read_recording(args.file)
    if not isinstance(rec, Recording):
        err.write(f"recviewer-cli replay: {rec}\n")
        return 1
    if not rec.exchange.chunks:
        why = " (it holds no stream chunks)" if rec.streaming else ""
        err.write(f"recviewer-cli replay: {rec.path}: not a streamed recording{why}\n")
        return 1
    if args.at is not None and args.at < 0:
        err.write(f"recviewer-cli replay: --at must be 0 or more, not {args.at}\n")
        return 1
    cursor = ReplayCursor(rec.exchange)
    if args.at is not None:
        return _print_at(cursor, args.at, args.json, out)
    final = cursor.seek(len(cursor)).to_message()
    rows = describe_chunks(rec.exchange)
    if args.json:
        _print_json({"chunks": len(cursor), "final": message_dict(final),
                     "events": [event_dict(r) for r in rows]}, out)
        return 0
    out.write(message_text(final) + "\n")
    out.write(f"\n{len(rows)} chunks, finish: {rec.exchange.finish_reason or '-'}\n")
    for r in rows:
        out.write(chunk_line(r) + "\n")
    return 0


def _print_at(cursor: ReplayCursor, at: int, as_json: bool, out: TextIO) -> int:
    state = cursor.seek(at)
    if as_json:
        _print_json({"position": state.position, "chunks": len(cursor),
                     "state": state_dict(state)}, out)
        return 0
    out.write(f"after {state.position} of {len(cursor)} chunks"
              f" (finish: {state.finish_reason or '-'})\n")
    if state.reasoning:
        out.write(f"[reasoning]\n{state.reasoning}\n")
    out.write(message_text(state.to_message()) + "\n")
    return 0
