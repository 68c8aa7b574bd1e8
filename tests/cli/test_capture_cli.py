"""recviewer-cli capture: a real subprocess run against a stand-in of the ogx recorder
module (``ogx/testing/api_recorder.py`` with the real one's function names and shapes).

Every replay miss — in the command and in a Python process it starts — becomes one
miss file in DIR, nothing else is written, the command's exit code comes back, and a
recorder whose internals differ gives one warning line and an unbroken run.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from recviewer.core.keys.compute import inference_key, tool_key
from recviewer.core.keys.explain import MISS, explain, parse_query
from recviewer.core.keys.miss import FIELDS, parse_miss

ROOT = Path(__file__).resolve().parents[2]

# The stand-in: same module path, same function names and signatures as
# ogx.testing.api_recorder, the same key rule (without normalisation: the
# bodies here need none) and the same "Recording not found" errors.
RECORDER = '''
import hashlib, json
from urllib.parse import urlparse

_test_context = None
_recordings = {}

def get_test_context():
    return _test_context

def set_test_context(test_id):
    global _test_context
    _test_context = test_id

def normalize_inference_request(method, url, headers, body):
    parsed = urlparse(url)
    normalized = {"method": method.upper(), "endpoint": parsed.path, "body": body,
                  "test_id": get_test_context()}
    return hashlib.sha256(json.dumps(normalized, sort_keys=True).encode()).hexdigest()

def normalize_tool_request(provider_name, tool_name, kwargs):
    normalized = {"provider": provider_name, "tool_name": tool_name, "kwargs": kwargs}
    return hashlib.sha256(json.dumps(normalized, sort_keys=True).encode()).hexdigest()

async def _patched_inference_method(original_method, self, client_type, endpoint, *args, **kwargs):
    url = "http://0.0.0.0:11434/v1" + endpoint
    body = kwargs
    request_hash = normalize_inference_request("POST", url, {}, body)
    if request_hash in _recordings:
        return _recordings[request_hash]
    raise RuntimeError(
        f"Recording not found for request hash: {request_hash}\\n"
        f"Model: {body.get('model', 'unknown')} | Request: POST {url}\\n"
        f"\\n"
        f"Run './scripts/integration-tests.sh --inference-mode record-if-missing' with required API keys to generate.")

async def _patched_tool_invoke_method(original_method, provider_name, self, tool_name, kwargs, authorization=None):
    request_hash = normalize_tool_request(provider_name, tool_name, kwargs)
    if request_hash in _recordings:
        return _recordings[request_hash]
    raise RuntimeError(f"Recording not found for {provider_name}.{tool_name} | Request: {kwargs}\\n")

def patch_inference_clients():
    async def patched_chat_completions_create(self, *args, **kwargs):
        return await _patched_inference_method(None, self, "openai", "/chat/completions", *args, **kwargs)
    return patched_chat_completions_create
'''

RUN = '''
import asyncio, os, subprocess, sys
from ogx.testing import api_recorder as rec

rec.set_test_context("tests/integration/inference/test_x.py::test_a[m]")
create = rec.patch_inference_clients()
key_hit = rec.normalize_inference_request("POST", "http://0.0.0.0:11434/v1/chat/completions", {},
                                          {"model": "m", "messages": [{"role": "user", "content": "hit"}]})
rec._recordings[key_hit] = {"ok": True}

async def main():
    assert await create(None, model="m", messages=[{"role": "user", "content": "hit"}]) == {"ok": True}
    for text in ("one", "two", "one"):  # the repeated miss is the same request
        try:
            await create(None, model="m", messages=[{"role": "user", "content": text}])
        except RuntimeError as exc:
            assert "Recording not found" in str(exc)
        else:
            raise AssertionError("no miss")

asyncio.run(main())
child = subprocess.run([sys.executable, "child.py"])
print("run finished", child.returncode)
sys.exit(3)
'''

CHILD = '''
import asyncio
from ogx.testing import api_recorder as rec

async def main():
    try:
        await rec._patched_tool_invoke_method(None, "tavily", None, "web_search", {"query": "q"})
    except RuntimeError:
        pass

asyncio.run(main())
'''


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _capture(tmp_path: Path, capture_dir: Path, *command: str, extra_path: str = "",
             json_out: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), str(tmp_path / "pkg"),
                                                      extra_path) if p))
    env.pop("RECVIEWER_CAPTURE_DIR", None)
    argv = [sys.executable, "-m", "recviewer.cli", "capture", str(capture_dir)]
    argv += ["--json"] if json_out else []
    return subprocess.run([*argv, "--", *command], capture_output=True, text=True, env=env,
                          cwd=tmp_path / "work", timeout=120)


def _setup(tmp_path: Path, recorder: str = RECORDER) -> None:
    _write(tmp_path / "pkg", {"ogx/__init__.py": "", "ogx/testing/__init__.py": "",
                              "ogx/testing/api_recorder.py": recorder})
    _write(tmp_path / "work", {"run.py": RUN, "child.py": CHILD,
                               "recordings/keep.json": '{"test_id": null}'})


def test_capture_writes_one_file_per_miss_and_nothing_else(tmp_path):
    _setup(tmp_path)
    before = _snapshot(tmp_path)
    capture_dir = tmp_path / "misses"
    proc = _capture(tmp_path, capture_dir, sys.executable, "run.py")
    assert proc.returncode == 3, proc.stderr  # the command's exit code
    assert "run finished 0" in proc.stdout
    assert proc.stderr == ""
    summary = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert summary["command_exit"] == 3 and len(summary["misses"]) == 3
    after = _snapshot(tmp_path)
    new = sorted(set(after) - set(before))
    assert all(p.startswith("misses/miss-") and p.endswith(".json") for p in new)
    assert len(new) == 3  # "one", "two" (once) and the child's tool miss
    assert {k: after[k] for k in before} == before  # nothing else changed
    misses = [parse_miss(json.loads((tmp_path / p).read_text(encoding="utf-8"))) for p in new]
    assert all(m is not None for m in misses)
    for p in new:
        assert set(json.loads((tmp_path / p).read_text(encoding="utf-8"))) >= set(FIELDS)
    by_text = {}
    for m in misses:
        if m.url.startswith("tool://"):
            assert m.body == {"query": "q"} and m.key == tool_key("tavily", "web_search", m.body)
            assert "Recording not found for tavily.web_search" in m.error
            continue
        by_text[m.body["messages"][0]["content"]] = m
        assert m.method == "POST" and m.url == "http://0.0.0.0:11434/v1/chat/completions"
        assert m.test_id == "tests/integration/inference/test_x.py::test_a[m]"
        assert m.key == inference_key(m.method, m.url, m.body, m.test_id)  # our rule agrees
        assert m.error.startswith(f"Recording not found for request hash: {m.key}")
    assert sorted(by_text) == ["one", "two"]
    # a captured miss is a query for explain, with its own key
    q = parse_query((tmp_path / new[0]).read_bytes())
    assert q.source == MISS and q.key is not None
    assert explain(q, tmp_path / "work" / "recordings").exact is None


def test_recorder_with_other_internals_warns_once_and_runs_on(tmp_path):
    recorder = RECORDER.replace("async def _patched_inference_method", "async def _other_name")
    recorder = recorder.replace("return await _patched_inference_method", "return await _other_name")
    _setup(tmp_path, recorder)
    proc = _capture(tmp_path, tmp_path / "misses", sys.executable, "run.py", json_out=False)
    assert proc.returncode == 3
    assert "run finished 0" in proc.stdout
    lines = proc.stderr.splitlines()
    warnings = [ln for ln in lines if ln.startswith("recviewer capture: ")]
    assert len(warnings) == 2  # once per process (the run and its child)
    assert "_patched_inference_method" in warnings[0] and "not captured" in warnings[0]
    assert "0 replay misses captured" in proc.stdout
    assert list((tmp_path / "misses").iterdir()) == []


def test_an_existing_sitecustomize_still_runs_and_bad_commands(tmp_path):
    _setup(tmp_path)
    _write(tmp_path / "site", {"sitecustomize.py": "print('their sitecustomize ran')\n"})
    proc = _capture(tmp_path, tmp_path / "misses", sys.executable, "-c", "print('hello')",
                    extra_path=str(tmp_path / "site"))
    assert proc.returncode == 0
    # printed by the CLI process and, chained behind the hook, by the command
    assert proc.stdout.count("their sitecustomize ran") == 2 and "hello" in proc.stdout
    missing = _capture(tmp_path, tmp_path / "misses", str(tmp_path / "no-such-program"))
    assert missing.returncode == 127 and missing.stderr.count("\n") == 1
    no_command = subprocess.run([sys.executable, "-m", "recviewer.cli", "capture",
                                 str(tmp_path / "misses")], capture_output=True, text=True,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
    assert no_command.returncode == 2


def test_capture_folder_lists_its_misses(tmp_path):
    from recviewer.core.keys.miss import Miss, list_misses

    _setup(tmp_path)
    capture_dir = tmp_path / "misses"
    assert _capture(tmp_path, capture_dir, sys.executable, "run.py").returncode == 3
    (capture_dir / "miss-broken.json").write_text("{", encoding="utf-8")
    listed = list_misses(str(capture_dir))
    assert len(listed) == 4
    assert sum(isinstance(m, Miss) for _, m in listed) == 3
    assert [p for p, m in listed if not isinstance(m, Miss)] == [str(capture_dir / "miss-broken.json")]
