"""The test tree as plain Python items (no Qt), grown in batches.

Levels: test file → test function → parametrization → recording, as given by
``core.catalog.tree_path(ref)``. ``plan_batch`` works out, for one batch of
refs, which new children each already-visible parent gets, so that the Qt model
can announce one contiguous insertion per parent per batch.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Iterable

from recviewer.core.catalog.scan import (KIND_OTHER, KIND_RECORDING, KIND_UNREADABLE, RecordingRef,
                                         tree_path)

PathOf = Callable[[RecordingRef], tuple[str, ...]]
_NO_CHILDREN: tuple = ()
_NO_GROUPS = MappingProxyType({})


class TreeItem:
    """A group (``ref is None``) or a recording (``ref`` set)."""

    __slots__ = ("label", "parent", "children", "row", "ref", "count", "errors", "failed",
                 "others", "attached", "terms", "sort_key", "haystack", "matched", "covered", "hits",
                 "place", "key", "key_cause", "unsorted", "_by_label")

    def __init__(self, label: str, parent: TreeItem | None = None,
                 ref: RecordingRef | None = None) -> None:
        self.label = label
        self.parent = parent
        # A recording never has children: it shares read-only empties (fewer
        # objects for the garbage collector to walk, ~5% of a 30k-file index).
        self.children: list[TreeItem] = [] if ref is None else _NO_CHILDREN  # type: ignore[assignment]
        self.row = 0
        self.ref = ref
        self.count = 0  # recordings below (groups) — 1 for a recording
        self.errors = 0  # unreadable files below (not other JSON files)
        self.failed = 0  # recordings of failed calls below
        self.others = 0  # JSON files below that are not recordings
        self.attached = False  # visible through the model (the root always is)
        self.terms = ""  # extra lower-case words the filter matches (tool names)
        self.sort_key: tuple | None = None  # its key in the model's current order
        self.haystack: str | None = None  # cached filter text (tree_match)
        self.matched = False  # matches the filter words itself
        self.covered = False  # it or an ancestor matches
        self.hits = 0  # shown recordings below (the filter's "3 of 28")
        self.place: int | None = None  # 1-based place in its test's story (core.sequence)
        self.key: str | None = None  # key status: ok / stale / legacy / unkeyed (core.keys)
        self.key_cause: str | None = None  # why a stale file is stale
        self.unsorted = False  # children not yet in the model's order (TestTreeModel.ensure_sorted)
        self._by_label: dict[str, TreeItem] = {} if ref is None else _NO_GROUPS  # type: ignore[assignment]

    @classmethod
    def new_root(cls) -> TreeItem:
        root = cls("")
        root.attached = True
        return root

    @property
    def is_group(self) -> bool:
        return self.ref is None

    def child_group(self, label: str) -> TreeItem | None:
        return self._by_label.get(label)

    def ancestors(self) -> Iterable[TreeItem]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def group_path(self) -> tuple[str, ...]:
        labels = [self.label] + [a.label for a in self.ancestors()]
        return tuple(reversed(labels[:-1]))  # without the root's empty label


@contextmanager
def building():
    """Around building a batch of items: no garbage collection meanwhile, and
    what exists afterwards moved out of the collector's sight (``gc.freeze``).
    A 30k-file scan makes ~60k items and refs, and every collection their
    allocations set off (here, and in the scan's worker thread, which also
    walks the application's own objects: modules, Qt wrappers) would walk all
    of it (py-spy: ~20% of the window's listing; freezing saves ~0.3 s of a
    warm 30k-file open). ``release()`` when the tree is dropped gives it all
    back to the collector: a tree holds reference cycles (parent and
    children) and is collected then."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.enable()


def release() -> None:
    """The tree built under ``building`` was dropped: collectable again."""
    gc.unfreeze()


@dataclass(slots=True)
class Insertion:
    """New children for one visible parent, appended after its current rows."""

    parent: TreeItem
    items: list[TreeItem] = field(default_factory=list)

    @property
    def first(self) -> int:
        return len(self.parent.children)

    @property
    def last(self) -> int:
        return len(self.parent.children) + len(self.items) - 1


@dataclass(slots=True)
class BatchPlan:
    insertions: list[Insertion]
    changed: list[TreeItem]  # visible groups whose counts changed
    recordings: list[TreeItem]  # the new recording items
    created: list[TreeItem]  # every new item, parents before children


def _add_child(parent: TreeItem, child: TreeItem, pending: dict[int, Insertion]) -> None:
    child.parent = parent
    if child.ref is None:
        parent._by_label[child.label] = child
    if parent.attached:
        ins = pending.get(id(parent))
        if ins is None:
            ins = pending[id(parent)] = Insertion(parent)
        ins.items.append(child)
    else:  # parent itself is new: its children ride along with it
        child.row = len(parent.children)
        parent.children.append(child)


def plan_batch(root: TreeItem, refs: Iterable[RecordingRef],
               path_of: PathOf = tree_path, terms: dict[str, str] | None = None,
               *, reset: bool = False) -> BatchPlan:
    """Create the items for ``refs`` without attaching them to visible parents
    (with ``reset``: attached at once, appended to their parents, for a model
    that announces the batch as a reset; ``insertions`` is then empty).

    Counts are updated here, so the model reports consistent numbers while the
    insertions are being applied.
    """
    if reset:
        return _grow(root, refs, path_of, terms)
    pending: dict[int, Insertion] = {}
    changed: dict[int, TreeItem] = {}
    recordings: list[TreeItem] = []
    created: list[TreeItem] = []
    for ref in refs:
        node = root
        for label in path_of(ref):
            child = node.child_group(label)
            if child is None:
                child = TreeItem(label)
                _add_child(node, child, pending)
                created.append(child)
            node = child
        item = TreeItem(ref.rel_path, ref=ref)
        set_own_counts(item)
        if terms:
            item.terms = terms.get(ref.path, "")
        _add_child(node, item, pending)
        recordings.append(item)
        created.append(item)
        for group in item.ancestors():
            group.count += 1
            group.errors += item.errors
            group.failed += item.failed
            group.others += item.others
            if group.attached and group is not root:
                changed[id(group)] = group
    return BatchPlan(list(pending.values()), list(changed.values()), recordings, created)


def _grow(root: TreeItem, refs: Iterable[RecordingRef], path_of: PathOf,
          terms: dict[str, str] | None) -> BatchPlan:
    """``plan_batch(reset=True)``: the items appended straight to their
    parents. Made for a whole scan at once: a test's group is looked up once
    per test id (with the default ``tree_path``, which depends on nothing
    else for a recording with one), and counts are carried up once per group
    that gained recordings, not once per recording."""
    recordings: list[TreeItem] = []
    created: list[TreeItem] = []
    by_test: dict[str, TreeItem] = {}
    gains: dict[int, list] = {}  # id(group) -> [group, count, errors, failed, others]
    memo = path_of is tree_path
    new_item = TreeItem
    for ref in refs:
        test_id = ref.test_id if memo and ref.kind != KIND_OTHER else None
        node = by_test.get(test_id) if test_id else None
        if node is None:
            node = root
            for label in path_of(ref):
                child = node._by_label.get(label)
                if child is None:
                    child = TreeItem(label)
                    child.attached = True
                    child.parent = node
                    node._by_label[label] = child
                    child.row = len(node.children)
                    node.children.append(child)
                    created.append(child)
                node = child
            if test_id:
                by_test[test_id] = node
        item = new_item(ref.rel_path, ref=ref)
        item.attached = True
        item.count = 1
        gain = gains.get(id(node))
        if gain is None:
            gain = gains[id(node)] = [node, 0, 0, 0, 0]
        gain[1] += 1
        if ref.kind != KIND_RECORDING or ref.error is not None or ref.failed:
            set_own_counts(item)  # (a readable call that did not fail counts 1, 0, 0, 0)
            gain[2] += item.errors
            gain[3] += item.failed
            gain[4] += item.others
        if terms:
            item.terms = terms.get(ref.path, "")
        item.parent = node
        item.row = len(node.children)
        node.children.append(item)
        recordings.append(item)
        created.append(item)
    for node, count, errors, failed, others in gains.values():
        group: TreeItem | None = node
        while group is not None:
            group.count += count
            group.errors += errors
            group.failed += failed
            group.others += others
            group = group.parent
    return BatchPlan([], [], recordings, created)


def set_own_counts(item: TreeItem) -> None:
    """A recording item's own counts from its ref (1 or 0 each)."""
    ref = item.ref
    item.count = 1
    item.others = 1 if ref.kind == KIND_OTHER else 0
    item.errors = 1 if (ref.error is not None or ref.kind == KIND_UNREADABLE) and not item.others \
        else 0
    item.failed = 1 if ref.failed else 0


def attach(ins: Insertion) -> None:
    """Make ``ins.items`` (and everything below them) visible children."""
    parent = ins.parent
    for item in ins.items:
        item.row = len(parent.children)
        parent.children.append(item)
        mark_attached(item)


def mark_attached(item: TreeItem) -> None:
    stack = [item]
    while stack:
        node = stack.pop()
        node.attached = True
        stack.extend(node.children)
