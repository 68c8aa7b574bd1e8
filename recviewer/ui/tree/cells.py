"""What each cell of the test tree shows, and how it sorts (plain Python, no Qt).

Columns: the name, then what tells sibling recordings apart (endpoint, model,
stream, chunk count). Group rows show how many recordings they hold.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.catalog.scan import NO_TEST_ID_GROUP, natural_key
from recviewer.ui.tree import labels
from recviewer.ui.tree.items import TreeItem

COLUMNS = ("Test / recording", "Endpoint", "Model", "Stream", "Chunks")
NAME, ENDPOINT, MODEL, STREAM, CHUNKS = range(len(COLUMNS))


def display(item: TreeItem, col: int, hidden_prefix: str = "") -> str | None:
    """The cell text; ``hidden_prefix`` is left out of a group's name."""
    ref = item.ref
    if ref is None:
        if col == NAME:
            if hidden_prefix and item.label.startswith(hidden_prefix):
                return item.label[len(hidden_prefix):]
            return item.label
        if col == ENDPOINT:  # errors below show as an icon (see the tooltip)
            return labels.count_label(item.count, "recording")
        return None
    if col == NAME:
        return labels.short_file_name(ref.rel_path)
    if col == ENDPOINT:
        return labels.endpoint_label(ref) or ("error" if ref.error else "")
    if col == MODEL:
        return ref.model or ""
    if col == STREAM:
        return labels.stream_label(ref)
    if col == CHUNKS:
        return labels.chunks_label(ref)
    return None


def tooltip(item: TreeItem) -> str:
    ref = item.ref
    if ref is None:
        text = f"{' › '.join(item.group_path())}\n{labels.count_label(item.count, 'recording')}"
        if item.errors:
            text += f", {labels.count_label(item.errors, 'unreadable file')}"
        return text
    lines = [ref.rel_path, ref.test_id or "(no test id)", labels.human_size(ref.size)]
    if ref.error:
        lines.append(f"Error: {ref.error}")
    return "\n".join(lines)


def sort_key(item: TreeItem, col: int, root: TreeItem) -> Any:
    """Natural order; the '(no test id)' group after the test files in every column."""
    rank = 1 if item.parent is root and item.label == NO_TEST_ID_GROUP else 0
    if col == NAME:
        if item.sort_key is None:  # cached: the name column sorts on every insert
            text = item.ref.rel_path if item.ref is not None else item.label
            item.sort_key = (rank, natural_key(text))
        return item.sort_key
    if col == CHUNKS:  # numbers; groups first, unstreamed before streamed
        ref = item.ref
        return (rank, -2 if ref is None else (ref.chunks if ref.chunks is not None else -1))
    return (rank, natural_key(display(item, col) or ""))
