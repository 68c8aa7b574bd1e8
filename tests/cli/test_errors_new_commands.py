"""Every command added this session, given a missing path, a folder where a
file belongs (or a file where a folder belongs) and a garbage file: the exit
code the command documents and exactly one line on stderr, nothing on stdout."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.corpus_paths import CAS_GROQ_TOOLS_STREAM

GROQ = str(CAS_GROQ_TOOLS_STREAM)


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    (root / "garbage.yaml").write_bytes(b"interactions: [\n  - {request: \x00\n")
    (root / "garbage.json").write_bytes(b"\x00\x01 not json \xff")
    (root / "python.yaml").write_bytes(b"interactions:\n- !!python/object/apply:os.system ['x']\n")
    (root / "folder.json").mkdir()
    (root / "folder.yaml").mkdir()
    (root / "empty").mkdir()
    return root


# (argv with {missing} / {garbage} / ... placeholders, expected exit code)
CASES = [
    # FOLDER commands: a missing folder, a file given as the folder
    (["index", "{missing}", "--json"], 1),
    (["index", "{garbage_yaml}", "--json"], 1),
    (["stats", "{missing}", "--json"], 1),
    (["stats", "{garbage_json}", "--json"], 1),
    (["stats", "{empty}", "--collected", "{folder_json}", "--json"], 1),
    (["stats", "{empty}", "--collected", "{missing}", "--json"], 1),
    (["sequence", "{missing}", "tests/x.py::t", "--json"], 1),
    (["sequence", "{garbage_yaml}", "tests/x.py::t", "--json"], 1),
    (["sequence", "{empty}", "tests/x.py::t", "--json"], 1),
    (["search", "{missing}", "weather", "--json"], 1),
    (["search", "{garbage_json}", "weather", "--json"], 1),
    (["verify", "{missing}", "--json"], 1),
    (["verify", "{garbage_yaml}", "--json"], 1),
    (["setdiff", "{missing}", "{empty}", "--json"], 2),
    (["setdiff", "{garbage_json}", "{empty}", "--json"], 2),
    (["setdiff", "--repo", "{empty}", "HEAD~1", "HEAD", "--json"], 2),
    (["index", "--repo", "{missing}", "--rev", "HEAD", "--json"], 1),
    # FILE commands: missing, a folder, garbage, a refused tag, no such interaction
    (["show", "{missing}", "--json"], 1),
    (["show", "{folder_yaml}", "--json"], 1),
    (["show", "{garbage_yaml}", "--json"], 1),
    (["show", "{python_yaml}", "--json"], 1),
    (["show", GROQ + "#7", "--json"], 1),
    (["replay", "{folder_json}", "--json"], 1),
    (["replay", "{garbage_json}", "--json"], 1),
    (["replay", "{garbage_yaml}#0", "--json"], 1),
    (["diff", "{garbage_yaml}", GROQ + "#0", "--json"], 2),
    (["diff", GROQ + "#0", "{folder_yaml}", "--json"], 2),
    (["explain", "{missing}", "--json"], 1),
    (["explain", "{folder_json}", "--json"], 1),
    (["explain", "{garbage_json}", "--json"], 1),
    (["explain", GROQ, "{missing}", "--json"], 1),
    # capture: no command is a usage error; a file where the folder goes is not
    (["capture", "{empty}", "--json"], 2),
    (["capture", "{garbage_json}", "--json", "--", sys.executable, "-c", "pass"], 1),
]


def _fill(arg: str, root) -> str:
    names = {"missing": root / "missing.yaml", "garbage_yaml": root / "garbage.yaml",
             "garbage_json": root / "garbage.json", "python_yaml": root / "python.yaml",
             "folder_json": root / "folder.json", "folder_yaml": root / "folder.yaml",
             "empty": root / "empty"}
    for key, value in names.items():
        arg = arg.replace("{" + key + "}", str(value))
    return arg


@pytest.mark.parametrize("argv, code", CASES, ids=[" ".join(a[:2]) + f"-{i}"
                                                     for i, (a, _) in enumerate(CASES)])
def test_one_line_and_the_documented_exit_code(bad, argv, code):
    args = [_fill(a, bad) for a in argv]
    out = subprocess.run([sys.executable, "-m", "recviewer.cli", *args], capture_output=True,
                         check=False, timeout=120)
    err = out.stderr.decode("utf-8", "replace")
    assert out.returncode == code, (args, err)
    assert err.count("\n") == 1 and err.startswith("recviewer-cli: "), err
    assert "Traceback" not in err and out.stdout == b""
