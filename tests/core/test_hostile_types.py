"""No code execution from data: ``__type__`` names are labels, never callables.

Recordings whose envelopes name ``os.system``, ``builtins.eval``,
``subprocess.Popen``, ``__import__`` or an importable module of our own (which
would announce its import) are read, shown, exported, replayed, diffed and
indexed while every way to run something is guarded. The type names must stay
in the loaded data as plain strings.
"""

from __future__ import annotations

import builtins
import contextlib
import copy
import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import orjson
import pytest

from tests.corpus_paths import SEED
from tests.support.fuzz import dump, run_cli
from recviewer.core.catalog.scan import scan
from recviewer.core.diff import diff_recordings
from recviewer.core.export.markdown import recording_to_markdown
from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording
from recviewer.core.replay import ReplayCursor
from recviewer.core.transcript import transcript

EVIL_MODULE = "recviewer_evil_payload_module"
DANGEROUS = ("os.system", "builtins.eval", "builtins.exec", "subprocess.Popen", "__import__",
             "posix.system", "importlib.import_module", f"{EVIL_MODULE}.boom", "pickle.loads")
PAYLOAD = "touch /tmp/recviewer-pwned; __import__('os').system('id')"


def _envelope(type_name: str, data: Any) -> dict:
    return {"__type__": type_name, "__data__": data}


def _hostile_documents() -> dict[str, Any]:
    seed = orjson.loads(SEED.read_bytes())
    docs: dict[str, Any] = {}
    for name in DANGEROUS:
        doc = copy.deepcopy(seed)
        for chunk in doc["response"]["body"][:3]:
            chunk["__type__"] = name  # stream chunks claim to be the callable
        doc["request"]["body"]["messages"][0] = _envelope(
            name, {"role": "user", "content": PAYLOAD, "args": [PAYLOAD], "kwargs": {"shell": True}})
        doc["request"]["body"]["metadata"] = _envelope(name, PAYLOAD)  # non-dict payload
        docs[f"chunks-{name}"] = doc
        docs[f"top-{name}"] = _envelope(name, copy.deepcopy(seed))  # the whole file wrapped
        docs[f"response-{name}"] = {**copy.deepcopy(seed), "response": _envelope(
            name, {"body": _envelope(name, {"cmd": PAYLOAD}), "is_streaming": False})}
    docs["reduce-style"] = {**copy.deepcopy(seed), "extra": {
        "__reduce__": ["os.system", [PAYLOAD]], "py/object": "os.system", "py/reduce": [
            {"py/function": "os.system"}, {"py/tuple": [PAYLOAD]}],
        "yaml": f"!!python/object/apply:os.system ['{PAYLOAD}']",
        "__type__": "subprocess.Popen", "__data__": {"args": PAYLOAD}, "__class__": "os.system"}}
    docs["type-not-a-string"] = _envelope({"__type__": "os.system"}, copy.deepcopy(seed))
    return docs


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name, doc in _hostile_documents().items():
        (folder / f"{name}.json").write_text(dump(doc))
    module = tmp_path / "modules" / f"{EVIL_MODULE}.py"
    module.parent.mkdir()
    module.write_text("import builtins\nbuiltins.__recviewer_pwned__ = True\n"
                      "def boom(*a, **k):\n    builtins.__recviewer_pwned__ = True\n")
    return folder


