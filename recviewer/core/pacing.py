"""How long to wait before each chunk when playing a stream back.

Recordings rarely keep timing. When every chunk has a real ``Chunk.time``
(seconds since the stream started) the real gaps are used; otherwise the pace
is synthetic: a constant number of chunks per second, or a number of tokens
per second with each chunk's tokens estimated from the characters it adds.
"""

from __future__ import annotations

import math
from typing import Literal

from recviewer.core.model import Chunk, Exchange

PacingMode = Literal["chunks", "tokens"]
CHARS_PER_TOKEN = 4  # the usual rough estimate for English text and JSON


def has_real_timing(exchange: Exchange) -> bool:
    """True when every chunk carries a recorded time (and there is a chunk)."""
    chunks = exchange.chunks
    return bool(chunks) and all(c.time is not None for c in chunks)


def estimated_tokens(chunk: Chunk) -> int:
    """Tokens a chunk adds, estimated from its characters; at least one tick."""
    d = chunk.delta
    chars = (len(d.text) + len(d.reasoning) + len(d.refusal)
             + sum(len(tc.arguments) + len(tc.name or "") for tc in d.tool_calls))
    return max(1, math.ceil(chars / CHARS_PER_TOKEN))


def real_delays(exchange: Exchange) -> list[float]:
    """Recorded gaps; a clock that went backwards counts as no wait."""
    delays: list[float] = []
    previous = 0.0
    for c in exchange.chunks:
        t = float(c.time) if c.time is not None else previous
        delays.append(max(0.0, t - previous))
        previous = max(previous, t)
    return delays


def chunk_delays(exchange: Exchange, mode: PacingMode = "chunks", rate: float = 20.0,
                 *, prefer_real: bool = True) -> list[float]:
    """Seconds to wait before each chunk (one value per chunk).

    ``rate`` is chunks per second (mode "chunks") or tokens per second (mode
    "tokens"); it is ignored when real timing is used (``prefer_real`` and
    every chunk has a time). Raises ValueError for a rate that is not positive
    or an unknown mode: those are programming errors, not file problems.
    """
    if mode not in ("chunks", "tokens"):
        raise ValueError(f"unknown pacing mode {mode!r}")
    if not (rate > 0 and math.isfinite(rate)):
        raise ValueError(f"rate must be a positive number, not {rate!r}")
    if prefer_real and has_real_timing(exchange):
        return real_delays(exchange)
    if mode == "chunks":
        return [1.0 / rate] * len(exchange.chunks)
    return [estimated_tokens(c) / rate for c in exchange.chunks]
