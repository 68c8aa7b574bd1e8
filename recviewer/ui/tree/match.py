"""Which tree items the filter shows, kept up to date in O(1) per question.

A row is shown when it matches every filter word itself, when an ancestor does
(everything below a matching group is shown), or when a descendant does (so the
path to a match stays visible). ``hits`` counts matching descendants and is
updated incrementally as batches arrive, so answering "is this row shown?"
never walks a subtree (Qt's own recursive filtering does, for every insert).
Plain Python, no Qt.
"""

from __future__ import annotations

from typing import Iterable

from recviewer.ui.tree import labels
from recviewer.ui.tree.items import TreeItem

Words = tuple[str, ...]


def haystack(item: TreeItem) -> str:
    """What the filter box matches: test id, model, endpoint, file name, tools."""
    ref = item.ref
    if ref is None:
        return item.label.lower()
    parts = (ref.test_id or "", ref.model or "", ref.endpoint or "",
             labels.endpoint_label(ref), ref.rel_path, ref.format, item.terms)
    return " ".join(parts).lower()


def split_words(text: str) -> Words:
    """Lower-case words of a filter string; all of them must match."""
    return tuple(w for w in text.lower().split() if w)


def _matches(item: TreeItem, words: Words) -> bool:
    if item.haystack is None:
        item.haystack = haystack(item)
    text = item.haystack
    return all(w in text for w in words)


def is_shown(item: TreeItem, words: Words) -> bool:
    return not words or item.matched or item.covered or item.hits > 0


def apply_words(root: TreeItem, words: Words) -> None:
    """Recompute every item's flags for new filter words (one pass, top down)."""
    stack = [(child, False) for child in root.children]
    order: list[TreeItem] = []
    while stack:
        item, parent_covered = stack.pop()
        item.matched = bool(words) and _matches(item, words)
        item.covered = parent_covered or item.matched
        item.hits = 0
        order.append(item)
        stack.extend((child, item.covered) for child in item.children)
    for item in reversed(order):  # children before their parents
        if item.matched or item.hits:
            parent = item.parent
            if parent is not None:
                parent.hits += (1 if item.matched else 0) + item.hits
    root.hits = sum((c.hits + (1 if c.matched else 0)) for c in root.children)


def match_new(created: Iterable[TreeItem], words: Words) -> list[TreeItem]:
    """Set the flags of newly created items (parents listed before children).

    Returns the already-visible-to-Qt groups that were hidden and are now shown,
    top-down: the model must announce them so the proxy re-filters them.
    """
    created = list(created)
    for item in created:
        parent_covered = item.parent.covered if item.parent is not None else False
        item.matched = bool(words) and _matches(item, words)
        item.covered = parent_covered or item.matched
        item.hits = 0
    if not words:
        return []
    flipped: dict[int, TreeItem] = {}
    for item in created:
        if not item.matched:
            continue
        for ancestor in item.ancestors():
            if ancestor.attached and ancestor.parent is not None and not is_shown(ancestor, words):
                flipped[id(ancestor)] = ancestor
            ancestor.hits += 1
    return sorted(flipped.values(), key=_depth)


def _depth(item: TreeItem) -> int:
    return sum(1 for _ in item.ancestors())
