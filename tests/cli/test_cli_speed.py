"""What the command line imports and caches (no timing asserted: which modules
a run loads, and what the catalog cache holds after it)."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys

import orjson

from recviewer import cli
from recviewer.core.catalog.cache import CatalogCache, cache_path
from tests.conftest import ROOT
from tests.corpus_paths import INFERENCE, TOOL_RUNTIME

_LOADED = """
import sys
from recviewer.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print("\\n@@" + " ".join(sorted(sys.modules)), file=sys.stderr)
raise SystemExit(code)
"""


def _run(*args: str) -> tuple[int, str, set[str]]:
    """Run the CLI in a fresh interpreter; (exit code, stdout, modules it loaded)."""
    proc = subprocess.run([sys.executable, "-c", _LOADED, *args], cwd=ROOT, env=dict(os.environ),
                          capture_output=True, text=True, timeout=300)
    err, _, modules = proc.stderr.rpartition("\n@@")
    return proc.returncode, proc.stdout, set(modules.split())


def _commands(modules: set[str]) -> set[str]:
    return {m.rsplit(".", 1)[1] for m in modules if m.startswith("recviewer.cli.")} - {"output"}


def test_help_imports_no_command_module_and_no_core_model():
    code, out, modules = _run("--help")
    assert code == 0
    for name, text in cli.COMMAND_HELP.items():  # every command listed with its help
        assert name in out and text.split()[0] in out
    assert _commands(modules) == set()
    assert not {"recviewer.core.model", "recviewer.core.formats.registry", "sqlite3",
                "PySide6", "yaml"} & modules


def test_a_command_imports_only_its_own_module():
    code, out, modules = _run("cache", "--json")
    assert code == 0 and json.loads(out)["path"] == str(cache_path())
    assert _commands(modules) == {"cache"}
    code, out, modules = _run("index", str(INFERENCE), "--json")
    assert code == 0 and orjson.loads(out)["recordings"]
    assert _commands(modules) == {"index"}
    # a folder of JSON recordings needs no cassette, git or Qt code
    assert not {m for m in modules if m.startswith(("recviewer.core.cassettes", "yaml",
                                                    "recviewer.core.sources", "PySide6",
                                                    "recviewer.ui"))}


def test_the_help_table_says_what_each_module_registers():
    for name in cli.COMMANDS:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        importlib.import_module(f"recviewer.cli.{name}").register(sub)
        (action,) = sub._choices_actions
        assert (action.dest, action.help) == (name, cli.COMMAND_HELP[name])


def test_command_usage_errors_still_exit_2():
    assert cli.main([]) == 2
    assert cli.main(["no-such-command"]) == 2
    assert cli.main(["index", "--jobs", "0"]) == 2


def test_index_fills_the_cache_and_no_cache_bypasses_it(tmp_path, capsys):
    import shutil

    folder = tmp_path / "recordings"
    shutil.copytree(TOOL_RUNTIME, folder)
    assert cli.main(["index", str(folder), "--json", "--no-cache"]) == 0
    plain = capsys.readouterr().out
    assert not cache_path().exists()  # --no-cache: neither used nor filled
    assert cli.main(["index", str(folder), "--json"]) == 0
    cold = capsys.readouterr().out
    with CatalogCache.connect() as store:
        assert store.rows() == len(list(folder.glob("*.json")))
    assert cli.main(["index", str(folder), "--json"]) == 0
    assert capsys.readouterr().out == cold == plain  # the same bytes every way


def test_cache_command_contract_and_clear(tmp_path, capsys):
    import shutil

    folder = tmp_path / "recordings"
    shutil.copytree(INFERENCE, folder)
    assert cli.main(["index", str(folder), "--json"]) == 0
    capsys.readouterr()
    assert cli.main(["cache", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert set(info) == {"path", "exists", "bytes", "rows", "cleared"}
    assert info["path"] == str(cache_path()) and info["exists"] and not info["cleared"]
    assert info["rows"] == len(list(folder.glob("*.json"))) and info["bytes"] > 0
    assert cli.main(["--clear-cache"]) == 0
    out = capsys.readouterr().out
    assert str(cache_path()) in out and not cache_path().exists()
    assert cli.main(["cache", "--clear", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["cleared"] and not info["exists"] and info["rows"] == 0
    assert cli.main(["cache"]) == 0
    assert "no catalog cache yet" in capsys.readouterr().out


def test_index_reads_no_gists_or_tool_names_and_says_so_in_its_cache_rows(tmp_path, capsys,
                                                                           monkeypatch):
    import shutil

    from recviewer.core.catalog import head
    from recviewer.core.catalog.scan import scan

    folder = shutil.copytree(TOOL_RUNTIME, tmp_path / "recordings")
    asked: list[bool] = []
    real = head.tool_names
    monkeypatch.setattr(head, "tool_names", lambda *a: asked.append(True) or real(*a))
    assert cli.main(["index", str(folder), "--json"]) == 0
    assert asked == [] and orjson.loads(capsys.readouterr().out)["recordings"]
    with CatalogCache.connect() as store:
        assert {h for (h,) in store._db.execute("SELECT holds FROM files")} == {0}
    refs = scan(folder, cache=True).refs  # the window's kind of scan: reads them again
    assert asked and any(r.tools for r in refs)
