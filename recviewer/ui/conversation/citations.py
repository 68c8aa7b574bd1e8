"""Citation markers such as ``<|file-247992711531|>`` shown as visible chips.

Models cite retrieved files with ``<|id|>``; in rich text such a marker would
look like a tag and vanish, so it is cut out *before* escaping and replaced by
a styled span that shows the id.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

from recviewer.ui.conversation.text import esc
from recviewer.ui.appearance.view_colours import Theme

CITATION = re.compile(r"<\|([^|<>\s]{1,200})\|>")


def split_citations(text: str) -> Iterator[tuple[bool, str]]:
    """(is_citation, piece) in order; citation pieces are the bare ids."""
    pos = 0
    for m in CITATION.finditer(text):
        if m.start() > pos:
            yield False, text[pos:m.start()]
        yield True, m.group(1)
        pos = m.end()
    if pos < len(text):
        yield False, text[pos:]


def chip_html(citation_id: str, theme: Theme) -> str:
    """One chip: the id on a tinted background, spaced from its neighbours."""
    return (f'<span style="background-color:{theme.chip_bg};color:{theme.chip_fg};'
            f'font-size:small;">&#160;{esc(citation_id)}&#160;</span>&#8202;')


def with_chips(text: str, theme: Theme, plain: Callable[[str], str] = esc) -> str:
    """``text`` as HTML: citations become chips, the rest goes through ``plain``
    (which must escape)."""
    if "<|" not in text:
        return plain(text)
    return "".join(chip_html(piece, theme) if is_cite else plain(piece)
                   for is_cite, piece in split_citations(text))
