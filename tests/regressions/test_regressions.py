"""Replay every input that ever broke something (see README.md in this folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz_support import exercise

INPUTS = sorted((Path(__file__).parent / "inputs").iterdir())


def test_there_are_regression_inputs():
    assert len(INPUTS) >= 3
    assert all(p.suffix == ".json" for p in INPUTS)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_regression_input_is_handled(path):
    problems = exercise(path)
    assert problems == [], "\n".join(problems)
