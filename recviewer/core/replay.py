"""Replaying a recorded stream: the assembled message at any chunk position.

Positions run from 0 (nothing received) to N (every chunk folded). The cursor
folds with the one ``StreamAssembler`` (never a fold of its own), so the state
at N is exactly what the adapter assembled as the response.

Cost model, independent of N:
- construction folds the stream once and keeps a ``StreamState`` checkpoint
  every ``checkpoint_every`` chunks;
- ``step(+1)`` feeds one delta into the live assembler;
- any other move restarts from the checkpoint at or below the target (or goes
  on from the live assembler when that is nearer) and folds fewer than
  ``checkpoint_every`` deltas.
Producing a ``StreamState`` joins the text received so far, which costs the
length of that text, as any snapshot must.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from recviewer.core.assemble import StreamAssembler, StreamState
from recviewer.core.model import Chunk, Exchange, ToolCallDelta


@dataclass(slots=True, frozen=True)
class StreamMarkers:
    """Notable chunks of a stream, as chunk indices (0..N-1).

    A chunk index ``i`` is shown by the scrubber at position ``i + 1`` (the
    state *after* that chunk); ``position_of`` does that conversion.
    ``tool_call_starts[k]`` is where the call with tool-call index
    ``tool_call_indices[k]`` first appears; both are ordered by tool-call index.
    """

    content_start: int | None = None
    tool_call_starts: tuple[int, ...] = ()
    tool_call_indices: tuple[int, ...] = ()
    finish: int | None = None
    reasoning_start: int | None = None
    error: int | None = None

    @staticmethod
    def position_of(chunk_index: int) -> int:
        """The cursor position at which a chunk's effect is first visible."""
        return chunk_index + 1


def stream_markers(chunks: tuple[Chunk, ...] | list[Chunk]) -> StreamMarkers:
    content = reasoning = finish = error = None
    starts: dict[int, int] = {}
    for i, chunk in enumerate(chunks):
        d = chunk.delta
        if content is None and d.text:
            content = i
        if reasoning is None and d.reasoning:
            reasoning = i
        if d.finish_reason and finish is None:
            finish = i
        if d.error is not None and error is None:
            error = i
        for tc in d.tool_calls:
            starts.setdefault(tc.index, i)
    order = sorted(starts)
    return StreamMarkers(content, tuple(starts[k] for k in order), tuple(order),
                         finish, reasoning, error)


@dataclass(slots=True, frozen=True)
class _Checkpoint:
    """The state after some chunks with its texts kept as lengths. Texts and tool
    arguments only grow by appending, so they are the final ones cut short; a
    full copy per checkpoint would cost checkpoints × text (quadratic)."""

    bare: StreamState  # texts and arguments empty
    text: int = 0
    reasoning: int = 0
    refusal: int = 0
    arguments: tuple[int, ...] = ()  # one per call of ``bare.tool_calls``

    def restore(self, final: StreamState) -> StreamState:
        if self.bare.position == 0:
            return self.bare
        args = {c.index: c.arguments for c in final.tool_calls}
        calls = tuple(replace(c, arguments=args.get(c.index, "")[:n])
                      for c, n in zip(self.bare.tool_calls, self.arguments))
        return replace(self.bare, text=final.text[:self.text],
                       reasoning=final.reasoning[:self.reasoning],
                       refusal=final.refusal[:self.refusal], tool_calls=calls)


