"""After the scan: story places and key statuses reach the tree off the GUI
thread (issues 14 and 16), on real corpus recordings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from recviewer.core.catalog.scan import scan
from recviewer.ui.tree.background import keys_job, story_job
from recviewer.ui.tree.model import KEY, NAME, REF_ROLE
from tests.conftest import CORPUS
from tests.corpus_paths import (KEY_OK_OPENAI, KEY_STALE_BEFORE_FILE_SEARCH, MCP_CHAIN, MCP_TEST_ID,
                                SEED)

ROOT = CORPUS / "recordings"


class Control:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    def cancelled(self) -> bool:
        return False

    def progress(self, value) -> None:
        self.sent.append(value)


@pytest.fixture(scope="module")
def refs():
    return scan(ROOT).refs


def test_story_job_places_a_known_chain_in_order(refs):
    control = Control()
    story_job(control, refs)
    places = {k: v for batch in control.sent for k, v in batch.items()}
    chain = [places.get(str(p)) for p in MCP_CHAIN]
    assert None not in chain and chain == list(range(chain[0], chain[0] + len(chain)))


def test_keys_job_classifies_known_files(refs):
    control = Control()
    keys_job(control, refs)
    statuses = {k: v for batch in control.sent for k, v in batch.items()}
    assert statuses[str(KEY_OK_OPENAI)][0] == "ok"
    cls, cause = statuses[str(KEY_STALE_BEFORE_FILE_SEARCH)]
    assert cls == "stale" and "file-search" in cause


def shown_paths(proxy, parent=QModelIndex()) -> list[str]:
    out = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, NAME, parent)
        ref = index.data(REF_ROLE)
        out += [ref.path] if ref is not None else shown_paths(proxy, index)
    return out


def test_window_orders_calls_and_shows_key_status_after_the_scan(qtbot, window, open_and_wait):
    tree = window.tree
    with qtbot.waitSignal(tree.facts.keys_done, timeout=60000):
        with qtbot.waitSignal(tree.facts.places_done, timeout=60000):
            open_and_wait(window, ROOT)
    assert not tree.view.header().isSectionHidden(KEY)
    seed = tree.model.index_for_path(str(SEED))
    assert seed.siblingAtColumn(KEY).data() == "stale"
    assert "before file-search normalisation" in seed.data(0x03)  # tooltip: the cause
    chain_rows = [tree.model.index_for_path(str(p)) for p in MCP_CHAIN]
    first = int(chain_rows[0].data().split()[0][1:])
    assert [i.data().split()[0] for i in chain_rows] == [f"#{n}" for n in
                                                        range(first, first + len(MCP_CHAIN))]
    parent = chain_rows[0].parent()
    in_order = [tree.model.index(r, NAME, parent).data(REF_ROLE).path
                for r in range(tree.model.rowCount(parent))]
    assert [p for p in in_order if p in {str(c) for c in MCP_CHAIN}] == [str(p) for p in MCP_CHAIN]
    assert tree.model.item(parent).label in MCP_TEST_ID
    tree.set_filter("key:stale")
    shown = shown_paths(tree.proxy)
    assert str(SEED) in shown and str(KEY_OK_OPENAI) not in shown
    tree.set_filter("is:stale")
    assert shown_paths(tree.proxy) == shown
