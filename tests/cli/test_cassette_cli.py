"""recviewer-cli on cassettes: index lists REL#N entries, show/replay/diff take FILE#N."""

from __future__ import annotations

import orjson

from recviewer.cli import main
from recviewer.core.export.json_dict import recording_dict
from recviewer.core.formats.registry import read_recording
from tests.corpus_paths import (
    CAS_BEDROCK_STREAM, CAS_GROQ_TOOLS_STREAM, CAS_RESPONSES, PYDANTIC_AI, SEED,
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_index_json_lists_one_entry_per_interaction(capsys):
    code, out, err = run(capsys, "index", str(PYDANTIC_AI), "--json", "--jobs", "1")
    assert code == 0 and err == ""
    doc = orjson.loads(out)
    paths = [r["path"] for r in doc["recordings"]]
    rel = CAS_GROQ_TOOLS_STREAM.relative_to(PYDANTIC_AI).as_posix()
    assert [p for p in paths if p.startswith(rel)] == [f"{rel}#0", f"{rel}#1", f"{rel}#2"]
    entry = next(r for r in doc["recordings"] if r["path"] == f"{rel}#0")
    assert (entry["format"], entry["streaming"], entry["chunks"]) == ("openai_chat", True, 95)
    assert all(r["error"] is None for r in doc["recordings"])
    keys = {frozenset(r) for r in doc["recordings"]}
    assert len(keys) == 1  # the same keys as for recordings, on every entry
    again = run(capsys, "index", str(PYDANTIC_AI), "--json")[1]
    assert again == out  # workers or not: the same bytes


def test_show_json_of_an_interaction_is_the_recording_dict(capsys):
    address = f"{CAS_RESPONSES}#1"
    code, out, err = run(capsys, "show", address, "--json")
    assert code == 0 and err == ""
    doc = orjson.loads(out)
    assert doc == orjson.loads(orjson.dumps(recording_dict(read_recording(address))))
    assert doc["format"] == "openai_responses" and doc["path"].endswith("#1")
    assert "Mexico City" in doc["response"]["messages"][0]["text"]


def test_show_without_index_prints_every_interaction_in_order(capsys):
    code, out, _ = run(capsys, "show", str(CAS_GROQ_TOOLS_STREAM))
    assert code == 0
    files = [line for line in out.splitlines() if line.startswith("file:")]
    assert [f[-2:] for f in files] == ["#0", "#1", "#2"]
    code, out, _ = run(capsys, "show", str(CAS_GROQ_TOOLS_STREAM), "--json")
    assert [d["path"][-2:] for d in orjson.loads(out)] == ["#0", "#1", "#2"]


def test_replay_of_an_eventstream(capsys):
    code, out, _ = run(capsys, "replay", f"{CAS_BEDROCK_STREAM}#0", "--json")
    assert code == 0
    doc = orjson.loads(out)
    assert doc["chunks"] == 33
    assert doc["final"]["text"].startswith("The capital of France is Paris.")
    code, out, _ = run(capsys, "replay", f"{CAS_BEDROCK_STREAM}#0", "--at", "3")
    assert code == 0 and out.startswith("after 3 of 33 chunks")


def test_diff_between_interactions_and_against_a_recording(capsys):
    code, out, _ = run(capsys, "diff", f"{CAS_GROQ_TOOLS_STREAM}#1", f"{CAS_GROQ_TOOLS_STREAM}#2")
    assert code == 1 and "message" in out.splitlines()[0]
    code, out, _ = run(capsys, "diff", f"{CAS_GROQ_TOOLS_STREAM}#1", f"{CAS_GROQ_TOOLS_STREAM}#1",
                       "--json")
    assert code == 0 and orjson.loads(out)["equivalent"] is True
    code, _, _ = run(capsys, "diff", f"{CAS_GROQ_TOOLS_STREAM}#0", str(SEED))
    assert code == 1


def test_bad_addresses_are_one_line_errors(capsys, tmp_path):
    code, out, err = run(capsys, "show", f"{CAS_GROQ_TOOLS_STREAM}#7")
    assert code == 1 and out == "" and "no interaction 7" in err and err.count("\n") == 1
    evil = tmp_path / "evil.yaml"
    evil.write_text("interactions:\n- request: !!python/object:os.system {}\n")
    code, out, err = run(capsys, "show", str(evil))
    assert code == 1 and "!!python/" in err
