"""Which tree items the filter shows, kept up to date in O(1) per question.

The filter is a ``Query``: words typed in the filter box, and optionally a set
of recording paths (``TreePane.filter_to_paths``: "the 12 recordings of model
gpt-4o"). A recording is shown when it is in the path set (if there is one)
and it matches every word itself or sits below a group that does (everything
below a matching group is shown). A group is shown when it holds a shown
recording. ``hits`` counts the shown recordings below a group and is updated
incrementally as batches arrive, so answering "is this row shown?" never walks
a subtree (Qt's own recursive filtering does, for every insert), and a group
can say "3 of 28". Plain Python, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from recviewer.core.catalog.scan import filter_terms
from recviewer.ui.tree import labels
from recviewer.ui.tree.items import TreeItem

Words = tuple[str, ...]

# What the filter box understands, for its tooltip (the words are matched
# against each row's haystack; the ``is:``/``status:`` words come from core).
FILTER_HELP = (
    "Every word must match (case-insensitive): test ids, models, endpoints, "
    "file names, tool names, what a call is.\n"
    "failed / is:failed — failed calls (HTTP status ≥ 400 or a recorded exception)\n"
    "status:400 — calls with that HTTP status\n"
    "is:stream — streamed calls\n"
    "is:error — unreadable files · is:other — JSON files that are not recordings\n"
    "is:stale / key:stale, key:ok, key:legacy, key:unkeyed — recording key status")


@dataclass(slots=True, frozen=True)
class Query:
    """The filter: words (all must match) and an optional set of paths."""

    words: Words = ()
    paths: frozenset[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.words) or self.paths is not None


NO_QUERY = Query()


def haystack(item: TreeItem) -> str:
    """What the filter box matches: test id, model, endpoint, file name, tools,
    the gist, and the core filter words (``failed``, ``status:400``, …)."""
    ref = item.ref
    if ref is None:
        return item.label.lower()
    parts = (ref.test_id or "", ref.model or "", ref.endpoint or "",
             labels.endpoint_label(ref), ref.rel_path, ref.format, ref.gist or "",
             filter_terms(ref), item.terms)
    return " ".join(parts).lower()


def split_words(text: str) -> Words:
    """Lower-case words of a filter string; all of them must match."""
    return tuple(w for w in text.lower().split() if w)


def _matches(item: TreeItem, words: Words) -> bool:
    if item.haystack is None:
        item.haystack = haystack(item)
    text = item.haystack
    return all(w in text for w in words)


def _set_flags(item: TreeItem, parent_covered: bool, query: Query) -> None:
    item.hits = 0
    if item.ref is None:  # a group: covers what is below it when it matches
        item.matched = bool(query.words) and _matches(item, query.words)
        item.covered = parent_covered or item.matched
        return
    allowed = query.paths is None or item.ref.path in query.paths
    item.matched = allowed and (not query.words or parent_covered
                                or _matches(item, query.words))
    item.covered = item.matched


def is_shown(item: TreeItem, query: Query) -> bool:
    if not query:
        return True
    return item.matched if item.ref is not None else item.hits > 0


def apply_query(root: TreeItem, query: Query) -> None:
    """Recompute every item's flags for a new query (one pass, top down)."""
    stack = [(child, False) for child in root.children]
    order: list[TreeItem] = []
    while stack:
        item, parent_covered = stack.pop()
        _set_flags(item, parent_covered, query)
        order.append(item)
        stack.extend((child, item.covered) for child in item.children)
    root.hits = 0
    for item in reversed(order):  # children before their parents
        parent = item.parent
        if parent is not None:
            parent.hits += (1 if item.matched else 0) if item.ref is not None else item.hits


def apply_words(root: TreeItem, words: Words) -> None:
    apply_query(root, Query(words))


def match_new(created: Iterable[TreeItem], query: Query) -> list[TreeItem]:
    """Set the flags of newly created items (parents listed before children).

    Returns the already-visible-to-Qt groups that were hidden and are now shown,
    top-down: the model must announce them so the proxy re-filters them.
    """
    created = list(created)
    for item in created:
        _set_flags(item, item.parent.covered if item.parent is not None else False, query)
    flipped: dict[int, TreeItem] = {}
    for item in created:
        if item.ref is None or not item.matched:
            continue
        for ancestor in item.ancestors():
            if query and ancestor.attached and ancestor.parent is not None and ancestor.hits == 0:
                flipped[id(ancestor)] = ancestor
            ancestor.hits += 1
    return sorted(flipped.values(), key=_depth)


def match_grown(created: list[TreeItem], query: Query) -> None:
    """``match_new`` for items a model reset announces (``plan_batch(reset=True)``):
    the same flags and hits, the hits carried up once per parent."""
    gains: dict[int, list] = {}
    for item in created:
        parent = item.parent
        _set_flags(item, parent.covered if parent is not None else False, query)
        if item.ref is not None and item.matched and parent is not None:
            gain = gains.get(id(parent))
            if gain is None:
                gains[id(parent)] = [parent, 1]
            else:
                gain[1] += 1
    for parent, hits in gains.values():
        node: TreeItem | None = parent
        while node is not None:
            node.hits += hits
            node = node.parent


def _depth(item: TreeItem) -> int:
    return sum(1 for _ in item.ancestors())
