"""Replay every input that ever broke something (see README.md in this folder).

``inputs/``: fixed; each must be handled cleanly forever.
``known/``: found, not fixed yet; each must still show its problem: when the
fix lands the test fails, as a reminder to move the file to ``inputs/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.fuzz import exercise

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


def test_known_issues_are_still_open_and_listed():
    """Each file in ``known/`` still shows its problem (when one no longer
    does, it is fixed: move it to ``inputs/``), and README.md lists exactly
    the files there."""
    fixed = [p.name for p in KNOWN if not exercise(p)]
    assert fixed == [], f"fixed now, move to inputs/: {fixed}"
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    known_part = readme[readme.index("## Known, not fixed yet"):]
    listed = sorted(set(re.findall(r"`([\w.-]+\.json)`", known_part)))
    assert listed == [p.name for p in KNOWN]
