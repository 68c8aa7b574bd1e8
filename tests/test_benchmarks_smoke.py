"""Smoke test of the benchmark runner: it runs end to end and reports every target.

No timing is asserted (benchmarks run on demand: ``python -m benchmarks``); this
only checks that the runner, its probes and the scaled corpus work.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import orjson

from benchmarks import corpus
from benchmarks.__main__ import TARGET_KEYS

ROOT = Path(__file__).resolve().parent.parent


def test_scaled_corpus_varies_test_ids_and_names_but_keeps_the_bytes(tmp_path):
    sources = corpus.load_sources()
    unit = len(sources) + 20  # every recording once, then a second copy of 20
    built = corpus.build(tmp_path, 1, unit, sources)
    files = corpus.corpus_files(tmp_path)
    assert built.files == len(files) == unit
    assert len({os.path.basename(f) for f in files}) == unit  # copies get new names
    copied = [s for s in sources[:20] if s.test_id]
    assert copied, "the corpus should have recordings with a test id"
    for src in copied:
        copy = orjson.loads(corpus.copy_bytes(src, 1))
        original = orjson.loads(src.data)
        assert copy["test_id"] != original["test_id"]
        assert "_c001.py::" in copy["test_id"] or copy["test_id"].endswith("_c001")
        copy["test_id"] = original["test_id"]
        if isinstance(copy.get("request"), dict) and "test_id" in copy["request"]:
            copy["request"]["test_id"] = original["request"]["test_id"]
        assert copy == original  # nothing else changed


def test_runner_reports_every_target(tmp_path):
    out = tmp_path / "report.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--scales", "1", "--quick", "--unit", "300",
         "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(out.read_text())
    assert set(report["targets"]) == set(TARGET_KEYS)
    for key, target in report["targets"].items():
        assert target["value"] > 0 and target["baseline"] > 0, key
        assert target["ratio"] > 0 and isinstance(target["passed"], bool), key
    assert report["scaling"][0]["files"] == 300
    for line in report["lines"]:  # one printed line per target
        assert line in proc.stdout and ("PASS" in line or "FAIL" in line)
    assert report["machine"]["nproc"] >= 1


def test_runner_help():
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "--scales" in proc.stdout and "--quick" in proc.stdout
