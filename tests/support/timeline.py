"""The stream-timeline panel fixture and the tool-call stream the timeline tests share."""

from __future__ import annotations

import pytest

from recviewer.ui.timeline.panel import TimelinePanel
from tests.conftest import RECORDINGS
from tests.corpus_paths import TOOL_STREAM

# streamed, with a tool call (knowledge_search) after text


@pytest.fixture
def panel(qtbot) -> TimelinePanel:
    p = TimelinePanel()
    qtbot.addWidget(p)
    p.resize(1280, 220)
    return p
