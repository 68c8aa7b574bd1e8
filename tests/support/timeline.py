"""The stream-timeline panel fixture the timeline tests share."""

from __future__ import annotations

import pytest

from recviewer.ui.timeline.panel import TimelinePanel


@pytest.fixture
def panel(qtbot) -> TimelinePanel:
    p = TimelinePanel()
    qtbot.addWidget(p)
    p.resize(1280, 220)
    return p
