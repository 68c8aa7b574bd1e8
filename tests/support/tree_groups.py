"""Find a group row of the window's test tree by its labels (file, function, …)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from recviewer.ui.tree.selection import group_labels


def group_index(window, labels) -> QModelIndex:
    """The proxy index of the group whose labels are ``labels`` (fails if none)."""
    proxy = window.tree.proxy
    parent = QModelIndex()
    for depth in range(1, len(labels) + 1):
        for row in range(proxy.rowCount(parent)):
            child = proxy.index(row, 0, parent)
            if group_labels(child) == labels[:depth]:
                parent = child
                break
        else:
            raise AssertionError(f"no group {labels[:depth]}")
    return parent
