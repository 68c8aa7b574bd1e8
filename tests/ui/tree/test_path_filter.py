"""TreePane.filter_to_paths: exactly those recordings, a clearable indicator,
the text filter narrowing within it (real corpus recordings)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.catalog.scan import scan
from recviewer.ui.tree.model import REF_ROLE
from recviewer.ui.tree.pane import TreePane
from tests.corpus_paths import CATEGORY_CALL, CATEGORY_EMBEDDINGS, CORPUS, SEED

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


@pytest.fixture(scope="module")
def catalog():
    return scan(CORPUS / "recordings")


def visible_paths(model, parent=QModelIndex()) -> set[str]:
    found: set[str] = set()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        ref = index.data(REF_ROLE)
        if ref is not None:
            found.add(ref.path)
        found |= visible_paths(model, index)
    return found


@pytest.fixture
def pane(qtbot, catalog):
    pane = TreePane()
    qtbot.addWidget(pane)
    QAbstractItemModelTester(pane.proxy, FATAL)
    pane.clear(str(CORPUS / "recordings"))
    pane.add_refs(catalog.refs)
    pane.flush()
    return pane


def test_shows_exactly_the_paths_and_says_so(pane, catalog):
    model_name = next(r.model for r in catalog.refs if r.path == str(SEED))
    paths = {r.path for r in catalog.refs if r.model == model_name}
    assert 1 < len(paths) < len(catalog.refs)
    pane.filter_to_paths(paths, f"model {model_name}")
    assert visible_paths(pane.proxy) == paths
    assert not pane.path_bar.isHidden()
    assert pane.path_filter_text() == f"Showing {len(paths):,} recordings: model {model_name}"


def test_text_filter_narrows_within_and_clear_restores(pane, catalog):
    paths = {str(SEED), str(CATEGORY_CALL), *map(str, CATEGORY_EMBEDDINGS)}
    pane.filter_to_paths(paths, "three calls")
    pane.set_filter("embeddings")
    shown = visible_paths(pane.proxy)
    assert shown == {str(p) for p in CATEGORY_EMBEDDINGS}
    assert pane.path_filter_text().startswith(f"Showing {len(shown)} of {len(paths)} recordings")
    pane.path_bar.clear_button.click()
    assert pane.path_filter is None and pane.path_bar.isHidden()
    everything = visible_paths(pane.proxy)
    assert shown < everything and str(SEED) not in shown
    by_path = {r.path: r for r in catalog.refs}
    assert all("embeddings" in " ".join(filter(None, (by_path[p].endpoint, by_path[p].test_id,
                                                      by_path[p].rel_path))).lower()
               for p in everything)  # the text filter still applies
    pane.set_filter("")
    assert visible_paths(pane.proxy) == {r.path for r in catalog.refs}


def test_new_batches_respect_the_path_filter_and_other_folders_drop_it(qtbot, catalog):
    pane = TreePane()
    qtbot.addWidget(pane)
    QAbstractItemModelTester(pane.proxy, FATAL)
    root = str(CORPUS / "recordings")
    pane.clear(root)
    pane.filter_to_paths({str(SEED)}, "one")
    for start in range(0, len(catalog.refs), 50):  # arrives while the filter is on
        pane.add_refs(catalog.refs[start:start + 50])
    pane.flush()
    assert visible_paths(pane.proxy) == {str(SEED)}
    assert pane.path_filter_text() == "Showing 1 recording: one"
    pane.clear(root)  # F5: same folder, the filter stays
    assert pane.path_filter == frozenset({str(SEED)})
    pane.clear(str(CORPUS / "old-layout"))  # another folder: it goes
    assert pane.path_filter is None and pane.path_bar.isHidden()


def test_cassette_interaction_paths(qtbot):
    cassettes = scan(CORPUS / "cassettes")
    interactions = [r for r in cassettes.refs if "#" in r.path]
    assert len(interactions) > 3
    pane = TreePane()
    qtbot.addWidget(pane)
    pane.clear(str(CORPUS / "cassettes"))
    pane.add_refs(cassettes.refs)
    pane.flush()
    chosen = {interactions[0].path, interactions[-1].path}
    pane.filter_to_paths(chosen, "two interactions")
    assert visible_paths(pane.proxy) == chosen
