"""What each cell of the test tree shows, and how it sorts (plain Python, no Qt).

Columns: the name (a group's label; a recording's place in its test and its
gist: ``#2  → knowledge_search(query="…")``), then what tells sibling
recordings apart (endpoint, model, stream, chunk count, key status) and the
file name.
Group rows show how many recordings they hold ("3 of 28" while filtering).
"""

from __future__ import annotations

from typing import Any

from recviewer.core.catalog.scan import KIND_OTHER, NO_TEST_ID_GROUP, OTHER_FILES_GROUP, natural_key
from recviewer.ui.tree import labels
from recviewer.ui.tree.items import TreeItem

COLUMNS = ("Test / call", "Endpoint", "Model", "Stream", "Chunks", "Key", "File")
NAME, ENDPOINT, MODEL, STREAM, CHUNKS, KEY, FILE = range(len(COLUMNS))
UNPLACED = 1 << 30  # sorts after every story place


def group_count(item: TreeItem, filtering: bool = False) -> str:
    """``28 recordings``; ``3 of 28`` while a filter shows 3 of them; the
    other JSON files' group counts ``files``."""
    if filtering:
        return f"{item.hits:,} of {item.count:,}"
    return labels.count_label(item.count, "file" if item.others == item.count else "recording")


def place_label(item: TreeItem) -> str:
    """``#2``: the call's place in its test's story; a cassette interaction's
    place in its cassette (``FILE#N`` is 0-based: ``#N+1``); '' when unplaced."""
    number = labels.interaction_number(item.ref.rel_path) if item.ref is not None else None
    if number is not None:
        return f"#{number + 1}"
    return f"#{item.place}" if item.place else ""


def call_label(item: TreeItem) -> str:
    """A recording's name cell: its place and its gist, or its file name when
    it says nothing more (unreadable files, other JSON, no gist)."""
    ref = item.ref
    assert ref is not None
    if ref.error is not None or ref.kind == KIND_OTHER or not ref.gist:
        text = labels.file_name(ref.rel_path)
    else:
        text = ref.gist
    place = place_label(item)
    return f"{place}  {text}" if place else text


def display(item: TreeItem, col: int, hidden_prefix: str = "",
            filtering: bool = False) -> str | None:
    """The cell text; ``hidden_prefix`` is left out of a group's name."""
    ref = item.ref
    if ref is None:
        if col == NAME:
            if hidden_prefix and item.label.startswith(hidden_prefix):
                return item.label[len(hidden_prefix):]
            return item.label
        if col == ENDPOINT:  # errors below show as an icon (see the tooltip)
            return group_count(item, filtering)
        return None
    if col == NAME:
        return call_label(item)
    if col == FILE:
        return labels.file_name(ref.rel_path)
    if col == ENDPOINT:
        return labels.endpoint_label(ref) or ("error" if ref.error and ref.kind != KIND_OTHER
                                              else "")
    if col == MODEL:
        return ref.model or ""
    if col == STREAM:
        return labels.stream_label(ref)
    if col == CHUNKS:
        return labels.chunks_label(ref)
    if col == KEY:
        return item.key or ""
    return None


ICON_UNREADABLE, ICON_FAILED, ICON_OTHER = "unreadable", "failed", "other"


def icon_kind(item: TreeItem) -> str | None:
    """Which icon a row shows: an unreadable file (or a group holding one),
    a failed call (or a group holding one), an other JSON file, or none."""
    ref = item.ref
    if ref is None:
        return ICON_UNREADABLE if item.errors else ICON_FAILED if item.failed else None
    if ref.kind == KIND_OTHER:
        return ICON_OTHER
    if item.errors:
        return ICON_UNREADABLE
    return ICON_FAILED if ref.failed else None


def failure_text(ref) -> str:
    """``Failed call: HTTP 400`` / ``Failed call: recorded exception``."""
    if ref.status is not None and ref.status >= 400:
        return f"Failed call: HTTP {ref.status}"
    return "Failed call: recorded exception" + (f" (HTTP {ref.status})" if ref.status else "")


def group_tooltip(item: TreeItem) -> str:
    files = item.count - item.errors - item.others
    parts = [labels.count_label(files, "recording")]
    if item.failed:
        parts.append(labels.count_label(item.failed, "failed call"))
    if item.errors:
        parts.append(labels.count_label(item.errors, "unreadable file"))
    if item.others:
        parts.append(labels.count_label(item.others, "other JSON file"))
    text = ", ".join(parts)
    if files != item.count:
        text = f"{labels.count_label(item.count, 'file')}: {text}"
    return f"{' › '.join(item.group_path())}\n{text}"


def tooltip(item: TreeItem) -> str:
    ref = item.ref
    if ref is None:
        return group_tooltip(item)
    lines = []
    if ref.gist and ref.error is None:
        place = place_label(item)
        lines.append(f"{place}  {ref.gist}" if place else ref.gist)
    lines += [ref.rel_path, ref.test_id or "(no test id)", labels.human_size(ref.size)]
    if ref.kind == KIND_OTHER:
        lines.append(ref.error[:1].upper() + ref.error[1:] if ref.error else "Not a recording")
    elif ref.error:
        lines.append(f"Error: {ref.error}")
    elif ref.failed:
        lines.append(failure_text(ref))
    elif ref.status is not None:
        lines.append(f"HTTP {ref.status}")
    if item.key:
        lines.append(f"Key: {item.key}" + (f" ({item.key_cause})" if item.key_cause else ""))
    return "\n".join(lines)


class Descending:
    """A sort value compared the other way round (descending sorts keep the
    '(no test id)' and 'Other JSON files' groups last)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: Descending) -> bool:
        return other.value < self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Descending) and other.value == self.value


def _rank(item: TreeItem, root: TreeItem | None) -> int:
    if item.parent is root and item.ref is None:
        return 2 if item.label == OTHER_FILES_GROUP else 1 if item.label == NO_TEST_ID_GROUP else 0
    return 0


def sort_value(item: TreeItem, col: int, story: bool = True) -> Any:
    """The value a column sorts on (natural order; recordings within a test
    in story order on the name column when ``story``)."""
    ref = item.ref
    if ref is None:
        if col == ENDPOINT:
            return (0, -item.count, natural_key(item.label))
        return (0, 0, natural_key(item.label))
    name = natural_key(ref.rel_path)
    if col == NAME:
        if not story:
            return (1, 0, name)
        number = labels.interaction_number(ref.rel_path)
        return (1, item.place or UNPLACED if number is None else 0, name)
    if col == FILE:
        return (1, 0, name)
    if col == CHUNKS:  # numbers; unstreamed before streamed
        return (1, ref.chunks if ref.chunks is not None else -1, name)
    return (1, natural_key(display(item, col) or ""), name)


def sort_key(item: TreeItem, col: int, root: TreeItem | None = None, *,
             descending: bool = False, story: bool = True) -> tuple:
    """The full key: the special top groups last in either direction, then the
    column's value (reversed when ``descending``)."""
    value = sort_value(item, col, story)
    return (_rank(item, root), Descending(value) if descending else value)
