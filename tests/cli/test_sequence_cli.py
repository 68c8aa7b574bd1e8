"""recviewer-cli sequence: the exact JSON contract on a real test."""

from __future__ import annotations

import json
import os

from recviewer.cli import main
from tests.corpus_paths import RECORDINGS
from tests.corpus_paths import CATEGORY_ANSWER, CATEGORY_CALL, CATEGORY_EMBEDDINGS, CATEGORY_TEST_ID, MCP_TEST_ID

ROOT = RECORDINGS.parent.parent  # the corpus recordings/ folder, as index prints paths


def rel(path) -> str:
    return os.path.relpath(path, ROOT).replace(os.sep, "/")


def test_sequence_json_exact(capsys):
    assert main(["sequence", str(ROOT), CATEGORY_TEST_ID, "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert list(data) == ["calls", "test_id", "unplaced"]  # sorted keys
    assert data["test_id"] == CATEGORY_TEST_ID
    assert data["calls"] == [{"after": None, "path": rel(CATEGORY_CALL)},
                             {"after": rel(CATEGORY_CALL), "path": rel(CATEGORY_ANSWER)}]
    assert sorted(data["unplaced"]) == sorted(rel(p) for p in CATEGORY_EMBEDDINGS)
    assert main(["sequence", str(ROOT), CATEGORY_TEST_ID, "--json"]) == 0
    assert capsys.readouterr().out == out  # stable bytes


def test_sequence_text_is_a_numbered_story(capsys):
    assert main(["sequence", str(ROOT), MCP_TEST_ID]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("#1 ") and "#18 " in out
    assert "[fork]" in out and "(after #1)" in out and "18 calls" in out


def test_unknown_test_id_is_exit_1_with_one_line(capsys):
    assert main(["sequence", str(ROOT), "tests/none.py::test_nothing"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no test" in err
    assert main(["sequence", str(ROOT / "missing"), "x"]) == 1
