"""``recviewer-cli`` on what a new user's first hour showed wrong: chunk-only
diffs, the index table, replay positions (real corpus files)."""

from __future__ import annotations

import json
import shutil

import orjson

from recviewer.cli import main
from tests.corpus_paths import GEMINI_INTERACTIONS_400, HTTP_400, RECORDED_EXCEPTION, SEED


def run(capsys, *argv):
    code = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def _logprobs_pair(tmp_path):
    a = tmp_path / "a.json"
    shutil.copy(SEED, a)
    doc = json.loads(SEED.read_text())
    with_text = 0
    for item in doc["response"]["body"]:
        for choice in item["__data__"]["choices"]:
            text = choice["delta"].get("content")
            if text:
                with_text += 1
                choice["logprobs"] = {"content": [{"token": text, "logprob": -0.5, "bytes": None,
                                                   "top_logprobs": []}], "refusal": None}
    b = tmp_path / "b.json"
    b.write_text(json.dumps(doc, indent=2))
    return a, b, with_text, len(doc["response"]["body"])


def test_diff_of_streams_differing_in_chunks_only(capsys, tmp_path):
    a, b, with_text, total = _logprobs_pair(tmp_path)
    code, out, err = run(capsys, "diff", a, b)
    assert code == 1 and err == ""
    assert out.splitlines()[0] == f"logprobs added in {with_text} of {total} chunks"
    assert "response.body[1].choices[0].logprobs" in out
    code, out, _ = run(capsys, "diff", a, b, "--json")
    doc = orjson.loads(out)
    assert code == 1 and doc["equivalent"] is False
    paths = [c["path"] for c in doc["changes"]]
    assert len(paths) == with_text and all(p.endswith(".logprobs") for p in paths)
    code, out, _ = run(capsys, "diff", a, a)
    assert code == 0


def test_index_text_has_status_stream_test_id_and_error(capsys, tmp_path):
    for src in (SEED, HTTP_400, RECORDED_EXCEPTION, GEMINI_INTERACTIONS_400):
        shutil.copy(src, tmp_path / src.name)
    (tmp_path / "package.json").write_text(json.dumps({"name": "x", "version": "1.0.0"}))
    (tmp_path / "broken.json").write_text("{")
    code, out, err = run(capsys, "index", tmp_path)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["STATUS", "FORMAT", "STREAM", "CHUNKS", "ENDPOINT", "MODEL",
                                "PATH", "TEST", "ID", "/", "ERROR"]
    by_file = {name: next(ln for ln in lines[1:] if name in ln)
               for name in (SEED.name, HTTP_400.name, RECORDED_EXCEPTION.name,
                            GEMINI_INTERACTIONS_400.name, "package.json", "broken.json")}
    seed_test = json.loads(SEED.read_text())["test_id"]
    assert by_file[SEED.name].split()[:4] == ["-", "openai_chat", "yes", "62"]
    assert by_file[SEED.name].endswith(seed_test)
    assert by_file[HTTP_400.name].startswith("400 FAILED ")
    assert by_file[RECORDED_EXCEPTION.name].split()[:3] == ["400", "FAILED", "openai_chat"]
    assert by_file[GEMINI_INTERACTIONS_400.name].split()[:5] == [
        "400", "FAILED", "gemini_interactions", "no", "-"]
    assert by_file["package.json"].startswith("OTHER ")
    assert "error: not a recording: no request/response pair" in by_file["package.json"]
    assert by_file["broken.json"].startswith("UNREADABLE ") and "error: not valid JSON" in by_file["broken.json"]
    # columns line up: every row's PATH starts where the header's does
    col = lines[0].index("PATH")
    assert all(ln[col - 2:col] == "  " and ln[col] != " " for ln in lines[1:7])
    assert lines[-1].startswith("4 recordings, 3 tests, 3 failed calls, 1 unreadable, "
                                "1 other JSON files, in ")


def test_index_json_status_and_failed(capsys, tmp_path):
    for src in (SEED, HTTP_400, RECORDED_EXCEPTION):
        shutil.copy(src, tmp_path / src.name)
    (tmp_path / "tsconfig.json").write_text(json.dumps({"compilerOptions": {}}, indent=2))
    code, out, _ = run(capsys, "index", tmp_path, "--json")
    recs = {r["path"]: r for r in orjson.loads(out)["recordings"]}
    assert code == 0
    assert (recs[SEED.name]["status"], recs[SEED.name]["failed"]) == (None, False)
    assert (recs[HTTP_400.name]["status"], recs[HTTP_400.name]["failed"]) == (400, True)
    assert recs[RECORDED_EXCEPTION.name]["failed"] is True
    assert recs[RECORDED_EXCEPTION.name]["error"] is None
    other = recs["tsconfig.json"]
    assert other["error"].startswith("not a recording: ") and other["failed"] is False
    assert orjson.loads(out)["tests"] == 2


def test_show_json_status_and_failed(capsys):
    for path, expect in ((HTTP_400, (400, True)), (RECORDED_EXCEPTION, (400, True)),
                         (GEMINI_INTERACTIONS_400, (400, True)), (SEED, (None, False))):
        code, out, _ = run(capsys, "show", "--json", path)
        doc = orjson.loads(out)
        assert code == 0 and (doc["status"], doc["failed"]) == expect, path.name
