"""``index --repo --rev`` and ``show --repo --rev`` print what ``index`` and
``show`` print for the same files extracted to a folder (git archive | tar)."""

from __future__ import annotations

import os

import orjson
import pytest

from recviewer.cli import main
from tests.conftest import extract_revision
from tests.corpus_paths import (HISTORY_COMMON_FILE, HISTORY_MAIN, HISTORY_OGX_RENAME,
                                CAS_MCP, CAS_SPACES, HISTORY_PATHSPEC, HISTORY_ROOT_COMMIT,
                                SMALL_CHAT)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("rev", [HISTORY_ROOT_COMMIT, HISTORY_MAIN])
@pytest.mark.parametrize("as_json", [True, False])
def test_index_rev_equals_index_of_the_extracted_revision(history_repo, tmp_path, capsys,
                                                          rev, as_json):
    folder = extract_revision(history_repo, rev, tmp_path / "x", HISTORY_PATHSPEC)
    flag = ["--json"] if as_json else []
    code_a, from_git, err_a = run(capsys, "index", "--repo", history_repo, "--rev", rev,
                                  HISTORY_PATHSPEC, *flag)
    code_b, from_disk, err_b = run(capsys, "index", folder, "--jobs", "1", *flag)
    assert (code_a, err_a) == (code_b, err_b) == (0, "")
    if as_json:  # the root is where the paths are relative to: the repository's top
        assert orjson.loads(from_git)["root"] == str(history_repo)
        assert orjson.loads(from_disk)["root"] == str(folder)
    assert from_git.replace(str(history_repo), "ROOT") == from_disk.replace(str(folder), "ROOT")
    assert from_git.count(HISTORY_PATHSPEC + "/") > 20


def test_index_rev_without_pathspec_lists_the_whole_tree(history_repo, tmp_path, capsys):
    folder = extract_revision(history_repo, HISTORY_MAIN, tmp_path / "x")
    _, from_git, _ = run(capsys, "index", "--repo", history_repo, "--rev", HISTORY_MAIN, "--json")
    _, from_disk, _ = run(capsys, "index", folder, "--json")
    a, b = orjson.loads(from_git), orjson.loads(from_disk)
    assert a["recordings"] == b["recordings"] and len(a["recordings"]) == 348


@pytest.mark.parametrize("as_json", [True, False])
def test_show_rev_equals_show_of_the_extracted_file(history_repo, tmp_path, capsys,
                                                    monkeypatch, as_json):
    rev = HISTORY_OGX_RENAME[0]
    folder = extract_revision(history_repo, rev, tmp_path / "x", HISTORY_PATHSPEC)
    flag = ["--json"] if as_json else []
    code_a, from_git, _ = run(capsys, "show", "--repo", history_repo, "--rev", rev,
                              HISTORY_COMMON_FILE, *flag)
    monkeypatch.chdir(folder)
    code_b, from_disk, _ = run(capsys, "show", HISTORY_COMMON_FILE, *flag)
    assert code_a == code_b == 0
    assert from_git == from_disk and len(from_git) > 100


def test_errors_are_one_line(history_repo, tmp_path, capsys):
    for argv, reason in (
            (["index", "--repo", tmp_path, "--rev", "HEAD"], "not a git repository"),
            (["index", "--repo", history_repo, "--rev", "no-such-rev"], "unknown revision"),
            (["show", "--repo", history_repo, "--rev", HISTORY_MAIN, "tests/none.json"],
             "no such recording")):
        code, out, err = run(capsys, *argv)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and reason in err and err.startswith("recviewer-cli: ")


def test_rev_defaults_to_the_current_repository(history_repo, capsys, monkeypatch):
    monkeypatch.chdir(history_repo / "tests")
    code, out, _ = run(capsys, "index", "--rev", HISTORY_MAIN, HISTORY_PATHSPEC, "--json")
    assert code == 0 and orjson.loads(out)["root"] == os.fspath(history_repo)


def _commit_folder(repo, files):
    """A small repository (built here, nothing fetched) holding ``files``."""
    import subprocess
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    subprocess.run(["git", "init", "--quiet", str(repo)], check=True, env=env)
    for rel, make in files.items():
        target = repo / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        make(target)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "--quiet", "-m", "x"], cwd=repo, check=True, env=env)


def test_index_rev_of_cassettes_and_symlinks_equals_the_extracted_tree(tmp_path, capsys):
    repo = tmp_path / "repo"
    cassette = CAS_SPACES.read_bytes()
    recording = SMALL_CHAT.read_bytes()
    _commit_folder(repo, {
        "rec/a.json": lambda p: p.write_bytes(recording),
        "rec/link.json": lambda p: p.symlink_to("a.json"),
        "rec/broken.json": lambda p: p.symlink_to("missing.json"),
        "rec/bad.json": lambda p: p.write_bytes(b'{"request": '),
        "cassettes/" + CAS_SPACES.name: lambda p: p.write_bytes(cassette),
        "notes.txt": lambda p: p.write_text("not listed"),
    })
    folder = extract_revision(repo, "HEAD", tmp_path / "x")
    _, from_git, _ = run(capsys, "index", "--repo", repo, "--rev", "HEAD", "--json")
    _, from_disk, _ = run(capsys, "index", folder, "--json")
    a, b = orjson.loads(from_git), orjson.loads(from_disk)
    assert a["recordings"] == b["recordings"] and a["tests"] == b["tests"]
    paths = [r["path"] for r in a["recordings"]]
    assert "rec/link.json" in paths and any(p.startswith("cassettes/") and "#" in p for p in paths)
    errors = {r["path"]: r["error"] for r in a["recordings"] if r["error"]}
    assert errors.get("rec/broken.json") == "broken symbolic link" and "rec/bad.json" in errors


def test_pathspec_wildcards_and_magic_match_as_git_archive_does(history_repo, tmp_path, capsys):
    for i, spec in enumerate((HISTORY_PATHSPEC + "/safety/*.json",
                              ":(exclude)" + HISTORY_PATHSPEC + "/inference")):
        folder = extract_revision(history_repo, HISTORY_MAIN, tmp_path / str(i), spec)
        _, from_git, _ = run(capsys, "index", "--repo", history_repo, "--rev", HISTORY_MAIN,
                             spec, "--json")
        _, from_disk, _ = run(capsys, "index", folder, "--json")
        a, b = orjson.loads(from_git), orjson.loads(from_disk)
        assert a["recordings"] == b["recordings"] and len(a["recordings"]) in (46, 348 - 205)


def test_show_rev_of_a_cassette_equals_show_of_the_extracted_file(tmp_path, capsys, monkeypatch):
    repo = tmp_path / "repo"
    rel = "tests/cassettes/" + CAS_MCP.name
    _commit_folder(repo, {rel: lambda p: p.write_bytes(CAS_MCP.read_bytes())})
    folder = extract_revision(repo, "HEAD", tmp_path / "x")
    outputs = []
    for address in (rel, rel + "#3"):
        for flag in ([], ["--json"]):
            got = run(capsys, "show", "--repo", repo, "--rev", "HEAD", address, *flag)
            outputs.append(got)
    monkeypatch.chdir(folder)
    expected = [run(capsys, "show", address, *flag) for address in (rel, rel + "#3")
                for flag in ([], ["--json"])]
    assert outputs == expected
    assert all(code == 0 for code, _, _ in outputs) and len(orjson.loads(outputs[1][1])) > 3