class ReplayCursor:
    """A position in an Exchange's chunk stream and the state assembled there."""

    __slots__ = ("_deltas", "_every", "_checkpoints", "_live", "_state", "_markers",
                 "_chunks", "_final")

    def __init__(self, exchange: Exchange, checkpoint_every: int = 32) -> None:
        if checkpoint_every < 1:
            raise ValueError("checkpoint_every must be at least 1")
        self._chunks = exchange.chunks
        self._deltas = tuple(c.delta for c in exchange.chunks)
        self._every = checkpoint_every
        # _checkpoints[k] is the state after k * checkpoint_every chunks.
        self._checkpoints: list[_Checkpoint] = [_Checkpoint(StreamState(0))]
        folder = StreamAssembler()
        text = reasoning = refusal = 0
        arguments: dict[int, int] = {}
        for i, delta in enumerate(self._deltas, 1):
            folder.feed(delta)
            text += len(delta.text)
            reasoning += len(delta.reasoning)
            refusal += len(delta.refusal)
            for tc in delta.tool_calls:
                arguments[tc.index] = arguments.get(tc.index, 0) + len(tc.arguments)
            if i % checkpoint_every == 0:
                bare = folder.bare_snapshot()
                self._checkpoints.append(_Checkpoint(
                    bare, text, reasoning, refusal,
                    tuple(arguments.get(c.index, 0) for c in bare.tool_calls)))
        self._final = folder.snapshot()
        self._live = StreamAssembler()
        self._state: StreamState | None = self._checkpoints[0].bare
        self._markers: StreamMarkers | None = None

    # ------------------------------------------------------------ reading
    def __len__(self) -> int:
        return len(self._deltas)

    def replays(self, exchange: Exchange) -> bool:
        """True when this cursor was made for ``exchange``'s chunks."""
        return self._chunks is exchange.chunks

    @property
    def position(self) -> int:
        return self._live.position

    @property
    def checkpoint_every(self) -> int:
        return self._every

    @property
    def at_end(self) -> bool:
        return self._live.position == len(self._deltas)

    def state(self) -> StreamState:
        if self._state is None:
            self._state = self._live.snapshot()
        return self._state

    def chunk(self, index: int) -> Chunk:
        """The recorded chunk at ``index`` (0..N-1)."""
        return self._chunks[index]

    def markers(self) -> StreamMarkers:
        if self._markers is None:
            self._markers = stream_markers(self._chunks)
        return self._markers

    # ------------------------------------------------------------ moving
    def seek(self, n: int) -> StreamState:
        """Go to position ``n`` (clamped to 0..N) and return the state there."""
        n = max(0, min(int(n), len(self._deltas)))
        here = self._live.position
        if n == here:
            return self.state()
        base = (n // self._every) * self._every
        if here < n and here >= base:
            self._fold_to(n)  # the live assembler is already at or past the checkpoint
        else:
            checkpoint = self._checkpoints[n // self._every].restore(self._final)
            self._live = StreamAssembler(checkpoint)
            self._fold_to(n)
            if n == base:
                self._state = checkpoint  # no need to snapshot what is stored
        return self.state()

    def step(self, k: int = 1) -> StreamState:
        """Move ``k`` chunks forward (``k < 0``: back); clamps at both ends."""
        return self.seek(self._live.position + k)

    def reset(self) -> StreamState:
        return self.seek(0)

    def to_end(self) -> StreamState:
        return self.seek(len(self._deltas))

    def _fold_to(self, n: int) -> None:
        live = self._live
        deltas = self._deltas
        for i in range(live.position, n):
            live.feed(deltas[i])
        self._state = None


# ---------------------------------------------------------------- chunk list rows
@dataclass(slots=True, frozen=True)
class ChunkSummary:
    """What one chunk adds, as plain data for the chunk list and the CLI."""

    index: int
    label: str
    text_delta: str
    reasoning_delta: str
    tool_call_deltas: tuple[ToolCallDelta, ...]
    finish_reason: str | None
    has_usage: bool
    chars: int  # characters of text, reasoning, refusal and tool arguments added
    refusal_delta: str = ""
    role: str | None = None
    has_error: bool = False
    time: float | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.text_delta or self.reasoning_delta or self.refusal_delta
                    or self.tool_call_deltas or self.finish_reason or self.has_usage
                    or self.has_error)

    def flags(self) -> list[str]:
        """The closing tags a one-line chunk listing shows: finish=…, usage, error."""
        out = [f"finish={self.finish_reason}"] if self.finish_reason else []
        if self.has_usage:
            out.append("usage")
        if self.has_error:
            out.append("error")
        return out


def describe_chunk(chunk: Chunk) -> ChunkSummary:
    d = chunk.delta
    chars = (len(d.text) + len(d.reasoning) + len(d.refusal)
             + sum(len(tc.arguments) for tc in d.tool_calls))
    return ChunkSummary(
        index=chunk.index, label=chunk.label, text_delta=d.text,
        reasoning_delta=d.reasoning, tool_call_deltas=d.tool_calls,
        finish_reason=d.finish_reason, has_usage=d.usage is not None, chars=chars,
        refusal_delta=d.refusal, role=d.role, has_error=d.error is not None,
        time=chunk.time,
    )


def describe_chunks(exchange: Exchange) -> list[ChunkSummary]:
    return [describe_chunk(c) for c in exchange.chunks]
