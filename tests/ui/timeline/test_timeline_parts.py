"""The timeline's parts: chunk list model, row text, marks, plot series, axis."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from recviewer.core.replay import describe_chunks, stream_markers
from recviewer.ui.timeline.chunk_list import ChunkListModel
from recviewer.ui.timeline.axis import PositionAxis
from recviewer.ui.timeline.chunk_list import ChunkIndexRole, quoted, row_text
from recviewer.ui.timeline.colours import TimelineColours
from recviewer.ui.appearance.view_colours import LIGHT
from recviewer.ui.timeline.marks import build_marks
from recviewer.ui.timeline.plot import series_of
from tests.corpus_paths import LARGEST, SEED, TOOL_STREAM


def summaries(path):
    rec = read_recording(path)
    assert isinstance(rec, Recording), rec
    return rec, describe_chunks(rec.exchange)


def test_chunk_list_model_passes_the_model_tester(qtbot):
    model = ChunkListModel(colours=TimelineColours.from_theme(LIGHT))
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    for path in (SEED, LARGEST, TOOL_STREAM):
        rec, rows = summaries(path)
        model.set_summaries(rows)
        assert model.rowCount() == len(rec.exchange.chunks)
    model.set_summaries([])
    assert model.rowCount() == 0


def test_chunk_list_rows(qtbot):
    model = ChunkListModel(colours=TimelineColours.from_theme(LIGHT))
    _, rows = summaries(TOOL_STREAM)
    model.set_summaries(rows)
    text = [model.index(r, 0).data() for r in range(model.rowCount())]
    # 1-based, what arrived first, the event type (when not plain "chunk") last
    assert text[0] == "#1  role=assistant"
    assert text[1] == "#2  get_weather"
    assert text[2] == "#3  tool[0] '{\"lo'"
    assert text[17] == "#18  finish=tool_calls"
    assert text[18] == "#19  usage"  # (the event type "usage" is not said twice)
    assert model.index(9, 0).data(ChunkIndexRole) == 9
    assert "chunk #10" in model.index(9, 0).data(Qt.ItemDataRole.ToolTipRole)
    swatch = model.index(1, 0).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(swatch, QPixmap) and swatch.height() <= 16
    assert swatch.toImage().pixelColor(0, 0).name() == LIGHT.roles["tool"].stripe


def test_row_text_of_text_chunks():
    _, rows = summaries(LARGEST)
    first_text = next(s for s in rows if s.text_delta)
    assert row_text(first_text) == f"#{first_text.index + 1}  {quoted(first_text.text_delta)}"
    assert quoted("a\nb") == "'a\\nb'"
    assert quoted("x" * 100, 10) == "'" + "x" * 9 + "…'"


def test_marks_follow_the_stream_markers():
    rec, rows = summaries(SEED)
    markers = stream_markers(rec.exchange.chunks)
    marks = build_marks(markers, rows)
    assert [m.position for m in marks] == sorted(m.position for m in marks)
    content = [m for m in marks if m.kind == "content"]
    assert content[0].position == markers.content_start + 1
    assert not [m for m in marks if m.kind == "tool"]


def test_plot_series_split_text_and_tool_arguments():
    rec, rows = summaries(TOOL_STREAM)
    text, tool = series_of(rows)
    assert len(text) == len(tool) == len(rec.exchange.chunks)
    final = rec.exchange.response_messages[0].tool_calls
    assert sum(tool) == sum(len(c.arguments) for c in final)
    assert sum(text) == 0
    rec, rows = summaries(SEED)
    text, tool = series_of(rows)
    assert sum(text) == len(rec.exchange.response_messages[0].text) and sum(tool) == 0


@pytest.mark.parametrize("width", [100, 640, 1280])
def test_axis_round_trips_positions(width):
    axis = PositionAxis.for_width(width, 62)
    for p in (0, 1, 31, 61, 62):
        assert axis.position_at(axis.x_of(p)) == p
    assert axis.position_at(-50) == 0 and axis.position_at(width + 50) == 62
    assert axis.chunk_at((axis.x_of(5) + axis.x_of(6)) / 2) == 5
    assert PositionAxis.for_width(width, 0).position_at(30) == 0


def test_rows_of_anthropic_gemini_and_tool_streams_lead_with_what_arrived():
    from recviewer.core.formats.registry import read_recording
    from recviewer.core.replay import describe_chunks
    from tests.corpus_paths import ANTHROPIC_SSE, GEMINI_INTERACTIONS_SSE

    rows = describe_chunks(read_recording(str(ANTHROPIC_SSE)).exchange)
    texts = [row_text(s) for s in rows]
    assert texts[2] == "#3  reasoning 'We'  \u00b7 content_block_delta"
    assert texts[1] == "#2  content_block_start"  # nothing arrived: the event type alone
    gem = [row_text(s) for s in describe_chunks(read_recording(str(GEMINI_INTERACTIONS_SSE)).exchange)]
    assert gem[6] == "#7  'Hi'  \u00b7 content.delta"
    _, tool_rows = summaries(TOOL_STREAM)
    fragment = next(s for s in tool_rows if s.tool_call_deltas and s.tool_call_deltas[0].arguments)
    assert row_text(fragment).startswith(f"#{fragment.index + 1}  tool[0] '")


def test_reasoning_has_its_own_colour_legend_and_plot_series(qtbot):
    from recviewer.core.formats.registry import read_recording
    from recviewer.core.replay import describe_chunks
    from recviewer.ui.appearance.view_colours import DARK
    from recviewer.ui.timeline.marks import LEGEND
    from recviewer.ui.timeline.plot import reasoning_of
    from tests.corpus_paths import REASONING

    light, dark = TimelineColours.from_theme(LIGHT), TimelineColours.from_theme(DARK)
    for c in (light, dark):
        others = {c.content.name(), c.tool.name(), c.finish.name(), c.error.name(), c.head.name()}
        assert c.reasoning.name() not in others
    assert "reasoning" in [kind for kind, _ in LEGEND]
    rows = describe_chunks(read_recording(str(REASONING)).exchange)
    think = reasoning_of(rows)
    assert think[1] == len(rows[1].reasoning_delta) > 0 and think[3] == 0
    text, _ = series_of(rows)
    assert all(t >= r for t, r in zip(text, think))
