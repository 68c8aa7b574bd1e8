"""recviewer-cli verify: the exact JSON contract, stable bytes, exit codes (real corpus)."""

from __future__ import annotations

import shutil

import orjson

from recviewer.cli import main
from tests.corpus_paths import (INTEGRATION, KEY_OK_OLLAMA, KEY_STALE_BEFORE_FILE_SEARCH,
                                OLD_LAYOUT)

RECORDINGS_ROOT = INTEGRATION.parent.parent


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract_over_the_recordings_folder(capsys):
    code, out, err = run(capsys, "verify", str(RECORDINGS_ROOT), "--json")
    assert code == 1 and err == ""  # stale files present
    doc = orjson.loads(out)
    assert set(doc) == {"counts", "recordings"}
    assert doc["counts"] == {"ok": 259, "stale": 25, "legacy": 0, "unkeyed": 2}
    paths = [r["path"] for r in doc["recordings"]]
    assert len(paths) == len(set(paths)) == 286
    for r in doc["recordings"]:
        assert set(r) == {"path", "class", "expected", "cause"}
        assert r["class"] in ("ok", "stale", "legacy", "unkeyed")
        assert (r["cause"] is None) == (r["class"] != "stale")
        if r["class"] == "ok":
            assert r["path"].rsplit("/", 1)[1] == r["expected"] + ".json"
    seed = KEY_STALE_BEFORE_FILE_SEARCH.relative_to(RECORDINGS_ROOT).as_posix()
    entry = next(r for r in doc["recordings"] if r["path"] == seed)
    assert entry["cause"] == "matches an earlier rule version: before file-search normalisation"
    code2, out2, _ = run(capsys, "verify", str(RECORDINGS_ROOT), "--json")
    assert out2 == out  # stable bytes


def test_exit_zero_when_all_ok_or_legacy(capsys, tmp_path):
    code, out, err = run(capsys, "verify", str(OLD_LAYOUT), "--json")
    assert code == 0 and orjson.loads(out)["counts"]["legacy"] == 46
    shutil.copyfile(KEY_OK_OLLAMA, tmp_path / KEY_OK_OLLAMA.name)
    (tmp_path / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    code, out, err = run(capsys, "verify", str(tmp_path), "--json")
    assert code == 0
    assert orjson.loads(out)["recordings"] == [
        {"path": KEY_OK_OLLAMA.name, "class": "ok", "expected": KEY_OK_OLLAMA.stem, "cause": None}]


def test_text_output_and_bad_folder(capsys, tmp_path):
    code, out, err = run(capsys, "verify", str(OLD_LAYOUT))
    assert code == 0 and "46 recordings: 0 ok, 0 stale, 46 legacy, 0 unkeyed" in out
    code, out, err = run(capsys, "verify", str(tmp_path / "missing"))
    assert code == 1 and out == "" and err.count("\n") == 1 and "no such folder" in err
    code, out, err = run(capsys, "verify", "--bogus")
    assert code == 2
