"""``recviewer-cli diff`` on real corpus files: text, --json, exit codes."""

from __future__ import annotations

import subprocess
import sys

import orjson

from recviewer.cli import main
from tests.conftest import ROOT
from tests.corpus_paths import CORPUS, SEED

HISTORY = CORPUS / "history"
NOISE = sorted((HISTORY / "chat-stream-noise-only_agents-21720598").glob("*.json"))
CONTENT = HISTORY / "chat-stream-content-changed_inference-36968c3a"
OLD_TEXT, NEW_TEXT = CONTENT / "2025-10-08_79bed44b0.json", CONTENT / "2025-11-07_b83184f7e.json"


def run(capsys, *argv):
    code = main(["diff", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_and_exit_1_when_different(capsys):
    code, out, err = run(capsys, OLD_TEXT, NEW_TEXT)
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[0] == "1 message changed"
    assert lines[1] == ("~ response.messages[0].text: "
                        "The Sun is [-commonly -]referred to as Sol in Latin.")
    assert len(lines) == 2  # noise (id_normalization_mapping) hidden by default


def test_show_noise_lists_noise_marked(capsys):
    code, out, _ = run(capsys, OLD_TEXT, NEW_TEXT, "--show-noise")
    assert code == 1
    assert "+ id_normalization_mapping: {}  (noise)" in out.splitlines()


def test_json_exact_shape_for_noise_only_versions(capsys):
    code, out, err = run(capsys, NOISE[0], NOISE[-1], "--json")
    assert code == 0 and err == ""
    assert orjson.loads(out) == {"equivalent": True, "only_noise": True, "changes": []}
    assert out.index('"changes"') < out.index('"equivalent"') < out.index('"only_noise"')
    code, out, _ = run(capsys, NOISE[0], NOISE[-1], "--json", "--show-noise")
    doc = orjson.loads(out)
    assert code == 0 and doc["equivalent"] and doc["only_noise"]
    assert doc["changes"] and all(c["noise"] for c in doc["changes"])
    assert all(set(c) == {"path", "kind", "a", "b", "noise"} for c in doc["changes"])
    call = [c for c in doc["changes"] if c["path"].endswith("tool_calls[0].id")][0]
    assert (call["kind"], call["a"], call["b"]) == ("changed", "call_os3xa9go", "call_h9a6uwnf")


def test_json_real_change(capsys):
    code, out, _ = run(capsys, OLD_TEXT, NEW_TEXT, "--json")
    doc = orjson.loads(out)
    assert code == 1 and doc["equivalent"] is False and doc["only_noise"] is False
    assert doc["changes"] == [{
        "path": "response.messages[0].text", "kind": "changed", "noise": False,
        "a": "The Sun is commonly referred to as Sol in Latin.",
        "b": "The Sun is referred to as Sol in Latin."}]


def test_same_file_is_equivalent_exit_0(capsys):
    code, out, _ = run(capsys, SEED, SEED)
    assert code == 0 and out == "equivalent (no changes)\n"
    code, out, _ = run(capsys, SEED, SEED, "--json")
    assert code == 0 and orjson.loads(out) == {"equivalent": True, "only_noise": False,
                                               "changes": []}


def test_structural_paths_point_into_the_document(capsys):
    code, out, _ = run(capsys, NOISE[0], NOISE[-1], "--structural", "--json", "--show-noise")
    doc = orjson.loads(out)
    assert code == 0 and doc["only_noise"]
    paths = {c["path"] for c in doc["changes"]}
    assert "response.body[0].choices[0].delta.tool_calls[0].id" in paths
    code, out, _ = run(capsys, OLD_TEXT, NEW_TEXT, "--structural", "--json")
    doc = orjson.loads(out)
    assert code == 1
    # one stream chunk less: the " commonly" chunk, aligned, not every later chunk shifted
    (change,) = doc["changes"]
    assert (change["path"], change["kind"]) == ("response.body[3]", "removed")
    assert change["a"]["choices"][0]["delta"]["content"].strip() == "commonly"


def test_unreadable_file_is_one_stderr_line_exit_2(capsys, tmp_path):
    missing = tmp_path / "missing.json"
    code, out, err = run(capsys, SEED, missing)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "missing.json" in err and "not found" in err
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"{not json")
    code, out, err = run(capsys, garbage, SEED, "--structural")
    assert code == 2 and out == "" and err.count("\n") == 1 and "not valid JSON" in err


def test_json_bytes_are_stable_across_processes():
    cmd = [sys.executable, "-m", "recviewer.cli", "diff", str(OLD_TEXT), str(NEW_TEXT),
           "--json", "--show-noise"]
    first = subprocess.run(cmd, capture_output=True, cwd=ROOT)
    second = subprocess.run(cmd, capture_output=True, cwd=ROOT)
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout and first.stdout.endswith(b"}\n")
    assert first.stderr == b""


def test_a_swapped_id_inside_a_changed_text_reads_as_noise():
    from recviewer.cli.diff import change_line
    from recviewer.core.diff import Change

    a = "Created file-abc123def4 for you, as the user asked in the first message."
    b = "Created file-9f8e7d6c5b for you, as the user asked in the last message."
    line = change_line(Change("response.text", "changed", a, b, False))
    assert "{~file-abc123def4 => file-9f8e7d6c5b~}" in line
    assert "[-first-]{+last+}" in line
