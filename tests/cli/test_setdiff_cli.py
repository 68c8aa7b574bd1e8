"""``recviewer-cli setdiff`` on the history bundle: the JSON contract, text
output, Markdown, exit codes, errors; nothing written into the repository."""

from __future__ import annotations

import subprocess

import orjson

from recviewer.cli import main
from tests.conftest import extract_revision
from tests.corpus_paths import (HISTORY_OGX_RENAME, HISTORY_PATHSPEC, HISTORY_QWEN3,
                                HISTORY_RENAMED_BACK)

CLASSES = {"noise", "response", "request", "added", "removed"}


def run(capsys, *argv):
    code = main(["setdiff", *[str(a) for a in argv]])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract(history_repo, capsys):
    code, out, err = run(capsys, "--repo", history_repo, *HISTORY_RENAMED_BACK, HISTORY_PATHSPEC,
                         "--json")
    assert code == 1 and err == ""
    doc = orjson.loads(out)
    assert set(doc) == {"counts", "pairs"}
    assert set(doc["counts"]) == CLASSES | {"unchanged"}
    assert all(isinstance(v, int) for v in doc["counts"].values())
    assert doc["counts"] == {"noise": 0, "response": 0, "request": 1, "added": 12, "removed": 7,
                             "unchanged": 294}
    for pair in doc["pairs"]:
        assert set(pair) == {"old", "new", "class", "test_id"} and pair["class"] in CLASSES
        assert all(pair[k] is None or isinstance(pair[k], str) for k in ("old", "new", "test_id"))
        assert (pair["old"] is None) == (pair["class"] == "added")
        assert (pair["new"] is None) == (pair["class"] == "removed")
    [request] = [p for p in doc["pairs"] if p["class"] == "request"]
    assert request["old"] != request["new"] and request["test_id"] is None
    assert out.encode() == orjson.dumps(doc, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"
    assert run(capsys, "--repo", history_repo, *HISTORY_RENAMED_BACK, HISTORY_PATHSPEC,
               "--json")[1] == out  # stable bytes


def test_exit_0_when_only_noise_changed(history_repo, capsys):
    code, out, _ = run(capsys, "--repo", history_repo, *HISTORY_QWEN3, HISTORY_PATHSPEC, "--json")
    noise = [p["old"] for p in orjson.loads(out)["pairs"] if p["class"] == "noise"]
    assert code == 1 and len(noise) == 23
    code, out, _ = run(capsys, "--repo", history_repo, *HISTORY_QWEN3, *noise[:3], "--json")
    doc = orjson.loads(out)
    assert code == 0 and doc["counts"]["noise"] == 3 and doc["counts"]["unchanged"] == 0
    assert [p["old"] for p in doc["pairs"]] == noise[:3]  # still relative to the root


def test_text_output(history_repo, capsys):
    code, out, _ = run(capsys, "--repo", history_repo, *HISTORY_QWEN3, HISTORY_PATHSPEC)
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == "noise 23  response 19  request 0  added 1  removed 0  unchanged 134"
    assert "tests/integration/inference/test_openai_completion.py" in lines
    assert sum(1 for line in lines if line.startswith("  response  ")) == 19 * 2
    assert not any(line.startswith("  noise") for line in lines)  # counted, not listed
    summaries = lines[lines.index("what changed:") + 1:]
    assert len(summaries) == 19 and all("message" in s or "changed" in s for s in summaries)
    code, out, _ = run(capsys, "--repo", history_repo, *HISTORY_QWEN3, HISTORY_PATHSPEC,
                       "--show-noise")
    assert sum(1 for line in out.splitlines() if line.startswith("  noise")) == 23


def test_text_output_says_stale(history_repo, capsys):
    _, out, _ = run(capsys, "--repo", history_repo, *HISTORY_OGX_RENAME, HISTORY_PATHSPEC)
    stale = [line for line in out.splitlines() if line.endswith("(stale)")]
    assert len(stale) == 21 and "stale: request changed in place" in out


def test_folders_and_markdown(history_repo, tmp_path, capsys):
    old = extract_revision(history_repo, HISTORY_QWEN3[0], tmp_path / "old", HISTORY_PATHSPEC)
    new = extract_revision(history_repo, HISTORY_QWEN3[1], tmp_path / "new", HISTORY_PATHSPEC)
    code, out, _ = run(capsys, old, new, "--json")
    _, from_git, _ = run(capsys, "--repo", history_repo, *HISTORY_QWEN3, HISTORY_PATHSPEC, "--json")
    assert code == 1 and out == from_git
    code, md, _ = run(capsys, old, new, "--markdown")
    assert code == 1 and md.startswith("## Recording changes: ")
    assert "| class | files |" in md and md.count("<details>") == 20


def test_errors(history_repo, tmp_path, capsys):
    for argv, reason in (
            (["--repo", tmp_path, "HEAD", "HEAD"], "not a git repository"),
            (["--repo", history_repo, "HEAD", "nope"], "unknown revision"),
            ([tmp_path / "a", tmp_path], "no such folder"),
            ([tmp_path, tmp_path, "tests"], "PATHSPEC needs --repo")):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and reason in err and err.count("\n") == 1
    assert main(["setdiff", "--json", "--markdown", "a", "b"]) == 2  # usage
    capsys.readouterr()


def test_nothing_written_into_the_repository(history_repo, capsys):
    def state():
        objects = subprocess.run(["git", "count-objects", "-v"], cwd=history_repo,
                                 capture_output=True, check=True).stdout
        status = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=history_repo,
                                capture_output=True, check=True).stdout
        files = sorted(p.relative_to(history_repo).as_posix()
                       for p in (history_repo / ".git").rglob("*"))
        return objects, status, files
    before = state()
    run(capsys, "--repo", history_repo, *HISTORY_QWEN3, "--markdown")
    assert state() == before
