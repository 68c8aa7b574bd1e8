"""The history UI's item models on their own: commits, set-diff tree, versions.

Hostile text (markup in a commit subject or a test id) reaches tooltips
escaped; the set-diff tree groups by test file, counts per class and hides
noise-only pairs until asked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.setdiff.compare import SetDiff, SetPair
from recviewer.core.sources.git import CommitInfo
from recviewer.ui.history.commit_model import (COMMIT_ROLE, SUBJECT, CommitFilter, CommitModel,
                                               safe_tip)
from recviewer.ui.history.setdiff_model import CLASS, NAME, PAIR_ROLE, SetDiffModel

HOSTILE = "<img src='http://example.invalid/x.png'><b>bold</b> & more"
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def _commit(n: int, subject: str) -> CommitInfo:
    oid = f"{n:040x}"
    return CommitInfo(oid, oid[:10], f"2026-03-0{n}T10:00:00+00:00", "Ann <a@b>", "a@b", subject,
                      n)


def test_safe_tip_never_lets_markup_through():
    tip = safe_tip(HOSTILE + "\nsecond line")
    assert tip.startswith("<qt>") and "<img" not in tip and "<b>" not in tip
    assert "&lt;img" in tip and "<br>" in tip


def test_commit_model_shows_hostile_subjects_as_text(qtbot):
    model = CommitModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_commits([_commit(1, HOSTILE), _commit(2, "fix: plain")])
    index = model.index(0, SUBJECT)
    assert index.data() == HOSTILE  # a table cell is plain text
    assert "<img" not in index.data(TOOLTIP) and "<b>" not in index.data(TOOLTIP)
    assert "<img" not in model.index(0, 2).data(TOOLTIP)  # "Ann <a@b>": escaped too


def test_commit_model_appends_a_longer_list_and_filters_by_words(qtbot):
    model = CommitModel()
    proxy = CommitFilter()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    first = [_commit(n, f"feat: thing {n}") for n in range(1, 4)]
    model.set_commits(first)
    with qtbot.waitSignal(model.rowsInserted, timeout=1000):
        model.set_commits(first + [_commit(4, "fix: other thing")])  # progressive: rows appended
    assert model.rowCount() == 4
    proxy.set_text("THING fix")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data(COMMIT_ROLE).subject == "fix: other thing"
    proxy.set_text("")
    assert proxy.rowCount() == 4


def _pair(path: str, cls: str, test: str | None, new: str | None = None) -> SetPair:
    old = None if cls == "added" else path
    return SetPair(old, new or (None if cls == "removed" else path), cls, test,
                   summary=f"{cls} summary")


def test_setdiff_model_groups_by_test_file_and_hides_noise(qtbot):
    pairs = (
        _pair("tests/integration/a/r/1.json", "response", "tests/integration/a/test_a.py::t[x]"),
        _pair("tests/integration/a/r/2.json", "noise", "tests/integration/a/test_a.py::t[y]"),
        _pair("tests/integration/n/r/3.json", "noise", "tests/integration/n/test_n.py::u"),
        _pair("tests/integration/b/r/4.json", "request", f"tests/integration/b/test_b.py::t[{HOSTILE}]",
              "tests/integration/b/r/5.json"),
        _pair("tests/integration/c/r/6.json", "added", None),
    )
    counts = {"noise": 2, "response": 1, "request": 1, "added": 1, "removed": 0, "unchanged": 9}
    model = SetDiffModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_setdiff(SetDiff("A", "B", pairs, counts))
    groups = [model.index(r, NAME).data() for r in range(model.rowCount())]
    # test_n.py held only noise: hidden with it; the shared folder is said once
    assert groups[:2] == ["a/test_a.py", "b/test_b.py"] and len(groups) == 3
    assert model.index(0, CLASS).data() == "1 noise, 1 response"
    assert [p.cls for p in model.pairs()] == ["response", "request", "added"]
    keyed = model.index_of(pairs[3])
    assert keyed.data() == "4.json \u2192 5.json" and keyed.data(PAIR_ROLE) is pairs[3]
    assert "<img" not in keyed.data(TOOLTIP) and "&lt;img" in keyed.data(TOOLTIP)
    model.set_show_noise(True)
    assert len(model.pairs()) == 5 and model.rowCount() == 4
