"""The stream-timeline panel fixture and the tool-call stream the timeline tests share."""

from __future__ import annotations

import pytest

from recviewer.ui.timeline.panel import TimelinePanel
from tests.conftest import RECORDINGS

# streamed, with a tool call (knowledge_search) after text
TOOL_STREAM = RECORDINGS / "responses/recordings/334cee9d473635bb4220061b0e366ca4673bcefff36aacb8f03043a76fe984ae.json"


@pytest.fixture
def panel(qtbot) -> TimelinePanel:
    p = TimelinePanel()
    qtbot.addWidget(p)
    p.resize(1280, 220)
    return p
