"""TestTreeModel and TreeFilterProxy: structure, batch inserts, filter, sort."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.catalog.scan import NO_TEST_ID_GROUP, RecordingRef, scan, scan_iter, tree_path
from recviewer.ui.tree.filter_proxy import TreeFilterProxy, split_words
from recviewer.ui.tree.model import (CHUNKS, ENDPOINT, MODEL, NAME, REF_ROLE, STREAM,
                                     TestTreeModel, common_folder)
from tests.corpus_paths import CORPUS, SEED

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def ref(rel: str, test_id: str | None, *, model: str | None = "gpt-4o",
        endpoint: str | None = "/v1/chat/completions", streaming: bool = False,
        chunks: int | None = None, error: str | None = None, fmt: str = "openai_chat") -> RecordingRef:
    return RecordingRef(f"/root/{rel}", rel, test_id, endpoint, model, fmt, streaming, chunks,
                        100, error)


def rows(model, parent=QModelIndex(), column=NAME) -> list[str]:
    return [model.index(r, column, parent).data() for r in range(model.rowCount(parent))]


def find_row(model, label: str, parent=QModelIndex()) -> QModelIndex:
    for r in range(model.rowCount(parent)):
        index = model.index(r, NAME, parent)
        if index.data() == label:
            return index
    raise AssertionError(f"{label!r} not among {rows(model, parent)}")


@pytest.fixture(scope="module")
def corpus_catalog():
    return scan(CORPUS / "recordings")


def test_tester_while_corpus_batches_arrive(qtbot, corpus_catalog):
    model = TestTreeModel()
    QAbstractItemModelTester(model, FATAL)
    batches = 0
    for batch in scan_iter(CORPUS / "recordings", batch_size=17):
        model.add_refs(batch)
        batches += 1
    assert batches > 10
    assert model.recording_count() == len(corpus_catalog.refs)
    assert model.error_count() == corpus_catalog.errors
    tops = {tree_path(r)[0] for r in corpus_catalog.refs}
    assert model.rowCount() == len(tops)
    # every recording is reachable at the path tree_path() gives it
    seed = next(r for r in corpus_catalog.refs if r.path == str(SEED))
    index = model.index_for_path(seed.path)
    labels = []
    up = index.parent()
    while up.isValid():
        labels.insert(0, model.item(up).label)
        up = up.parent()
    assert tuple(labels) == tree_path(seed)
    assert index.data(REF_ROLE) == seed


def test_one_insertion_per_parent_per_batch(qtbot):
    model = TestTreeModel()
    QAbstractItemModelTester(model, FATAL)
    inserts: list[tuple[str, int, int]] = []
    model.rowsAboutToBeInserted.connect(
        lambda parent, first, last: inserts.append((model.item(parent).label, first, last)))
    first = [ref(f"r/{i}.json", f"tests/test_a.py::test_f[p{i % 3}]") for i in range(30)]
    model.add_refs(first)
    assert inserts == [("", 0, 0)]  # one new file group carries everything below it
    inserts.clear()
    second = [ref(f"r/x{i}.json", "tests/test_a.py::test_f[p1]") for i in range(5)]
    second += [ref("r/b.json", "tests/test_b.py::test_g"), ref("r/c.json", "tests/test_a.py::test_h")]
    model.add_refs(second)
    assert Counter(label for label, _, _ in inserts) == {"p1": 1, "": 1, "tests/test_a.py": 1}
    assert ("p1", 10, 14) in inserts
    assert model.recording_count() == 37


def test_group_counts_update_with_data_changed(qtbot):
    model = TestTreeModel()
    QAbstractItemModelTester(model, FATAL)
    model.add_refs([ref("a.json", "t/test_a.py::test_f")])
    group = find_row(model, "test_a.py")
    count = group.siblingAtColumn(ENDPOINT)
    assert count.data() == "1 recording" and count.data(Qt.ItemDataRole.DecorationRole) is None
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        model.add_refs([ref("b.json", "t/test_a.py::test_f", error="not valid JSON")])
    assert count.data() == "2 recordings"
    assert not count.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "2 files: 1 recording, 1 unreadable file" in count.data(Qt.ItemDataRole.ToolTipRole)


def test_recording_columns_error_icon_and_tooltip(qtbot):
    model = TestTreeModel()
    model.add_refs([
        ref("s.json", "t/test_a.py::test_f", streaming=True, chunks=62),
        ref("bad.json", "t/test_a.py::test_f", model=None, endpoint=None, fmt="", error="not valid JSON: eof"),
    ])
    func = model.index(0, NAME, find_row(model, "test_a.py"))
    bad, good = model.index(0, NAME, func), model.index(1, NAME, func)  # the model sorts by name
    assert good.data(REF_ROLE).rel_path == "s.json"
    assert [good.siblingAtColumn(c).data() for c in (ENDPOINT, MODEL, STREAM, CHUNKS)] == \
        ["chat", "gpt-4o", "stream", "62"]
    assert good.data(Qt.ItemDataRole.DecorationRole) is None
    assert not bad.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "not valid JSON: eof" in bad.data(Qt.ItemDataRole.ToolTipRole)
    assert bad.siblingAtColumn(ENDPOINT).data() == "error"


def test_common_test_folder_is_left_out_of_file_labels(qtbot):
    assert common_folder(["tests/integration/a/test_x.py", "tests/integration/test_y.py"]) == "tests/integration/"
    assert common_folder(["test_x.py", "tests/test_y.py"]) == ""
    model = TestTreeModel()
    QAbstractItemModelTester(model, FATAL)
    model.add_refs([ref("a.json", "tests/integration/a/test_x.py::t")])
    assert rows(model) == ["test_x.py"]
    model.add_refs([ref("b.json", "tests/integration/b/test_y.py::t"), ref("c.json", None)])
    assert sorted(rows(model)) == sorted(["a/test_x.py", "b/test_y.py", NO_TEST_ID_GROUP])
    assert model.hidden_prefix == "tests/integration/"



def test_shared_folder_follows_every_batch(qtbot):
    """Folded in batch by batch, the shared folder equals a fresh computation."""
    batches = [
        [ref("n.json", None)],
        [ref("a.json", "tests/integration/inference/test_a.py::t")],
        [ref("b.json", "tests/integration/inference/test_b.py::t")],
        [ref("c.json", "tests/integration/agents/test_c.py::t")],
        [ref("d.json", "tests/unit/test_d.py::t"), ref("e.json", None)],
        [ref("f.json", "conftest.py::t")],
        [ref("g.json", "tests/integration/test_g.py::t")],
    ]
    expected = ["", "tests/integration/inference/", "tests/integration/inference/",
                "tests/integration/", "tests/", "", ""]
    model = TestTreeModel()
    QAbstractItemModelTester(model, FATAL)
    seen = []
    for batch in batches:
        model.add_refs(batch)
        seen.append(model.hidden_prefix)
    assert seen == expected

# ---------------------------------------------------------------- proxy
def proxy_over(refs_batches):
    model = TestTreeModel()
    proxy = TreeFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, FATAL)
    proxy.sort(NAME, Qt.SortOrder.AscendingOrder)
    for batch in refs_batches:
        model.add_refs(batch)
    return model, proxy


def test_proxy_tester_filter_while_corpus_batches_arrive(qtbot, corpus_catalog):
    model = TestTreeModel()
    proxy = TreeFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, FATAL)
    proxy.sort(NAME, Qt.SortOrder.AscendingOrder)
    proxy.set_filter_text("vision")
    for batch in scan_iter(CORPUS / "recordings", batch_size=50):
        model.add_refs(batch)
    expected = {r.path for r in corpus_catalog.refs
                if "vision" in " ".join(filter(None, (r.test_id, r.rel_path, r.model))).lower()}
    visible = set()

    def walk(parent):
        for r in range(proxy.rowCount(parent)):
            index = proxy.index(r, NAME, parent)
            if index.data(REF_ROLE) is not None:
                visible.add(index.data(REF_ROLE).path)
            walk(index)

    walk(QModelIndex())
    assert visible == expected and len(expected) >= 2
    proxy.set_filter_text("")
    assert proxy.rowCount() == model.rowCount()


def test_filter_words_all_match_case_insensitive(qtbot):
    model, proxy = proxy_over([[
        ref("1.json", "tests/test_a.py::test_chat", model="gpt-4o"),
        ref("2.json", "tests/test_a.py::test_embed", model="nomic-embed", endpoint="/v1/embeddings"),
        ref("3.json", "tests/test_b.py::test_chat", model="llama3.2"),
    ]])
    assert split_words("  GPT  chat ") == ("gpt", "chat")
    proxy.set_filter_text("CHAT gpt")
    assert rows(proxy) == ["test_a.py"]
    func = proxy.index(0, NAME, proxy.index(0, NAME))
    assert func.data() == "test_chat" and proxy.rowCount(func) == 1
    proxy.set_filter_text("embeddings")
    assert rows(proxy) == ["test_a.py"]
    proxy.set_filter_text("test_b.py")  # a matching group shows all below it
    test_b = proxy.index(0, NAME)
    assert rows(proxy) == ["test_b.py"] and proxy.rowCount(test_b) == 1
    proxy.set_filter_text("no-such-thing")
    assert proxy.rowCount() == 0


def test_hidden_groups_appear_when_a_later_batch_matches(qtbot):
    model = TestTreeModel()
    proxy = TreeFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, FATAL)
    model.add_refs([ref("a.json", "tests/test_a.py::test_f[p1]")])
    proxy.set_filter_text("needle")
    assert proxy.rowCount() == 0
    model.add_refs([ref("b.json", "tests/test_a.py::test_f[p1]", model="needle-7b")])
    file_ = proxy.index(0, NAME)
    params = proxy.index(0, NAME, proxy.index(0, NAME, file_))
    assert [file_.data(), params.data()] == ["test_a.py", "p1"]
    assert [proxy.index(r, NAME, params).data(REF_ROLE).rel_path
            for r in range(proxy.rowCount(params))] == ["b.json"]
    model.add_refs([ref("c.json", "tests/test_needle.py::t"), ref("d.json", "tests/test_needle.py::u")])
    needle = find_row(proxy, "test_needle.py")
    assert proxy.rowCount(needle) == 2  # a matching group shows everything below it
    proxy.set_filter_text("")
    assert proxy.rowCount() == 2 and proxy.rowCount(params) == 2


def test_filter_matches_search_terms_of_a_row(qtbot):
    model = TestTreeModel()
    proxy = TreeFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, FATAL)
    model.add_refs([ref("1.json", "tests/test_a.py::t1"), ref("2.json", "tests/test_a.py::t2")],
                   terms={"/root/1.json": "knowledge_search get_weather"})
    proxy.set_filter_text("knowledge")
    func = proxy.index(0, NAME, proxy.index(0, NAME))
    assert proxy.rowCount(proxy.index(0, NAME)) == 1 and func.data() == "t1"


def test_natural_sort_and_no_test_id_last(qtbot):
    model, proxy = proxy_over([
        [ref("a.json", "tests/test_10.py::t"), ref("n.json", None)],
        [ref("b.json", "tests/test_2.py::t"), ref("c.json", "tests/Test_3.py::t")],
    ])
    assert rows(proxy) == ["test_2.py", "Test_3.py", "test_10.py", NO_TEST_ID_GROUP]
    proxy.sort(CHUNKS, Qt.SortOrder.AscendingOrder)  # groups have no number: must not raise
    assert proxy.rowCount() == 4


def test_folders_without_test_id_drop_the_shared_prefix_too(qtbot):
    model, proxy = proxy_over([[
        ref("tests/integration/a/recordings/1.json", "tests/integration/a/test_a.py::t"),
        ref("tests/integration/b/recordings/2.json", "tests/integration/b/test_b.py::t"),
        ref("tests/integration/common/recordings/3.json", None),
    ]])
    assert rows(proxy) == ["a/test_a.py", "b/test_b.py", NO_TEST_ID_GROUP]
    group = find_row(proxy, NO_TEST_ID_GROUP)
    assert rows(proxy, group) == ["common/recordings"]
