"""The branch drawing of a story: one short line of box characters per call.

Plain Python (no Qt). Calls come in story order (depth first). A call that
continues the first continuation of its parent stays in its parent's lane;
every further continuation of a fork opens a lane to the right, drawn from
the parent's row (``●─╮``) down to the branch's calls, git-log style. A new
chain (``after`` is None) starts in lane 0, drawn ``○``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from recviewer.core.sequence import StoryCall

DOT, START, LINE, DOWN, SPLIT, DASH, BLANK = "●", "○", "│", "╮", "┬", "─", " "


@dataclass(slots=True)
class _Segment:
    lane: int
    start: int  # row where the lane is first drawn (the fork's row for a branch)
    end: int    # its last call


def _layout(calls: Sequence[StoryCall]) -> tuple[list[int], list[int | None], list[_Segment]]:
    row_of = {c.facts.rel_path: i for i, c in enumerate(calls)}
    lane: list[int] = []
    parent_row: list[int | None] = []
    segments: list[_Segment] = []
    current: dict[int, _Segment] = {}  # lane -> its open segment
    continued: set[int] = set()  # parent rows whose first continuation is placed
    used = 0
    for i, call in enumerate(calls):
        p = row_of.get(call.after) if call.after is not None else None
        if p is not None and p >= i:
            p = None
        parent_row.append(p)
        if p is None:  # a new chain
            seg = _Segment(0, i, i)
            segments.append(seg)
            current[0] = seg
            lane.append(0)
        elif p not in continued:
            lane.append(lane[p])
            current[lane[p]].end = i
        else:
            used += 1
            seg = _Segment(used, p, i)
            segments.append(seg)
            current[used] = seg
            lane.append(used)
        if p is not None:
            continued.add(p)
    return lane, parent_row, segments


def lanes(calls: Sequence[StoryCall]) -> list[int]:
    """The lane of each call (0-based)."""
    return _layout(calls)[0]


def graph_lines(calls: Sequence[StoryCall]) -> list[str]:
    """One string per call, two characters per lane (trailing blanks cut)."""
    lane, parent_row, segments = _layout(calls)
    if not calls:
        return []
    width = max(lane) + 1
    lines = []
    for i, own in enumerate(lane):
        cells = [BLANK] * width
        joins = [BLANK] * width
        for seg in segments:
            if seg.start < i <= seg.end and seg.lane != own:
                cells[seg.lane] = LINE
        branches = sorted(s.lane for s in segments if s.start == i and s.lane != own)
        if branches:  # forks leave this row to the right
            far = branches[-1]
            for k in range(own, far):
                joins[k] = DASH
            for k in range(own + 1, far + 1):
                if k in branches:
                    cells[k] = DOWN if k == far else SPLIT
                elif cells[k] == BLANK:
                    cells[k] = DASH
        cells[own] = START if parent_row[i] is None else DOT
        lines.append("".join(c + j for c, j in zip(cells, joins)).rstrip())
    return lines
