"""The model keeps children sorted itself (no proxy sort): inserts land at their
sorted rows, header sorts re-sort the model, the proxy keeps the model's order;
rows show gists and places; elision keeps what tells siblings apart."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.catalog.scan import natural_key, scan, scan_iter
from recviewer.ui.tree.elide import PREFIX_ROLE, elide_keeping_tail, shared_prefix
from recviewer.ui.tree.filter_proxy import TreeFilterProxy
from recviewer.ui.tree.model import FILE, MODEL, NAME, REF_ROLE, TestTreeModel
from tests.corpus_paths import CATEGORY_CALL, CORPUS, KEY_OK_MODELS_NO_TEST_ID, SEED

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


@pytest.fixture(scope="module")
def catalog():
    return scan(CORPUS / "recordings")


def children(model, parent=QModelIndex()):
    return [model.index(r, NAME, parent) for r in range(model.rowCount(parent))]


def recordings_in_order(model, parent=QModelIndex()) -> list[str]:
    out = []
    for index in children(model, parent):
        ref = index.data(REF_ROLE)
        out += [ref.rel_path] if ref is not None else recordings_in_order(model, index)
    return out


def assert_sorted_everywhere(model, parent=QModelIndex()) -> None:
    keys = [model.item(i).sort_key for i in children(model, parent)]
    assert keys == sorted(keys)
    for index in children(model, parent):
        assert model.item(index).row == index.row()
        assert_sorted_everywhere(model, index)


def test_shuffled_batches_end_sorted_like_one_sorted_batch(qtbot, catalog):
    refs = list(catalog.refs)
    random.Random(7).shuffle(refs)
    model = TestTreeModel()
    proxy = TreeFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(model, FATAL)
    QAbstractItemModelTester(proxy, FATAL)
    for start in range(0, len(refs), 23):
        model.add_refs(refs[start:start + 23])
    assert_sorted_everywhere(model)
    calm = TestTreeModel()
    calm.add_refs(sorted(catalog.refs, key=lambda r: natural_key(r.rel_path)))
    assert recordings_in_order(model) == recordings_in_order(calm)
    assert recordings_in_order(proxy) == recordings_in_order(model)  # the proxy keeps it


def test_header_sort_resorts_the_model_and_new_rows_follow(qtbot, catalog):
    model = TestTreeModel()
    proxy = TreeFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, FATAL)
    first, rest = catalog.refs[:100], catalog.refs[100:]
    model.add_refs(first)
    proxy.sort(MODEL, Qt.SortOrder.DescendingOrder)
    assert model.sort_order == (MODEL, Qt.SortOrder.DescendingOrder)
    model.add_refs(rest)
    assert_sorted_everywhere(model)
    tops = [i.data() for i in children(proxy)]
    assert tops[-1] == "(no test id)"  # the special group stays last, either direction
    proxy.sort(FILE, Qt.SortOrder.AscendingOrder)  # hash order: by file name
    for group in children(model):
        for sub in children(model, group):
            names = [model.item(i).ref.rel_path for i in children(model, sub)
                     if model.item(i).ref is not None]
            assert names == sorted(names, key=natural_key)


def test_recording_rows_show_gist_place_and_file(qtbot, catalog):
    model = TestTreeModel()
    model.add_refs(catalog.refs)
    seed = model.index_for_path(str(SEED))
    gist = model.item(seed).ref.gist
    assert gist and seed.data() == gist  # no place known yet
    assert seed.siblingAtColumn(FILE).data() == SEED.name
    assert gist in seed.data(Qt.ItemDataRole.ToolTipRole)
    model.set_places({str(SEED): 2, str(CATEGORY_CALL): 1})
    assert model.index_for_path(str(SEED)).data() == f"#2  {gist}"


def test_places_move_rows_into_story_order(qtbot, catalog):
    model = TestTreeModel()
    QAbstractItemModelTester(model, FATAL)
    model.add_refs(catalog.refs)
    seed = model.index_for_path(str(SEED))
    siblings = [model.item(i).ref.path for i in children(model, seed.parent())]
    assert len(siblings) >= 2
    reversed_places = {path: n for n, path in enumerate(reversed(siblings), 1)}
    model.set_places(reversed_places)
    parent = model.index_for_path(str(SEED)).parent()
    assert [model.item(i).ref.path for i in children(model, parent)] == siblings[::-1]
    model.set_story_order(False)  # by file name again
    assert [model.item(i).ref.path for i in children(model, parent)] == siblings


def test_elision_keeps_the_distinguishing_tail():
    metrics = QFontMetrics(QFont())
    a = "client_with_models-Qwen/Qwen3-Reranker-0.6B"
    b = "client_with_models-Qwen/Qwen3-Embedding-0.6B"
    prefix = shared_prefix([a, b])
    assert a[:prefix] == "client_with_models-Qwen/Qwen3-"
    width = metrics.horizontalAdvance("…" + a[prefix:] + "xx")
    short = elide_keeping_tail(a, prefix, width, metrics)
    assert short.endswith("Reranker-0.6B") and short.startswith("…")
    assert metrics.horizontalAdvance(short) <= width
    assert elide_keeping_tail(a, prefix, 10_000, metrics) == a
    assert shared_prefix([a]) == 0


def test_model_list_siblings_share_their_key_prefix(qtbot, catalog):
    model = TestTreeModel()
    model.add_refs(catalog.refs)
    index = model.index_for_path(str(KEY_OK_MODELS_NO_TEST_ID)).siblingAtColumn(FILE)
    siblings = [model.index(r, FILE, index.parent()).data()
                for r in range(model.rowCount(index.parent()))]
    prefix = index.data(PREFIX_ROLE)
    assert prefix == shared_prefix(siblings)
    assert all(s[:prefix] == siblings[0][:prefix] for s in siblings)


def test_tester_on_proxy_while_batches_and_sorts_interleave(qtbot):
    model = TestTreeModel()
    proxy = TreeFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(model, FATAL)
    QAbstractItemModelTester(proxy, FATAL)
    proxy.set_filter_text("chat")
    for n, batch in enumerate(scan_iter(CORPUS / "recordings", batch_size=40)):
        model.add_refs(batch)
        proxy.sort(n % 5, Qt.SortOrder.DescendingOrder if n % 2 else Qt.SortOrder.AscendingOrder)
    assert_sorted_everywhere(model)
