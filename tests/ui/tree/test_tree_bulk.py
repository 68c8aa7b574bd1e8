"""Big scan batches reach the tree as one model reset (issue 19, Window): the
tree ends the same as when built row by row, the view keeps what the user
opened and selected, and the big tree is kept out of the garbage collector's
walks until the folder is closed."""

from __future__ import annotations

import gc
import random

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.catalog.scan import scan
from recviewer.ui.tree import model as tree_model
from recviewer.ui.tree.filter_proxy import TreeFilterProxy
from recviewer.ui.tree.model import NAME, REF_ROLE, TestTreeModel
from recviewer.ui.tree.pane import TreePane
from tests.corpus_paths import CORPUS

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


@pytest.fixture(scope="module")
def refs():
    found = list(scan(CORPUS / "recordings").refs)
    assert len(found) > 200
    return found


@pytest.fixture
def small_bulk(monkeypatch):
    """Batches of 40 rows or more take the reset path (real refs, fewer of them)."""
    monkeypatch.setattr(tree_model, "BULK_ROWS", 40)


def shape(model, parent=QModelIndex()) -> list:
    """Every row's label (or file), count and children, in the model's order."""
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, NAME, parent)
        item = model.item(index)
        ref = index.data(REF_ROLE)
        assert item.row == row
        out.append((ref.rel_path if ref is not None else item.label, item.count, item.failed,
                    item.errors, item.others, shape(model, index)))
    return out


def test_a_bulk_batch_builds_the_tree_rows_one_by_one_would(qtbot, refs, small_bulk):
    shuffled = list(refs)
    random.Random(3).shuffle(shuffled)
    by_rows = TestTreeModel()
    for ref in shuffled:
        by_rows.add_refs([ref])
    bulk = TestTreeModel()
    proxy = TreeFilterProxy()
    proxy.setSourceModel(bulk)
    QAbstractItemModelTester(bulk, FATAL)
    QAbstractItemModelTester(proxy, FATAL)
    resets: list[int] = []
    bulk.modelReset.connect(lambda: resets.append(bulk.recording_count()))
    bulk.add_refs(shuffled[:10])  # a small first batch: inserted
    bulk.add_refs(shuffled[10:])  # the rest: one reset
    assert resets == [len(refs)]
    assert shape(bulk) == shape(by_rows)
    assert bulk.counts() == by_rows.counts()
    assert bulk.hidden_prefix == by_rows.hidden_prefix
    assert proxy.rowCount() == bulk.rowCount()


def test_a_bulk_batch_under_a_filter_shows_only_matches(qtbot, refs, small_bulk):
    model = TestTreeModel()
    proxy = TreeFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, FATAL)
    proxy.set_filter_text("embeddings")
    model.add_refs(refs)
    shown = model.shown_count()
    assert 0 < shown < len(refs)
    plain = TestTreeModel()
    plain.add_refs(refs[:39])  # under the bulk size: the row-by-row path
    plain.add_refs(refs[39:40])
    for ref in refs[40:]:
        plain.add_refs([ref])
    plain.set_filter_words(("embeddings",))
    assert plain.shown_count() == shown


def _group_index(pane: TreePane, row: int) -> QModelIndex:
    return pane.proxy.index(row, NAME)


def test_the_view_keeps_open_rows_and_the_current_row_across_a_reset(qtbot, refs, small_bulk):
    pane = TreePane()
    qtbot.addWidget(pane)
    pane.resize(700, 500)
    pane.show()
    first = sorted(refs, key=lambda r: r.rel_path)
    pane.add_refs(first[:30])  # inserted: the user works in these rows meanwhile
    group = _group_index(pane, 0)
    pane.view.expand(group)
    child = pane.proxy.index(0, NAME, group)
    while child.data(REF_ROLE) is None:  # down to a recording
        pane.view.expand(child)
        child = pane.proxy.index(0, NAME, child)
    chosen = child.data(REF_ROLE)
    selected: list = []
    pane.recording_selected.connect(selected.append)
    pane.view.setCurrentIndex(child)
    assert selected == [chosen]
    opened = pane.model.item(pane.proxy.mapToSource(group))
    resets: list[bool] = []
    pane.model.modelReset.connect(lambda: resets.append(True))
    pane.add_refs(first[30:])  # the rest of the scan: one reset
    assert resets == [True]
    assert pane.current_ref() == chosen
    assert selected == [chosen]  # the same row again: no second load of it
    again = pane.proxy.mapFromSource(pane.model.index_of_item(opened))
    assert again.isValid() and pane.view.isExpanded(again)


def test_index_of_item_is_invalid_once_the_item_is_gone(qtbot, refs):
    model = TestTreeModel()
    model.add_refs(refs[:5])
    item = model.item(model.index(0, NAME))
    assert model.index_of_item(item).isValid()
    model.clear()
    assert not model.index_of_item(item).isValid()


def test_the_tree_is_frozen_for_the_collector_until_cleared(qtbot, refs):
    model = TestTreeModel()
    assert gc.isenabled()
    model.add_refs(refs)
    assert gc.isenabled()
    assert gc.get_freeze_count() > len(refs)  # items and refs are out of its walks
    model.clear()
    assert gc.get_freeze_count() == 0


def test_groups_are_sorted_when_first_asked_and_rows_match_the_full_sort(qtbot, refs, small_bulk):
    by_rows = TestTreeModel()
    for ref in refs:
        by_rows.add_refs([ref])
    bulk = TestTreeModel()
    bulk.add_refs(refs)
    unsorted = [g for g in _groups(bulk.item(QModelIndex())) if g.unsorted]
    assert unsorted  # a reset sorts only the top rows
    for ref in refs:  # looking a row up sorts its group first
        got, want = bulk.index_for_path(ref.path), by_rows.index_for_path(ref.path)
        assert (got.row(), got.parent().row()) == (want.row(), want.parent().row())
        assert not got.internalPointer().parent.unsorted
    assert shape(bulk) == shape(by_rows)  # every row asked for: every group sorted
    assert not [g for g in _groups(bulk.item(QModelIndex())) if g.unsorted]


def _groups(node):
    for child in node.children:
        if child.ref is None:
            yield child
            yield from _groups(child)
