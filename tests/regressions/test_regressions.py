"""Replay every input that ever broke something (see README.md in this folder).

``inputs/``: fixed; each must be handled cleanly forever.
``known/``: found, not fixed yet; marked xfail(strict): when the fix lands the
test XPASSes and fails, as a reminder to move the file to ``inputs/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz_support import exercise

HERE = Path(__file__).parent
INPUTS = sorted((HERE / "inputs").glob("*.json"))
KNOWN = sorted((HERE / "known").glob("*.json"))


def test_there_are_regression_inputs():
    assert len(INPUTS) >= 3
    assert sorted(p.name for p in (HERE / "inputs").iterdir()) == [p.name for p in INPUTS]


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_regression_input_is_handled(path):
    problems = exercise(path)
    assert problems == [], "\n".join(problems)


@pytest.mark.xfail(strict=True, reason="known issue, not fixed yet (see README.md)")
@pytest.mark.parametrize("path", KNOWN, ids=lambda p: p.stem)
def test_known_issue_is_still_open(path):
    problems = exercise(path)
    assert problems == [], "\n".join(problems)
