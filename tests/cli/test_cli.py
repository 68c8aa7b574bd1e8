"""recviewer-cli index/show, in process (capsys) and as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

import recviewer.cli as cli
from tests.conftest import corpus_files
from tests.corpus_paths import CORPUS, SEED
from tests.corpus_paths import EXCEPTION_IN_RESPONSES as EXCEPTION, HTTP_400
from recviewer.cli import main
from recviewer.core.samples import samples_dir

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "recviewer.cli", *argv], capture_output=True,
                          env=env, cwd=ROOT, timeout=120)


# ----------------------------------------------------------------- index
def test_index_json_lists_every_corpus_file_once(capsys):
    code, out, err = run(capsys, "index", str(CORPUS), "--json")
    assert code == 0 and err == ""
    doc = orjson.loads(out)
    assert set(doc) == {"root", "tests", "recordings"}
    assert doc["root"] == os.path.abspath(CORPUS)
    paths = [r["path"] for r in doc["recordings"] if r["path"].endswith(".json")]  # not REL#N
    expected = sorted(p.relative_to(CORPUS).as_posix() for p in corpus_files())
    assert paths == expected  # every file once, sorted by path
    keys = {"path", "test_id", "endpoint", "model", "format", "streaming", "chunks", "error",
            "status", "failed"}
    assert all(set(r) == keys for r in doc["recordings"])
    assert doc["tests"] == len({r["test_id"] for r in doc["recordings"] if r["test_id"]})
    seed = next(r for r in doc["recordings"] if r["path"].endswith(SEED.name)
                and r["path"].startswith("recordings/"))
    assert (seed["format"], seed["streaming"], seed["chunks"]) == ("openai_chat", True, 62)



def test_index_of_a_big_folder_is_the_same_with_workers_or_without(capsys, tmp_path, monkeypatch):
    from recviewer.core.catalog import pool as catalog_pool

    small = sorted(corpus_files(), key=lambda p: p.stat().st_size)[:25]
    for i in range(catalog_pool.START_AFTER_BATCHES * 256 + 300):  # enough to start workers
        (tmp_path / f"r{i:05d}.json").write_bytes(small[i % len(small)].read_bytes())
    started = []
    real = catalog_pool.ScanPool._get_executor
    monkeypatch.setattr(catalog_pool.ScanPool, "_get_executor",
                        lambda self: started.append(self.workers) or real(self))
    code, pooled, err = run(capsys, "index", str(tmp_path), "--json", "--jobs", "2")
    assert code == 0 and err == "" and started == [2]
    code, alone, err = run(capsys, "index", str(tmp_path), "--json", "--jobs", "1")
    assert code == 0 and alone == pooled and started == [2, 0]  # 0: read in this process
    assert len(orjson.loads(alone)["recordings"]) == catalog_pool.START_AFTER_BATCHES * 256 + 300


@pytest.mark.parametrize("jobs", ["0", "-1", "many"])
def test_index_jobs_must_be_a_positive_number(capsys, jobs):
    code, out, err = run(capsys, "index", str(CORPUS), "--jobs", jobs)
    assert code == 2 and out == "" and "--jobs" in err


def test_index_without_folder_lists_the_samples(capsys):
    code, out, _ = run(capsys, "index", "--json")
    doc = orjson.loads(out)
    assert code == 0 and doc["root"] == str(samples_dir())
    assert len(doc["recordings"]) == len(list(samples_dir().rglob("*.json"))) >= 10
    assert all(r["error"] is None for r in doc["recordings"])


def test_index_table(capsys):
    code, out, err = run(capsys, "index", str(CORPUS / "old-layout"))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["STATUS", "FORMAT", "STREAM", "CHUNKS", "ENDPOINT", "MODEL",
                                "PATH", "TEST", "ID", "/", "ERROR"]
    assert sum(1 for line in lines if ".json  " in line) == 46
    assert lines[-1].startswith("46 recordings, ")


def test_index_reports_unreadable_files_as_data(capsys, tmp_path):
    (tmp_path / "bad.json").write_bytes(b"{nope")
    with open(os.path.join(os.fsencode(tmp_path), b"\xff.json"), "wb") as fh:
        fh.write(SEED.read_bytes())
    code, out, _ = run(capsys, "index", "--json", str(tmp_path))
    rows = {r["path"]: r for r in orjson.loads(out)["recordings"]}
    assert code == 0
    assert rows["bad.json"]["error"].startswith("not valid JSON") and rows["bad.json"]["format"] is None
    odd_name = rows["\ufffd.json"]  # shown with U+FFFD, read through its real name
    assert odd_name["error"] is None and odd_name["format"] == "openai_chat" and odd_name["chunks"] == 62
    code, out, _ = run(capsys, "index", str(tmp_path))
    assert code == 0 and "ERROR" in out and "not valid JSON" in out


@pytest.mark.parametrize("target", ["missing-folder", "file"])
def test_index_of_a_non_folder_fails_with_one_line(capsys, tmp_path, target):
    path = tmp_path / target
    if target == "file":
        path.write_text("{}")
    code, out, err = run(capsys, "index", str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"recviewer-cli: {path}: ")


# ----------------------------------------------------------------- show
def test_show_json_of_the_seed(capsys):
    code, out, err = run(capsys, "show", "--json", str(SEED))
    assert code == 0 and err == ""
    doc = orjson.loads(out)
    assert set(doc) == {"path", "test_id", "endpoint", "model", "format", "streaming", "chunks",
                        "error", "status", "failed", "request", "response"}
    assert (doc["format"], doc["streaming"], doc["chunks"], doc["error"]) == ("openai_chat", True, 62, None)
    assert (doc["status"], doc["failed"]) == (None, False)
    (answer,) = doc["response"]["messages"]
    assert answer["role"] == "assistant"
    assert "15% increase in revenue" in answer["text"]
    assert "<|file-247992711531|>" in answer["text"]  # the citation, assembled from chunks
    assert doc["response"]["finish_reason"] == "stop"
    assert doc["response"]["usage"] == {"prompt_tokens": 465, "completion_tokens": 60,
                                        "total_tokens": 525}
    messages = doc["request"]["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "tool"]
    assert messages[1]["tool_calls"] == [{"id": "call_gaVvfdNi1X9Ejqz6X9cirf8K",
                                          "name": "knowledge_search",
                                          "arguments": '{"query":"Latest updates from the US"}'}]
    assert messages[2]["tool_call_id"] == "call_gaVvfdNi1X9Ejqz6X9cirf8K"
    assert "BEGIN of knowledge_search tool results" in messages[2]["text"]


def test_show_text_of_the_seed(capsys):
    code, out, _ = run(capsys, "show", str(SEED))
    assert code == 0
    assert "[user]" in out and "What are the updates from the US region?" in out
    assert "tool call knowledge_search [call_gaVvfdNi1X9Ejqz6X9cirf8K]" in out
    assert 'arguments: {"query":"Latest updates from the US"}' in out
    assert "tool result [call_gaVvfdNi1X9Ejqz6X9cirf8K]" in out
    assert "<|file-247992711530|>" in out
    assert "finish reason: stop" in out and "usage: prompt 465, completion 60, total 525" in out


@pytest.mark.parametrize(("path", "message"), [
    (EXCEPTION, "Invalid image (base64) data."),
    (HTTP_400, "messages is required"),
])
def test_show_prints_the_recorded_error(capsys, path, message):
    code, out, _ = run(capsys, "show", str(path))
    assert code == 0
    (line,) = [x for x in out.splitlines() if x.startswith("error: ")]
    assert message in line and "400" in line
    code, out, _ = run(capsys, "show", "--json", str(path))
    assert message in orjson.loads(out)["error"]


def test_show_of_every_sample_succeeds(capsys):
    for path in sorted(samples_dir().rglob("*.json")):
        code, out, err = run(capsys, "show", str(path))
        assert (code, err) == (0, ""), path
        assert out.startswith("file:") and "── response" in out


def test_show_bad_path_exits_1_with_one_stderr_line(capsys, tmp_path):
    code, out, err = run(capsys, "show", str(tmp_path / "nope.json"))
    assert code == 1 and out == ""
    assert err == f"recviewer-cli: {tmp_path / 'nope.json'}: file not found (deleted or moved?)\n"


def test_show_invalid_json_exits_1_with_one_stderr_line(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(SEED.read_bytes()[:500])
    code, out, err = run(capsys, "show", "--json", str(bad))
    assert code == 1 and out == ""
    assert err.startswith(f"recviewer-cli: {bad}: not valid JSON") and err.count("\n") == 1


# ----------------------------------------------------------------- usage
@pytest.mark.parametrize("argv", [[], ["bogus"], ["show"], ["index", "--bogus"],
                                  ["show", "a.json", "b.json"]])
def test_bad_arguments_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and "usage:" in err


def test_help_exits_0(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "index" in out and "show" in out


def test_a_listed_command_without_its_module_is_an_error(monkeypatch):
    monkeypatch.setattr(cli, "COMMANDS", ("index", "show", "not_written_yet"))
    with pytest.raises(ModuleNotFoundError):
        cli.build_parser()


def test_every_register_is_typed_alike():
    import importlib
    import inspect

    for name in cli.COMMANDS:
        register = importlib.import_module(f"recviewer.cli.{name}").register
        signature = inspect.signature(register)
        assert list(signature.parameters) == ["subparsers"], name
        assert signature.return_annotation in ("None", None), name


# ----------------------------------------------------------------- as a process
def test_python_m_recviewer_cli_show_json():
    done = run_process("show", "--json", str(SEED))
    assert done.returncode == 0 and done.stderr == b""
    assert orjson.loads(done.stdout)["chunks"] == 62


def test_two_runs_produce_identical_bytes():
    first = run_process("index", "--json", str(CORPUS))
    second = run_process("index", "--json", str(CORPUS))
    assert first.returncode == 0 and len(first.stdout) > 10_000
    assert first.stdout == second.stdout
    shows = [run_process("show", "--json", str(SEED)).stdout for _ in range(2)]
    assert shows[0] == shows[1] and shows[0].endswith(b"}\n")


def test_process_errors_are_one_line_and_usage_is_2(tmp_path):
    done = run_process("show", str(tmp_path / "missing.json"))
    assert done.returncode == 1 and done.stdout == b""
    assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr
    assert run_process("index", "--nope").returncode == 2


def test_closed_pipe_is_quiet():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "recviewer.cli", "index", "--json", str(CORPUS)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stdout.read(10) == b'{\n  "recor'
    proc.stdout.close()  # the reader goes away, like `| head -c 10`
    err = proc.stderr.read()
    proc.wait(timeout=120)
    # 0 whether or not a write met the closed pipe (output.quiet_broken_pipe)
    assert err == b"" and proc.returncode == 0


class _ClosedPipe:
    encoding = "utf-8"

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self):
        pass


def test_broken_pipe_in_process_returns_0_without_output(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["show", str(SEED)]) == 0
    assert main(["index", "--json", str(CORPUS / "old-layout")]) == 0
    assert capsys.readouterr().err == ""
    assert main(["show", "/no/such/file.json"]) == 1  # a real failure keeps its code