@contextlib.contextmanager
def guards(modules_dir: Path) -> Iterator[list[str]]:
    """While active, every way the payload could run records itself in the list."""
    calls: list[str] = []

    def trap(name: str):
        def called(*args: Any, **kwargs: Any) -> Any:
            calls.append(f"{name}{args!r:.80}")
            raise PermissionError(f"{name} called while handling a recording")
        return called

    real_import, real_import_module = builtins.__import__, importlib.import_module
    suspicious = {EVIL_MODULE, "pickle", "marshal", "yaml", "ctypes"}

    def guarded_import(name, *args, **kwargs):
        if name.split(".")[0] in suspicious and name.split(".")[0] not in sys.modules:
            calls.append(f"__import__({name!r})")
        return real_import(name, *args, **kwargs)

    def guarded_import_module(name, package=None):
        if not name.startswith("recviewer."):
            calls.append(f"import_module({name!r})")
        return real_import_module(name, package)

    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(os.fspath(modules_dir))
        for mod, attr in ((os, "system"), (os, "popen"), (os, "execv"), (os, "execve"),
                          (os, "posix_spawn"), (subprocess, "Popen"), (subprocess, "run"),
                          (builtins, "eval"), (builtins, "exec"), (builtins, "compile")):
            mp.setattr(mod, attr, trap(f"{mod.__name__}.{attr}"))
        mp.setattr(builtins, "__import__", guarded_import)
        mp.setattr(importlib, "import_module", guarded_import_module)
        yield calls


def _strings(value: Any) -> set[str]:
    out: set[str] = set()
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            out.add(v)
        elif isinstance(v, dict):
            out.update(k for k in v if isinstance(k, str))
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return out


def test_dangerous_type_names_are_never_called(hostile_folder):
    files = sorted(hostile_folder.glob("*.json"))
    assert len(files) == 3 * len(DANGEROUS) + 2
    unread, cli_errors = [], []
    for argv in (["show", SEED], ["replay", SEED], ["diff", SEED, SEED], ["index", SEED.parent]):
        run_cli([os.fspath(a) for a in argv])  # import every module before the guards
    with guards(hostile_folder.parent / "modules") as calls:
        for path in files:
            rec = read_recording(path)
            if not isinstance(rec, Recording):
                unread.append(rec)  # odd labels must not make a file unreadable
                continue
            cursor = ReplayCursor(rec.exchange)
            cursor.seek(len(cursor))
            recording_to_markdown(rec)
            transcript(rec)
            diff_recordings(rec, rec)
            for argv in (["show", os.fspath(path)], ["show", os.fspath(path), "--json"],
                         ["replay", os.fspath(path)], ["diff", os.fspath(path), os.fspath(SEED)],
                         ["diff", os.fspath(path), os.fspath(SEED), "--structural"]):
                code, _, err = run_cli(argv)
                if "internal error" in err or "cannot compare" in err:
                    cli_errors.append((argv, err))
        catalog = scan(hostile_folder)
    assert calls == []
    assert not hasattr(builtins, "__recviewer_pwned__")
    assert EVIL_MODULE not in sys.modules
    assert unread == [] and cli_errors == []
    assert len(catalog.refs) == len(files) and catalog.errors == 0


@pytest.mark.parametrize("name", DANGEROUS)
def test_type_names_and_payloads_stay_plain_data(hostile_folder, name):
    rec = read_recording(hostile_folder / f"chunks-{name}.json")
    assert isinstance(rec, Recording)
    strings = _strings(rec.raw)
    assert name in strings  # the label is kept, as a string
    assert PAYLOAD in strings  # and so is the payload
    first = rec.raw["request"]["body"]["messages"][0]
    assert first["__type__"] == name and first["content"] == PAYLOAD
    assert rec.exchange.request_messages[0].text == PAYLOAD  # shown as text, nothing more
    # a non-object payload is unwrapped to the bare value (the label is dropped, not run)
    assert rec.raw["request"]["body"]["metadata"] == PAYLOAD
    code, out, _ = run_cli(["show", os.fspath(hostile_folder / f"chunks-{name}.json")])
    assert code == 0 and PAYLOAD in out


def test_a_non_string_type_is_shown_as_its_repr(hostile_folder):
    rec = read_recording(hostile_folder / "type-not-a-string.json")
    assert isinstance(rec, Recording)
    assert rec.raw["__type__"] == repr({"__type__": "os.system"})


def test_the_guards_do_catch_a_call(tmp_path):
    refused = 0
    with guards(tmp_path) as calls:
        for attempt in (lambda: os.system("true"), lambda: eval("1")):
            try:
                attempt()
            except PermissionError:
                refused += 1
    assert refused == 2
    assert [c.split("(")[0] for c in calls] == ["os.system", "builtins.eval"]
