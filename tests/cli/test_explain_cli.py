"""recviewer-cli explain: the exact JSON contract and exit codes (real corpus)."""

from __future__ import annotations

import json

import orjson

from recviewer.cli import main
from recviewer.core.keys.compute import read_raw
from tests.corpus_paths import INTEGRATION, KEY_OK_OPENAI, RESPONSES


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _request(tmp_path, **changes):
    doc = read_raw(KEY_OK_OPENAI)
    r = doc["request"]
    req = {"method": r["method"], "url": r["url"], "body": r["body"], "test_id": doc["test_id"]}
    req["body"] = dict(req["body"], **changes)
    path = tmp_path / "request.json"
    path.write_text(json.dumps(req), encoding="utf-8")
    return path


def test_exact_request_exit_zero(capsys, tmp_path):
    folder = RESPONSES.parent.parent
    code, out, err = run(capsys, "explain", str(_request(tmp_path)), str(folder), "--json")
    assert code == 0 and err == ""
    doc = orjson.loads(out)
    assert set(doc) == {"key", "exact", "nearest"}
    assert doc["key"] == KEY_OK_OPENAI.stem
    assert doc["exact"] == KEY_OK_OPENAI.relative_to(folder).as_posix()
    for n in doc["nearest"]:
        assert set(n) == {"path", "score", "differences"} and isinstance(n["score"], float)
        assert 0.0 <= n["score"] <= 1.0
        for d in n["differences"]:
            assert set(d) == {"path", "a", "b"}


def test_changed_field_exit_one_with_the_difference(capsys, tmp_path):
    folder = RESPONSES.parent.parent
    req = _request(tmp_path, temperature=0.25)
    code, out, err = run(capsys, "explain", str(req), str(folder), "--json")
    assert code == 1
    doc = orjson.loads(out)
    assert doc["exact"] is None and len(doc["key"]) == 64
    best = doc["nearest"][0]
    assert best["path"] == KEY_OK_OPENAI.relative_to(folder).as_posix()
    assert best["differences"] == [{"path": "body.temperature", "a": 0.25, "b": None}]
    code2, out2, _ = run(capsys, "explain", str(req), str(folder), "--json")
    assert out2 == out
    code, text, err = run(capsys, "explain", str(req), str(folder))
    assert code == 1 and "body.temperature: 0.25 -> null" in text


def test_test_id_option_and_miss_message(capsys, tmp_path):
    doc = read_raw(KEY_OK_OPENAI)
    req = _request(tmp_path)
    code, out, _ = run(capsys, "explain", str(req), str(INTEGRATION), "--test-id", "other::t",
                       "--json")
    assert code == 1
    assert orjson.loads(out)["nearest"][0]["differences"][0]["path"] == "test_id"
    msg = tmp_path / "miss.txt"
    msg.write_text(f"RuntimeError: Recording not found for request hash: {KEY_OK_OPENAI.stem}\n"
                   f"Model: {doc['request']['body']['model']} | Request: POST "
                   f"{doc['request']['url']}\n", encoding="utf-8")
    code, out, _ = run(capsys, "explain", str(msg), str(INTEGRATION), "--json")
    assert code == 0
    assert orjson.loads(out)["exact"] == KEY_OK_OPENAI.relative_to(INTEGRATION).as_posix()
    code, text, _ = run(capsys, "explain", str(msg), str(INTEGRATION))
    assert "key ok" in text or "key stale" in text


def test_bad_request_file_is_one_line_exit_one(capsys, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"nothing": true}', encoding="utf-8")
    code, out, err = run(capsys, "explain", str(bad), str(tmp_path))
    assert code == 1 and out == "" and err.count("\n") == 1
    code, out, err = run(capsys, "explain")
    assert code == 2
