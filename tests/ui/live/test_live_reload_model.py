"""LiveTreeModel: rows removed and re-read in place, counts and filter kept right."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.catalog.scan import scan, tree_path
from recviewer.ui.tree.filter_proxy import TreeFilterProxy
from recviewer.ui.tree.live_model import CHANGED, DELETED, MARK_ROLE, NEW, LiveTreeModel, RowMark
from recviewer.ui.tree.model import NAME, REF_ROLE
from tests.corpus_paths import RECORDINGS

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


@pytest.fixture(scope="module")
def refs():
    found = scan(RECORDINGS / "messages/recordings").refs + scan(RECORDINGS / "telemetry").refs
    assert len(found) >= 10 and len({tree_path(r) for r in found}) >= 4
    return sorted(found, key=lambda r: r.path)


@pytest.fixture
def model(qtbot, refs):
    m = LiveTreeModel()
    proxy = TreeFilterProxy()
    proxy.setSourceModel(m)
    testers = [QAbstractItemModelTester(m, FATAL), QAbstractItemModelTester(proxy, FATAL)]
    m.add_refs(refs)
    m.proxy, m.testers = proxy, testers  # kept alive with the model
    return m


def shown_paths(proxy, parent=QModelIndex()) -> set[str]:
    out = set()
    for r in range(proxy.rowCount(parent)):
        index = proxy.index(r, NAME, parent)
        ref = index.data(REF_ROLE)
        out |= {ref.path} if ref is not None else shown_paths(proxy, index)
    return out


def group_count(model, path) -> int:
    return len(model.item(model.index_for_path(path).parent()).children)


def test_remove_one_recording_keeps_the_others_and_their_indexes(model, refs):
    keep = QPersistentModelIndex(model.index_for_path(refs[-1].path))
    removed = model.remove_paths([refs[0].path, "/not/there.json"])
    assert removed == 1
    assert not model.contains(refs[0].path) and not model.index_for_path(refs[0].path).isValid()
    assert model.recording_count() == len(refs) - 1
    assert keep.isValid() and keep.data(REF_ROLE) == refs[-1]
    assert {r.path for r in model.refs()} == {r.path for r in refs[1:]}


def test_removing_the_last_recording_of_a_group_removes_the_group(model, refs):
    lonely = [r for r in refs if sum(tree_path(o) == tree_path(r) for o in refs) == 1]
    assert lonely, "a test with a single recording"
    top = tree_path(lonely[0])[0]
    tops_before = [model.index(r, 0).data() for r in range(model.rowCount())]
    model.remove_paths([lonely[0].path])
    labels = []
    for r in range(model.rowCount()):
        labels.append(model.item(model.index(r, 0)).label)
    if sum(tree_path(o)[0] == top for o in refs) == 1:
        assert top not in labels and len(labels) == len(tops_before) - 1
    # every group left holds at least one recording and its count is right
    def check(parent):
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            item = model.item(index)
            if item.ref is None:
                assert item.count == sum(1 for _ in _leaves(item)) > 0
                check(index)
    check(QModelIndex())


def _leaves(item):
    for child in item.children:
        if child.ref is not None:
            yield child
        else:
            yield from _leaves(child)


def test_remove_everything_then_add_again(model, refs):
    assert model.remove_paths([r.path for r in refs]) == len(refs)
    assert model.rowCount() == 0 and model.recording_count() == 0 and model.hidden_prefix == ""
    model.add_refs(refs[:3])
    assert model.recording_count() == 3


def test_update_ref_in_place_changes_the_row_not_its_place(model, refs, qtbot):
    target = refs[1]
    index = QPersistentModelIndex(model.index_for_path(target.path))
    row = index.row()
    changed = dataclasses.replace(target, model="brand-new-model", size=target.size + 7)
    with qtbot.waitSignal(model.dataChanged):
        assert model.update_ref(changed, "my_tool")
    assert index.isValid() and index.row() == row
    assert model.index(row, 2, index.parent()).data() == "brand-new-model"
    assert index.data(REF_ROLE) == changed
    assert not model.update_ref(dataclasses.replace(target, path="/elsewhere.json"))


def test_update_ref_to_an_error_counts_it_and_back(model, refs):
    target = refs[2]
    broken = dataclasses.replace(target, error="not valid JSON: truncated")
    model.update_ref(broken)
    assert model.error_count() == 1
    parent = model.index_for_path(target.path).parent()
    assert model.item(parent).errors == 1
    model.update_ref(target)
    assert model.error_count() == 0 and model.item(parent).errors == 0


def test_update_ref_with_a_new_test_id_moves_the_row(model, refs):
    target = refs[0]
    moved = dataclasses.replace(target, test_id="tests/integration/zz/test_moved.py::test_here")
    model.set_mark(target.path, RowMark(CHANGED, "12:00:00"))
    assert model.update_ref(moved)
    index = model.index_for_path(target.path)
    assert model.item(index.parent()).group_path() == ("tests/integration/zz/test_moved.py",
                                                      "test_here")
    assert model.recording_count() == len(refs)
    assert index.data(MARK_ROLE) == CHANGED  # the mark follows the row


def test_marks_show_as_font_icon_and_tooltip(model, refs):
    path = refs[3].path
    index = model.index_for_path(path)
    assert index.data(MARK_ROLE) is None and index.data(Qt.ItemDataRole.FontRole) is None
    model.set_mark(path, RowMark(NEW, "09:08:07"))
    assert index.data(MARK_ROLE) == NEW
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert "appeared at 09:08:07" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    model.set_mark(path, RowMark(CHANGED, "10:11:12"))
    assert "changed on disk at 10:11:12" in index.data(Qt.ItemDataRole.ToolTipRole)
    model.set_mark(path, RowMark(DELETED, "10:11:13"))
    assert index.data(Qt.ItemDataRole.FontRole).strikeOut()
    model.set_mark(path, None)
    assert index.data(MARK_ROLE) is None
    model.set_mark(path, RowMark(NEW, "1"))
    model.clear()
    assert model.marked() == {}


def test_filter_follows_removals_and_updates(model, refs):
    proxy = model.proxy
    proxy.set_filter_text("openai_chat")  # the format: in no group label
    matching = {r.path for r in refs if r.format == "openai_chat"}
    assert 1 < len(matching) < len(refs)
    assert shown_paths(proxy) == matching
    # a shown recording re-read with another model: it leaves the view
    victim = sorted(matching)[0]
    ref = model.index_for_path(victim).data(REF_ROLE)
    model.update_ref(dataclasses.replace(ref, format="generic"))
    assert shown_paths(proxy) == matching - {victim}
    # a hidden recording re-read with the model: it appears
    hidden = next(r for r in refs if r.path not in matching)
    model.update_ref(dataclasses.replace(hidden, format="openai_chat"))
    assert shown_paths(proxy) == (matching - {victim}) | {hidden.path}
    # removing every match leaves nothing shown; clearing the filter shows the rest
    model.remove_paths(sorted(shown_paths(proxy)))
    assert shown_paths(proxy) == set()
    proxy.set_filter_text("")
    assert shown_paths(proxy) == {r.path for r in model.refs()}
    assert len(shown_paths(proxy)) == len(refs) - len(matching)
