"""What the tree's selection stands for: recordings, groups, names for them.

A group row stands for every recording below it that the filter shows, in
display order; several selected rows stand for the union, each once.
"""

from __future__ import annotations

import os
import re
from typing import Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex
from PySide6.QtWidgets import QTreeView

from recviewer.core.catalog.scan import NO_TEST_ID_GROUP, RecordingRef, tree_path
from recviewer.ui.tree.model import REF_ROLE


def refs_below(model: QAbstractItemModel, index: QModelIndex) -> list[RecordingRef]:
    """The recording at ``index``, or every one below the group, in display order."""
    ref = index.data(REF_ROLE) if index.isValid() else None
    if ref is not None:
        return [ref]
    out: list[RecordingRef] = []

    def walk(parent: QModelIndex) -> None:
        for r in range(model.rowCount(parent)):
            child = model.index(r, 0, parent)
            child_ref = child.data(REF_ROLE)
            if child_ref is not None:
                out.append(child_ref)
            else:
                walk(child)

    walk(index)
    return out


def selected_rows(view: QTreeView) -> list[QModelIndex]:
    """Selected rows (first column), or the current row when none is selected."""
    rows = view.selectionModel().selectedRows(0) if view.selectionModel() else []
    if not rows and view.currentIndex().isValid():
        rows = [view.currentIndex().siblingAtColumn(0)]
    return sorted(rows, key=_position)


def _position(index: QModelIndex) -> tuple[int, ...]:
    rows = []
    while index.isValid():
        rows.append(index.row())
        index = index.parent()
    return tuple(reversed(rows))


def refs_of(model: QAbstractItemModel, rows: Iterable[QModelIndex]) -> list[RecordingRef]:
    """Recordings the rows stand for, each once, in the order met."""
    seen: set[str] = set()
    out: list[RecordingRef] = []
    for index in rows:
        for ref in refs_below(model, index):
            if ref.path not in seen:
                seen.add(ref.path)
                out.append(ref)
    return out


def group_labels(index: QModelIndex) -> tuple[str, ...]:
    """Labels from the root down to a group row (full labels: the tree may show
    them shortened)."""
    if not index.isValid():
        return ()
    model = index.model()
    to_source = getattr(model, "mapToSource", None)
    source = to_source(index) if to_source is not None else index
    item_of = getattr(source.model(), "item", None)
    if item_of is not None:
        return tuple(item_of(source).group_path())
    refs = refs_below(model, index)
    depth = len(_position(index))
    return tree_path(refs[0])[:depth] if refs else ()


def group_test_id(labels: tuple[str, ...]) -> str:
    """The test id prefix a group stands for: ``file``, ``file::function`` or
    ``file::function[params]``; the folder for files without a test id."""
    if not labels:
        return ""
    if labels[0] == NO_TEST_ID_GROUP:
        return labels[1] if len(labels) > 1 else ""
    text = labels[0]
    if len(labels) > 1:
        text += f"::{labels[1]}"
    if len(labels) > 2:
        text += f"[{labels[2]}]"
    return text


_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_file_name(text: str, fallback: str = "recordings") -> str:
    """A portable file name stem from free text (test ids, labels)."""
    stem = _UNSAFE.sub("_", text).strip("._")[:80]
    return stem or fallback


def suggested_name(refs: list[RecordingRef], labels: tuple[str, ...] = ()) -> str:
    """A file name stem for an export of ``refs`` (from a group's ``labels``)."""
    if labels:
        return safe_file_name(group_test_id(labels).replace("::", "-").rsplit("/", 1)[-1])
    if len(refs) == 1:
        ref = refs[0]
        if ref.test_id:
            return safe_file_name(ref.test_id.split("::", 1)[-1].replace("::", "-"))
        return safe_file_name(os.path.splitext(os.path.basename(ref.path))[0])
    return "recordings"
