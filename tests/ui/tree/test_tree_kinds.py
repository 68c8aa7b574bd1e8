"""Failed calls, unreadable files and other JSON files in the tree: their own
icons and tooltips, the filter words that select them, the counts (issue 12
items 2 and 3), on real failed recordings beside real-looking non-recordings."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.catalog.scan import OTHER_FILES_GROUP, scan
from recviewer.ui.tree.cells import ENDPOINT, ICON_FAILED, ICON_OTHER, ICON_UNREADABLE, icon_kind
from recviewer.ui.tree.model import NAME, REF_ROLE, TreeCounts
from recviewer.ui.tree.pane import TreePane
from recviewer.ui.window.status_bar import counts_text
from tests.corpus_paths import GEMINI_INTERACTIONS_400, HTTP_400, RECORDED_EXCEPTION, SEED

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal
DECORATION = Qt.ItemDataRole.DecorationRole


@pytest.fixture
def folder(tmp_path):
    rec = tmp_path / "recordings"
    rec.mkdir()
    for src in (SEED, HTTP_400, RECORDED_EXCEPTION, GEMINI_INTERACTIONS_400):
        shutil.copy(src, rec / src.name)
    ui = tmp_path / "ui"
    ui.mkdir()
    (ui / "package.json").write_text(json.dumps({"name": "ui-tests", "private": True}, indent=2))
    (ui / "tsconfig.json").write_text(json.dumps({"compilerOptions": {"strict": True}}, indent=4))
    (rec / "broken.json").write_text('{"request": {')
    return tmp_path


@pytest.fixture
def pane(qtbot, folder):
    pane = TreePane()
    qtbot.addWidget(pane)
    QAbstractItemModelTester(pane.model, FATAL)
    QAbstractItemModelTester(pane.proxy, FATAL)
    pane.clear(str(folder))
    pane.add_refs(scan(folder).refs)
    pane.flush()
    return pane


def index_of(pane: TreePane, name: str, column: int = NAME) -> QModelIndex:
    ref = next(r for r in pane.model.refs() if r.rel_path.endswith(name))
    index = pane.model.index_for_path(ref.path)
    return index.siblingAtColumn(column)


def shown_names(proxy, parent=QModelIndex()) -> set[str]:
    names: set[str] = set()
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        ref = index.data(REF_ROLE)
        if ref is not None:
            names.add(ref.rel_path.rpartition("/")[2])
        names |= shown_names(proxy, index)
    return names


def test_each_kind_has_its_own_icon_and_tooltip(pane):
    model = pane.model
    kinds = {name: icon_kind(model.item(index_of(pane, name)))
             for name in (SEED.name, HTTP_400.name, RECORDED_EXCEPTION.name, "broken.json",
                          "package.json")}
    assert kinds == {SEED.name: None, HTTP_400.name: ICON_FAILED,
                     RECORDED_EXCEPTION.name: ICON_FAILED, "broken.json": ICON_UNREADABLE,
                     "package.json": ICON_OTHER}
    icons = {name: index_of(pane, name).data(DECORATION) for name in kinds}
    assert icons[SEED.name] is None
    keys = {name: icon.cacheKey() for name, icon in icons.items() if icon is not None}
    assert len({keys[HTTP_400.name], keys["broken.json"], keys["package.json"]}) == 3
    assert keys[HTTP_400.name] == keys[RECORDED_EXCEPTION.name]
    assert "Failed call: HTTP 400" in index_of(pane, HTTP_400.name).data(Qt.ItemDataRole.ToolTipRole)
    assert "Failed call: HTTP 400" in index_of(  # a recorded exception's status_code
        pane, RECORDED_EXCEPTION.name).data(Qt.ItemDataRole.ToolTipRole)
    assert "Not a recording" in index_of(pane, "package.json").data(Qt.ItemDataRole.ToolTipRole)


def test_other_json_group_is_neutral_and_not_an_error(pane):
    model = pane.model
    group = next(model.index(r, NAME) for r in range(model.rowCount())
                 if model.index(r, NAME).data() == OTHER_FILES_GROUP)
    item = model.item(group)
    assert item.others == item.count == 2 and item.errors == 0
    assert group.siblingAtColumn(ENDPOINT).data(DECORATION) is None  # no error marker
    assert group.siblingAtColumn(ENDPOINT).data() == "2 files"
    assert model.error_count() == 1


@pytest.mark.parametrize("text, expected", [
    ("failed", {HTTP_400.name, RECORDED_EXCEPTION.name, GEMINI_INTERACTIONS_400.name}),
    ("is:failed", {HTTP_400.name, RECORDED_EXCEPTION.name, GEMINI_INTERACTIONS_400.name}),
    ("status:400 gemini", {GEMINI_INTERACTIONS_400.name}),
    ("is:other", {"package.json", "tsconfig.json"}),
    ("is:error", {"broken.json"}),
])
def test_filter_words_select_kinds(pane, text, expected):
    pane.set_filter(text)
    assert shown_names(pane.proxy) == expected


def test_counts_never_count_other_json_as_recordings(pane):
    counts = pane.counts()
    assert counts == TreeCounts(tests=counts.tests, recordings=4, failed=3, unreadable=1, other=2)
    assert counts.tests == len({r.test_id for r in pane.model.refs() if r.test_id}) == 3
    assert counts_text(counts) == (f"{counts.tests} tests · 4 recordings · 3 failed · 1 unreadable"
                                   " · 2 other JSON files")
    pane.set_filter("status:400")
    assert pane.counts().shown == 3
    assert counts_text(pane.counts()).startswith("3 match · ")
    group_counts = [pane.proxy.index(r, ENDPOINT).data() for r in range(pane.proxy.rowCount())]
    assert group_counts and all(" of " in text for text in group_counts)  # "1 of 2"
