"""Key tools in the window (issue 14): verify summary, explain a miss, capture folder."""

from __future__ import annotations

import json
import os

from PySide6.QtTest import QAbstractItemModelTester

from recviewer.core.keys.verify import verify_folder
from recviewer.ui.keys.explain import explanation_html
from recviewer.ui.keys.verify import FILE, PATH_ROLE, VerifyModel
from tests.corpus_paths import AGENTS, KEY_OK_OLLAMA, KEY_STALE_UNKNOWN_12HEX

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def test_verify_summary_counts_equal_cores(qtbot, window, open_and_wait):
    open_and_wait(window, AGENTS)
    expected = verify_folder(str(AGENTS))
    dialog = window.key_tools.verify()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished_report, timeout=60000):
        pass
    assert dialog.report.counts() == expected.counts()
    for cls, n in expected.counts().items():
        assert f"{n:,} {cls}" in dialog.summary.text()
    not_ok = [f.path for f in expected.files if f.status.cls != "ok"]
    assert dialog.model.rowCount() == len(not_ok) > 0
    assert {dialog.model.index(r, FILE).data(PATH_ROLE)
            for r in range(dialog.model.rowCount())} == set(not_ok)
    row = next(r for r in range(dialog.model.rowCount())
               if dialog.model.index(r, FILE).data(PATH_ROLE) == str(KEY_STALE_UNKNOWN_12HEX))
    with qtbot.waitSignal(window.recording_shown, timeout=20000):
        dialog.view.activated.emit(dialog.model.index(row, FILE))
    assert window.tree.current_ref().path == str(KEY_STALE_UNKNOWN_12HEX)


def test_verify_model(qtbot):
    model = VerifyModel()
    QAbstractItemModelTester(model, FATAL)
    report = verify_folder(str(AGENTS))
    model.set_report(report, all_files=True)
    assert model.rowCount() == len(report.files)
    assert model.file(0).status.cls == "stale"  # stale files first


def test_explain_an_unchanged_request_finds_the_exact_file(qtbot, window, open_and_wait, tmp_path):
    open_and_wait(window, AGENTS)
    doc = json.loads(KEY_OK_OLLAMA.read_text())
    request = doc["request"]
    query = tmp_path / "request.json"
    query.write_text(json.dumps({"method": request["method"], "url": request["url"],
                                 "body": request["body"], "test_id": doc.get("test_id")}))
    dialog = window.key_tools.explain()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.explained, timeout=60000) as blocker:
        dialog.explain_file(str(query))
    ex = blocker.args[0]
    assert ex.exact == os.path.relpath(KEY_OK_OLLAMA, AGENTS).replace(os.sep, "/")
    assert dialog.candidates.item(0).data(256) == str(KEY_OK_OLLAMA)
    assert "exact recording" in dialog.result.toPlainText()
    dialog.compare_button.click()  # the request diff in the side-by-side view
    qtbot.waitUntil(lambda: any(type(d).__name__ == "DiffWindow" and d.isVisible()
                                for d in window.key_tools.dialogs), timeout=20000)


def test_a_capture_folder_lists_its_misses_each_explained(qtbot, window, open_and_wait, tmp_path):
    open_and_wait(window, AGENTS)
    doc = json.loads(KEY_OK_OLLAMA.read_text())
    request = doc["request"]
    body = dict(request["body"], temperature=0.123)
    capture = tmp_path / "capture"
    capture.mkdir()
    (capture / "miss-abc.json").write_text(json.dumps({
        "method": request["method"], "url": request["url"], "body": body,
        "test_id": doc.get("test_id"), "key": "abc", "error": "Recording not found"}))
    dialog = window.key_tools.explain()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.explained, timeout=60000) as blocker:
        assert dialog.show_capture(str(capture)) == 1
    ex = blocker.args[0]
    assert ex.exact is None and ex.nearest
    assert ex.nearest[0].abs_path == str(KEY_OK_OLLAMA)
    assert any(d.path == "body.temperature" for d in ex.nearest[0].differences)
    assert "body.temperature" in dialog.result.toPlainText()


def test_explanation_text_is_escaped():
    class C:
        path, score, status = "<b>x</b>.json", 0.5, None
        differences = ()

    class E:
        key, exact, nearest = "<i>k</i>", None, (C(),)

    text = explanation_html(E())
    assert "<b>x</b>.json" not in text and "&lt;b&gt;x&lt;/b&gt;.json" in text
