"""File ▸ Export… and Edit ▸ Copy as Markdown, on the real corpus."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from recviewer.core.export.file import export_paths, format_for_path, write_export
from recviewer.ui.window.export_actions import LAST_FOLDER, default_folder
from tests.corpus_paths import LARGEST, SEED
from tests.support.desktop import (
    ROOT, SEED_ID, FakeSaveDialog, open_seed, proxy_index, visible_recordings,
)

CITATION = "<|file-247992711531|><|file-247992711530|>"


# ------------------------------------------------------------ the writer (no Qt)
def test_writer_exports_the_seed_as_markdown(tmp_path):
    target = tmp_path / "seed.md"
    outcome = export_paths([str(SEED)], str(target), "markdown", overwrite=False)
    assert outcome.written and outcome.count == 1 and outcome.path == str(target)
    text = target.read_text("utf-8")
    assert text.startswith(f"# `{SEED_ID}`")
    assert "knowledge_search" in text and CITATION in text
    assert [p.name for p in tmp_path.iterdir()] == ["seed.md"]  # no temp file left behind
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # a normal file, not mkstemp's


def test_writer_never_replaces_a_file_without_confirmation(tmp_path):
    target = tmp_path / "keep.md"
    target.write_text("mine", "utf-8")
    outcome = write_export(str(target), b"new", overwrite=False)
    assert not outcome.written and "exists" in outcome.reason
    assert target.read_text("utf-8") == "mine"
    assert write_export(str(target), b"new", overwrite=True).written
    assert target.read_bytes() == b"new"
    assert not write_export(str(tmp_path), b"x", overwrite=True).written  # a folder
    assert not write_export(str(tmp_path / "no" / "x.md"), b"x").written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.md"]


def test_json_export_is_one_object_for_one_and_a_list_for_many(tmp_path):
    other = LARGEST
    one = tmp_path / "one.json"
    assert export_paths([str(SEED)], str(one), "json", overwrite=False).written
    doc = json.loads(one.read_text("utf-8"))
    assert doc["test_id"] == SEED_ID and doc["request"]["messages"][0]["role"] == "user"
    many = tmp_path / "many.json"
    broken = tmp_path / "broken.json"
    broken.write_bytes(SEED.read_bytes()[:100])
    assert export_paths([str(SEED), str(other), str(broken)], str(many), "json",
                        overwrite=False).written
    docs = json.loads(many.read_text("utf-8"))
    assert [d["path"] for d in docs] == [str(SEED), str(other), str(broken)]
    assert "error" in docs[2] and "request" not in docs[2]
    assert format_for_path("x.JSON") == "json" and format_for_path("x.txt") == "markdown"


# ------------------------------------------------------------ the window
def test_export_dialog_writes_the_selected_recording(qtbot, window, open_and_wait, tmp_path,
                                                     monkeypatch):
    open_seed(qtbot, window, open_and_wait)
    fake = FakeSaveDialog(str(tmp_path / "out.md"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    with qtbot.waitSignal(window.exporter.exported, timeout=20000) as blocker:
        window.exporter.export.trigger()
    outcome = blocker.args[0]
    assert outcome.written and outcome.count == 1
    text = (tmp_path / "out.md").read_text("utf-8")
    assert "knowledge_search" in text and CITATION in text
    caption, folder, filters, selected = fake.calls[0]
    assert filters.split(";;") == ["Markdown (*.md)", "Normalised JSON (*.json)"]
    assert selected == "Markdown (*.md)"
    start = os.path.dirname(folder)
    assert not os.path.abspath(start).startswith(str(ROOT))  # never the recordings folder
    assert os.path.basename(folder).startswith("test_response_file_search_filter_by_region")
    # the next export starts where this one went, in the format chosen last
    assert window.settings.value(LAST_FOLDER) == str(tmp_path)
    assert default_folder(window.settings) == str(tmp_path)


def test_export_without_suffix_asks_before_replacing(qtbot, window, open_and_wait, tmp_path,
                                                     monkeypatch):
    open_seed(qtbot, window, open_and_wait)
    existing = tmp_path / "notes.json"
    existing.write_text("keep me", "utf-8")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        FakeSaveDialog(str(tmp_path / "notes"), "Normalised JSON (*.json)"))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    assert not window.exporter.export_dialog()
    assert asked and existing.read_text("utf-8") == "keep me"


def test_export_of_a_multi_selection_reads_in_the_background(qtbot, window, open_and_wait,
                                                             tmp_path, monkeypatch):
    open_and_wait(window, ROOT)
    refs = visible_recordings(window.tree.proxy)[:3]
    selection = window.tree.view.selectionModel()
    selection.clearSelection()
    for ref in refs:
        selection.select(proxy_index(window, ref.path),
                         QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        FakeSaveDialog(str(tmp_path / "three.json"), "Normalised JSON (*.json)"))
    submitted = []
    real_submit = window.workers.submit
    monkeypatch.setattr(window.workers, "submit",
                        lambda lane, *a, **k: submitted.append(lane) or real_submit(lane, *a, **k))
    with qtbot.waitSignal(window.exporter.exported, timeout=30000) as blocker:
        assert window.exporter.export_dialog()
    assert blocker.args[0].written and blocker.args[0].count == 3
    assert "export" in submitted
    docs = json.loads((tmp_path / "three.json").read_text("utf-8"))
    assert [d["path"] for d in docs] == [r.path for r in refs]


def test_export_of_a_group_takes_its_subtree(qtbot, window, open_and_wait, tmp_path,
                                            monkeypatch):
    open_seed(qtbot, window, open_and_wait)
    group = proxy_index(window, SEED).parent().parent()  # the test function's group
    below = visible_recordings(window.tree.proxy, group)
    assert len(below) == 4
    fake = FakeSaveDialog(str(tmp_path / "group.md"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    with qtbot.waitSignal(window.exporter.exported, timeout=30000) as blocker:
        assert window.exporter.export_dialog([group])
    assert blocker.args[0].count == 4
    text = (tmp_path / "group.md").read_text("utf-8")
    assert text.count("\n# `tests/") + text.startswith("# `tests/") == 4
    assert SEED_ID in text
    assert os.path.basename(fake.calls[0][1]) == \
        "test_file_search.py-test_response_file_search_filter_by_region.md"


def test_copy_as_markdown_puts_the_seed_on_the_clipboard(qtbot, window, open_and_wait):
    open_seed(qtbot, window, open_and_wait)
    QApplication.clipboard().clear()
    with qtbot.waitSignal(window.exporter.copied, timeout=20000):
        window.exporter.copy_markdown.trigger()
    text = QApplication.clipboard().text()
    assert text.startswith(f"# `{SEED_ID}`") and CITATION in text


@pytest.mark.parametrize("rows", [[]])
def test_nothing_selected_exports_nothing(qtbot, window, monkeypatch, rows):
    called = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: called.append(a))
    assert not window.exporter.export_dialog(rows)
    assert not called and "Nothing to export" in window.statusBar().currentMessage()
