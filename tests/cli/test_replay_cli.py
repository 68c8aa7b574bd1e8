"""``recviewer-cli replay`` on real corpus files."""

from __future__ import annotations

import orjson
import pytest

from recviewer.cli import COMMANDS, main
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from tests.corpus_paths import LARGEST, SEED
from tests.corpus_paths import NON_STREAMED, RECORDED_EXCEPTION as EXCEPTION

SEED_MARK = "<|file-247992711531|>"


@pytest.fixture
def cli(capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err
    return run


def test_replay_is_a_registered_command(cli):
    assert "replay" in COMMANDS
    code, _, _ = cli("replay", "--help")
    assert code == 0


def test_json_final_and_events(cli):
    code, out, err = cli("replay", str(SEED), "--json")
    assert code == 0 and err == ""
    doc = orjson.loads(out)
    rec = read_recording(SEED)
    assert isinstance(rec, Recording)
    assert doc["chunks"] == len(rec.exchange.chunks) == len(doc["events"])
    final = doc["final"]
    assert final["role"] == "assistant"
    assert SEED_MARK in final["text"]
    assert final["text"] == rec.exchange.response_messages[0].text
    assert final["tool_calls"] == [] and final["tool_call_id"] is None
    assert "".join(e["text_delta"] for e in doc["events"]) == final["text"]
    assert [e["index"] for e in doc["events"]] == list(range(doc["chunks"]))
    finishes = [e["finish_reason"] for e in doc["events"] if e["finish_reason"]]
    assert finishes == [rec.exchange.finish_reason]


def test_json_at_a_position(cli):
    code, out, _ = cli("replay", str(SEED), "--json", "--at", "0")
    assert code == 0
    doc = orjson.loads(out)
    assert doc["position"] == 0 and doc["state"]["text"] == ""
    total = doc["chunks"]
    code, out, _ = cli("replay", str(SEED), "--json", "--at", str(total))
    doc = orjson.loads(out)
    assert doc["position"] == total
    assert SEED_MARK in doc["state"]["text"]
    assert doc["state"]["finish_reason"] == "stop"
    assert doc["state"]["reasoning"] == ""
    code, out, _ = cli("replay", str(SEED), "--json", "--at", str(total // 2))
    half = orjson.loads(out)["state"]["text"]
    events = orjson.loads(cli("replay", str(SEED), "--json")[1])["events"]
    assert half == "".join(e["text_delta"] for e in events[: total // 2])
    assert SEED_MARK not in half


def test_at_past_the_end_is_refused_with_the_chunk_count(cli):
    for extra in ((), ("--json",)):
        code, out, err = cli("replay", str(SEED), *extra, "--at", "100000")
        assert code == 2 and out == ""
        assert len(err.strip().splitlines()) == 1 and "has 62 chunks" in err
    code, out, _ = cli("replay", str(SEED), "--json", "--at", "62")  # the end itself is fine
    assert code == 0 and orjson.loads(out)["position"] == 62


def test_text_output_has_message_and_one_line_per_chunk(cli):
    code, out, err = cli("replay", str(LARGEST))
    assert code == 0 and err == ""
    lines = out.splitlines()
    header = next(i for i, ln in enumerate(lines) if ln.startswith("── 1399 chunks "))
    chunk_lines = lines[header + 1:]
    assert len(chunk_lines) == 1399
    assert all(ln.startswith(f"#{i} ") for i, ln in enumerate(chunk_lines))
    assert chunk_lines[0].startswith("#0 ")
    assert any("finish=stop" in ln for ln in chunk_lines)
    assert lines[0] == "[assistant]"
    assert "finish reason: stop" in lines[:header]


def test_text_at_position(cli):
    code, out, _ = cli("replay", str(SEED), "--at", "5")
    assert code == 0
    assert out.startswith("after 5 of 62 chunks")
    assert "[assistant]" in out and "Recent updates from" in out


@pytest.mark.parametrize("path", [NON_STREAMED, EXCEPTION], ids=["plain", "exception"])
def test_not_streamed_is_refused(cli, path):
    code, out, err = cli("replay", str(path))
    assert code == 1 and out == ""
    assert "not a streamed recording" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]"])
def test_bad_file_is_one_stderr_line(cli, tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out, err = cli("replay", str(bad))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and str(bad) in err


def test_missing_file_and_negative_position(cli, tmp_path):
    code, _, err = cli("replay", str(tmp_path / "nope.json"))
    assert code == 1 and "not found" in err
    code, out, err = cli("replay", str(SEED), "--at", "-1")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "--at" in err


def test_trailer_is_not_glued_to_partial_text(cli):
    code, out, _ = cli("replay", str(SEED), "--at", "5")
    lines = out.splitlines()
    finish = next(i for i, ln in enumerate(lines) if ln.startswith("finish reason:"))
    assert code == 0 and lines[finish - 1] == ""
    assert lines[finish - 2].strip()  # the partial text, then a blank line


def test_final_is_the_message_show_prints(cli):
    _, shown, _ = cli("show", str(SEED), "--json")
    _, replayed, _ = cli("replay", str(SEED), "--json")
    assert orjson.loads(replayed)["final"] == orjson.loads(shown)["response"]["messages"][0]


def test_replay_as_a_real_process():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-m", "recviewer.cli", "replay", str(SEED), "--json",
                           "--at", "3"], capture_output=True, env=env, cwd=root, timeout=120)
    assert done.returncode == 0, done.stderr
    doc = orjson.loads(done.stdout)
    assert doc["position"] == 3 and doc["chunks"] == 62
