"""recviewer-cli stats: the JSON contract, text output, orphans, exit codes."""

from __future__ import annotations

import shutil

import orjson

from recviewer.cli import main
from tests.corpus_paths import CORPUS, HTTP_400, SEED, SMALL_CHAT

FOLDER = CORPUS / "recordings"
CONTRACT = {"recordings": int, "tests": int, "errors": int, "streamed": int, "no_test_id": int,
            "by_endpoint": dict, "by_model": dict, "by_format": dict, "largest": list,
            "duplicates": list}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract_on_the_corpus(capsys):
    code, out, err = run(capsys, "stats", str(FOLDER), "--json")
    assert code == 0 and err == ""
    d = orjson.loads(out)
    for key, kind in CONTRACT.items():
        assert isinstance(d[key], kind), key
    assert all(isinstance(k, str) and isinstance(v, int) for k, v in d["by_model"].items())
    assert all(set(x) >= {"path", "bytes"} and isinstance(x["bytes"], int) for x in d["largest"])
    assert all(isinstance(x["paths"], list) and isinstance(x["what"], str)
               for x in d["duplicates"])
    assert d["recordings"] == len(list(FOLDER.rglob("*.json")))
    assert sum(v["recordings"] for v in d["by_test_file"].values()) == d["recordings"]
    assert list(d) == sorted(d)  # sorted keys
    code2, out2, _ = run(capsys, "stats", str(FOLDER), "--json")
    assert code2 == 0 and out2 == out  # stable bytes


def test_text_output_reads_as_totals_then_tables(capsys):
    code, out, err = run(capsys, "stats", str(FOLDER))
    assert code == 0 and err == ""
    first = out.splitlines()[:6]
    assert any("recordings" in line and "tests" in line for line in first)
    assert any("failed calls" in line for line in first)
    for title in ("providers", "models", "endpoints", "largest files", "duplicates"):
        assert f"\n{title}" in out
    assert "gpt-4o" in out


def test_collected_lists_orphans(capsys, tmp_path):
    root = tmp_path / "recs"
    root.mkdir()
    shutil.copy(SEED, root / "seed.json")
    shutil.copy(SMALL_CHAT, root / "small.json")
    shutil.copy(HTTP_400, root / "http400.json")  # no test id: never an orphan
    seed_id = orjson.loads(SEED.read_bytes())["test_id"]
    listing = tmp_path / "collected.txt"
    listing.write_text(f"{seed_id}\n\n1 test collected in 0.01s\n")
    code, out, err = run(capsys, "stats", str(root), "--json", "--collected", str(listing))
    assert code == 0 and err == ""
    assert orjson.loads(out)["orphans"] == ["small.json"]
    code, out, _ = run(capsys, "stats", str(root), "--collected", str(listing))
    assert code == 0 and "1 orphans" in out and "small.json" in out


def test_errors_and_usage(capsys, tmp_path):
    code, out, err = run(capsys, "stats", str(tmp_path / "missing"))
    assert code == 1 and out == "" and err.count("\n") == 1 and "no such folder" in err
    code, out, err = run(capsys, "stats", str(FOLDER), "--collected", str(tmp_path / "nope.txt"))
    assert code == 1 and out == "" and err.count("\n") == 1
    code, _, _ = run(capsys, "stats")
    assert code == 2
