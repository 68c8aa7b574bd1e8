"""The scrubber's marker list: where content, tool calls and the finish are.

Plain data built from ``StreamMarkers`` (chunk indices) and placed at the
position where each chunk's effect first shows (``index + 1``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from recviewer.core.replay import ChunkSummary, StreamMarkers
from recviewer.ui.timeline.chunk_list import chunk_number

MarkKind = Literal["content", "tool", "finish", "reasoning", "error"]

LEGEND: tuple[tuple[MarkKind, str], ...] = (
    ("reasoning", "reasoning"),
    ("content", "content starts"),
    ("tool", "tool call starts"),
    ("finish", "finish"),
)


@dataclass(slots=True, frozen=True)
class Mark:
    position: int
    kind: MarkKind
    label: str


def build_marks(markers: StreamMarkers,
                summaries: list[ChunkSummary] | tuple[ChunkSummary, ...] = ()) -> tuple[Mark, ...]:
    """One Mark per notable chunk, in position order. ``summaries`` (optional)
    supply tool names for the tool-call labels."""
    marks: list[Mark] = []
    pos = StreamMarkers.position_of
    no = chunk_number  # 1-based, as the list and the position
    if markers.content_start is not None:
        i = markers.content_start
        marks.append(Mark(pos(i), "content", f"content starts (chunk #{no(i)})"))
    if markers.reasoning_start is not None:
        i = markers.reasoning_start
        marks.append(Mark(pos(i), "reasoning", f"reasoning starts (chunk #{no(i)})"))
    for i, call_index in zip(markers.tool_call_starts, markers.tool_call_indices):
        name = _tool_name(summaries, i, call_index)
        what = f"tool call [{call_index}] {name}".rstrip()
        marks.append(Mark(pos(i), "tool", f"{what} starts (chunk #{no(i)})"))
    if markers.finish is not None:
        i = markers.finish
        reason = summaries[i].finish_reason if i < len(summaries) else None
        marks.append(Mark(pos(i), "finish", f"finish: {reason or '?'} (chunk #{no(i)})"))
    if markers.error is not None:
        i = markers.error
        marks.append(Mark(pos(i), "error", f"error (chunk #{no(i)})"))
    marks.sort(key=lambda m: m.position)
    return tuple(marks)


def _tool_name(summaries, chunk_index: int, call_index: int) -> str:
    if chunk_index >= len(summaries):
        return ""
    for tc in summaries[chunk_index].tool_call_deltas:
        if tc.index == call_index and tc.name:
            return tc.name
    return ""
