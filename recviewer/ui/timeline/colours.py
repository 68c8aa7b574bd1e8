"""Colours of the timeline's markers and plot series, taken from the app theme.

Content, tool calls and finish get the assistant, tool and system role
colours (reasoning a teal of its own) of ``recviewer.ui.appearance.view_colours`` so the timeline matches the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from recviewer.ui.appearance.view_colours import Theme, theme_for_palette


# Reasoning has its own colour (teal), apart from text, tools, finish and errors.
REASONING_LIGHT, REASONING_DARK = "#1b7c83", "#39c5cf"


@dataclass(slots=True, frozen=True)
class TimelineColours:
    content: QColor
    tool: QColor
    finish: QColor
    reasoning: QColor
    error: QColor
    played: QColor
    track: QColor
    head: QColor
    muted: QColor

    @classmethod
    def from_theme(cls, theme: Theme) -> TimelineColours:
        return cls(
            content=QColor(theme.roles["assistant"].stripe),
            tool=QColor(theme.roles["tool"].stripe),
            finish=QColor(theme.roles["system"].stripe),
            reasoning=QColor(REASONING_DARK if theme.dark else REASONING_LIGHT),
            error=QColor(theme.error_border),
            played=QColor(theme.link),
            track=QColor(theme.card_border),
            head=QColor(theme.text),
            muted=QColor(theme.muted),
        )

    @classmethod
    def for_palette(cls, palette: QPalette) -> TimelineColours:
        return cls.from_theme(theme_for_palette(palette))
