"""What each cell of the test tree shows, and how it sorts (plain Python, no Qt).

Columns: the name, then what tells sibling recordings apart (endpoint, model,
stream, chunk count). Group rows show how many recordings they hold.
"""

from __future__ import annotations

from typing import Any

from recviewer.core.catalog.scan import KIND_OTHER, NO_TEST_ID_GROUP, natural_key
from recviewer.ui.tree import labels
from recviewer.ui.tree.items import TreeItem

COLUMNS = ("Test / recording", "Endpoint", "Model", "Stream", "Chunks")
NAME, ENDPOINT, MODEL, STREAM, CHUNKS = range(len(COLUMNS))


def group_count(item: TreeItem, filtering: bool = False) -> str:
    """``28 recordings``; ``3 of 28`` while a filter shows 3 of them; the
    other JSON files' group counts ``files``."""
    if filtering:
        return f"{item.hits:,} of {item.count:,}"
    return labels.count_label(item.count, "file" if item.others == item.count else "recording")


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
    lines = [ref.rel_path, ref.test_id or "(no test id)", labels.human_size(ref.size)]
    if ref.kind == KIND_OTHER:
        lines.append(ref.error[:1].upper() + ref.error[1:] if ref.error else "Not a recording")
    elif ref.error:
        lines.append(f"Error: {ref.error}")
    elif ref.failed:
        lines.append(failure_text(ref))
    elif ref.status is not None:
        lines.append(f"HTTP {ref.status}")
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
