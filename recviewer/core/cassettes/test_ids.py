"""Test ids from cassette paths (pytest-recording / pytest-vcr conventions).

``<dir>/cassettes/<module>/[Class.]test[params].yaml`` →
``<dir>/<module>.py::[Class::]test[params]``; with no module level
(``tests/cassettes/Class.test.yaml``) → ``<dir>::[Class::]test``. ``<dir>``
starts at the last ``tests`` (or ``test``) folder above the cassettes. Parameters
may hold dots, spaces and parentheses: the class is split off only before the
first ``[``. A second cassette of the same test (``x.xai.yaml`` beside
``x.yaml``) gets the same id.
"""

from __future__ import annotations

SUFFIXES = (".yaml.gz", ".yml.gz", ".yaml", ".yml", ".json")
COMPANION_SUFFIXES = (".xai",)
TEST_ROOTS = ("tests", "test")


def test_name(file_name: str) -> str:
    name = file_name
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    for suffix in COMPANION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


def _node(name: str) -> str:
    bracket = name.find("[")
    head, params = (name, "") if bracket < 0 else (name[:bracket], name[bracket:])
    return "::".join(p for p in head.split(".") if p) + params if head else name


def cassette_test_id(rel_path: str) -> str:
    """The pytest node id a cassette at ``rel_path`` ('/'-separated) belongs to."""
    parts = [p for p in rel_path.split("/") if p]
    if not parts:
        return rel_path
    node = _node(test_name(parts[-1]))
    folders = parts[:-1]
    if "cassettes" in folders:
        at = len(folders) - 1 - folders[::-1].index("cassettes")
        base, modules = folders[:at], folders[at + 1:]
    else:
        base, modules = folders, []
    # The test folder starts at the last ``tests``/``test`` folder before the
    # cassettes (the suite's own root), so the id does not depend on where a
    # scan started or on the working folder.
    tops = [i for i, name in enumerate(base) if name in TEST_ROOTS]
    if tops:
        base = base[tops[-1]:]
    prefix = "/".join(base)
    if modules:
        module = "/".join(modules) + ".py"
        return f"{prefix}/{module}::{node}" if prefix else f"{module}::{node}"
    return f"{prefix}::{node}" if prefix else node
