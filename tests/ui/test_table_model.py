"""RowsTableModel: the flat table the window's list models share (headers,
index checks, resets), checked by Qt's model tester, and the models built on it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.sources.git import CommitInfo, PathVersion
from recviewer.ui.diff import structural
from recviewer.ui.history import commit_model, history_window
from recviewer.ui.keys import verify
from recviewer.ui.story import model as story_model
from recviewer.ui.table_model import RowsTableModel, header_data

H = Qt.Orientation.Horizontal
V = Qt.Orientation.Vertical
DISPLAY = Qt.ItemDataRole.DisplayRole


class _Pairs(RowsTableModel):
    headers = ("left", "right")

    def cell(self, row: Any, column: int, role: int) -> Any:
        return row[column] if role == DISPLAY else None


def test_header_data_is_horizontal_display_text_only():
    headers = ("a", "b")
    assert header_data(headers, 1, H, DISPLAY) == "b"
    assert header_data(headers, 2, H, DISPLAY) is None
    assert header_data(headers, -1, H, DISPLAY) is None
    assert header_data(headers, 0, V, DISPLAY) is None
    assert header_data(headers, 0, H, Qt.ItemDataRole.ToolTipRole) is None


def test_rows_table_model_passes_the_model_tester(qtbot):
    model = _Pairs()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 0 and model.columnCount() == 2
    model._reset_rows([("x", "y"), ("z", "w")])
    assert model.rowCount() == 2
    assert model.index(1, 0).data() == "z"
    assert model.headerData(1, H) == "right"
    assert model.data(model.index(5, 0)) is None  # invalid index
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(model.index(0, 0)) == 0
    with qtbot.waitSignal(model.modelReset):
        model._reset_rows([])
    assert model.rowCount() == 0
    assert model.data(QModelIndex()) is None


def test_the_window_models_keep_their_headers(qtbot):
    for cls, headers in ((structural.StructuralModel, structural.HEADERS),
                         (verify.VerifyModel, verify.HEADERS),
                         (story_model.StoryModel, story_model.HEADERS),
                         (commit_model.CommitModel, commit_model.HEADERS)):
        model = cls()
        assert issubclass(cls, RowsTableModel)
        assert [model.headerData(i, H) for i in range(model.columnCount())] == list(headers)
    versions = history_window.VersionModel("a.json")
    assert versions.columnCount() == len(history_window.HEADERS)


def test_version_model_cells_and_reset(qtbot):
    info = CommitInfo("a" * 40, "a" * 10, "2024-05-06T07:08:09+00:00", "Ann", "a@b",
                      "<b>fix</b>", 1)
    versions = history_window.VersionModel("t/a.json")
    QAbstractItemModelTester(versions, QAbstractItemModelTester.FailureReportingMode.Fatal)
    with qtbot.waitSignal(versions.modelReset):
        versions.set_versions([PathVersion(info, "M", "b" * 40, "t/a.json")])
    assert versions.rowCount() == 1
    assert versions.index(0, history_window.FILE).data() == "(this file)"
    assert versions.index(0, history_window.CHANGE).data() == "modified"
    assert "<b>" not in versions.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert versions.index(0, 0).data(history_window.VERSION_ROLE).oid == "b" * 40
