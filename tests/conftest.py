"""Shared fixtures: the real corpus kept in the repository (tests/data/corpus)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recviewer.core.formats.registry import read_recording
from recviewer.core.model import Recording

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("RECVIEWER_CORPUS", ROOT / "tests" / "data" / "corpus"))
RECORDINGS = CORPUS / "recordings" / "tests" / "integration"
SEED = RECORDINGS / "responses/recordings/e30bc6408e187b53410bc3eabdac9c9beeb98bab989d49120681b0633e8a7d83.json"
LARGEST = RECORDINGS / "responses/recordings/0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json"


def read_ok(path: Path | str, fmt: str | None = None) -> Recording:
    """A file read as a Recording (the test fails on a RecordingError), of
    format ``fmt`` when one is given."""
    rec = read_recording(path)
    assert isinstance(rec, Recording), str(rec)
    if fmt is not None:
        assert rec.format == fmt, rec.format
    return rec


def corpus_files() -> list[Path]:
    """Every *.json under the corpus, sorted (stable parametrisation)."""
    return sorted(CORPUS.rglob("*.json"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"corpus not found at {CORPUS} (set RECVIEWER_CORPUS)")
    return CORPUS
