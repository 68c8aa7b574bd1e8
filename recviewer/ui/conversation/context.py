"""What part renderers need to know besides the part: theme, options, links.

``ToolLinks`` pairs tool calls with their results across the whole exchange
(request and response) by ``tool_call_id``, giving each pair anchor names that
are ours (numbers), never derived from file text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from recviewer.core.model import Message, ToolCallPart, ToolResultPart
from recviewer.ui.appearance.view_colours import LIGHT, Theme


@dataclass(slots=True, frozen=True)
class Thumb:
    """A decoded image registered in the document under ``src``."""

    src: str
    width: int
    height: int
    original_width: int
    original_height: int


@dataclass(slots=True)
class ToolLinks:
    names: dict[str, str] = field(default_factory=dict)    # call id -> function name
    numbers: dict[str, int] = field(default_factory=dict)  # call/result id -> anchor number
    calls: set[str] = field(default_factory=set)
    results: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, messages: Iterable[Message]) -> ToolLinks:
        links = cls()
        for msg in messages:
            for part in msg.parts:
                if isinstance(part, ToolCallPart) and part.id:
                    links.names.setdefault(part.id, part.name)
                    links.numbers.setdefault(part.id, len(links.numbers) + 1)
                    links.calls.add(part.id)
                elif isinstance(part, ToolResultPart) and part.tool_call_id:
                    links.numbers.setdefault(part.tool_call_id, len(links.numbers) + 1)
                    links.results.add(part.tool_call_id)
        return links

    def call_anchor(self, call_id: str | None) -> str | None:
        """Anchor of the call card for ``call_id``, if that call is shown."""
        if call_id and call_id in self.calls:
            return f"call-{self.numbers[call_id]}"
        return None

    def result_anchor(self, call_id: str | None) -> str | None:
        if call_id and call_id in self.results:
            return f"result-{self.numbers[call_id]}"
        return None


@dataclass(slots=True)
class RenderContext:
    theme: Theme = LIGHT
    markdown: bool = True
    expanded: frozenset[str] = frozenset()  # fold keys the user opened
    links: ToolLinks = field(default_factory=ToolLinks)
    thumb: Callable[[str], Thumb | None] | None = None  # data URL -> registered image
    live: bool = False  # rendering a stream that is still growing (partial tool arguments)

    def is_open(self, key: str) -> bool:
        return key in self.expanded
