"""``recviewer-cli replay`` on real corpus files."""

from __future__ import annotations

import argparse
import io

import orjson
import pytest

from recviewer.cli import replay as replay_cmd
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from tests.conftest import LARGEST, RECORDINGS, SEED

NON_STREAMED = RECORDINGS / "agents/recordings/9ba042c097818072535372cd9886f2157ca4dc563b5b987afcf07fdda5ca91fb.json"
EXCEPTION = RECORDINGS / "responses/recordings/9eafe708db1e66def3b5e7937717823ca02341e1f2b78a4bfdb3f46a335c90b3.json"
SEED_MARK = "<|file-247992711531|>"


def cli(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="recviewer-cli")
    replay_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    code = args.func(args, out, err)
    return code, out.getvalue(), err.getvalue()


def test_json_final_and_events():
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


def test_json_at_a_position():
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


def test_at_past_the_end_clamps():
    code, out, _ = cli("replay", str(SEED), "--json", "--at", "100000")
    doc = orjson.loads(out)
    assert code == 0 and doc["position"] == doc["chunks"]


def test_text_output_has_message_and_one_line_per_chunk():
    code, out, err = cli("replay", str(LARGEST))
    assert code == 0 and err == ""
    lines = out.splitlines()
    header = lines.index("1399 chunks, finish: stop")
    chunk_lines = lines[header + 1:]
    assert len(chunk_lines) == 1399
    assert all(ln.startswith(f"#{i} ") for i, ln in enumerate(chunk_lines))
    assert chunk_lines[0].startswith("#0 ")
    assert any("finish=stop" in ln for ln in chunk_lines)
    assert lines[0] == "[assistant]"


def test_text_at_position():
    code, out, _ = cli("replay", str(SEED), "--at", "5")
    assert code == 0
    assert out.startswith("after 5 of ")


@pytest.mark.parametrize("path", [NON_STREAMED, EXCEPTION], ids=["plain", "exception"])
def test_not_streamed_is_refused(path):
    code, out, err = cli("replay", str(path))
    assert code == 1 and out == ""
    assert "not a streamed recording" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]"])
def test_bad_file_is_one_stderr_line(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out, err = cli("replay", str(bad))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and str(bad) in err


def test_missing_file_and_negative_position(tmp_path):
    code, _, err = cli("replay", str(tmp_path / "nope.json"))
    assert code == 1 and "not found" in err
    code, _, err = cli("replay", str(SEED), "--at", "-1")
    assert code == 1 and len(err.strip().splitlines()) == 1
